package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry is one record of the append-only audit log.
type AuditEntry struct {
	ID         int64     `db:"id" json:"id"`
	At         time.Time `db:"at" json:"at"`
	ActorID    *int64    `db:"actor_id" json:"-"`
	ActorLogin string    `db:"actor_login" json:"actor"`
	Action     string    `db:"action" json:"action"`
	ObjectKind string    `db:"object_kind" json:"object_kind"`
	ObjectID   string    `db:"object_id" json:"object_id"`
	Revision   int       `db:"revision" json:"revision,omitempty"`
	FromState  string    `db:"from_state" json:"from_state,omitempty"`
	ToState    string    `db:"to_state" json:"to_state,omitempty"`
	Comment    string    `db:"comment" json:"comment,omitempty"`
	PrevHash   string    `db:"prev_hash" json:"-"`
	Hash       string    `db:"hash" json:"-"`
}

// auditHash is the SHA-256 of the previous hash and the entry's content.
func auditHash(prev string, e AuditEntry) string {
	content, _ := json.Marshal([]any{
		e.At.UTC().Format(time.RFC3339Nano), e.ActorLogin, e.Action, e.ObjectKind, e.ObjectID,
		e.Revision, e.FromState, e.ToState, e.Comment,
	})
	sum := sha256.Sum256(append([]byte(prev+"\n"), content...))
	return hex.EncodeToString(sum[:])
}

// Audit appends e to the audit log, chained to the entry before it. It must
// run in the transaction of the change it records.
func (t *Tx) Audit(ctx context.Context, e AuditEntry) error {
	var prev string
	err := t.get(ctx, &prev, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)
	if err != nil && err != ErrNotFound {
		return fmt.Errorf("read audit chain: %w", err)
	}
	e.At = e.At.UTC()
	e.Hash = auditHash(prev, e)
	_, err = t.exec(ctx, `
		INSERT INTO audit_log (at, actor_id, actor_login, action, object_kind, object_id, revision,
			from_state, to_state, comment, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, e.ActorID, e.ActorLogin, e.Action, e.ObjectKind, e.ObjectID, e.Revision,
		e.FromState, e.ToState, e.Comment, prev, e.Hash)
	if err != nil {
		return fmt.Errorf("append audit entry %s %s %s: %w", e.Action, e.ObjectKind, e.ObjectID, err)
	}
	return nil
}

// AuditOf returns the entries about one object, oldest first.
func (t *Tx) AuditOf(ctx context.Context, kind, id string) ([]AuditEntry, error) {
	var list []AuditEntry
	err := t.selectAll(ctx, &list, `SELECT id, at, actor_id, actor_login, action, object_kind,
			object_id, revision, from_state, to_state, comment, prev_hash, hash
		FROM audit_log WHERE object_kind = ? AND object_id = ? ORDER BY id`, kind, id)
	if err != nil {
		return nil, fmt.Errorf("read audit of %s %s: %w", kind, id, err)
	}
	return list, nil
}

// VerifyAudit walks the whole chain and returns the id of the first entry
// whose hash does not match, or 0 when the chain is intact.
func (t *Tx) VerifyAudit(ctx context.Context) (int64, int, error) {
	rows, err := t.tx.QueryxContext(ctx, `SELECT id, at, actor_id, actor_login, action, object_kind,
			object_id, revision, from_state, to_state, comment, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, 0, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	prev, n := "", 0
	for rows.Next() {
		var e AuditEntry
		if err := rows.StructScan(&e); err != nil {
			return 0, n, fmt.Errorf("read audit entry: %w", err)
		}
		n++
		if e.PrevHash != prev || auditHash(prev, e) != e.Hash {
			return e.ID, n, nil
		}
		prev = e.Hash
	}
	return 0, n, rows.Err()
}

// VerifyAudit checks the whole audit chain in one snapshot; see
// Tx.VerifyAudit.
func (s *Store) VerifyAudit(ctx context.Context) (broken int64, entries int, err error) {
	err = s.Read(ctx, func(tx *Tx) error {
		broken, entries, err = tx.VerifyAudit(ctx)
		return err
	})
	return broken, entries, err
}
