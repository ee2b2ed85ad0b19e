package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func TestAnonymousRedirectsToLogin(t *testing.T) {
	env := newPageEnv(t)
	b := env.anonymous()
	tests := []struct {
		path string
		want string
	}{
		{"/", "/login"},
		{"/services?q=капитал", "/login?next=" + url.QueryEscape("/services?q=капитал")},
		{"/charts/1", "/login?next=%2Fcharts%2F1"},
		{"/releases", "/login?next=%2Freleases"},
	}
	for _, tt := range tests {
		resp, _ := b.get(tt.path)
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("GET %s: status %d, want 303", tt.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Location"); got != tt.want {
			t.Errorf("GET %s: Location %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestLoginForm(t *testing.T) {
	env := newPageEnv(t)

	t.Run("form has labels and token", func(t *testing.T) {
		b := env.anonymous()
		resp, doc := b.get("/login?next=/services")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		for _, id := range []string{"login", "password"} {
			if doc.Find("label[for="+id+"]").Length() != 1 {
				t.Errorf("no label for #%s", id)
			}
		}
		if v := doc.Find("input[name=next]").AttrOr("value", ""); v != "/services" {
			t.Errorf("next = %q, want /services", v)
		}
		token := doc.Find("input[name=csrf_token]").AttrOr("value", "")
		if token == "" {
			t.Error("login form has no csrf_token")
		}
		u, _ := url.Parse(env.URL)
		found := false
		for _, c := range b.http.Jar.Cookies(u) {
			found = found || (c.Name == "pcii_login_csrf" && c.Value == token)
		}
		if !found {
			t.Error("the login cookie does not carry the form's token")
		}
	})

	t.Run("missing double-submit token", func(t *testing.T) {
		b := env.anonymous()
		b.get("/login")
		resp, doc := b.post("/login", url.Values{"login": {"spec"}, "password": {pagePassword}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
		if doc.Find("#login-error").Length() != 1 {
			t.Error("no error message on the login form")
		}
	})

	t.Run("token without cookie", func(t *testing.T) {
		b := env.anonymous()
		resp, _ := b.post("/login", url.Values{"csrf_token": {"forged"}, "login": {"spec"}, "password": {pagePassword}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		b := env.anonymous()
		_, doc := b.get("/login")
		token := doc.Find("input[name=csrf_token]").AttrOr("value", "")
		resp, doc := b.post("/login", url.Values{"csrf_token": {token}, "login": {"spec"}, "password": {"wrong-password"}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("status %d, want 401", resp.StatusCode)
		}
		if got := strings.TrimSpace(doc.Find("#login-error").Text()); got != "Неверный логин или пароль." {
			t.Errorf("error %q", got)
		}
		if v := doc.Find("#login").AttrOr("value", ""); v != "spec" {
			t.Errorf("login field refilled with %q, want spec", v)
		}
	})

	t.Run("next path", func(t *testing.T) {
		tests := []struct {
			next string
			want string
		}{
			{"/services?level=state", "/services?level=state"},
			{"//evil.example/x", "/"},
			{"https://evil.example/", "/"},
			{"/\\evil.example", "/"},
			{"services", "/"},
			{"/login", "/"},
		}
		for _, tt := range tests {
			b := env.anonymous()
			_, doc := b.get("/login")
			token := doc.Find("input[name=csrf_token]").AttrOr("value", "")
			resp, _ := b.post("/login", url.Values{"csrf_token": {token}, "login": {"spec"},
				"password": {pagePassword}, "next": {tt.next}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("next %q: status %d, want 303", tt.next, resp.StatusCode)
				continue
			}
			if got := resp.Header.Get("Location"); got != tt.want {
				t.Errorf("next %q: Location %q, want %q", tt.next, got, tt.want)
			}
		}
	})

	t.Run("logout needs the CSRF token", func(t *testing.T) {
		b := env.signIn("spec")
		resp, _ := b.post("/logout", url.Values{})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("logout without token: status %d, want 403", resp.StatusCode)
		}
		resp, _ = b.submit("/logout", nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
			t.Errorf("logout: status %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, _ = b.get("/services")
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("after logout: status %d, want 303 to the login page", resp.StatusCode)
		}
	})
}

func TestNavigationByRole(t *testing.T) {
	env := newPageEnv(t)
	tests := []struct {
		login string
		want  []string
	}{
		{"spec", []string{"/", "/services", "/inbox"}},
		{"com1", []string{"/", "/services", "/review", "/meetings", "/reports"}},
		{"sec", []string{"/", "/services", "/releases", "/meetings", "/reports"}},
		{"off", []string{"/", "/services", "/releases", "/meetings", "/reports"}},
	}
	for _, tt := range tests {
		b := env.signIn(tt.login)
		_, doc := b.get("/")
		var got []string
		doc.Find("header nav a").Each(func(_ int, a *goquery.Selection) { got = append(got, a.AttrOr("href", "")) })
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s navigation (-want +got):\n%s", tt.login, diff)
		}
		if name := strings.TrimSpace(doc.Find(".user-name").Text()); name == "" {
			t.Errorf("%s: the header does not show the user's name", tt.login)
		}
		if doc.Find("form[action='/logout'][method=post] button").Length() != 1 {
			t.Errorf("%s: no logout button", tt.login)
		}
	}
}

func TestPageAccessByRole(t *testing.T) {
	env := newPageEnv(t)
	tests := []struct {
		login string
		path  string
		want  int
	}{
		{"spec", "/inbox", http.StatusOK},
		{"spec", "/review", http.StatusForbidden},
		{"spec", "/reports", http.StatusForbidden},
		{"spec", "/releases", http.StatusForbidden},
		{"com1", "/review", http.StatusOK},
		{"com1", "/inbox", http.StatusForbidden},
		{"sec", "/releases", http.StatusOK},
		{"off", "/reports", http.StatusOK},
		{"off", "/no-such-page", http.StatusNotFound},
		{"off", "/charts/999", http.StatusNotFound},
		{"off", "/charts/abc", http.StatusNotFound},
	}
	for _, tt := range tests {
		b := env.signIn(tt.login)
		resp, doc := b.get(tt.path)
		if resp.StatusCode != tt.want {
			t.Errorf("%s GET %s: status %d, want %d", tt.login, tt.path, resp.StatusCode, tt.want)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s GET %s: Content-Type %q, want HTML", tt.login, tt.path, ct)
		}
		if tt.want != http.StatusOK && doc.Find(".error-page").Length() != 1 {
			t.Errorf("%s GET %s: not the HTML error page", tt.login, tt.path)
		}
	}
}

func TestAPINotFoundStaysJSON(t *testing.T) {
	env := newPageEnv(t)
	resp, err := http.Get(env.URL + "/api/v1/no-such-endpoint")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
}

func TestStaticFilesAndCSP(t *testing.T) {
	env := newPageEnv(t)
	for _, path := range []string{"/static/app.css", "/static/app.js"} {
		resp, err := http.Get(env.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/static/", "/static", "/static/../frontend.go", "/static/missing.css"} {
		resp, err := http.Get(env.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404 and no listing", path, resp.StatusCode)
		}
	}
	b := env.signIn("spec")
	resp, doc := b.get("/")
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q does not limit scripts to the site", csp)
	}
	if n := doc.Find("[style]").Length(); n > 0 {
		t.Errorf("%d elements carry a style attribute, which the CSP blocks", n)
	}
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if _, ok := s.Attr("src"); !ok {
			t.Error("page has an inline script")
		}
	})
}
