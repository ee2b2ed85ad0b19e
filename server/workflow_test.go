package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/accounts"
	"pcii/policies"
	"pcii/routing"
	"pcii/storage"
)

// TestChartLifecycle drives one chart from a draft to the exchange through
// the real HTTP API.
func TestChartLifecycle(t *testing.T) {
	env := newTestEnv(t)
	spec := env.login("spec")

	var chart chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS", "ROSREESTR"),
		"note": "Первая редакция"}, &chart); st != http.StatusCreated {
		t.Fatalf("create chart: status %d, %+v", st, chart)
	}
	id := chart.ID
	path := "/api/v1/charts/" + itoa(id)
	if chart.State != "draft" || chart.Revision != 1 {
		t.Fatalf("new chart: state %s revision %d, want draft 1", chart.State, chart.Revision)
	}

	t.Run("stale save is rejected", func(t *testing.T) {
		edited := chartBody("FNS", "ROSREESTR")
		edited.LegalBasis = "Постановление Правительства Самарской области"
		if st := spec.do("PUT", path, map[string]any{"base_revision": 1, "body": edited}, &chart); st != http.StatusOK {
			t.Fatalf("save on revision 1: status %d", st)
		}
		other := env.login("spec2")
		var conflict chartJSON
		st := other.do("PUT", path, map[string]any{"base_revision": 1, "body": chartBody("FNS", "ROSREESTR")}, &conflict)
		if st != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409", st)
		}
		var now chartJSON
		spec.do("GET", path, nil, &now)
		if now.Revision != 2 || now.Body["legal_basis"] != edited.LegalBasis {
			t.Errorf("after stale save: revision %d legal_basis %v, want revision 2 kept", now.Revision, now.Body["legal_basis"])
		}
	})

	act := func(c *client, action, comment string, want int) chartJSON {
		t.Helper()
		var out chartJSON
		st := c.do("POST", path+"/actions/"+action, map[string]string{"comment": comment}, &out)
		if st != want {
			t.Fatalf("%s: status %d, want %d: %s", action, st, want, out.Message)
		}
		return out
	}

	chart = act(spec, "submit", "", http.StatusOK)
	if diff := cmp.Diff([]string{"FNS", "ROSREESTR"}, chart.Pending); chart.State != "agreement" || diff != "" {
		t.Fatalf("after submit: state %s, pending (-want +got):\n%s", chart.State, diff)
	}
	fns, rosreestr := env.login("fns"), env.login("rosreestr")
	// An authority the chart does not name cannot even see it.
	act(env.login("pfr"), "agree", "", http.StatusNotFound)
	chart = act(fns, "agree", "", http.StatusOK)
	if chart.State != "agreement" {
		t.Fatalf("after one agreement: state %s, want agreement", chart.State)
	}
	act(fns, "agree", "", http.StatusConflict)
	chart = act(rosreestr, "agree", "Уточнить состав сведений", http.StatusOK)
	if chart.State != "review" {
		t.Fatalf("after both agreements: state %s, want review", chart.State)
	}

	t.Run("author may not vote", func(t *testing.T) {
		act(spec, "approve", "", http.StatusForbidden)
		// A move between departments can give an author the commission
		// role. The author rule must still keep it from voting.
		err := env.store.Write(context.Background(), func(tx *storage.Tx) error {
			return tx.SetUserRole(context.Background(), "spec", policies.RoleCommission, nil)
		})
		if err != nil {
			t.Fatal(err)
		}
		out := act(spec, "approve", "", http.StatusForbidden)
		if out.Code != "forbidden" {
			t.Errorf("author vote: code %q, want forbidden", out.Code)
		}
		env.store.Write(context.Background(), func(tx *storage.Tx) error {
			authority := "MINSOC"
			return tx.SetUserRole(context.Background(), "spec", policies.RoleSpecialist, &authority)
		})
	})

	c1, c2 := env.login("c1"), env.login("c2")
	chart = act(c1, "approve", "", http.StatusOK)
	if chart.State != "review" || chart.Approvals != 1 {
		t.Fatalf("after one approval: state %s approvals %d", chart.State, chart.Approvals)
	}
	act(c1, "approve", "", http.StatusConflict)

	t.Run("vote on an older revision does not count", func(t *testing.T) {
		chart = act(c2, "return", "Не указан срок приобщения ответа", http.StatusOK)
		if chart.State != "draft" || chart.Remark != "Не указан срок приобщения ответа" {
			t.Fatalf("after return: state %s remark %q", chart.State, chart.Remark)
		}
		edited := chartBody("FNS", "ROSREESTR")
		edited.Interactions[1].DataComposition = "Кадастровый номер, площадь, правообладатель"
		if st := spec.do("PUT", path, map[string]any{"base_revision": 2, "body": edited}, &chart); st != http.StatusOK {
			t.Fatalf("rework: status %d", st)
		}
		act(spec, "submit", "", http.StatusOK)
		act(fns, "agree", "", http.StatusOK)
		chart = act(rosreestr, "agree", "", http.StatusOK)
		if chart.State != "review" || chart.Approvals != 0 {
			t.Fatalf("revision 3 in review: state %s approvals %d, want review 0", chart.State, chart.Approvals)
		}
		chart = act(c1, "approve", "", http.StatusOK)
		if chart.State != "review" {
			t.Fatalf("one fresh approval: state %s, want review", chart.State)
		}
	})
	chart = act(c2, "approve", "", http.StatusOK)
	if chart.State != "approved" {
		t.Fatalf("after two approvals: state %s, want approved", chart.State)
	}

	secretary := env.login("secretary")
	var preview struct {
		Serial int64 `json:"serial"`
		DryRun bool  `json:"dry_run"`
		Routes int   `json:"routes"`
	}
	if st := secretary.do("POST", "/api/v1/routing/releases?dry_run=1", nil, &preview); st != http.StatusOK ||
		!preview.DryRun || preview.Routes != 2 {
		t.Fatalf("dry run: status %d %+v", st, preview)
	}
	act(c1, "approve", "", http.StatusConflict)
	if st := spec.do("POST", "/api/v1/routing/releases", nil, nil); st != http.StatusForbidden {
		t.Errorf("specialist publishes: status %d, want 403", st)
	}
	if st := secretary.do("POST", "/api/v1/routing/releases", nil, &preview); st != http.StatusCreated || preview.Serial != 1 {
		t.Fatalf("publish: status %d %+v", st, preview)
	}
	spec.do("GET", path, nil, &chart)
	if chart.State != "published" || chart.Published != 3 {
		t.Fatalf("after publish: state %s published %d", chart.State, chart.Published)
	}

	exchange := env.bearer("exchange")
	t.Run("exchange fetches the release with an ETag", func(t *testing.T) {
		resp := exchange.raw("GET", "/api/v1/routing", nil, nil)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != http.StatusOK || etag == "" {
			t.Fatalf("GET routing: status %d etag %q", resp.StatusCode, etag)
		}
		release, err := routing.Decode(body)
		if err != nil {
			t.Fatal(err)
		}
		if len(release.Routes) != 2 || release.Routes[0].ChartRevision != 3 {
			t.Errorf("release routes: %+v", release.Routes)
		}
		resp = exchange.raw("GET", "/api/v1/routing", nil, http.Header{"If-None-Match": {etag}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status %d, want 304", etag, resp.StatusCode)
		}
		if got := resp.Header.Get("ETag"); got != etag {
			t.Errorf("304 ETag %q, want %q", got, etag)
		}

		var sig routing.Signature
		if st := exchange.do("GET", "/api/v1/routing/1.sig", nil, &sig); st != http.StatusOK {
			t.Fatalf("signature: status %d", st)
		}
		keys, err := routing.ParseKeySet(env.keys.JWKS())
		if err != nil {
			t.Fatal(err)
		}
		if err := keys.Verify(body, sig); err != nil {
			t.Errorf("release signature: %v", err)
		}
		if st := exchange.do("GET", "/api/v1/charts", nil, nil); st != http.StatusForbidden {
			t.Errorf("exchange lists charts: status %d, want 403", st)
		}
	})

	t.Run("amendment keeps the published revision and carries agreements over", func(t *testing.T) {
		amended := chartBody("FNS", "ROSREESTR")
		amended.Interactions[1].DataComposition = "Кадастровый номер, площадь, правообладатель"
		amended.Interactions[1].DeadlineDays = 3
		amended.Interactions[1].Deadline.Answer.Value = 3
		if st := spec.do("PUT", path, map[string]any{"base_revision": 3, "body": amended}, &chart); st != http.StatusOK {
			t.Fatalf("amend: status %d %s", st, chart.Message)
		}
		if chart.State != "draft" || chart.Published != 3 || chart.Revision != 4 {
			t.Fatalf("amendment: state %s published %d revision %d", chart.State, chart.Published, chart.Revision)
		}
		chart = act(spec, "submit", "", http.StatusOK)
		if diff := cmp.Diff([]string{"FNS"}, chart.CarriedOver); diff != "" {
			t.Errorf("carried over (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"ROSREESTR"}, chart.Pending); diff != "" {
			t.Errorf("pending (-want +got):\n%s", diff)
		}
		resp := exchange.raw("GET", "/api/v1/routing", nil, nil)
		var release routing.Release
		json.NewDecoder(resp.Body).Decode(&release)
		resp.Body.Close()
		if release.Serial != 1 || release.Routes[0].ChartRevision != 3 {
			t.Errorf("routing during amendment: serial %d revision %d, want 1 and 3", release.Serial, release.Routes[0].ChartRevision)
		}
	})

	var diff struct {
		Changes []struct {
			Path string `json:"path"`
			Op   string `json:"op"`
		} `json:"changes"`
	}
	if st := spec.do("GET", path+"/diff?from=3&to=4", nil, &diff); st != http.StatusOK {
		t.Fatalf("diff: status %d", st)
	}
	wantPaths := []string{"interactions[1].deadline.answer.value", "interactions[1].deadline_days"}
	var gotPaths []string
	for _, c := range diff.Changes {
		gotPaths = append(gotPaths, c.Path)
	}
	if d := cmp.Diff(wantPaths, gotPaths); d != "" {
		t.Errorf("diff paths (-want +got):\n%s", d)
	}
	if broken, _, err := env.store.VerifyAudit(context.Background()); err != nil || broken != 0 {
		t.Errorf("audit chain: broken at %d, %v", broken, err)
	}
}

func itoa(n int64) string { return jsonNumber(n) }

func jsonNumber(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestAmendmentHiddenFromOutsiders checks that a specialist of another
// authority reads a published chart as it is in force, not the amendment
// being drafted.
func TestAmendmentHiddenFromOutsiders(t *testing.T) {
	env := newTestEnv(t)
	id := publishOne(t, env)
	path := "/api/v1/charts/" + itoa(id)
	amended := chartBody("FNS")
	amended.LegalBasis = "Проект изменений"
	var chart chartJSON
	if st := env.login("spec").do("PUT", path, map[string]any{"base_revision": 1, "body": amended}, &chart); st != http.StatusOK {
		t.Fatalf("amend: %d", st)
	}
	outsider := env.login("samara")
	var seen chartJSON
	if st := outsider.do("GET", path, nil, &seen); st != http.StatusOK {
		t.Fatalf("outsider reads a published chart: %d", st)
	}
	if seen.Revision != 1 || seen.State != "published" || seen.Body["legal_basis"] == amended.LegalBasis {
		t.Errorf("outsider sees revision %d in %s with legal basis %v, want revision 1 in force",
			seen.Revision, seen.State, seen.Body["legal_basis"])
	}
	if st := outsider.do("GET", path+"/revisions/2", nil, nil); st != http.StatusNotFound {
		t.Errorf("outsider reads the draft revision: %d, want 404", st)
	}
	if st := outsider.do("GET", path+"/diff?from=1&to=2", nil, nil); st != http.StatusNotFound {
		t.Errorf("outsider diffs against the draft revision: %d, want 404", st)
	}
	var own chartJSON
	env.login("spec2").do("GET", path, nil, &own)
	if own.Revision != 2 || own.State != "draft" {
		t.Errorf("own authority sees revision %d in %s, want the draft revision 2", own.Revision, own.State)
	}
}

// TestLoginNamedLikeRoleStaysInItsAuthority checks that an account whose
// login is a role name gets no rights outside its authority.
func TestLoginNamedLikeRoleStaysInItsAuthority(t *testing.T) {
	env := newTestEnv(t)
	_, err := accounts.CreateHashed(context.Background(), env.store, accounts.NewUser{Login: "specialist",
		Role: policies.RoleSpecialist, Authority: "MINSOC"}, testPasswordHash(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	other := chartBody("FNS")
	other.ServiceCode = "6300000000000000003" // a service of ADM-SAMARA
	other.Interactions[0].RequesterCode = "ADM-SAMARA"
	var out chartJSON
	if st := env.login("specialist").do("POST", "/api/v1/charts", map[string]any{"body": other}, &out); st != http.StatusForbidden {
		t.Errorf("specialist of MINSOC creates a chart of ADM-SAMARA: status %d, want 403", st)
	}
}
