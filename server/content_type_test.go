package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestLoginNeedsJSON checks that a cross-site form, which can only post
// text/plain or form encodings, cannot sign a browser in.
func TestLoginNeedsJSON(t *testing.T) {
	env := newTestEnv(t)
	body := `{"login":"spec","password":"` + testPassword + `"}`
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
		req, _ := http.NewRequest("POST", env.URL+"/api/v1/login", strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("login as %q: status %d, want 415", ct, resp.StatusCode)
		}
		if len(resp.Cookies()) != 0 {
			t.Errorf("login as %q set a cookie", ct)
		}
	}
}
