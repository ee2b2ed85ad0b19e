package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/routing"
	"pcii/server"
	"pcii/storage"
	"pcii/workflow"
)

const pagePassword = "page-test-password"

// Codes of the page fixture.
const (
	svcCapital  = "6300000000000000101"
	svcSocial   = "6300000000000000102"
	svcBuilding = "6300000000000000103"
	svcScript   = "6300000000000000104"
	kindEGRUL   = "VS00051v001_FNS001"
	kindEGRP    = "SID0003564"
	kindIncome  = "SID0003525"
	scriptName  = `<script>alert("x")</script> Услуга с разметкой`
)

// pageEnv is the real server over a fresh SQLite file, with a clock the
// test can move.
type pageEnv struct {
	t     *testing.T
	URL   string
	store *storage.Store
	flow  *workflow.Service
	clock *testClock
}

// testClock is a settable clock shared by the workflow and the server.
type testClock struct{ nanos atomic.Int64 }

func (c *testClock) now() time.Time      { return time.Unix(0, c.nanos.Load()).UTC() }
func (c *testClock) set(t time.Time)     { c.nanos.Store(t.UnixNano()) }
func (c *testClock) add(d time.Duration) { c.nanos.Add(int64(d)) }

var pageAuthorities = []charts.Authority{
	{Code: "MINSOC", Name: "Министерство социально-демографической и семейной политики Самарской области",
		Level: charts.LevelRegional, Active: true},
	{Code: "FNS", Name: "Управление ФНС России по Самарской области", Level: charts.LevelFederal, Active: true},
	{Code: "ROSREESTR", Name: "Управление Росреестра по Самарской области", Level: charts.LevelFederal, Active: true},
	{Code: "ADM-SAMARA", Name: "Администрация городского округа Самара", Level: charts.LevelMunicipal,
		Municipality: "городской округ Самара", Active: true},
}

var pageServices = []charts.Service{
	{Code: svcCapital, Name: "ВЫДАЧА ГОСУДАРСТВЕННОГО СЕРТИФИКАТА НА МАТЕРИНСКИЙ (СЕМЕЙНЫЙ) КАПИТАЛ",
		Level: charts.ServiceState, AuthorityCode: "MINSOC"},
	{Code: svcSocial, Name: "Признание граждан нуждающимися в социальном обслуживании",
		Level: charts.ServiceState, AuthorityCode: "MINSOC"},
	{Code: svcBuilding, Name: "Выдача разрешения на строительство", Level: charts.ServiceMunicipal,
		AuthorityCode: "ADM-SAMARA"},
	{Code: svcScript, Name: scriptName, Level: charts.ServiceState, AuthorityCode: "MINSOC"},
}

var pageKinds = []charts.DataKind{
	{Code: kindEGRUL, Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS"},
	{Code: kindIncome, Name: "Сведения о доходах физического лица", ProviderCode: "FNS"},
	{Code: kindEGRP, Name: "Выписка из ЕГРП", ProviderCode: "ROSREESTR"},
}

var pageUsers = []accounts.NewUser{
	{Login: "spec", FullName: "Иванова Анна Петровна", Role: policies.RoleSpecialist, Authority: "MINSOC"},
	{Login: "fns", FullName: "Петров Олег", Role: policies.RoleSpecialist, Authority: "FNS"},
	{Login: "rosreestr", FullName: "Сидорова Мария", Role: policies.RoleSpecialist, Authority: "ROSREESTR"},
	{Login: "samara", FullName: "Кузнецов Илья", Role: policies.RoleSpecialist, Authority: "ADM-SAMARA"},
	{Login: "com1", FullName: "Смирнов Павел", Role: policies.RoleCommission},
	{Login: "com2", FullName: "Волкова Елена", Role: policies.RoleCommission},
	{Login: "sec", FullName: "Орлова Наталья", Role: policies.RoleSecretary},
	{Login: "off", FullName: "Фёдоров Андрей", Role: policies.RoleOfficial},
}

// pageHash is one bcrypt hash of pagePassword shared by every fixture
// user, because hashing costs tens of milliseconds each.
var pageHash = sync.OnceValue(func() string {
	h, err := accounts.HashPassword(pagePassword)
	if err != nil {
		panic(err)
	}
	return h
})

// pageStart is a Monday, so review due dates in the tests are easy to
// count.
var pageStart = time.Date(2011, 10, 3, 9, 0, 0, 0, time.UTC)

func newPageEnv(t *testing.T) *pageEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "pcii.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	err = store.Write(ctx, func(tx *storage.Tx) error {
		for _, a := range pageAuthorities {
			if err := tx.PutAuthority(ctx, a); err != nil {
				return err
			}
		}
		for _, s := range pageServices {
			if err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		for _, d := range pageKinds {
			if err := tx.PutDataKind(ctx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range pageUsers {
		u.Password = pagePassword
		if _, err := accounts.CreateHashed(ctx, store, u, pageHash(), pageStart); err != nil {
			t.Fatal(err)
		}
	}
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	clock := &testClock{}
	clock.set(pageStart)
	flow := workflow.New(store, authz, workflow.Config{Now: clock.now})
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	flow.SetSigner(keys)
	logger := slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	srv := httptest.NewServer(server.New(server.Config{Store: store, Workflow: flow, Keys: keys,
		Region: "Самарская область", Now: clock.now, Logger: logger}))
	t.Cleanup(srv.Close)
	return &pageEnv{t: t, URL: srv.URL, store: store, flow: flow, clock: clock}
}

// testLogWriter sends the server's error log to the test log, so a 500
// shows its cause.
type testLogWriter struct{ t *testing.T }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// actor returns the workflow actor of a fixture user.
func (e *pageEnv) actor(login string) workflow.Actor {
	e.t.Helper()
	var u storage.User
	err := e.store.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		u, err = tx.UserByLogin(context.Background(), login)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return workflow.ActorOf(u)
}

// saveChart stores a chart of svcCapital through the workflow and returns
// its id.
func (e *pageEnv) saveChart(id int64, base int, body charts.ChartBody) int64 {
	e.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	doc, err := e.flow.SaveChart(context.Background(), e.actor("spec"),
		workflow.Save{ID: id, BaseRevision: base, Body: raw, Note: "редакция из теста"})
	if err != nil {
		e.t.Fatal(err)
	}
	return doc.ID
}

// act applies a workflow action as login.
func (e *pageEnv) act(login string, kind charts.Kind, id int64, action, comment string) {
	e.t.Helper()
	if _, err := e.flow.Act(context.Background(), e.actor(login), kind, id, action, comment); err != nil {
		e.t.Fatalf("%s %s %s %d: %v", login, action, kind, id, err)
	}
}

// twoProviderChart returns a valid chart of svcCapital requesting data
// from FNS and ROSREESTR.
func twoProviderChart() charts.ChartBody {
	row := func(provider, kind, doc string) charts.Interaction {
		return charts.Interaction{RequestedDocument: doc, DataComposition: "ОГРН, ИНН, наименование",
			RequesterCode: "MINSOC", ProviderCode: provider, DataKindCode: kind, DeadlineDays: 5,
			LegalBasis: "ст. 7.2 Федерального закона от 27.07.2010 № 210-ФЗ",
			Deadline: &charts.Deadline{
				Total:  charts.Term{Value: 7, Unit: charts.UnitWorkingDays},
				Send:   charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
				Answer: charts.Term{Value: 5, Unit: charts.UnitWorkingDays},
				Attach: charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
			}}
	}
	return charts.ChartBody{ServiceCode: svcCapital,
		LegalBasis: "Федеральный закон от 29.12.2006 № 256-ФЗ «О дополнительных мерах государственной поддержки семей, имеющих детей»",
		Interactions: []charts.Interaction{
			row("FNS", kindEGRUL, "Выписка из ЕГРЮЛ"),
			row("ROSREESTR", kindEGRP, "Выписка из ЕГРП о правах на объект"),
		}}
}

// browser is a cookie-keeping HTTP client that does not follow redirects,
// so the tests see each 303.
type browser struct {
	env  *pageEnv
	http *http.Client
	csrf string
}

func (e *pageEnv) anonymous() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{env: e, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn signs in through the login form and keeps the CSRF token of the
// session for later forms.
func (e *pageEnv) signIn(login string) *browser {
	e.t.Helper()
	b := e.anonymous()
	_, doc := b.get("/login")
	token := doc.Find("#login-form input[name=csrf_token]").AttrOr("value", "")
	resp, _ := b.post("/login", url.Values{"csrf_token": {token}, "login": {login}, "password": {pagePassword},
		"next": {"/"}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: status %d, want 303", login, resp.StatusCode)
	}
	_, home := b.get("/services")
	b.csrf = home.Find("form[action='/logout'] input[name=csrf_token]").AttrOr("value", "")
	if b.csrf == "" {
		e.t.Fatalf("sign in %s: no CSRF token on the registry page", login)
	}
	return b
}

func (b *browser) get(path string) (*http.Response, *goquery.Document) {
	b.env.t.Helper()
	resp, err := b.http.Get(b.env.URL + path)
	if err != nil {
		b.env.t.Fatal(err)
	}
	return resp, parseHTML(b.env.t, resp)
}

// post sends a form as is, without adding the CSRF token.
func (b *browser) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	b.env.t.Helper()
	resp, err := b.http.PostForm(b.env.URL+path, form)
	if err != nil {
		b.env.t.Fatal(err)
	}
	return resp, parseHTML(b.env.t, resp)
}

// submit sends a form with the session's CSRF token.
func (b *browser) submit(path string, form url.Values) (*http.Response, *goquery.Document) {
	b.env.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", b.csrf)
	return b.post(path, form)
}

func parseHTML(t *testing.T, resp *http.Response) *goquery.Document {
	t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// texts returns the trimmed text of every match.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.Join(strings.Fields(e.Text()), " ")) })
	return out
}

// follow follows a redirect and returns the flash message shown there.
func (b *browser) follow(resp *http.Response) (string, *goquery.Document) {
	b.env.t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		b.env.t.Fatalf("status %d, want 303", resp.StatusCode)
	}
	_, doc := b.get(resp.Header.Get("Location"))
	return strings.TrimSpace(doc.Find(".flash").Text()), doc
}

// chartFormValues returns the form fields of a chart in the names the chart form
// uses.
func chartFormValues(body charts.ChartBody) url.Values {
	v := url.Values{"service_code": {body.ServiceCode}, "legal_basis": {body.LegalBasis}, "save": {"1"}}
	for i, in := range body.Interactions {
		p := "interactions[" + strconv.Itoa(i) + "]."
		v.Set(p+"requested_document", in.RequestedDocument)
		v.Set(p+"data_composition", in.DataComposition)
		v.Set(p+"requester_code", in.RequesterCode)
		v.Set(p+"provider_code", in.ProviderCode)
		v.Set(p+"data_kind_code", in.DataKindCode)
		v.Set(p+"deadline_days", strconv.Itoa(in.DeadlineDays))
		v.Set(p+"legal_basis", in.LegalBasis)
		if d := in.Deadline; d != nil {
			for name, term := range map[string]charts.Term{"total": d.Total, "send": d.Send, "answer": d.Answer, "attach": d.Attach} {
				v.Set(p+"deadline."+name+".value", strconv.Itoa(term.Value))
				v.Set(p+"deadline."+name+".unit", term.Unit)
			}
		}
	}
	return v
}
