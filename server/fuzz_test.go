package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// FuzzBindJSON sends arbitrary bodies through bindJSON behind the body
// limit, as the API does, and checks that every rejection is a 400 or a
// 413 in the error shape and that an accepted body decodes again strictly.
func FuzzBindJSON(f *testing.F) {
	f.Add([]byte(`{"login":"spec","password":"correct-horse-battery"}`))
	f.Add([]byte(`{"base_revision":3,"body":{"service_code":"1"},"note":"n"}`))
	f.Add([]byte(`{"comment":"ok"} trailing`))
	f.Add([]byte(`{"base_revision":"3"}`))
	f.Add([]byte(`{"unknown":true}`))
	f.Add(bytes.Repeat([]byte(" "), 300))
	gin.SetMode(gin.ReleaseMode)
	const limit = 256
	targets := []func() any{
		func() any {
			return &struct {
				Login    string `json:"login"`
				Password string `json:"password"`
			}{}
		},
		func() any { return &saveRequest{} },
		func() any {
			return &struct {
				Comment string `json:"comment"`
			}{}
		},
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, newTarget := range targets {
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			c.Request = httptest.NewRequest("POST", "/api/v1/login", bytes.NewReader(raw))
			c.Request.Header.Set("Content-Type", "application/json")
			c.Request.Body = http.MaxBytesReader(w, c.Request.Body, limit)
			dest := newTarget()
			err := bindJSON(c, dest)
			if err == nil {
				if len(raw) > limit {
					t.Fatalf("accepted a %d-byte body over the %d-byte limit", len(raw), limit)
				}
				again, _ := json.Marshal(dest)
				dec := json.NewDecoder(bytes.NewReader(again))
				dec.DisallowUnknownFields()
				if err := dec.Decode(newTarget()); err != nil {
					t.Fatalf("accepted body %q does not decode again: %v", raw, err)
				}
				continue
			}
			status, body := describe(err)
			if status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge {
				t.Fatalf("body %q: status %d (%v), want 400 or 413", raw, status, err)
			}
			if body.Code == "" || body.Message == "" {
				t.Fatalf("body %q: error %+v lacks code or message", raw, body)
			}
		}
	})
}
