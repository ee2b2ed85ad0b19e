package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"pcii/server"
)

func init() {
	// The key set and the workbook have media types that kin-openapi does
	// not decode by default.
	openapi3filter.RegisterBodyDecoder("application/jwk-set+json", openapi3filter.JSONBodyDecoder)
	openapi3filter.RegisterBodyDecoder(
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openapi3filter.FileBodyDecoder)
}

// loadOpenAPI parses and validates the OpenAPI document served by env, and
// checks that it is the file in the repository.
func loadOpenAPI(t *testing.T, env *testEnv) *openapi3.T {
	t.Helper()
	resp, err := http.Get(env.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json without sign-in: status %d", resp.StatusCode)
	}
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(served, file) {
		t.Fatal("served OpenAPI document differs from server/openapi.json")
	}
	doc, err := openapi3.NewLoader().LoadFromData(served)
	if err != nil {
		t.Fatalf("load OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("OpenAPI document is invalid: %v", err)
	}
	return doc
}

var ginParam = regexp.MustCompile(`:([a-z]+)`)

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	env := newTestEnv(t)
	doc := loadOpenAPI(t, env)
	srv := server.New(server.Config{Store: env.store, Workflow: env.flow, Keys: env.keys})

	var routes []string
	for _, r := range srv.Routes() {
		path, ok := strings.CutPrefix(r.Path, "/api/v1")
		if !ok {
			continue
		}
		routes = append(routes, r.Method+" "+ginParam.ReplaceAllString(path, "{$1}"))
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	if d := cmp.Diff(routes, documented); d != "" {
		t.Errorf("routes (-route table +OpenAPI document):\n%s", d)
	}
}

// apiChecker sends requests and validates each request and response
// against the OpenAPI document.
type apiChecker struct {
	t      *testing.T
	env    *testEnv
	router routers.Router
	// covered holds "METHOD /path/{template}" of every 2xx response.
	covered map[string]bool
}

// call sends the request as c and fails the test unless the status is want
// and the request and response match the document. It returns the body.
func (a *apiChecker) call(c *client, method, path string, body any, want int, header http.Header) []byte {
	a.t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			a.t.Fatal(err)
		}
	}
	return a.send(c, method, path, "application/json", raw, want, header)
}

// upload posts a workbook as the multipart field "file" with the given
// form fields and validates the exchange like call.
func (a *apiChecker) upload(c *client, path string, workbook []byte, fields map[string]string, want int) []byte {
	a.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("file", "upload.xlsx")
	part.Write(workbook)
	w.Close()
	return a.send(c, "POST", path, w.FormDataContentType(), body.Bytes(), want, nil)
}

// send is call with a body that is already encoded as contentType.
func (a *apiChecker) send(c *client, method, path, contentType string, raw []byte, want int, header http.Header) []byte {
	a.t.Helper()
	newRequest := func() *http.Request {
		var r io.Reader
		if raw != nil {
			r = bytes.NewReader(raw)
		}
		req, err := http.NewRequest(method, a.env.URL+path, r)
		if err != nil {
			a.t.Fatal(err)
		}
		if raw != nil {
			req.Header.Set("Content-Type", contentType)
		}
		for k, v := range header {
			req.Header[k] = v
		}
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.csrf != "" {
			req.Header.Set("X-CSRF-Token", c.csrf)
		}
		return req
	}
	resp, err := c.http.Do(newRequest())
	if err != nil {
		a.t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		a.t.Fatalf("%s %s: status %d, want %d: %.400s", method, path, resp.StatusCode, want, data)
	}

	req := newRequest()
	route, params, err := a.router.FindRoute(req)
	if err != nil {
		a.t.Fatalf("%s %s: no operation in the OpenAPI document: %v", method, path, err)
	}
	ctx := context.Background()
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	// Requests sent to provoke a 4xx response break the document on purpose.
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && resp.StatusCode < 400 {
		a.t.Errorf("%s %s: request does not match the OpenAPI document: %v", method, path, err)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
		Header: resp.Header, Options: opts}
	out.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		a.t.Errorf("%s %s: %d response does not match the OpenAPI document: %v\nbody: %.600s",
			method, path, resp.StatusCode, err, data)
	}
	if resp.StatusCode < 300 {
		a.covered[method+" "+route.Path] = true
	}
	return data
}

// passportBody returns a valid passport of service 1.
func passportBody(name string) map[string]any {
	return map[string]any{
		"service_code":  "6300000000000000001",
		"provider_code": "MINSOC",
		"name":          name,
		"legal_acts": []map[string]any{{"type": "Федеральный закон", "number": "256-ФЗ",
			"date": "2006-12-29", "issuer": "Государственная Дума"}},
		"documents": []map[string]any{
			{"name": "Заявление", "source": "applicant"},
			{"name": "СНИЛС", "source": "interdepartmental", "data_kind_code": "VS00648v001_PFR001"},
		},
	}
}

func TestOpenAPIResponses(t *testing.T) {
	env := newTestEnv(t)
	doc := loadOpenAPI(t, env)
	doc.Servers = openapi3.Servers{{URL: env.URL + "/api/v1"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	a := &apiChecker{t: t, env: env, router: router, covered: map[string]bool{}}
	anon := &client{env: env, http: &http.Client{}}

	// Sessions.
	jar, _ := cookiejar.New(nil)
	spec := &client{env: env, http: &http.Client{Jar: jar}}
	a.call(spec, "POST", "/api/v1/login", map[string]string{"login": "spec", "password": "wrong-password"},
		http.StatusUnauthorized, nil)
	var session struct {
		CSRF string `json:"csrf_token"`
	}
	json.Unmarshal(a.call(spec, "POST", "/api/v1/login", map[string]string{"login": "spec", "password": testPassword},
		http.StatusOK, nil), &session)
	spec.csrf = session.CSRF
	a.call(spec, "GET", "/api/v1/me", nil, http.StatusOK, nil)
	a.call(anon, "GET", "/api/v1/me", nil, http.StatusUnauthorized, nil)
	a.call(anon, "GET", "/api/v1/openapi.json", nil, http.StatusOK, nil)

	// Registry.
	a.call(spec, "GET", "/api/v1/services?limit=2", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/services?level=municipal&q=%D1%80%D0%B0%D0%B7%D1%80%D0%B5%D1%88%D0%B5%D0%BD%D0%B8%D1%8F", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/services?level=federal", nil, http.StatusBadRequest, nil)
	a.call(spec, "GET", "/api/v1/services/6300000000000000001", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/services/0000", nil, http.StatusNotFound, nil)
	a.call(spec, "GET", "/api/v1/authorities", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/data-kinds?provider=FNS", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/services.xlsx", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/services/template.xlsx", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/search?q=%D0%B2%D1%8B%D0%BF%D0%B8%D1%81%D0%BA%D0%B0", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/search", nil, http.StatusBadRequest, nil)
	admin := env.bearer("admin")
	a.upload(admin, "/api/v1/services/import?dry_run=1", servicesWorkbook(t), nil, http.StatusOK)
	a.upload(admin, "/api/v1/services/import", []byte("not a workbook"), nil, http.StatusUnprocessableEntity)
	a.call(spec, "GET", "/api/v1/calendar", nil, http.StatusOK, nil)
	a.call(admin, "PUT", "/api/v1/calendar/2026-05-04", map[string]any{"working": false, "name": "Праздник"},
		http.StatusOK, nil)
	a.call(admin, "DELETE", "/api/v1/calendar/2026-05-04", nil, http.StatusNoContent, nil)
	a.call(spec, "PUT", "/api/v1/calendar/2026-05-04", map[string]any{"working": true}, http.StatusForbidden, nil)

	// Charts, through the whole workflow.
	var chart chartJSON
	json.Unmarshal(a.call(spec, "POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS"), "note": "Первая"},
		http.StatusCreated, nil), &chart)
	cpath := "/api/v1/charts/" + itoa(chart.ID)
	a.call(spec, "GET", "/api/v1/charts", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/charts?state=draft&limit=1", nil, http.StatusOK, nil)
	a.call(spec, "GET", cpath, nil, http.StatusOK, nil)
	edited := chartBody("FNS", "ROSREESTR")
	a.call(spec, "PUT", cpath, map[string]any{"base_revision": 1, "body": edited}, http.StatusOK, nil)
	a.call(spec, "PUT", cpath, map[string]any{"base_revision": 1, "body": chartBody("FNS")}, http.StatusConflict, nil)
	bad := chartBody("FNS")
	bad.Interactions[0].ProviderCode = "NOBODY"
	a.call(spec, "PUT", cpath, map[string]any{"base_revision": 2, "body": bad}, http.StatusUnprocessableEntity, nil)
	a.call(spec, "GET", cpath+"/revisions", nil, http.StatusOK, nil)
	a.call(spec, "GET", cpath+"/revisions/1", nil, http.StatusOK, nil)
	a.call(spec, "GET", cpath+"/revisions/9", nil, http.StatusNotFound, nil)
	a.call(spec, "GET", cpath+"/diff?from=1&to=2", nil, http.StatusOK, nil)
	form := a.call(spec, "GET", cpath+"/revisions/2.xlsx", nil, http.StatusOK, nil)
	a.upload(spec, cpath+"/import", form, map[string]string{"base_revision": "2"}, http.StatusOK)
	a.upload(spec, cpath+"/import", []byte("a,b\n1,2\n"), nil, http.StatusUnprocessableEntity)
	a.call(spec, "POST", cpath+"/actions/submit", nil, http.StatusOK, nil)
	a.call(spec, "POST", cpath+"/actions/submit", nil, http.StatusConflict, nil)
	a.call(env.bearer("rosreestr"), "POST", cpath+"/actions/agree",
		map[string]any{"remarks": map[string]string{"0": "Строка ФНС"}}, http.StatusUnprocessableEntity, nil)
	a.call(env.bearer("fns"), "POST", cpath+"/actions/agree", map[string]any{"comment": "Согласовано",
		"remarks": map[string]string{"0": "Уточните состав сведений"}}, http.StatusOK, nil)
	a.call(env.bearer("rosreestr"), "POST", cpath+"/actions/agree", nil, http.StatusOK, nil)
	a.call(env.bearer("c1"), "POST", cpath+"/actions/return", map[string]string{}, http.StatusUnprocessableEntity, nil)
	a.call(env.bearer("c1"), "POST", cpath+"/actions/approve", nil, http.StatusOK, nil)
	a.call(env.bearer("c2"), "POST", cpath+"/actions/approve", nil, http.StatusOK, nil)
	a.call(env.bearer("exchange"), "GET", "/api/v1/charts", nil, http.StatusForbidden, nil)

	// Passports.
	var passport chartJSON
	json.Unmarshal(a.call(spec, "POST", "/api/v1/passports", map[string]any{"body": passportBody("Выдача сертификата")},
		http.StatusCreated, nil), &passport)
	ppath := "/api/v1/passports/" + itoa(passport.ID)
	a.call(spec, "GET", "/api/v1/passports", nil, http.StatusOK, nil)
	a.call(spec, "GET", ppath, nil, http.StatusOK, nil)
	a.call(spec, "PUT", ppath, map[string]any{"base_revision": 1, "body": passportBody("Выдача государственного сертификата")},
		http.StatusOK, nil)
	a.call(spec, "GET", ppath+"/revisions", nil, http.StatusOK, nil)
	a.call(spec, "GET", ppath+"/revisions/2", nil, http.StatusOK, nil)
	a.call(spec, "GET", ppath+"/diff?from=1&to=2", nil, http.StatusOK, nil)
	a.call(spec, "GET", ppath+"/diff", nil, http.StatusBadRequest, nil)
	a.call(spec, "POST", ppath+"/actions/submit", map[string]string{"comment": ""}, http.StatusOK, nil)

	// Commission meetings, with the passport under review on the agenda.
	secretary := env.bearer("secretary")
	var meeting struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal(a.call(secretary, "POST", "/api/v1/meetings", map[string]string{"held_on": "2026-03-12",
		"protocol": "12/2026", "title": "Заседание комиссии"}, http.StatusCreated, nil), &meeting)
	mpath := "/api/v1/meetings/" + itoa(meeting.ID)
	a.call(secretary, "GET", "/api/v1/meetings", nil, http.StatusOK, nil)
	a.call(secretary, "POST", mpath+"/agenda", map[string]any{"kind": "passport", "document_id": passport.ID},
		http.StatusOK, nil)
	a.call(secretary, "POST", mpath+"/agenda", map[string]any{"kind": "passport", "document_id": passport.ID},
		http.StatusConflict, nil)
	a.call(env.bearer("c1"), "GET", mpath, nil, http.StatusOK, nil)
	a.call(secretary, "GET", mpath+"/protocol.xlsx", nil, http.StatusOK, nil)

	// Routing releases.
	exchange := env.bearer("exchange")
	a.call(exchange, "GET", "/api/v1/routing", nil, http.StatusNotFound, nil)
	a.call(exchange, "GET", "/api/v1/routing/pointer", nil, http.StatusNotFound, nil)
	a.call(secretary, "POST", "/api/v1/routing/releases?dry_run=1", nil, http.StatusOK, nil)
	a.call(secretary, "POST", "/api/v1/routing/releases", nil, http.StatusCreated, nil)
	a.call(spec, "POST", "/api/v1/routing/releases", nil, http.StatusForbidden, nil)
	resp := exchange.raw("GET", "/api/v1/routing", nil, nil)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	a.call(exchange, "GET", "/api/v1/routing", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing", nil, http.StatusNotModified, http.Header{"If-None-Match": {etag}})
	a.call(exchange, "GET", "/api/v1/routing?at=2000-01-01T00:00:00Z", nil, http.StatusNotFound, nil)
	a.call(exchange, "GET", "/api/v1/routing?at=yesterday", nil, http.StatusBadRequest, nil)
	a.call(exchange, "GET", "/api/v1/routing/releases", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/keys", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/keys.sig", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/pointer", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/1", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/1.sig", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/7", nil, http.StatusNotFound, nil)
	a.call(exchange, "GET", "/api/v1/routing/1/diff", nil, http.StatusOK, nil)
	a.call(exchange, "GET", "/api/v1/routing/1/diff?from=1", nil, http.StatusOK, nil)

	// Reports, then sign out.
	a.call(env.bearer("official"), "GET", "/api/v1/reports/progress.xlsx", nil, http.StatusOK, nil)
	a.call(spec, "GET", "/api/v1/reports/progress.xlsx", nil, http.StatusForbidden, nil)
	a.call(spec, "POST", "/api/v1/logout", nil, http.StatusNoContent, nil)

	var missing []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !a.covered[method+" "+path] {
				missing = append(missing, method+" "+path)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("operations without a validated 2xx call: %v", missing)
	}
}

// servicesWorkbook returns a services import workbook that adds one
// municipal service with two passport documents.
func servicesWorkbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"Реестровый номер услуги", "Наименование услуги", "Наименование документа", "Уровень услуги",
			"Код органа, предоставляющего услугу", "Источник документа", "Код вида сведений"},
		{"6300000000000000009", "Выдача выписки из похозяйственной книги", "Заявление", "муниципальная",
			"ADM-SAMARA", "заявитель", ""},
		{"", "", "Выписка из ЕГРП", "", "", "межведомственный", "SID0003564"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sheet, cell, &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
