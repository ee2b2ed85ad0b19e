package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/server"
)

// fakeClock is a clock that moves only when the test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log records written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(b.buf.Bytes(), []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

// withConfig returns an environment that serves the same store, workflow
// and keys as e through a second server whose Config mod has changed.
func (e *testEnv) withConfig(mod func(*server.Config)) *testEnv {
	e.t.Helper()
	cfg := server.Config{Store: e.store, Workflow: e.flow, Keys: e.keys, Region: "Самарская область"}
	mod(&cfg)
	srv := httptest.NewServer(server.New(cfg))
	e.t.Cleanup(srv.Close)
	out := *e
	out.URL = srv.URL
	return &out
}

// sessionCookieOf returns the pcii_session cookie that resp sets, or nil.
func sessionCookieOf(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "pcii_session" {
			return c
		}
	}
	return nil
}

// getMe sends GET /api/v1/me with only the given session cookie value and
// returns the status.
func getMe(t *testing.T, baseURL, session string) int {
	t.Helper()
	req, err := http.NewRequest("GET", baseURL+"/api/v1/me", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: "pcii_session", Value: session})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// postLogin signs in with a plain request, sending cookie and csrf when
// they are not empty, and returns the response with its body read.
func postLogin(t *testing.T, client *http.Client, baseURL, login, password, cookie, csrf string) (*http.Response, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"login": login, "password": password})
	req, err := http.NewRequest("POST", baseURL+"/api/v1/login", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "pcii_session", Value: cookie})
	}
	if csrf != "" {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, data
}

// signInAt signs in login and returns the session cookie value and the
// CSRF token.
func signInAt(t *testing.T, baseURL, login string) (string, string) {
	t.Helper()
	resp, data := postLogin(t, http.DefaultClient, baseURL, login, testPassword, "", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: status %d: %s", login, resp.StatusCode, data)
	}
	cookie := sessionCookieOf(resp)
	if cookie == nil || cookie.Value == "" {
		t.Fatalf("login %s set no session cookie", login)
	}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return cookie.Value, out.CSRF
}

func TestSessionIdleTimeout(t *testing.T) {
	clock := newFakeClock()
	env := newTestEnv(t).withConfig(func(c *server.Config) {
		c.Now, c.SessionIdle, c.SessionMax = clock.Now, 30*time.Minute, 12*time.Hour
	})
	session, _ := signInAt(t, env.URL, "spec")

	// Each request within the idle timeout moves the deadline, so three
	// requests 29 minutes apart keep the session alive for 87 minutes.
	for i := 1; i <= 3; i++ {
		clock.Advance(29 * time.Minute)
		if st := getMe(t, env.URL, session); st != http.StatusOK {
			t.Fatalf("request %d after 29 idle minutes: status %d, want 200", i, st)
		}
	}
	clock.Advance(31 * time.Minute)
	if st := getMe(t, env.URL, session); st != http.StatusUnauthorized {
		t.Fatalf("after 31 idle minutes: status %d, want 401", st)
	}
	// The expired session is deleted, not only refused: going back in
	// time does not revive it.
	clock.Advance(-31 * time.Minute)
	if st := getMe(t, env.URL, session); st != http.StatusUnauthorized {
		t.Errorf("expired session used again: status %d, want 401", st)
	}
}

func TestSessionAbsoluteLifetime(t *testing.T) {
	clock := newFakeClock()
	env := newTestEnv(t).withConfig(func(c *server.Config) {
		c.Now, c.SessionIdle, c.SessionMax = clock.Now, 30*time.Minute, time.Hour
	})
	session, _ := signInAt(t, env.URL, "spec")
	for elapsed := 20 * time.Minute; elapsed < time.Hour; elapsed += 20 * time.Minute {
		clock.Advance(20 * time.Minute)
		if st := getMe(t, env.URL, session); st != http.StatusOK {
			t.Fatalf("active session at %s: status %d, want 200", elapsed, st)
		}
	}
	clock.Advance(20*time.Minute + time.Second)
	if st := getMe(t, env.URL, session); st != http.StatusUnauthorized {
		t.Fatalf("active session past the 1h lifetime: status %d, want 401", st)
	}
}

func TestLoginIssuesNewSessionID(t *testing.T) {
	env := newTestEnv(t)

	t.Run("re-login revokes the old session", func(t *testing.T) {
		old, csrf := signInAt(t, env.URL, "spec")
		resp, data := postLogin(t, http.DefaultClient, env.URL, "spec", testPassword, old, csrf)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("re-login: status %d: %s", resp.StatusCode, data)
		}
		fresh := sessionCookieOf(resp)
		if fresh == nil || fresh.Value == "" || fresh.Value == old {
			t.Fatalf("re-login cookie %v, want a new session id", fresh)
		}
		if st := getMe(t, env.URL, old); st != http.StatusUnauthorized {
			t.Errorf("old session after re-login: status %d, want 401", st)
		}
		if st := getMe(t, env.URL, fresh.Value); st != http.StatusOK {
			t.Errorf("new session: status %d, want 200", st)
		}
	})

	t.Run("planted cookie is not adopted", func(t *testing.T) {
		const planted = "attacker-chosen-session-id"
		resp, data := postLogin(t, http.DefaultClient, env.URL, "spec", testPassword, planted, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("login with a planted cookie: status %d: %s", resp.StatusCode, data)
		}
		if c := sessionCookieOf(resp); c == nil || c.Value == planted {
			t.Errorf("session cookie after login %v, want a server-chosen id", c)
		}
		if st := getMe(t, env.URL, planted); st != http.StatusUnauthorized {
			t.Errorf("planted session id: status %d, want 401", st)
		}
	})
}

func TestLogoutRevokesSession(t *testing.T) {
	env := newTestEnv(t)
	session, csrf := signInAt(t, env.URL, "spec")
	req, _ := http.NewRequest("POST", env.URL+"/api/v1/logout", nil)
	req.AddCookie(&http.Cookie{Name: "pcii_session", Value: session})
	req.Header.Set("X-CSRF-Token", csrf)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout: status %d, want 204", resp.StatusCode)
	}
	if c := sessionCookieOf(resp); c == nil || c.MaxAge >= 0 || c.Value != "" {
		t.Errorf("logout cookie %+v, want an empty cookie with Max-Age<0", c)
	}
	if st := getMe(t, env.URL, session); st != http.StatusUnauthorized {
		t.Errorf("session after logout: status %d, want 401", st)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct {
		name       string
		tls        bool
		secureFlag bool
		wantSecure bool
	}{
		{name: "plain HTTP", wantSecure: false},
		{name: "plain HTTP with SecureCookies", secureFlag: true, wantSecure: true},
		{name: "TLS", tls: true, wantSecure: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			handler := server.New(server.Config{Store: env.store, Workflow: env.flow, Keys: env.keys,
				SecureCookies: tt.secureFlag, Logger: slog.New(slog.DiscardHandler)})
			var srv *httptest.Server
			if tt.tls {
				srv = httptest.NewTLSServer(handler)
			} else {
				srv = httptest.NewServer(handler)
			}
			defer srv.Close()
			resp, data := postLogin(t, srv.Client(), srv.URL, "spec", testPassword, "", "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("login: status %d: %s", resp.StatusCode, data)
			}
			c := sessionCookieOf(resp)
			if c == nil {
				t.Fatal("no session cookie")
			}
			type attrs struct {
				HttpOnly bool
				Secure   bool
				SameSite http.SameSite
				Path     string
			}
			want := attrs{HttpOnly: true, Secure: tt.wantSecure, SameSite: http.SameSiteLaxMode, Path: "/"}
			got := attrs{HttpOnly: c.HttpOnly, Secure: c.Secure, SameSite: c.SameSite, Path: c.Path}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("cookie attributes (-want +got):\n%s", d)
			}
			if len(c.Value) < 40 {
				t.Errorf("session id %d characters long, want a 256-bit random value", len(c.Value))
			}
		})
	}
}
