package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"pcii/policies"
	"pcii/server"
)

// policyGrants reads policies/policy.csv into role -> "object action".
// It parses the file itself rather than asking Casbin, so the test does
// not share the enforcer that the server uses.
func policyGrants(t *testing.T) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open("../policies/policy.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	grants := map[string]map[string]bool{}
	scan := bufio.NewScanner(f)
	for scan.Scan() {
		line := strings.TrimSpace(scan.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, ",")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if len(fields) != 5 || fields[0] != "p" {
			t.Fatalf("policy line %q: want p, role, domain, object, action", line)
		}
		role := fields[1]
		if grants[role] == nil {
			grants[role] = map[string]bool{}
		}
		grants[role][fields[3]+" "+fields[4]] = true
	}
	if err := scan.Err(); err != nil {
		t.Fatal(err)
	}
	return grants
}

// matrixActor is one caller of the matrix.
type matrixActor struct {
	name  string
	login string // "" for an anonymous caller
	role  string
}

// matrixCase is one request of the matrix. perm is the "object action"
// that the route's group requires, "" for routes open to every signed-in
// user and "public" for routes that need no sign-in. allowed returns the
// status for an actor whose role has perm.
type matrixCase struct {
	route  string // method and gin path, as in the route table
	method string
	path   string
	body   any
	// rawBody, when set, is sent as is with contentType instead of body.
	rawBody     []byte
	contentType string
	perm        string
	allowed     func(a matrixActor) int
}

func status(n int) func(matrixActor) int { return func(matrixActor) int { return n } }

// byLogin returns the status for the listed logins and def for the rest.
func byLogin(def int, special map[string]int) func(matrixActor) int {
	return func(a matrixActor) int {
		if st, ok := special[a.login]; ok {
			return st
		}
		return def
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	env := newTestEnv(t)
	grants := policyGrants(t)
	published := publishOne(t, env)

	// A draft of MINSOC's service 2 that names FNS as a provider: its own
	// specialist may edit it, FNS may not see it until it is submitted, and
	// ADM-SAMARA never.
	spec := env.login("spec")
	draftBody := chartBody("FNS")
	draftBody.ServiceCode = "6300000000000000002"
	var draft chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": draftBody}, &draft); st != http.StatusCreated {
		t.Fatalf("create draft: status %d %s", st, draft.Message)
	}
	passBody := passportBody("Признание нуждающимися")
	passBody["service_code"] = "6300000000000000002"
	var passport chartJSON
	if st := spec.do("POST", "/api/v1/passports", map[string]any{"body": passBody}, &passport); st != http.StatusCreated {
		t.Fatalf("create passport: status %d %s", st, passport.Message)
	}
	chart := "/api/v1/charts/" + itoa(draft.ID)
	pass := "/api/v1/passports/" + itoa(passport.ID)
	resp := spec.raw("GET", chart+"/revisions/1.xlsx", nil, nil)
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download the draft's form: status %d", resp.StatusCode)
	}
	formType, formBody := multipartWorkbook(t, form)
	var meeting struct {
		ID int64 `json:"id"`
	}
	if st := env.bearer("secretary").do("POST", "/api/v1/meetings", map[string]string{"held_on": "2026-03-12",
		"protocol": "1/2026"}, &meeting); st != http.StatusCreated {
		t.Fatalf("create meeting: status %d", st)
	}
	meetingPath := "/api/v1/meetings/" + itoa(meeting.ID)

	actors := []matrixActor{{name: "anonymous"}}
	for _, u := range []struct{ login, role string }{
		{"spec", policies.RoleSpecialist}, {"samara", policies.RoleSpecialist}, {"fns", policies.RoleSpecialist},
		{"c1", policies.RoleCommission}, {"secretary", policies.RoleSecretary}, {"official", policies.RoleOfficial},
		{"admin", policies.RoleAdmin}, {"exchange", policies.RoleExchange},
	} {
		actors = append(actors, matrixActor{name: u.login + " (" + u.role + ")", login: u.login, role: u.role})
	}
	// Specialists of other authorities: samara may never read MINSOC's
	// drafts, and fns is a provider of the draft but the draft is not
	// submitted yet.
	otherDraft := map[string]int{"samara": http.StatusNotFound, "fns": http.StatusNotFound}
	drafterOnly := func(ownStatus int, others map[string]int) func(matrixActor) int {
		special := map[string]int{"spec": ownStatus}
		for k, v := range others {
			special[k] = v
		}
		return byLogin(http.StatusForbidden, special)
	}
	publisher := byLogin(http.StatusForbidden, map[string]int{"secretary": http.StatusOK})
	secretaryOnly := func(st int) func(matrixActor) int {
		return byLogin(http.StatusForbidden, map[string]int{"secretary": st})
	}
	sameChart := map[string]any{"base_revision": 1, "body": draftBody}
	samePassport := map[string]any{"base_revision": 1, "body": passBody}

	cases := []matrixCase{
		{route: "POST /api/v1/login", method: "POST", path: "/api/v1/login", perm: "public", allowed: status(http.StatusOK)},
		{route: "POST /api/v1/logout", method: "POST", path: "/api/v1/logout", perm: "public", allowed: status(http.StatusNoContent)},
		{route: "GET /api/v1/openapi.json", method: "GET", path: "/api/v1/openapi.json", perm: "public", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/me", method: "GET", path: "/api/v1/me", allowed: status(http.StatusOK)},

		{route: "GET /api/v1/services", method: "GET", path: "/api/v1/services", perm: "registry read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/services/:code", method: "GET", path: "/api/v1/services/6300000000000000001",
			perm: "registry read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/authorities", method: "GET", path: "/api/v1/authorities", perm: "registry read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/data-kinds", method: "GET", path: "/api/v1/data-kinds", perm: "registry read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/services.xlsx", method: "GET", path: "/api/v1/services.xlsx", perm: "registry read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/services/template.xlsx", method: "GET", path: "/api/v1/services/template.xlsx",
			perm: "registry read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/search", method: "GET", path: "/api/v1/search?q=%D0%95%D0%93%D0%A0", perm: "registry read",
			allowed: status(http.StatusOK)},
		// Without a file the administrator gets past the check to a 400.
		{route: "POST /api/v1/services/import", method: "POST", path: "/api/v1/services/import?dry_run=1",
			body: map[string]any{}, perm: "registry manage", allowed: status(http.StatusBadRequest)},
		{route: "GET /api/v1/calendar", method: "GET", path: "/api/v1/calendar", allowed: status(http.StatusOK)},
		{route: "PUT /api/v1/calendar/:day", method: "PUT", path: "/api/v1/calendar/2026-05-04",
			body: map[string]any{"working": false, "name": "Праздник"}, perm: "registry manage", allowed: status(http.StatusOK)},
		{route: "DELETE /api/v1/calendar/:day", method: "DELETE", path: "/api/v1/calendar/2026-05-04",
			perm: "registry manage", allowed: status(http.StatusNoContent)},

		{route: "GET /api/v1/charts", method: "GET", path: "/api/v1/charts", perm: "chart read", allowed: status(http.StatusOK)},
		{route: "POST /api/v1/charts", method: "POST", path: "/api/v1/charts", body: map[string]any{"body": draftBody},
			perm: "chart read", allowed: drafterOnly(http.StatusConflict, nil)},
		{route: "GET /api/v1/charts/:id", method: "GET", path: chart, perm: "chart read",
			allowed: byLogin(http.StatusOK, otherDraft)},
		{route: "GET /api/v1/charts/:id", method: "GET", path: "/api/v1/charts/" + itoa(published), perm: "chart read",
			allowed: status(http.StatusOK)},
		{route: "PUT /api/v1/charts/:id", method: "PUT", path: chart, body: sameChart, perm: "chart read",
			allowed: drafterOnly(http.StatusOK, otherDraft)},
		{route: "GET /api/v1/charts/:id/revisions", method: "GET", path: chart + "/revisions", perm: "chart read",
			allowed: byLogin(http.StatusOK, otherDraft)},
		{route: "GET /api/v1/charts/:id/revisions/:n", method: "GET", path: chart + "/revisions/1", perm: "chart read",
			allowed: byLogin(http.StatusOK, otherDraft)},
		{route: "GET /api/v1/charts/:id/diff", method: "GET", path: chart + "/diff?from=1&to=1", perm: "chart read",
			allowed: byLogin(http.StatusOK, otherDraft)},
		{route: "GET /api/v1/charts/:id/revisions/:n", method: "GET", path: chart + "/revisions/1.xlsx", perm: "chart read",
			allowed: byLogin(http.StatusOK, otherDraft)},
		// The drafter's unchanged form saves no new revision.
		{route: "POST /api/v1/charts/:id/import", method: "POST", path: chart + "/import", contentType: formType,
			rawBody: formBody, perm: "chart read", allowed: drafterOnly(http.StatusOK, otherDraft)},
		// Withdrawing a draft is a conflict for its drafter and forbidden
		// to everyone else who can see it; the draft stays as it is.
		{route: "POST /api/v1/charts/:id/actions/:action", method: "POST", path: chart + "/actions/withdraw",
			perm: "chart read", allowed: drafterOnly(http.StatusConflict, otherDraft)},

		{route: "GET /api/v1/passports", method: "GET", path: "/api/v1/passports", perm: "passport read", allowed: status(http.StatusOK)},
		{route: "POST /api/v1/passports", method: "POST", path: "/api/v1/passports", body: map[string]any{"body": passBody},
			perm: "passport read", allowed: drafterOnly(http.StatusConflict, nil)},
		// Passports are public within the registry: every reader sees drafts.
		{route: "GET /api/v1/passports/:id", method: "GET", path: pass, perm: "passport read", allowed: status(http.StatusOK)},
		{route: "PUT /api/v1/passports/:id", method: "PUT", path: pass, body: samePassport, perm: "passport read",
			allowed: drafterOnly(http.StatusOK, nil)},
		{route: "GET /api/v1/passports/:id/revisions", method: "GET", path: pass + "/revisions", perm: "passport read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/passports/:id/revisions/:n", method: "GET", path: pass + "/revisions/1", perm: "passport read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/passports/:id/diff", method: "GET", path: pass + "/diff?from=1&to=1", perm: "passport read",
			allowed: status(http.StatusOK)},
		{route: "POST /api/v1/passports/:id/actions/:action", method: "POST", path: pass + "/actions/withdraw",
			perm: "passport read", allowed: drafterOnly(http.StatusConflict, nil)},

		{route: "GET /api/v1/routing", method: "GET", path: "/api/v1/routing", perm: "release read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/releases", method: "GET", path: "/api/v1/routing/releases", perm: "release read",
			allowed: status(http.StatusOK)},
		{route: "POST /api/v1/routing/releases", method: "POST", path: "/api/v1/routing/releases?dry_run=1",
			perm: "release read", allowed: publisher},
		{route: "GET /api/v1/routing/keys", method: "GET", path: "/api/v1/routing/keys", perm: "release read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/keys.sig", method: "GET", path: "/api/v1/routing/keys.sig", perm: "release read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/pointer", method: "GET", path: "/api/v1/routing/pointer", perm: "release read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/:serial", method: "GET", path: "/api/v1/routing/1", perm: "release read", allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/:serial", method: "GET", path: "/api/v1/routing/1.sig", perm: "release read",
			allowed: status(http.StatusOK)},
		{route: "GET /api/v1/routing/:serial/diff", method: "GET", path: "/api/v1/routing/1/diff", perm: "release read",
			allowed: status(http.StatusOK)},

		{route: "GET /api/v1/meetings", method: "GET", path: "/api/v1/meetings", perm: "meeting read",
			allowed: status(http.StatusOK)},
		{route: "POST /api/v1/meetings", method: "POST", path: "/api/v1/meetings",
			body: map[string]string{"held_on": "2026-04-09", "protocol": "2/2026"}, perm: "meeting read",
			allowed: secretaryOnly(http.StatusCreated)},
		{route: "GET /api/v1/meetings/:id", method: "GET", path: meetingPath, perm: "meeting read", allowed: status(http.StatusOK)},
		// A draft cannot go on an agenda, so the secretary gets a conflict.
		{route: "POST /api/v1/meetings/:id/agenda", method: "POST", path: meetingPath + "/agenda",
			body: map[string]any{"kind": "chart", "document_id": draft.ID}, perm: "meeting read",
			allowed: secretaryOnly(http.StatusConflict)},
		{route: "GET /api/v1/meetings/:id/protocol.xlsx", method: "GET", path: meetingPath + "/protocol.xlsx",
			perm: "meeting read", allowed: status(http.StatusOK)},

		{route: "GET /api/v1/reports/progress.xlsx", method: "GET", path: "/api/v1/reports/progress.xlsx", perm: "report read",
			allowed: status(http.StatusOK)},
	}

	t.Run("covers the route table", func(t *testing.T) {
		srv := server.New(server.Config{Store: env.store, Workflow: env.flow, Keys: env.keys})
		inMatrix := map[string]bool{}
		for _, c := range cases {
			inMatrix[c.route] = true
		}
		var missing []string
		for _, r := range srv.Routes() {
			key := r.Method + " " + r.Path
			if strings.HasPrefix(r.Path, "/api/v1/") && !inMatrix[key] {
				missing = append(missing, key)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("routes missing from the authorization matrix: %v", missing)
		}
	})

	clients := map[string]*client{}
	for _, a := range actors {
		if a.login == "" {
			clients[a.name] = &client{env: env, http: &http.Client{}}
		} else {
			clients[a.name] = env.bearer(a.login)
		}
	}
	for _, c := range cases {
		for _, a := range actors {
			want := expectedStatus(grants, c, a)
			name := fmt.Sprintf("%s %s as %s", c.method, c.path, a.name)
			body := c.body
			if c.route == "POST /api/v1/login" {
				login := a.login
				if login == "" {
					login = "spec"
				}
				body = map[string]string{"login": login, "password": testPassword}
			}
			var raw []byte
			if body != nil {
				raw, _ = json.Marshal(body)
			}
			contentType := "application/json"
			if c.rawBody != nil {
				raw, contentType = c.rawBody, c.contentType
			}
			resp, data := clients[a.name].sendRaw(c.method, c.path, contentType, raw)
			if resp.StatusCode != want {
				t.Errorf("%s: status %d, want %d: %.200s", name, resp.StatusCode, want, data)
				continue
			}
			if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound {
				// A refusal shows nothing of the document.
				decodeError(t, data)
				if strings.Contains(string(data), "6300000000000000002") || strings.Contains(string(data), "legal_basis") {
					t.Errorf("%s: refusal reveals the document: %s", name, data)
				}
			}
		}
	}

	t.Run("lists hide other authorities' drafts", func(t *testing.T) {
		var page struct {
			Charts []chartJSON `json:"charts"`
		}
		if st := env.bearer("samara").do("GET", "/api/v1/charts", nil, &page); st != http.StatusOK {
			t.Fatalf("list: status %d", st)
		}
		var ids []int64
		for _, c := range page.Charts {
			ids = append(ids, c.ID)
		}
		for _, id := range ids {
			if id == draft.ID {
				t.Errorf("ADM-SAMARA lists MINSOC's draft %d: %v", draft.ID, ids)
			}
		}
		if len(ids) != 1 || ids[0] != published {
			t.Errorf("ADM-SAMARA lists charts %v, want only the published %d", ids, published)
		}
	})
}

// expectedStatus is 401 for an anonymous caller of a signed-in route, 403
// when policy.csv does not grant the actor's role the route's permission,
// and the case's own status otherwise.
func expectedStatus(grants map[string]map[string]bool, c matrixCase, a matrixActor) int {
	switch {
	case c.perm == "public":
		return c.allowed(a)
	case a.login == "":
		return http.StatusUnauthorized
	case c.perm != "" && !grants[a.role][c.perm]:
		return http.StatusForbidden
	}
	return c.allowed(a)
}

// multipartWorkbook returns the content type and body of a form that
// uploads workbook as the field "file".
func multipartWorkbook(t *testing.T, workbook []byte) (string, []byte) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", "form.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	part.Write(workbook)
	w.Close()
	return w.FormDataContentType(), body.Bytes()
}
