package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// tableRows returns every row of every table of the database at path, in
// rowid order, as text.
func tableRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// One read transaction, so the dump is one snapshot.
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `COMMIT`)
	rows, err := conn.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := conn.QueryContext(ctx, `SELECT * FROM "`+table+`" ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		out[table] = []string{}
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			rows.Scan(ptrs...)
			out[table] = append(out[table], fmt.Sprintf("%q", values))
		}
		rows.Close()
	}
	return out
}

// appendOnlyTables are never updated or deleted from by pcii, so a backup
// taken earlier holds a prefix of each.
var appendOnlyTables = []string{"audit_log", "revisions", "chart_providers", "goose_db_version", "releases"}

func TestBackupWhileServing(t *testing.T) {
	f := newFixture(t, 3)
	p := startServer(t, f.db)
	client := &http.Client{Timeout: 10 * time.Second}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	acks := 0
	for w, service := range f.services {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := fmt.Sprintf("/api/v1/charts/%d", f.charts[service])
			for i := 0; i < 2000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var head chartHead
				if st, err := apiCall(client, p.URL, f.token, "GET", path, nil, &head); err != nil || st != http.StatusOK {
					t.Errorf("writer %d GET: %d %v", w, st, err)
					return
				}
				body := chartBodyJSON(service, fmt.Sprintf("Редакция %d-%d", w, i))
				st, err := apiCall(client, p.URL, f.token, "PUT", path, map[string]any{"base_revision": head.Revision, "body": body}, &head)
				if err != nil || st != http.StatusOK {
					t.Errorf("writer %d save: %d %v %s", w, st, err, head.Message)
					return
				}
				mu.Lock()
				acks++
				mu.Unlock()
			}
		}()
	}
	waitFor := func(n int) {
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			mu.Lock()
			done := acks >= n
			mu.Unlock()
			if done {
				return
			}
		}
		t.Fatalf("fewer than %d saves in 20s", n)
	}
	waitFor(30)

	dir := t.TempDir()
	backup := filepath.Join(dir, "during.db")
	code, out, errOut := runCLI(t, "", "backup", "--db", f.db, "--out", backup)
	if code != 0 {
		t.Fatalf("backup while serving: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "are not included") {
		t.Errorf("backup output %q does not warn that the signing keys are not included", out)
	}
	mu.Lock()
	atBackup := acks
	mu.Unlock()
	waitFor(atBackup + 30)

	code, _, errOut = runCLI(t, "", "restore", "--db", f.db, backup)
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Errorf("restore over the served database: exit %d stderr %q, want 1 and an in-use error", code, errOut)
	}

	restored := filepath.Join(dir, "restored.db")
	if code, _, errOut := runCLI(t, "", "restore", "--db", restored, backup); code != 0 {
		t.Fatalf("restore into a new path: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(keysPath(restored)); err == nil {
		t.Errorf("restore created a signing key file %s", keysPath(restored))
	}
	close(stop)
	wg.Wait()

	// While the server kept writing, the backup is a consistent earlier
	// state: a prefix of every append-only table, and document heads that
	// match their own revisions.
	source, copied := tableRows(t, f.db), tableRows(t, restored)
	for _, table := range appendOnlyTables {
		n := len(copied[table])
		if n > len(source[table]) {
			t.Errorf("%s: backup has %d rows, source %d", table, n, len(source[table]))
			continue
		}
		if d := cmp.Diff(source[table][:n], copied[table]); d != "" {
			t.Errorf("%s: backup is not a prefix of the source (-source +backup):\n%s", table, d)
		}
	}
	if len(copied["audit_log"]) >= len(source["audit_log"]) {
		t.Errorf("no write landed after the backup; the test did not back up under load")
	}
	if code, out, errOut := runCLI(t, "", "audit", "verify", "--db", restored); code != 0 {
		t.Errorf("audit verify of the restored copy: exit %d %s %s", code, out, errOut)
	}
	db, _ := sql.Open("sqlite3", "file:"+url.PathEscape(restored)+"?mode=ro")
	var mismatched int
	db.QueryRow(`SELECT COUNT(*) FROM documents d
		WHERE d.revision <> (SELECT MAX(number) FROM revisions r WHERE r.document_id = d.id)`).Scan(&mismatched)
	db.Close()
	if mismatched != 0 {
		t.Errorf("%d document heads in the backup do not match their latest revision", mismatched)
	}

	// Once the writes have stopped, a backup restores to exactly the
	// source, table by table and row by row.
	quiet := filepath.Join(dir, "quiet.db")
	if code, _, errOut := runCLI(t, "", "backup", "--db", f.db, "--out", quiet); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.wait(t, 15*time.Second); err != nil {
		t.Fatalf("server exit: %v", err)
	}
	final := filepath.Join(dir, "final.db")
	if code, _, errOut := runCLI(t, "", "restore", "--db", final, quiet); code != 0 {
		t.Fatalf("restore: exit %d: %s", code, errOut)
	}
	if d := cmp.Diff(tableRows(t, f.db), tableRows(t, final)); d != "" {
		t.Errorf("restored database differs from the source (-source +restored):\n%s", d)
	}
	// Restoring over the stopped server's database now succeeds.
	if code, _, errOut := runCLI(t, "", "restore", "--db", f.db, backup); code != 0 {
		t.Errorf("restore over the stopped server's database: exit %d: %s", code, errOut)
	}
}
