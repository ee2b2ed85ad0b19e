package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/routing"
	"pcii/server"
	"pcii/storage"
	"pcii/workflow"
)

const testPassword = "correct-horse-battery"

// testPasswordHash hashes testPassword once per test binary at bcrypt's
// minimum cost: bcrypt is slow by design, and more so under the race
// detector.
var testPasswordHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// testEnv is a real server over a fresh SQLite file with a small registry.
type testEnv struct {
	t     testing.TB
	URL   string
	store *storage.Store
	flow  *workflow.Service
	keys  *routing.KeyStore
}

// fixtureAuthorities: MINSOC drafts; FNS, ROSREESTR and PFR provide data.
var fixtureAuthorities = []charts.Authority{
	{Code: "MINSOC", Name: "Министерство социально-демографической и семейной политики", Level: "regional", Active: true},
	{Code: "FNS", Name: "Управление ФНС России", Level: "federal", Active: true},
	{Code: "ROSREESTR", Name: "Управление Росреестра", Level: "federal", Active: true},
	{Code: "PFR", Name: "Отделение Пенсионного фонда РФ", Level: "federal", Active: true},
	{Code: "ADM-SAMARA", Name: "Администрация городского округа Самара", Level: "municipal",
		Municipality: "городской округ Самара", Active: true},
}

var fixtureUsers = []accounts.NewUser{
	{Login: "spec", Role: policies.RoleSpecialist, Authority: "MINSOC"},
	{Login: "spec2", Role: policies.RoleSpecialist, Authority: "MINSOC"},
	{Login: "samara", Role: policies.RoleSpecialist, Authority: "ADM-SAMARA"},
	{Login: "fns", Role: policies.RoleSpecialist, Authority: "FNS"},
	{Login: "rosreestr", Role: policies.RoleSpecialist, Authority: "ROSREESTR"},
	{Login: "pfr", Role: policies.RoleSpecialist, Authority: "PFR"},
	{Login: "c1", Role: policies.RoleCommission},
	{Login: "c2", Role: policies.RoleCommission},
	{Login: "c3", Role: policies.RoleCommission},
	{Login: "secretary", Role: policies.RoleSecretary},
	{Login: "official", Role: policies.RoleOfficial},
	{Login: "admin", Role: policies.RoleAdmin},
	{Login: "exchange", Role: policies.RoleExchange},
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "pcii.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	err = store.Write(ctx, func(tx *storage.Tx) error {
		for _, a := range fixtureAuthorities {
			if err := tx.PutAuthority(ctx, a); err != nil {
				return err
			}
		}
		for _, s := range []charts.Service{
			{Code: "6300000000000000001", Name: "Выдача государственного сертификата на материнский капитал",
				Level: "state", AuthorityCode: "MINSOC"},
			{Code: "6300000000000000002", Name: "Признание граждан нуждающимися в социальном обслуживании",
				Level: "state", AuthorityCode: "MINSOC"},
			{Code: "6300000000000000003", Name: "Выдача разрешения на строительство",
				Level: "municipal", AuthorityCode: "ADM-SAMARA"},
		} {
			if err := tx.PutService(ctx, s); err != nil {
				return err
			}
		}
		for _, d := range []charts.DataKind{
			{Code: "SID0003525", Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS"},
			{Code: "SID0003564", Name: "Выписка из ЕГРП", ProviderCode: "ROSREESTR"},
			{Code: "VS00648v001_PFR001", Name: "СНИЛС", ProviderCode: "PFR"},
		} {
			if err := tx.PutDataKind(ctx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	hash := testPasswordHash()
	for _, u := range fixtureUsers {
		u.Password = testPassword
		u.FullName = "Тест " + u.Login
		if _, err := accounts.CreateHashed(ctx, store, u, hash, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	flow := workflow.New(store, authz, workflow.Config{})
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "pcii.keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	flow.SetSigner(keys)
	srv := httptest.NewServer(server.New(server.Config{Store: store, Workflow: flow, Keys: keys,
		Region: "Самарская область"}))
	t.Cleanup(srv.Close)
	return &testEnv{t: t, URL: srv.URL, store: store, flow: flow, keys: keys}
}

// client is a signed-in browser-like API client.
type client struct {
	env   *testEnv
	http  *http.Client
	csrf  string
	token string
}

// login signs in through POST /api/v1/login and keeps the session cookie.
func (e *testEnv) login(login string) *client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{env: e, http: &http.Client{Jar: jar}}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	status := c.do("POST", "/api/v1/login", map[string]string{"login": login, "password": testPassword}, &out)
	if status != http.StatusOK {
		e.t.Fatalf("login %s: status %d", login, status)
	}
	c.csrf = out.CSRF
	return c
}

// bearer returns a client that sends an API token of login.
func (e *testEnv) bearer(login string) *client {
	e.t.Helper()
	token, err := accounts.CreateToken(context.Background(), e.store, login, time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return &client{env: e, http: &http.Client{}, token: token}
}

// do sends a JSON request and decodes the JSON response into out when given.
func (c *client) do(method, path string, body any, out any) int {
	c.env.t.Helper()
	resp := c.raw(method, path, body, nil)
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			c.env.t.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return resp.StatusCode
}

func (c *client) raw(method, path string, body any, header http.Header) *http.Response {
	c.env.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.env.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.env.URL+path, r)
	if err != nil {
		c.env.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.env.t.Fatal(err)
	}
	return resp
}

// chartBody returns a valid chart of service 1 that requests data from the
// given providers, one row each.
func chartBody(providers ...string) charts.ChartBody {
	kinds := map[string]string{"FNS": "SID0003525", "ROSREESTR": "SID0003564", "PFR": "VS00648v001_PFR001"}
	b := charts.ChartBody{ServiceCode: "6300000000000000001",
		LegalBasis: "Федеральный закон от 27.07.2010 № 210-ФЗ"}
	for _, p := range providers {
		b.Interactions = append(b.Interactions, charts.Interaction{
			RequestedDocument: "Сведения от " + p, DataComposition: "ФИО, дата рождения",
			RequesterCode: "MINSOC", ProviderCode: p, DataKindCode: kinds[p], DeadlineDays: 5,
			LegalBasis: "ст. 7.2 Федерального закона № 210-ФЗ",
			Deadline: &charts.Deadline{
				Total:  charts.Term{Value: 7, Unit: charts.UnitWorkingDays},
				Send:   charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
				Answer: charts.Term{Value: 5, Unit: charts.UnitWorkingDays},
				Attach: charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
			},
		})
	}
	return b
}

// chartJSON is the part of a chart response that the tests read.
type chartJSON struct {
	ID          int64          `json:"id"`
	ServiceCode string         `json:"service_code"`
	State       string         `json:"state"`
	Revision    int            `json:"revision"`
	Remark      string         `json:"remark"`
	Pending     []string       `json:"pending"`
	CarriedOver []string       `json:"carried_over"`
	Approvals   int            `json:"approvals"`
	Body        map[string]any `json:"body"`
	Published   int            `json:"published_revision"`
	Code        string         `json:"code"`
	Message     string         `json:"message"`
	Field       string         `json:"field"`
}

func decodeJSON(t testing.TB, raw []byte, out any) {
	t.Helper()
	if len(raw) == 0 {
		return
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %q: %v", raw, err)
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }
