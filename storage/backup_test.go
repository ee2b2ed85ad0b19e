package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

// queryer is what *sql.DB and *sql.Conn share for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// dumpTables returns every row of every table, in rowid order, as text.
func dumpTables(t *testing.T, ctx context.Context, q queryer) map[string][]string {
	t.Helper()
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
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
		rows, err := q.QueryContext(ctx, `SELECT * FROM "`+table+`" ORDER BY rowid`)
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprintf("%q", values))
		}
		rows.Close()
		if out[table] == nil {
			out[table] = []string{}
		}
	}
	return out
}

// writeLoop commits one transaction after another until stop is closed:
// each changes a meta value, adds a data kind and appends an audit entry.
func writeLoop(t *testing.T, s *Store, stop <-chan struct{}, commits *atomic.Int64) {
	ctx := context.Background()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		err := s.Write(ctx, func(tx *Tx) error {
			if err := tx.SetMeta(ctx, "counter", strconv.Itoa(i)); err != nil {
				return err
			}
			code := fmt.Sprintf("KIND%06d", i)
			if err := tx.PutDataKind(ctx, charts.DataKind{Code: code, Name: "Сведения " + code, ProviderCode: "FNS"}); err != nil {
				return err
			}
			return tx.Audit(ctx, AuditEntry{At: time.Now(), ActorLogin: "writer", Action: "create",
				ObjectKind: "data_kind", ObjectID: code})
		})
		if err != nil {
			t.Errorf("write %d: %v", i, err)
			return
		}
		commits.Add(1)
	}
}

func openTestStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "pcii.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Write(ctx, func(tx *Tx) error {
		return tx.PutAuthority(ctx, charts.Authority{Code: "FNS", Name: "ФНС", Level: "federal", Active: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitCommits waits until at least n transactions have committed.
func waitCommits(t *testing.T, commits *atomic.Int64, n int64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for commits.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d writes committed in 20s", commits.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestBackupSnapshotUnderWrites(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	stop := make(chan struct{})
	var commits atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		writeLoop(t, s, stop, &commits)
	}()
	waitCommits(t, &commits, 50)

	// Open a read transaction, back up from it and dump the same snapshot,
	// while the writer keeps committing.
	conn, err := s.reader.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		t.Fatal(err)
	}
	var before int64
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	atBackup := commits.Load()
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := backupFrom(ctx, conn, dest); err != nil {
		t.Fatal(err)
	}
	snapshot := dumpTables(t, ctx, conn)
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	waitCommits(t, &commits, atBackup+50)
	close(stop)
	wg.Wait()

	if got := int64(len(snapshot["audit_log"])); got != before {
		t.Fatalf("snapshot has %d audit entries, the transaction saw %d", got, before)
	}
	var final int64
	s.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&final)
	if final <= before {
		t.Fatalf("no write landed after the backup (%d entries before, %d after)", before, final)
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode: %v %v, want 0600", info.Mode(), err)
	}
	if _, err := os.Stat(dest + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup left a -wal file: %v", err)
	}

	target := filepath.Join(t.TempDir(), "restored.db")
	if err := Restore(ctx, dest, target); err != nil {
		t.Fatal(err)
	}
	restored, err := sql.Open("sqlite3", "file:"+url.PathEscape(target)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if d := cmp.Diff(snapshot, dumpTables(t, ctx, restored)); d != "" {
		t.Errorf("restored database differs from the source at the backup point (-source +restored):\n%s", d)
	}
	reopened, err := Open(ctx, target, Options{})
	if err != nil {
		t.Fatalf("open restored database: %v", err)
	}
	defer reopened.Close()
	if broken, n, err := reopened.VerifyAudit(ctx); err != nil || broken != 0 || int64(n) != before {
		t.Errorf("restored audit chain: broken at %d, %d entries, %v; want intact with %d", broken, n, err, before)
	}
}

func TestRestoreRejects(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}

	corrupt := filepath.Join(dir, "corrupt.db")
	data, _ := os.ReadFile(good)
	for i := 4096; i < len(data) && i < 4096*3; i++ {
		data[i] ^= 0x5a
	}
	os.WriteFile(corrupt, data, 0o600)

	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("not a database, only some text that is long enough\n"), 0o600)

	newer := filepath.Join(dir, "newer.db")
	if err := s.Backup(ctx, newer); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite3", "file:"+url.PathEscape(newer))
	if _, err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name    string
		backup  string
		target  string
		wantErr error
	}{
		{name: "target open by a running store", backup: good, target: s.Path(), wantErr: ErrInUse},
		{name: "corrupt backup", backup: corrupt, target: filepath.Join(dir, "a.db")},
		{name: "not a database", backup: notDB, target: filepath.Join(dir, "b.db")},
		{name: "newer schema", backup: newer, target: filepath.Join(dir, "c.db"), wantErr: ErrSchemaTooNew},
		{name: "missing backup", backup: filepath.Join(dir, "none.db"), target: filepath.Join(dir, "d.db"),
			wantErr: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Restore(ctx, tt.backup, tt.target)
			if err == nil {
				t.Fatal("Restore succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if tt.target != s.Path() {
				if _, statErr := os.Stat(tt.target); !errors.Is(statErr, os.ErrNotExist) {
					t.Errorf("rejected restore created %s", tt.target)
				}
			}
		})
	}
	// The running store is untouched by the refused restore.
	if broken, _, err := s.VerifyAudit(ctx); err != nil || broken != 0 {
		t.Errorf("store after a refused restore: broken at %d, %v", broken, err)
	}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.SetMeta(ctx, "after", "restore") }); err != nil {
		t.Errorf("write after a refused restore: %v", err)
	}
}

func TestRestoreReplacesClosedDatabase(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// Writes after the backup must be gone after the restore, including
	// those still in the -wal file of the closed database.
	if err := s.Write(ctx, func(tx *Tx) error { return tx.SetMeta(ctx, "later", "yes") }); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	if err := Restore(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	reopened, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	var later string
	reopened.Read(ctx, func(tx *Tx) error {
		var err error
		later, err = tx.Meta(ctx, "later")
		return err
	})
	if later != "" {
		t.Errorf("meta written after the backup survived the restore: %q", later)
	}
}
