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

// Pragma reads one SQLite setting; it is SQLite-only.
func (t *Tx) Pragma(ctx context.Context, name string, dest any) error {
	switch name {
	case "journal_mode", "foreign_keys", "synchronous", "busy_timeout", "integrity_check":
	default:
		return fmt.Errorf("pragma %q is not readable here", name)
	}
	return t.get(ctx, dest, "PRAGMA "+name)
}
