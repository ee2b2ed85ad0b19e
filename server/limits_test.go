package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/server"
)

// errorBody is the JSON error shape every failed API request returns.
type errorBody struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Field     string `json:"field"`
	RequestID string `json:"request_id"`
}

// sendRaw sends body as is with the client's credentials and returns the
// response with its body read.
func (c *client) sendRaw(method, path, contentType string, body []byte) (*http.Response, []byte) {
	c.env.t.Helper()
	req, err := http.NewRequest(method, c.env.URL+path, bytes.NewReader(body))
	if err != nil {
		c.env.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.env.t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, data
}

// decodeError decodes data as the error shape, failing on unknown fields
// other than problems and revision, which some errors add.
func decodeError(t *testing.T, data []byte) errorBody {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatalf("error body %q is not a JSON object: %v", data, err)
	}
	for k := range fields {
		switch k {
		case "code", "message", "field", "request_id", "problems", "revision":
		default:
			t.Errorf("error body has unexpected field %q: %s", k, data)
		}
	}
	var e errorBody
	json.Unmarshal(data, &e)
	if e.Code == "" || e.Message == "" || e.RequestID == "" {
		t.Errorf("error body %s lacks code, message or request_id", data)
	}
	return e
}

func TestRequestErrors(t *testing.T) {
	env := newTestEnv(t)
	spec := env.bearer("spec")
	anon := &client{env: env, http: &http.Client{}}
	bigNote := `{"note":"` + strings.Repeat("x", 3<<20) + `"}`
	validBody, _ := json.Marshal(map[string]any{"body": chartBody("FNS"), "bogus_field": 1})
	nestedBody, _ := json.Marshal(map[string]any{"body": map[string]any{"service_code": "6300000000000000001",
		"legal_basis": "x", "interactions": []any{}, "colour": "red"}})

	tests := []struct {
		name       string
		c          *client
		method     string
		path       string
		body       string
		wantStatus int
		wantCode   string
		wantField  string
	}{
		{name: "body over the limit", c: spec, method: "POST", path: "/api/v1/charts", body: bigNote,
			wantStatus: http.StatusRequestEntityTooLarge, wantCode: "too_large"},
		{name: "unknown field of the envelope", c: spec, method: "POST", path: "/api/v1/charts",
			body: string(validBody), wantStatus: http.StatusBadRequest, wantCode: "bad_request", wantField: "bogus_field"},
		{name: "unknown field of the login", c: anon, method: "POST", path: "/api/v1/login",
			body: `{"login":"spec","password":"x","remember":true}`, wantStatus: http.StatusBadRequest,
			wantCode: "bad_request", wantField: "remember"},
		{name: "unknown field of a chart body", c: spec, method: "POST", path: "/api/v1/charts",
			body: string(nestedBody), wantStatus: http.StatusUnprocessableEntity, wantCode: "invalid",
			wantField: "body.colour"},
		{name: "wrong type", c: spec, method: "PUT", path: "/api/v1/charts/1", body: `{"base_revision":"one"}`,
			wantStatus: http.StatusBadRequest, wantCode: "bad_request", wantField: "base_revision"},
		{name: "trailing data", c: anon, method: "POST", path: "/api/v1/login",
			body: `{"login":"spec","password":"x"} {}`, wantStatus: http.StatusBadRequest, wantCode: "bad_request"},
		{name: "empty body", c: anon, method: "POST", path: "/api/v1/login", body: ``,
			wantStatus: http.StatusBadRequest, wantCode: "bad_request"},
		{name: "unknown API path", c: spec, method: "GET", path: "/api/v1/no-such-thing",
			wantStatus: http.StatusNotFound, wantCode: "not_found"},
		{name: "wrong method", c: spec, method: "DELETE", path: "/api/v1/charts",
			wantStatus: http.StatusMethodNotAllowed, wantCode: "method_not_allowed"},
		{name: "wrong method on an item", c: spec, method: "PATCH", path: "/api/v1/routing/releases",
			wantStatus: http.StatusMethodNotAllowed, wantCode: "method_not_allowed"},
		{name: "id that is not a number", c: spec, method: "GET", path: "/api/v1/charts/abc",
			wantStatus: http.StatusNotFound, wantCode: "not_found", wantField: "id"},
		{name: "missing credentials", c: anon, method: "GET", path: "/api/v1/charts",
			wantStatus: http.StatusUnauthorized, wantCode: "unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctype := ""
			if tt.body != "" {
				ctype = "application/json"
			}
			resp, data := tt.c.sendRaw(tt.method, tt.path, ctype, []byte(tt.body))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.wantStatus, data)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			e := decodeError(t, data)
			if e.Code != tt.wantCode {
				t.Errorf("code %q, want %q", e.Code, tt.wantCode)
			}
			if e.Field != tt.wantField {
				t.Errorf("field %q, want %q", e.Field, tt.wantField)
			}
			if e.RequestID != resp.Header.Get("X-Request-Id") {
				t.Errorf("request_id %q differs from X-Request-Id %q", e.RequestID, resp.Header.Get("X-Request-Id"))
			}
			if tt.wantStatus == http.StatusMethodNotAllowed && resp.Header.Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
			checkSecurityHeaders(t, resp.Header)
		})
	}
}

// checkSecurityHeaders checks the headers every response must carry.
func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	for _, banned := range []string{"unsafe-inline", "unsafe-eval", "*"} {
		if strings.Contains(csp, banned) {
			t.Errorf("Content-Security-Policy %q allows %s", csp, banned)
		}
	}
	want := map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"}
	got := map[string]string{"X-Frame-Options": h.Get("X-Frame-Options"),
		"X-Content-Type-Options": h.Get("X-Content-Type-Options")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("security headers (-want +got):\n%s", d)
	}
}

// TestUnknownPageNotFound checks a path outside /api/v1, where a browser
// gets an HTML error page instead of the JSON error shape.
func TestUnknownPageNotFound(t *testing.T) {
	env := newTestEnv(t)
	anon := &client{env: env, http: &http.Client{}}
	resp, _ := anon.sendRaw("GET", "/no/such/page", "", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d, want 404", resp.StatusCode)
	}
	checkSecurityHeaders(t, resp.Header)
}

func TestSecurityHeadersOnSuccess(t *testing.T) {
	env := newTestEnv(t)
	spec := env.bearer("spec")
	for _, path := range []string{"/api/v1/me", "/api/v1/charts", "/api/v1/services"} {
		resp, data := spec.sendRaw("GET", path, "", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, data)
		}
		checkSecurityHeaders(t, resp.Header)
	}
}

// TestPanicBecomesLogged500 serves a server built without a key store, so
// GET /api/v1/routing/keys dereferences a nil *routing.KeyStore: a real
// panic inside a real handler.
func TestPanicBecomesLogged500(t *testing.T) {
	var logs syncBuffer
	env := newTestEnv(t).withConfig(func(c *server.Config) {
		c.Keys = nil
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	resp, data := env.bearer("secretary").sendRaw("GET", "/api/v1/routing/keys", "", nil)
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500: %s", resp.StatusCode, data)
	}
	e := decodeError(t, data)
	if e.Code != "internal" {
		t.Errorf("code %q, want internal", e.Code)
	}
	if strings.Contains(string(data), "nil pointer") || strings.Contains(string(data), "goroutine") {
		t.Errorf("500 body leaks the panic: %s", data)
	}
	checkSecurityHeaders(t, resp.Header)

	var panicRecord map[string]any
	for _, rec := range logs.records(t) {
		if rec["msg"] == "panic" {
			panicRecord = rec
		}
	}
	if panicRecord == nil {
		t.Fatalf("no panic record in the log:\n%s", logs.buf.String())
	}
	if panicRecord["request_id"] != e.RequestID {
		t.Errorf("logged request_id %v, want %q", panicRecord["request_id"], e.RequestID)
	}
	if stack, _ := panicRecord["stack"].(string); !strings.Contains(stack, "apiKeys") {
		t.Errorf("logged stack does not show the handler:\n%.500s", stack)
	}
	if panicRecord["level"] != "ERROR" {
		t.Errorf("panic logged at level %v, want ERROR", panicRecord["level"])
	}

	// The server goes on serving after the panic.
	if resp, _ := env.bearer("secretary").sendRaw("GET", "/api/v1/me", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("request after the panic: status %d, want 200", resp.StatusCode)
	}
}
