package routing

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "test-token"

// baseTime is the clock of the test registry and client.
var baseTime = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// sampleRoute returns a valid route that differs from the routes of other
// values of i.
func sampleRoute(i int) Route {
	return Route{
		ChartID:       int64(100 + i),
		ChartRevision: 1 + i%3,
		ChartSHA256:   SHA256Hex([]byte(fmt.Sprintf("chart body %d", i))),
		ServiceCode:   fmt.Sprintf("60000000000%05d", i%50),
		RequesterCode: fmt.Sprintf("REQ%03d", i%17),
		ProviderCode:  "FNS",
		DataKindCode:  fmt.Sprintf("SID%07d", i),
		DeadlineDays:  5,
		LegalBasis:    "Федеральный закон от 27.07.2010 № 210-ФЗ, ст. 7.1",
		Approval: Approval{
			ApprovedBy: []string{"ivanov", "petrova"},
			ApprovedAt: baseTime.Add(-time.Duration(i) * time.Hour),
			Protocol:   "12/2025",
		},
	}
}

func sampleRoutes(n int) []Route {
	routes := make([]Route, n)
	for i := range routes {
		routes[i] = sampleRoute(i)
	}
	return routes
}

// testRegistry is a real HTTP server that publishes releases built and
// signed with this package, as the registry will. Its tamper hook lets a
// test act as an attacker between the registry and the client.
type testRegistry struct {
	t      *testing.T
	server *httptest.Server
	keys   *KeyStore

	mu       sync.Mutex
	now      time.Time
	ttl      time.Duration
	releases [][]byte // releases[i] has serial i+1
	sigs     [][]byte
	// latest, when not zero, is the serial served as the latest release.
	latest int64
	// tamper, when set, may replace the body of any 200 response.
	tamper   func(path string, body []byte) []byte
	requests []string // "PATH STATUS"
}

func newTestRegistry(t *testing.T) *testRegistry {
	t.Helper()
	keys, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatalf("OpenKeyStore: %v", err)
	}
	r := &testRegistry{t: t, keys: keys, now: baseTime, ttl: time.Hour}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/routing", r.serveLatest)
	mux.HandleFunc("GET /api/v1/routing/keys", func(w http.ResponseWriter, req *http.Request) {
		r.serve(w, req, r.keys.JWKS(), true)
	})
	mux.HandleFunc("GET /api/v1/routing/keys.sig", func(w http.ResponseWriter, req *http.Request) {
		r.serve(w, req, r.keys.JWKSSignature(), false)
	})
	mux.HandleFunc("GET /api/v1/routing/pointer", r.servePointer)
	mux.HandleFunc("GET /api/v1/routing/{name}", r.serveSerial)
	r.server = httptest.NewServer(mux)
	t.Cleanup(r.server.Close)
	return r
}

// publish encodes, signs and stores the next release with the routes.
func (r *testRegistry) publish(routes []Route) []byte {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()

	var previous []byte
	if n := len(r.releases); n > 0 {
		previous = r.releases[n-1]
	}
	next, err := NextRelease(previous, routes, r.now)
	if err != nil {
		r.t.Fatalf("NextRelease: %v", err)
	}
	b, err := Encode(next)
	if err != nil {
		r.t.Fatalf("Encode: %v", err)
	}
	r.releases = append(r.releases, b)
	r.sigs = append(r.sigs, EncodeSignature(r.keys.Sign(b)))
	return b
}

func (r *testRegistry) release(serial int64) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.releases[serial-1]
}

func (r *testRegistry) latestSerial() int64 {
	if r.latest != 0 {
		return r.latest
	}
	return int64(len(r.releases))
}

func (r *testRegistry) setTamper(f func(path string, body []byte) []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tamper = f
}

func (r *testRegistry) requestLog() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.requests...)
}

func (r *testRegistry) serveLatest(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	serial := r.latestSerial()
	r.mu.Unlock()
	if serial == 0 {
		r.fail(w, req, http.StatusNotFound, "no release published")
		return
	}
	r.serve(w, req, r.release(serial), true)
}

func (r *testRegistry) servePointer(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	serial, now, ttl := r.latestSerial(), r.now, r.ttl
	r.mu.Unlock()
	if serial == 0 {
		r.fail(w, req, http.StatusNotFound, "no release published")
		return
	}
	doc, err := IssuePointer(r.keys, r.release(serial), now, ttl)
	if err != nil {
		r.fail(w, req, http.StatusInternalServerError, err.Error())
		return
	}
	r.serve(w, req, doc, false)
}

func (r *testRegistry) serveSerial(w http.ResponseWriter, req *http.Request) {
	name := req.PathValue("name")
	number, isSig := strings.CutSuffix(name, ".sig")
	serial, err := strconv.ParseInt(number, 10, 64)
	r.mu.Lock()
	count := int64(len(r.releases))
	r.mu.Unlock()
	if err != nil || serial < 1 || serial > count {
		r.fail(w, req, http.StatusNotFound, "no release "+name)
		return
	}
	if isSig {
		r.mu.Lock()
		sig := r.sigs[serial-1]
		r.mu.Unlock()
		r.serve(w, req, sig, false)
		return
	}
	r.serve(w, req, r.release(serial), true)
}

// serve responds like the real registry: it checks the bearer token, sets a
// strong ETag and sends 304 Not Modified to matching conditional requests.
func (r *testRegistry) serve(w http.ResponseWriter, req *http.Request, body []byte, conditional bool) {
	if req.Header.Get("Authorization") != "Bearer "+testToken {
		r.fail(w, req, http.StatusUnauthorized, "invalid token")
		return
	}
	r.mu.Lock()
	tamper := r.tamper
	r.mu.Unlock()
	if tamper != nil {
		body = tamper(req.URL.Path, body)
	}

	if conditional {
		etag := ETag(body)
		w.Header().Set("ETag", etag)
		if MatchesIfNoneMatch(req.Header.Get("If-None-Match"), etag) {
			r.log(req, http.StatusNotModified)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	r.log(req, http.StatusOK)
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func (r *testRegistry) fail(w http.ResponseWriter, req *http.Request, status int, message string) {
	r.log(req, status)
	http.Error(w, message, status)
}

func (r *testRegistry) log(req *http.Request, status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, fmt.Sprintf("%s %d", req.URL.Path, status))
}

// testClient is the exchange side: its files in a temporary directory.
type testClient struct {
	t    *testing.T
	dir  string
	opts PullOptions
	now  time.Time
}

// newTestClient returns a client that trusts the registry's current key set,
// as if the operator had handed it over out of band.
func newTestClient(t *testing.T, reg *testRegistry) *testClient {
	t.Helper()
	dir := t.TempDir()
	c := &testClient{t: t, dir: dir, now: baseTime}
	c.opts = PullOptions{
		URL:           reg.server.URL,
		Token:         testToken,
		KeysFile:      filepath.Join(dir, "keys.json"),
		OutFile:       filepath.Join(dir, "routing.json"),
		SignatureFile: filepath.Join(dir, "routing.json.sig"),
		StateFile:     filepath.Join(dir, "state.json"),
		HTTPClient:    reg.server.Client(),
		Now:           func() time.Time { return c.now },
	}
	c.writeFile(c.opts.KeysFile, reg.keys.JWKS())
	return c
}

func (c *testClient) writeFile(path string, b []byte) {
	c.t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *testClient) readFile(path string) []byte {
	c.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

// snapshot returns the content of every file in the client's directory.
func (c *testClient) snapshot() map[string]string {
	c.t.Helper()
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		c.t.Fatal(err)
	}
	files := make(map[string]string, len(entries))
	for _, e := range entries {
		files[e.Name()] = string(c.readFile(filepath.Join(c.dir, e.Name())))
	}
	return files
}
