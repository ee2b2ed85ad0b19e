package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsRejectBadInput checks that mistyped arguments stop a command
// with a message instead of being ignored or creating files.
func TestCommandsRejectBadInput(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	foreign := filepath.Join(dir, "notes.db")
	db, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"extra argument to serve", []string{"serve", "--db", missing, "extra", "--addr", "127.0.0.1:1"}, `unexpected argument "extra"`},
		{"zero approvals", []string{"serve", "--db", missing, "--approvals", "0"}, "at least 1"},
		{"audit of a missing database", []string{"audit", "verify", "--db", missing}, "give the right --db"},
		{"report of a missing database", []string{"report", "progress", "--db", missing, "--out", filepath.Join(dir, "r.xlsx")}, "give the right --db"},
		{"token of a missing database", []string{"token", "create", "--db", missing, "--login", "x"}, "give the right --db"},
		{"keys of a missing database", []string{"keys", "list", "--db", missing}, "the keys live beside it"},
		{"token on another program's database", []string{"token", "create", "--db", foreign}, "another program's"},
		{"serve another program's database", []string{"serve", "--db", foreign, "--addr", "127.0.0.1:1"}, "another program's"},
		{"demo over another program's database", []string{"demo", "--db", foreign}, "another program's"},
		{"unknown command", []string{"publish"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCommand(tt.args...)
			if code == 0 {
				t.Fatalf("exit 0, want a failure: %s", stdout)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.want)
			}
			if _, err := os.Stat(missing); err == nil {
				t.Fatalf("%s created %s", tt.name, missing)
			}
		})
	}
	if _, err := os.Stat(keysPath(foreign)); err == nil {
		t.Error("a key file was created beside another program's database")
	}
	var tables int
	db, _ = sql.Open("sqlite3", foreign)
	defer db.Close()
	db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`).Scan(&tables)
	if tables != 1 {
		t.Errorf("another program's database has %d tables now, want its 1", tables)
	}
}
