package storage

import (
	"context"
	"fmt"

	"pcii/charts"
)

// UpdateUser changes the full name, role and authority of the user with
// id, or returns ErrNotFound.
func (t *Tx) UpdateUser(ctx context.Context, id int64, fullName, role string, authority *string) error {
	res, err := t.exec(ctx, `UPDATE users SET full_name = ?, role = ?, authority_code = ? WHERE id = ?`,
		fullName, role, authority, id)
	if err != nil {
		return fmt.Errorf("update user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	return nil
}

// SetDisabled blocks or unblocks sign-in of the user with id and, when
// blocking, ends the user's sessions. It returns ErrNotFound for an
// unknown id.
func (t *Tx) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	res, err := t.exec(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, id)
	if err != nil {
		return fmt.Errorf("set disabled of user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	if !disabled {
		return nil
	}
	if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
		return fmt.Errorf("end sessions of user %d: %w", id, err)
	}
	return nil
}

// DataKind returns the data kind with code, or ErrNotFound.
func (t *Tx) DataKind(ctx context.Context, code string) (charts.DataKind, error) {
	var d charts.DataKind
	err := t.get(ctx, &d, `SELECT code, name, provider_code, namespace, version, withdrawn_on
		FROM data_kinds WHERE code = ?`, code)
	if err != nil {
		return d, fmt.Errorf("data kind %q: %w", code, err)
	}
	return d, nil
}

// MeetingsOfDocument returns the meetings whose agenda lists the document,
// the latest first.
func (t *Tx) MeetingsOfDocument(ctx context.Context, documentID int64) ([]Meeting, error) {
	var list []Meeting
	err := t.selectAll(ctx, &list, `SELECT m.id, m.held_on, m.protocol, m.title, m.created_by, m.created_at
		FROM meeting_agenda a JOIN meetings m ON m.id = a.meeting_id
		WHERE a.document_id = ?
		ORDER BY m.held_on DESC, m.id DESC`, documentID)
	if err != nil {
		return nil, fmt.Errorf("list meetings of document %d: %w", documentID, err)
	}
	return list, nil
}

// UsersPage returns up to limit users whose login sorts after after,
// ordered by login, so the next page starts after the last login returned.
func (t *Tx) UsersPage(ctx context.Context, after string, limit int) ([]User, error) {
	var list []User
	err := t.selectAll(ctx, &list, `SELECT `+userColumns+` FROM users WHERE login > ? ORDER BY login LIMIT ?`,
		after, limit)
	if err != nil {
		return nil, fmt.Errorf("list users after %q: %w", after, err)
	}
	return list, nil
}

// AuthoritiesPage returns up to limit authorities whose code sorts after
// after, ordered by code.
func (t *Tx) AuthoritiesPage(ctx context.Context, after string, limit int) ([]charts.Authority, error) {
	var list []charts.Authority
	err := t.selectAll(ctx, &list, `SELECT code, name, short_name, level, municipality, active
		FROM authorities WHERE code > ? ORDER BY code LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list authorities after %q: %w", after, err)
	}
	return list, nil
}

// DataKindsPage returns up to limit data kinds after the key (provider,
// code), ordered by provider and code, with the provider's name.
func (t *Tx) DataKindsPage(ctx context.Context, afterProvider, afterCode string, limit int) ([]DataKindListing, error) {
	var list []DataKindListing
	err := t.selectAll(ctx, &list, `
		SELECT d.code, d.name, d.provider_code, d.namespace, d.version, d.withdrawn_on,
			COALESCE(a.name, d.provider_code) AS provider_name
		FROM data_kinds d LEFT JOIN authorities a ON a.code = d.provider_code
		WHERE d.provider_code > ? OR (d.provider_code = ? AND d.code > ?)
		ORDER BY d.provider_code, d.code
		LIMIT ?`, afterProvider, afterProvider, afterCode, limit)
	if err != nil {
		return nil, fmt.Errorf("list data kinds after %s/%s: %w", afterProvider, afterCode, err)
	}
	return list, nil
}

// DataKindListing is a data kind with its provider's name.
type DataKindListing struct {
	charts.DataKind
	ProviderName string `db:"provider_name"`
}

// MeetingsPage returns up to limit meetings before the key (held_on, id)
// in the order of Meetings, latest first; an empty beforeDay starts at the
// latest meeting.
func (t *Tx) MeetingsPage(ctx context.Context, beforeDay string, beforeID int64, limit int) ([]Meeting, error) {
	var list []Meeting
	err := t.selectAll(ctx, &list, `SELECT id, held_on, protocol, title, created_by, created_at
		FROM meetings
		WHERE ? = '' OR held_on < ? OR (held_on = ? AND id < ?)
		ORDER BY held_on DESC, id DESC
		LIMIT ?`, beforeDay, beforeDay, beforeDay, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("list meetings before %s/%d: %w", beforeDay, beforeID, err)
	}
	return list, nil
}
