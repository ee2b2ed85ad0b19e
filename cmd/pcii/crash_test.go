package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"pcii/storage"
)

// ackedRevision is a save that the server acknowledged with 200.
type ackedRevision struct {
	chart    int64
	revision int
	sha256   string
}

// apiCall sends a JSON request with the bearer token and decodes the
// response into out. It returns the status, or an error when the connection
// failed, as it does once the server is killed.
func apiCall(client *http.Client, base, token, method, path string, body, out any) (int, error) {
	var r *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	} else {
		r = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return 0, fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

type chartHead struct {
	Revision int    `json:"revision"`
	State    string `json:"state"`
	SHA256   string `json:"sha256"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// editChart saves, submits and withdraws one chart until a request fails,
// and sends every acknowledged save to acked. It reports statuses that no
// correct server returns.
func editChart(client *http.Client, base, token, service string, id int64, writer int,
	acked chan<- ackedRevision, report func(string, ...any)) {
	path := "/api/v1/charts/" + strconv.FormatInt(id, 10)
	for i := 0; i < 10000; i++ {
		var head chartHead
		st, err := apiCall(client, base, token, "GET", path, nil, &head)
		if err != nil {
			return
		}
		if st != http.StatusOK {
			report("writer %d GET %s: status %d %s", writer, path, st, head.Message)
			return
		}
		if head.State == "agreement" {
			if st, err := apiCall(client, base, token, "POST", path+"/actions/withdraw", nil, &head); err != nil {
				return
			} else if st != http.StatusOK {
				report("writer %d withdraw: status %d %s", writer, st, head.Message)
				return
			}
			continue
		}
		body := chartBodyJSON(service, fmt.Sprintf("Редакция %d-%d-%d", writer, i, time.Now().UnixNano()))
		var saved chartHead
		st, err = apiCall(client, base, token, "PUT", path, map[string]any{"base_revision": head.Revision,
			"body": body}, &saved)
		if err != nil {
			return
		}
		if st != http.StatusOK {
			report("writer %d save on revision %d: status %d %s", writer, head.Revision, st, saved.Message)
			return
		}
		acked <- ackedRevision{chart: id, revision: saved.Revision, sha256: saved.SHA256}
		if i%2 == 0 {
			if _, err := apiCall(client, base, token, "POST", path+"/actions/submit", nil, &head); err != nil {
				return
			}
		}
	}
}

// TestCrashRecovery kills pcii serve with SIGKILL at random moments while
// it takes concurrent writes, and checks after every kill that the file is
// intact, every acknowledged save is there with its hash, and no
// transaction is half applied.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test builds and kills pcii serve; skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	t.Logf("random seed %d", seed)
	f := newFixture(t, 4)
	rounds := 8 + rng.IntN(8)
	var acked []ackedRevision
	started := time.Now()

	for round := 1; round <= rounds; round++ {
		p := startServer(t, f.db)
		client := &http.Client{Timeout: 10 * time.Second}
		ackc := make(chan ackedRevision, 10000)
		var mu sync.Mutex
		var problems []string
		report := func(format string, args ...any) {
			mu.Lock()
			problems = append(problems, fmt.Sprintf(format, args...))
			mu.Unlock()
		}
		var wg sync.WaitGroup
		for w, service := range f.services {
			wg.Add(1)
			go func() {
				defer wg.Done()
				editChart(client, p.URL, f.token, service, f.charts[service], w, ackc, report)
			}()
		}
		time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		p.kill(t)
		wg.Wait()
		close(ackc)
		roundAcks := 0
		for a := range ackc {
			acked = append(acked, a)
			roundAcks++
		}
		for _, msg := range problems {
			t.Errorf("round %d: %s", round, msg)
		}
		t.Logf("round %d: %d saves acknowledged before SIGKILL", round, roundAcks)
		checkAfterCrash(t, round, f.db, acked)
	}
	if len(acked) < rounds {
		t.Errorf("only %d saves acknowledged in %d rounds; the test did not exercise the server", len(acked), rounds)
	}
	t.Logf("%d rounds, %d acknowledged saves in %s", rounds, len(acked), time.Since(started).Round(time.Millisecond))
}

// checkAfterCrash opens the database of the killed server and checks it.
func checkAfterCrash(t *testing.T, round int, path string, acked []ackedRevision) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("round %d: integrity_check %q, %v", round, integrity, err)
	}
	for _, a := range acked {
		var sum string
		err := db.QueryRowContext(ctx, `SELECT sha256 FROM revisions WHERE document_id = ? AND number = ?`,
			a.chart, a.revision).Scan(&sum)
		if err != nil {
			t.Errorf("round %d: acknowledged revision %d of chart %d is missing: %v", round, a.revision, a.chart, err)
		} else if sum != a.sha256 {
			t.Errorf("round %d: chart %d revision %d sha256 %s, acknowledged %s", round, a.chart, a.revision, sum, a.sha256)
		}
	}
	// The head, its revisions and its audit entries are written in one
	// transaction, so they must agree with each other.
	rows, err := db.QueryContext(ctx, `
		SELECT d.id, d.revision, d.state,
			(SELECT MAX(number) FROM revisions r WHERE r.document_id = d.id),
			(SELECT COUNT(*) FROM revisions r WHERE r.document_id = d.id),
			(SELECT COUNT(*) FROM audit_log a WHERE a.object_kind = 'chart' AND a.object_id = CAST(d.id AS TEXT)
				AND a.action = 'save'),
			(SELECT a.revision FROM audit_log a WHERE a.object_kind = 'chart' AND a.object_id = CAST(d.id AS TEXT)
				ORDER BY a.id DESC LIMIT 1),
			(SELECT a.to_state FROM audit_log a WHERE a.object_kind = 'chart' AND a.object_id = CAST(d.id AS TEXT)
				ORDER BY a.id DESC LIMIT 1)
		FROM documents d ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var revision, maxRevision, revisions, saves, auditRevision int
		var state, auditState string
		if err := rows.Scan(&id, &revision, &state, &maxRevision, &revisions, &saves, &auditRevision, &auditState); err != nil {
			t.Fatal(err)
		}
		if revision != maxRevision {
			t.Errorf("round %d: chart %d head revision %d, latest stored revision %d", round, id, revision, maxRevision)
		}
		if saves != revisions {
			t.Errorf("round %d: chart %d has %d revisions and %d save audit entries", round, id, revisions, saves)
		}
		if auditRevision != revision || auditState != state {
			t.Errorf("round %d: chart %d is revision %d in %s, its last audit entry says revision %d in %s",
				round, id, revision, state, auditRevision, auditState)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	store, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatalf("round %d: open after crash: %v", round, err)
	}
	defer store.Close()
	if broken, _, err := store.VerifyAudit(ctx); err != nil || broken != 0 {
		t.Errorf("round %d: audit chain broken at entry %d: %v", round, broken, err)
	}
}
