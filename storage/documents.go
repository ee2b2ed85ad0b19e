package storage

import (
	"context"
	"fmt"
	"time"

	"pcii/charts"
)

const documentColumns = `id, kind, service_code, authority_code, state, revision, approved_revision,
	published_revision, round, in_interaction, retiring, remark, state_changed_at, created_at, updated_at`

// Document returns the document with id and kind, or ErrNotFound.
func (t *Tx) Document(ctx context.Context, kind charts.Kind, id int64) (charts.Document, error) {
	var d charts.Document
	err := t.get(ctx, &d, `SELECT `+documentColumns+` FROM documents WHERE kind = ? AND id = ?`, kind, id)
	if err != nil {
		return d, fmt.Errorf("%s %d: %w", kind, id, err)
	}
	return d, nil
}

// DocumentByService returns the document of kind for a service, or
// ErrNotFound.
func (t *Tx) DocumentByService(ctx context.Context, kind charts.Kind, serviceCode string) (charts.Document, error) {
	var d charts.Document
	err := t.get(ctx, &d, `SELECT `+documentColumns+`
		FROM documents WHERE kind = ? AND service_code = ?`, kind, serviceCode)
	if err != nil {
		return d, fmt.Errorf("%s of service %s: %w", kind, serviceCode, err)
	}
	return d, nil
}

// DocumentFilter selects documents for lists. Empty fields match all.
type DocumentFilter struct {
	Kind          charts.Kind
	State         charts.State
	AuthorityCode string
	// ProviderCode selects charts whose latest revision names the provider.
	ProviderCode string
	// Visibility limits the result to what a specialist of this authority
	// may read; empty means no limit.
	Visibility string
	// Before is the id of the last document of the previous page; the list
	// runs newest first.
	Before int64
	Limit  int
}

// Documents returns one page of documents matching f, newest first.
func (t *Tx) Documents(ctx context.Context, f DocumentFilter) ([]charts.Document, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	if f.Before <= 0 {
		f.Before = 1 << 62
	}
	query := `SELECT ` + documentColumns + ` FROM documents d
		WHERE kind = ?
			AND (? = '' OR state = ?)
			AND (? = '' OR authority_code = ?)
			AND (? = '' OR EXISTS (SELECT 1 FROM chart_providers cp
				WHERE cp.document_id = d.id AND cp.revision = d.revision AND cp.provider_code = ?))
			AND (? = '' OR ` + visibleClause + `)
			AND id < ?
		ORDER BY id DESC
		LIMIT ?`
	var list []charts.Document
	err := t.selectAll(ctx, &list, query, f.Kind, f.State, f.State, f.AuthorityCode, f.AuthorityCode,
		f.ProviderCode, f.ProviderCode, f.Visibility, f.Visibility, f.Visibility, f.Before, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list %ss: %w", f.Kind, err)
	}
	return list, nil
}

// visibleClause admits the documents a specialist of an authority may read:
// its own, and those past drafting that either are in force or name the
// authority as a provider. It takes the authority code twice.
const visibleClause = `(d.authority_code = ?
	OR d.published_revision > 0 OR d.approved_revision > 0 OR d.kind = 'passport'
	OR (d.state <> 'draft' AND EXISTS (SELECT 1 FROM chart_providers vp
		WHERE vp.document_id = d.id AND vp.provider_code = ?)))`

// NewDocument inserts a document head in the draft state with no revision
// yet and returns its id.
func (t *Tx) NewDocument(ctx context.Context, kind charts.Kind, serviceCode, authorityCode string,
	now time.Time) (int64, error) {
	var id int64
	err := t.get(ctx, &id, `
		INSERT INTO documents (kind, service_code, authority_code, state, revision,
			state_changed_at, created_at, updated_at)
		VALUES (?, ?, ?, 'draft', 0, ?, ?, ?)
		RETURNING id`, kind, serviceCode, authorityCode, now, now, now)
	if err != nil {
		return 0, fmt.Errorf("insert %s for service %s: %w", kind, serviceCode, err)
	}
	return id, nil
}

// UpdateDocument writes the mutable head fields of d. It does not touch the
// revisions.
func (t *Tx) UpdateDocument(ctx context.Context, d charts.Document) error {
	_, err := t.exec(ctx, `
		UPDATE documents SET state = ?, revision = ?, approved_revision = ?, published_revision = ?,
			round = ?, in_interaction = ?, retiring = ?, remark = ?, state_changed_at = ?, updated_at = ?
		WHERE id = ?`,
		d.State, d.Revision, d.ApprovedRevision, d.PublishedRevision, d.Round, d.InInteraction, d.Retiring,
		d.Remark, d.StateChangedAt, d.UpdatedAt, d.ID)
	if err != nil {
		return fmt.Errorf("update %s %d: %w", d.Kind, d.ID, err)
	}
	return nil
}

// InsertRevision stores a new immutable revision. A revision with the same
// number already stored makes it return ErrDuplicate.
func (t *Tx) InsertRevision(ctx context.Context, r charts.Revision) error {
	_, err := t.exec(ctx, `
		INSERT INTO revisions (document_id, number, body, sha256, author_id, created_at, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.DocumentID, r.Number, r.Body, r.SHA256, r.AuthorID, r.CreatedAt, r.Note)
	if err != nil {
		return fmt.Errorf("insert revision %d of document %d: %w", r.Number, r.DocumentID, err)
	}
	return nil
}

const revisionColumns = `r.document_id, r.number, r.body, r.sha256, r.author_id,
	u.login AS author_login, r.created_at, r.note`

// Revision returns revision number of document id, or ErrNotFound.
func (t *Tx) Revision(ctx context.Context, id int64, number int) (charts.Revision, error) {
	var r charts.Revision
	err := t.get(ctx, &r, `SELECT `+revisionColumns+`
		FROM revisions r JOIN users u ON u.id = r.author_id
		WHERE r.document_id = ? AND r.number = ?`, id, number)
	if err != nil {
		return r, fmt.Errorf("revision %d of document %d: %w", number, id, err)
	}
	return r, nil
}

// Revisions returns every revision of document id, oldest first, without
// their bodies.
func (t *Tx) Revisions(ctx context.Context, id int64) ([]charts.Revision, error) {
	var list []charts.Revision
	err := t.selectAll(ctx, &list, `SELECT r.document_id, r.number, '' AS body, r.sha256, r.author_id,
			u.login AS author_login, r.created_at, r.note
		FROM revisions r JOIN users u ON u.id = r.author_id
		WHERE r.document_id = ? ORDER BY r.number`, id)
	if err != nil {
		return nil, fmt.Errorf("list revisions of document %d: %w", id, err)
	}
	return list, nil
}

// IsAuthor reports whether the user saved any revision of document id.
func (t *Tx) IsAuthor(ctx context.Context, id, userID int64) (bool, error) {
	var n int
	err := t.get(ctx, &n, `SELECT COUNT(*) FROM revisions WHERE document_id = ? AND author_id = ?`, id, userID)
	if err != nil {
		return false, fmt.Errorf("count revisions of document %d by user %d: %w", id, userID, err)
	}
	return n > 0, nil
}

// SetChartProviders records the providers that revision of chart id names.
func (t *Tx) SetChartProviders(ctx context.Context, id int64, revision int, providers []string) error {
	for _, p := range providers {
		_, err := t.exec(ctx, `INSERT INTO chart_providers (document_id, revision, provider_code)
			VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, revision, p)
		if err != nil {
			return fmt.Errorf("record provider %s of chart %d: %w", p, id, err)
		}
	}
	return nil
}

// Publications returns, for chart id, the release serial that first carried
// each published revision.
func (t *Tx) Publications(ctx context.Context, id int64) (map[int]int64, error) {
	var rows []struct {
		Revision int   `db:"revision"`
		Serial   int64 `db:"release_serial"`
	}
	err := t.selectAll(ctx, &rows, `SELECT revision, release_serial FROM publications
		WHERE document_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("list publications of chart %d: %w", id, err)
	}
	m := make(map[int]int64, len(rows))
	for _, r := range rows {
		m[r.Revision] = r.Serial
	}
	return m, nil
}
