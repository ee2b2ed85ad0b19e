package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/routing"
	"pcii/server"
	"pcii/storage"
)

func TestConcurrentSavesOneWins(t *testing.T) {
	env := newTestEnv(t)
	spec := env.bearer("spec")
	var chart chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS")}, &chart); st != http.StatusCreated {
		t.Fatalf("create: status %d", st)
	}
	path := "/api/v1/charts/" + itoa(chart.ID)

	const editors = 20
	clients := make([]*client, editors)
	for i := range clients {
		clients[i] = env.bearer([]string{"spec", "spec2"}[i%2])
	}
	statuses := make([]int, editors)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range editors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := chartBody("FNS")
			body.LegalBasis = fmt.Sprintf("Редакция редактора %d", i)
			<-start
			statuses[i] = clients[i].do("PUT", path, map[string]any{"base_revision": 1, "body": body}, nil)
		}()
	}
	close(start)
	wg.Wait()

	counts := map[int]int{}
	for _, st := range statuses {
		counts[st]++
	}
	want := map[int]int{http.StatusOK: 1, http.StatusConflict: editors - 1}
	if d := cmp.Diff(want, counts); d != "" {
		t.Fatalf("statuses (-want +got):\n%s", d)
	}
	var now chartJSON
	spec.do("GET", path, nil, &now)
	if now.Revision != 2 {
		t.Errorf("revision after the race %d, want 2", now.Revision)
	}
}

// TestConcurrentPublishes checks that concurrent publishes of the same
// approved chart store exactly one release and reject the rest as having
// nothing to publish, so serials stay unique and gapless.
func TestConcurrentPublishes(t *testing.T) {
	env := newTestEnv(t)
	chartID := publishOneApproved(t, env)

	const publishers = 10
	secretary := env.bearer("secretary")
	type result struct {
		status int
		pub    struct {
			Serial int64   `json:"serial"`
			Charts []int64 `json:"charts"`
		}
	}
	results := make([]result, publishers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range publishers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i].status = secretary.do("POST", "/api/v1/routing/releases", nil, &results[i].pub)
		}()
	}
	close(start)
	wg.Wait()

	created, conflicts := 0, 0
	for i, r := range results {
		switch r.status {
		case http.StatusCreated:
			created++
			if r.pub.Serial != 1 {
				t.Errorf("publish %d: serial %d, want 1", i, r.pub.Serial)
			}
			if d := cmp.Diff([]int64{chartID}, r.pub.Charts); d != "" {
				t.Errorf("charts of release %d (-want +got):\n%s", r.pub.Serial, d)
			}
		case http.StatusConflict:
			conflicts++
		default:
			t.Fatalf("publish %d: status %d, want 201 or 409", i, r.status)
		}
	}
	if created != 1 || conflicts != publishers-1 {
		t.Errorf("%d releases created and %d rejected, want 1 and %d", created, conflicts, publishers-1)
	}

	// A second approved chart makes release 2, chained to release 1.
	second := publishOneApprovedOf(t, env, "6300000000000000002")
	var pub struct {
		Serial int64   `json:"serial"`
		Charts []int64 `json:"charts"`
	}
	if st := secretary.do("POST", "/api/v1/routing/releases", nil, &pub); st != http.StatusCreated || pub.Serial != 2 {
		t.Fatalf("publish the second chart: status %d serial %d, want 201 and 2", st, pub.Serial)
	}
	if d := cmp.Diff([]int64{second}, pub.Charts); d != "" {
		t.Errorf("charts of release 2 (-want +got):\n%s", d)
	}
	const releases = 2

	// Each release names the SHA-256 of the release before it.
	ctx := context.Background()
	prev := ""
	for serial := int64(1); serial <= releases; serial++ {
		var rel storage.Release
		err := env.store.Read(ctx, func(tx *storage.Tx) error {
			var err error
			rel, err = tx.ReleaseBySerial(ctx, serial)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := routing.Decode(rel.Body)
		if err != nil {
			t.Fatal(err)
		}
		if decoded.PreviousSHA256 != prev {
			t.Errorf("release %d previous_sha256 %q, want %q", serial, decoded.PreviousSHA256, prev)
		}
		prev = rel.SHA256
	}
}

// publishOneApproved drafts, agrees and approves a chart of service 1 and
// returns its id, leaving it for the secretary to publish.
func publishOneApproved(t *testing.T, env *testEnv) int64 {
	t.Helper()
	return publishOneApprovedOf(t, env, "6300000000000000001")
}

// publishOneApprovedOf is publishOneApproved for the chart of another
// service of MINSOC.
func publishOneApprovedOf(t *testing.T, env *testEnv, service string) int64 {
	t.Helper()
	spec := env.bearer("spec")
	body := chartBody("FNS")
	body.ServiceCode = service
	var chart chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": body}, &chart); st != http.StatusCreated {
		t.Fatalf("create: %d %s", st, chart.Message)
	}
	path := "/api/v1/charts/" + itoa(chart.ID) + "/actions/"
	for _, step := range []struct{ login, action string }{
		{"spec", "submit"}, {"fns", "agree"}, {"c1", "approve"}, {"c2", "approve"},
	} {
		if st := env.bearer(step.login).do("POST", path+step.action, nil, &chart); st != http.StatusOK {
			t.Fatalf("%s: %d %s", step.action, st, chart.Message)
		}
	}
	return chart.ID
}

// TestConcurrentReadsAndWrites runs readers and writers side by side for a
// bounded number of requests and checks that none fails with a 5xx or a
// busy database, in the responses or in the server log.
func TestConcurrentReadsAndWrites(t *testing.T) {
	var logs syncBuffer
	base := newTestEnv(t)
	env := base.withConfig(func(c *server.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	services := []string{"6300000000000000001", "6300000000000000002"}
	ids := make([]int64, len(services))
	for i, code := range services {
		b := chartBody("FNS")
		b.ServiceCode = code
		var chart chartJSON
		if st := env.bearer("spec").do("POST", "/api/v1/charts", map[string]any{"body": b}, &chart); st != http.StatusCreated {
			t.Fatalf("create chart of %s: status %d", code, st)
		}
		ids[i] = chart.ID
	}

	const (
		writers          = 4
		readers          = 8
		requestsPerAgent = 40
	)
	deadline := time.Now().Add(30 * time.Second)
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := env.bearer("spec")
			id := ids[w%len(ids)]
			path := "/api/v1/charts/" + itoa(id)
			for i := 0; i < requestsPerAgent && time.Now().Before(deadline); i++ {
				var head chartJSON
				if st := c.do("GET", path, nil, &head); st != http.StatusOK {
					fail("writer %d GET: status %d", w, st)
					continue
				}
				b := chartBody("FNS")
				b.ServiceCode = services[w%len(services)]
				b.LegalBasis = fmt.Sprintf("writer %d edit %d", w, i)
				resp := c.raw("PUT", path, map[string]any{"base_revision": head.Revision, "body": b}, nil)
				var e errorBody
				json.NewDecoder(resp.Body).Decode(&e)
				resp.Body.Close()
				// Two writers share each chart, so a lost race is a 409.
				if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusConflict {
					fail("writer %d PUT: status %d %s %s", w, resp.StatusCode, e.Code, e.Message)
				}
			}
		}()
	}
	paths := []string{"/api/v1/charts", "/api/v1/charts/" + itoa(ids[0]), "/api/v1/services",
		"/api/v1/charts/" + itoa(ids[1]) + "/revisions", "/api/v1/me"}
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := env.bearer([]string{"spec", "c1", "official"}[r%3])
			for i := 0; i < requestsPerAgent && time.Now().Before(deadline); i++ {
				p := paths[(r+i)%len(paths)]
				if st := c.do("GET", p, nil, nil); st != http.StatusOK {
					fail("reader %d GET %s: status %d", r, p, st)
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	for _, rec := range logs.records(t) {
		text := fmt.Sprint(rec)
		if rec["level"] == "ERROR" || strings.Contains(text, "database is locked") || strings.Contains(text, "SQLITE_BUSY") {
			t.Errorf("server log: %v", rec)
		}
	}
}
