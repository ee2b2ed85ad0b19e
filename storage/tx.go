package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"
)

// Sentinel errors that callers map to user-facing messages.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("already exists")
)

// Tx is one transaction. Every query method of the store hangs off Tx, so the
// same code serves reads and writes and a state change is always one
// transaction.
type Tx struct {
	tx *sqlx.Tx
}

// Read runs fn in a read-only transaction over one consistent snapshot of
// the database.
func (s *Store) Read(ctx context.Context, fn func(*Tx) error) error {
	return run(ctx, s.reader, &sql.TxOptions{ReadOnly: true}, fn)
}

// Write runs fn in a transaction that holds the write lock from its start
// and commits when fn returns nil. Nothing of fn's writes remains when fn or
// the commit fails.
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) error {
	return run(ctx, s.writer, nil, fn)
}

func run(ctx context.Context, db *sqlx.DB, opts *sql.TxOptions, fn func(*Tx) error) error {
	tx, err := db.BeginTxx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	if err := fn(&Tx{tx: tx}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (t *Tx) get(ctx context.Context, dest any, query string, args ...any) error {
	err := t.tx.GetContext(ctx, dest, t.tx.Rebind(query), args...)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

func (t *Tx) selectAll(ctx context.Context, dest any, query string, args ...any) error {
	return t.tx.SelectContext(ctx, dest, t.tx.Rebind(query), args...)
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := t.tx.ExecContext(ctx, t.tx.Rebind(query), args...)
	if isUniqueViolation(err) {
		return nil, fmt.Errorf("%w: %v", ErrDuplicate, err)
	}
	return res, err
}

// isUniqueViolation is SQLite-specific: it reads the driver's extended code.
func isUniqueViolation(err error) bool {
	var serr sqlite3.Error
	if errors.As(err, &serr) {
		return serr.ExtendedCode == sqlite3.ErrConstraintUnique ||
			serr.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
	}
	return false
}

// likePattern turns a folded search text into a LIKE pattern that matches it
// anywhere, with the LIKE wildcards in the text escaped by a backslash.
func likePattern(folded string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(folded) + "%"
}
