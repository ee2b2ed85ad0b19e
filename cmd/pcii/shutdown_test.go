package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdown starts a save whose body arrives slowly and sends
// SIGTERM while the server is reading it. The save must still complete and
// new connections must be refused. The process must exit 0 and leave a
// clean database behind.
func TestGracefulShutdown(t *testing.T) {
	f := newFixture(t, 1)
	p := startServer(t, f.db, "--shutdown-timeout", "20s")
	service := f.services[0]
	id := f.charts[service]

	body, err := json.Marshal(map[string]any{"base_revision": 1, "body": chartBodyJSON(service, "Сохранено при остановке")})
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("PUT", p.URL+"/api/v1/charts/"+strconv.FormatInt(id, 10), pr)
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+f.token)
	type result struct {
		status   int
		revision int
		err      error
	}
	results := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			results <- result{err: err}
			return
		}
		defer resp.Body.Close()
		var out struct {
			Revision int `json:"revision"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		results <- result{status: resp.StatusCode, revision: out.Revision, err: err}
	}()

	half := len(body) / 2
	if _, err := pw.Write(body[:half]); err != nil {
		t.Fatal(err)
	}
	// Give the server time to read the headers and start the handler.
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	// The listener closes at once: new connections are refused while the
	// slow request is still in flight.
	refused := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err != nil {
			refused = true
			break
		}
		conn.Close()
	}
	if !refused {
		t.Error("new connections were still accepted 5s after SIGTERM")
	}
	select {
	case r := <-results:
		t.Fatalf("slow request finished before its body was sent: %+v", r)
	case err := <-p.done:
		t.Fatalf("server exited with a request in flight: %v\n%s", err, p.logs)
	default:
	}

	if _, err := pw.Write(body[half:]); err != nil {
		t.Fatalf("send the rest of the body: %v", err)
	}
	pw.Close()
	r := <-results
	if r.err != nil || r.status != http.StatusOK || r.revision != 2 {
		t.Fatalf("in-flight save: status %d revision %d err %v, want 200 and revision 2\n%s", r.status, r.revision, r.err, p.logs)
	}

	start := time.Now()
	if err := p.wait(t, 15*time.Second); err != nil {
		t.Fatalf("exit status after SIGTERM: %v, want 0\n%s", err, p.logs)
	}
	t.Logf("exited %s after the last request", time.Since(start).Round(time.Millisecond))

	// The last connection's close checkpoints the WAL and removes it.
	for _, suffix := range []string{"-wal", "-journal"} {
		if info, err := os.Stat(f.db + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left after shutdown: %v %v", f.db+suffix, info, err)
		}
	}
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(f.db)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRowContext(context.Background(), `PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check %q, %v", integrity, err)
	}
	var revision int
	db.QueryRow(`SELECT revision FROM documents WHERE id = ?`, id).Scan(&revision)
	if revision != 2 {
		t.Errorf("chart %d revision %d after shutdown, want the in-flight save's 2", id, revision)
	}
}
