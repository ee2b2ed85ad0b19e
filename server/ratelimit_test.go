package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/server"
	"pcii/storage"
)

// tryLogin posts a sign-in with an optional X-Forwarded-For header and
// returns the status, the Retry-After header and the error code.
func tryLogin(t *testing.T, baseURL, login, password, forwardedFor string) (int, string, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"login": login, "password": password})
	req, err := http.NewRequest("POST", baseURL+"/api/v1/login", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out struct {
		Code string `json:"code"`
	}
	json.Unmarshal(data, &out)
	return resp.StatusCode, resp.Header.Get("Retry-After"), out.Code
}

// auditActions returns the actions of the audit entries about user login.
func auditActions(t *testing.T, store *storage.Store, login string) []string {
	t.Helper()
	ctx := context.Background()
	var actions []string
	err := store.Read(ctx, func(tx *storage.Tx) error {
		list, err := tx.AuditOf(ctx, "user", login)
		for _, e := range list {
			actions = append(actions, e.Action)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return actions
}

func TestLoginLockout(t *testing.T) {
	clock := newFakeClock()
	env := newTestEnv(t).withConfig(func(c *server.Config) { c.Now = clock.Now })

	for i := 1; i <= 5; i++ {
		if st, _, code := tryLogin(t, env.URL, "spec", "wrong-password", ""); st != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: status %d %s, want 401", i, st, code)
		}
		clock.Advance(time.Minute)
	}
	st, retry, code := tryLogin(t, env.URL, "spec", testPassword, "")
	if st != http.StatusTooManyRequests || code != "too_many_attempts" {
		t.Fatalf("right password while locked: status %d code %q, want 429 too_many_attempts", st, code)
	}
	// The lockout began at the fifth failure, 1 minute ago.
	if secs, err := strconv.Atoi(retry); err != nil || secs != 14*60 {
		t.Errorf("Retry-After %q, want %d seconds", retry, 14*60)
	}
	if st, _, _ := tryLogin(t, env.URL, "spec2", testPassword, ""); st != http.StatusOK {
		t.Errorf("another login from the same address: status %d, want 200", st)
	}

	want := []string{"create", "login_failed", "login_failed", "login_failed", "login_failed",
		"login_failed", "login_locked"}
	if d := cmp.Diff(want, auditActions(t, env.store, "spec")); d != "" {
		t.Errorf("audit of spec (-want +got):\n%s", d)
	}

	clock.Advance(14*time.Minute - time.Second)
	if st, _, _ := tryLogin(t, env.URL, "spec", testPassword, ""); st != http.StatusTooManyRequests {
		t.Errorf("1 second before the lockout ends: status %d, want 429", st)
	}
	clock.Advance(time.Second)
	if st, _, _ := tryLogin(t, env.URL, "spec", testPassword, ""); st != http.StatusOK {
		t.Errorf("after the lockout: status %d, want 200", st)
	}
}

func TestLoginFailuresNotLocking(t *testing.T) {
	tests := []struct {
		name string
		// between runs after the first four failures.
		between func(t *testing.T, env *testEnv, clock *fakeClock)
	}{
		{name: "failures spread over more than the window", between: func(t *testing.T, env *testEnv, clock *fakeClock) {
			clock.Advance(16 * time.Minute)
		}},
		{name: "success resets the count", between: func(t *testing.T, env *testEnv, clock *fakeClock) {
			if st, _, _ := tryLogin(t, env.URL, "spec", testPassword, ""); st != http.StatusOK {
				t.Fatalf("right password after 4 failures: status %d, want 200", st)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			env := newTestEnv(t).withConfig(func(c *server.Config) { c.Now = clock.Now })
			for round := range 2 {
				for i := range 4 {
					if st, _, _ := tryLogin(t, env.URL, "spec", "wrong-password", ""); st != http.StatusUnauthorized {
						t.Fatalf("round %d failure %d: status %d, want 401", round, i, st)
					}
				}
				if round == 0 {
					tt.between(t, env, clock)
				}
			}
			if st, _, _ := tryLogin(t, env.URL, "spec", testPassword, ""); st != http.StatusOK {
				t.Errorf("right password: status %d, want 200", st)
			}
		})
	}
}

func TestLoginLockoutIgnoresForwardedFor(t *testing.T) {
	env := newTestEnv(t)
	for i := range 5 {
		forged := fmt.Sprintf("198.51.100.%d", i+1)
		if st, _, _ := tryLogin(t, env.URL, "spec", "wrong-password", forged); st != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d, want 401", i, st)
		}
	}
	if st, _, _ := tryLogin(t, env.URL, "spec", testPassword, "203.0.113.7"); st != http.StatusTooManyRequests {
		t.Errorf("after 5 failures with forged X-Forwarded-For: status %d, want 429", st)
	}
}
