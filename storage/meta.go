package storage

import (
	"context"
	"errors"
	"fmt"
)

// Meta returns the value stored under key, or "" when there is none.
func (t *Tx) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := t.get(ctx, &v, `SELECT value FROM meta WHERE key = ?`, key)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read meta %s: %w", key, err)
	}
	return v, nil
}

// SetMeta stores value under key.
func (t *Tx) SetMeta(ctx context.Context, key, value string) error {
	_, err := t.exec(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store meta %s: %w", key, err)
	}
	return nil
}

// IsEmpty reports whether the registry holds no services, documents or
// users, as in a file just created.
func (t *Tx) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := t.get(ctx, &n, `SELECT (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM documents)
		+ (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM authorities)`)
	if err != nil {
		return false, fmt.Errorf("count registry rows: %w", err)
	}
	return n == 0, nil
}

// Pragma reads one SQLite setting; it is SQLite-only.
func (t *Tx) Pragma(ctx context.Context, name string, dest any) error {
	switch name {
	case "journal_mode", "foreign_keys", "synchronous", "busy_timeout", "integrity_check":
	default:
		return fmt.Errorf("pragma %q is not readable here", name)
	}
	return t.get(ctx, dest, "PRAGMA "+name)
}
