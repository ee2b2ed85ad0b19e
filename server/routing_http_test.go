package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pcii/routing"
)

func TestReleaseValidators(t *testing.T) {
	env := newTestEnv(t)
	publishOne(t, env)
	exchange := env.bearer("exchange")

	resp := exchange.raw("GET", "/api/v1/routing/1", nil, http.Header{"Accept-Encoding": {"identity"}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if etag != routing.ETag(body) {
		t.Fatalf("ETag %q, want the hash of the served bytes %q", etag, routing.ETag(body))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control %q, want no-cache", cc)
	}
	gzipTag := strings.TrimSuffix(etag, `"`) + `-gzip"`

	var list struct {
		Releases []struct {
			Serial int64 `json:"serial"`
			Routes int   `json:"routes"`
		} `json:"releases"`
	}
	env.login("secretary").do("GET", "/api/v1/routing/releases", nil, &list)
	if len(list.Releases) != 1 || list.Releases[0].Routes != 1 {
		t.Errorf("release list: %+v, want release 1 with 1 route", list.Releases)
	}

	tests := []struct {
		name        string
		ifNoneMatch string
		want        int
	}{
		{"same tag", etag, http.StatusNotModified},
		{"tag in a list", `"0000", ` + etag, http.StatusNotModified},
		{"weak form of the tag", "W/" + etag, http.StatusNotModified},
		{"star", "*", http.StatusNotModified},
		{"gzip representation's tag", gzipTag, http.StatusNotModified},
		{"other tag", `"0000"`, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := exchange.raw("GET", "/api/v1/routing/1", nil, http.Header{"If-None-Match": {tt.ifNoneMatch},
				"Accept-Encoding": {"identity"}})
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("If-None-Match %s: status %d, want %d", tt.ifNoneMatch, resp.StatusCode, tt.want)
			}
			if resp.Header.Get("ETag") != etag || resp.Header.Get("Cache-Control") == "" {
				t.Errorf("answer lacks validators: ETag %q Cache-Control %q", resp.Header.Get("ETag"),
					resp.Header.Get("Cache-Control"))
			}
		})
	}

	t.Run("gzip keeps the identity bytes", func(t *testing.T) {
		req, _ := http.NewRequest("GET", env.URL+"/api/v1/routing/1", nil)
		req.Header.Set("Authorization", "Bearer "+exchange.token)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("ETag") != gzipTag {
			t.Fatalf("Content-Encoding %q ETag %q, want gzip and %s", resp.Header.Get("Content-Encoding"),
				resp.Header.Get("ETag"), gzipTag)
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if !bytes.Equal(plain, body) {
			t.Error("decompressed release differs from the identity bytes, so its signature would fail")
		}
	})
}

// TestPullFromServer runs the exchange's client against the real server.
func TestPullFromServer(t *testing.T) {
	env := newTestEnv(t)
	publishOne(t, env)
	dir := t.TempDir()
	keysFile := filepath.Join(dir, "keys.json")
	if err := os.WriteFile(keysFile, env.keys.JWKS(), 0o600); err != nil {
		t.Fatal(err)
	}
	exchange := env.bearer("exchange")
	opts := routing.PullOptions{URL: env.URL, Token: exchange.token, KeysFile: keysFile,
		OutFile: filepath.Join(dir, "routing.json"), SignatureFile: filepath.Join(dir, "routing.json.sig"),
		StateFile: filepath.Join(dir, "state")}
	ctx := context.Background()

	first, err := routing.Pull(ctx, opts)
	if err != nil {
		t.Fatalf("first pull: %v", err)
	}
	if !first.Updated || first.Serial != 1 {
		t.Fatalf("first pull: %+v", first)
	}
	again, err := routing.Pull(ctx, opts)
	if err != nil || again.Updated {
		t.Fatalf("second pull: %+v, %v; want nothing new", again, err)
	}
	if err := routing.VerifyFile(opts.OutFile, opts.SignatureFile, keysFile); err != nil {
		t.Errorf("verify pulled release: %v", err)
	}

	// A rotation in two stages: the client follows the announced key and
	// then a release signed by it.
	if _, err := env.keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := routing.Pull(ctx, opts); err != nil {
		t.Fatalf("pull after rotate: %v", err)
	}
	if _, err := env.keys.Promote(); err != nil {
		t.Fatal(err)
	}
	publishOneApprovedOf(t, env, "6300000000000000002")
	if st := env.login("secretary").do("POST", "/api/v1/routing/releases", nil, nil); st != http.StatusCreated {
		t.Fatalf("publish release 2: %d", st)
	}
	third, err := routing.Pull(ctx, opts)
	if err != nil {
		t.Fatalf("pull release 2 signed by the new key: %v", err)
	}
	if !third.Updated || third.Serial != 2 {
		t.Errorf("third pull: %+v, want release 2", third)
	}
}
