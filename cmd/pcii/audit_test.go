package main

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs one pcii command in process and returns its exit code and
// output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// copyDB copies a closed database file to a new path.
func copyDB(t *testing.T, src string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestAuditVerify(t *testing.T) {
	f := newFixture(t, 2)
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(f.db + suffix); err == nil {
			t.Fatalf("fixture left %s behind; the copies below would miss its pages", suffix)
		}
	}
	code, out, errOut := runCLI(t, "", "audit", "verify", "--db", f.db)
	if code != 0 || !strings.Contains(out, "audit log intact") {
		t.Fatalf("intact log: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	tests := []struct {
		name   string
		tamper string
		broken string
	}{
		{name: "edited comment", tamper: `UPDATE audit_log SET comment = 'role admin' WHERE id = 3`, broken: "entry 3"},
		{name: "edited actor", tamper: `UPDATE audit_log SET actor_login = 'someone' WHERE id = 2`, broken: "entry 2"},
		{name: "deleted entry", tamper: `DELETE FROM audit_log WHERE id = 3`, broken: "entry 4"},
		{name: "rehashed entry", tamper: `UPDATE audit_log SET comment = 'x', hash = 'ab' WHERE id = 4`, broken: "entry 4"},
		{name: "appended forgery", tamper: `INSERT INTO audit_log (id, at, actor_login, action, object_kind, object_id,
			prev_hash, hash) VALUES (1000, '2026-01-01 00:00:00+00:00', 'admin', 'publish', 'release', '9', 'x', 'y')`,
			broken: "entry 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyDB(t, f.db)
			db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tt.tamper); err != nil {
				t.Fatal(err)
			}
			db.Close()
			code, out, errOut := runCLI(t, "", "audit", "verify", "--db", path)
			if code != 1 {
				t.Errorf("exit %d, want 1; stdout %q", code, out)
			}
			if !strings.Contains(errOut, "broken at "+tt.broken+":") {
				t.Errorf("stderr %q does not name %s", errOut, tt.broken)
			}
		})
	}
}
