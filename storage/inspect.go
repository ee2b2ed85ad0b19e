package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
)

// FileKind is the content of a database path, as InspectFile finds it.
type FileKind int

// Kinds of database files.
const (
	// FileAbsent is a path with no file.
	FileAbsent FileKind = iota
	// FileEmpty is an SQLite file without tables, or a pcii database with
	// no registry data.
	FileEmpty
	// FilePCII is a pcii database that holds data.
	FilePCII
	// FileForeign is an SQLite database of another program.
	FileForeign
)

// FileInfo describes a database file without changing it.
type FileInfo struct {
	Kind FileKind
	// Meta holds the meta table of a pcii database.
	Meta map[string]string
	// AuditHead is the hash of the last audit entry, or "".
	AuditHead string
}

// InspectFile reads what the file at path holds without migrating or
// otherwise writing it. It fails for a file that is not an SQLite
// database. This function is SQLite-only.
func InspectFile(ctx context.Context, path string) (FileInfo, error) {
	var info FileInfo
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return info, nil
	}
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return info, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()

	tables := map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return info, fmt.Errorf("%s is not an SQLite database: %w", path, err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return info, fmt.Errorf("read tables of %s: %w", path, err)
		}
		tables[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return info, fmt.Errorf("read tables of %s: %w", path, err)
	}

	switch {
	case len(tables) == 0:
		info.Kind = FileEmpty
		return info, nil
	case !tables["goose_db_version"] || !tables["meta"] || !tables["audit_log"]:
		info.Kind = FileForeign
		return info, nil
	}
	info.Meta = map[string]string{}
	metaRows, err := db.QueryContext(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return info, fmt.Errorf("read meta of %s: %w", path, err)
	}
	for metaRows.Next() {
		var k, v string
		if err := metaRows.Scan(&k, &v); err != nil {
			metaRows.Close()
			return info, fmt.Errorf("read meta of %s: %w", path, err)
		}
		info.Meta[k] = v
	}
	metaRows.Close()
	err = db.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&info.AuditHead)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return info, fmt.Errorf("read audit log of %s: %w", path, err)
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM documents)
		+ (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM authorities)`).Scan(&n)
	if err != nil {
		return info, fmt.Errorf("count registry rows of %s: %w", path, err)
	}
	info.Kind = FilePCII
	if n == 0 {
		info.Kind = FileEmpty
	}
	return info, nil
}

// CheckNotInUse returns an error matching ErrInUse when another process has
// the database at path open. It changes nothing else.
func CheckNotInUse(ctx context.Context, path string) error {
	release, err := lockForReplace(ctx, path)
	if err != nil {
		return err
	}
	release()
	return nil
}

// AuditHead returns the hash of the last audit entry, or "" when the log is
// empty.
func (t *Tx) AuditHead(ctx context.Context) (string, error) {
	var h string
	err := t.get(ctx, &h, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read audit head: %w", err)
	}
	return h, nil
}
