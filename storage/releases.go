package storage

import (
	"context"
	"fmt"
	"time"
)

// Release is a stored routing release: the exact bytes served and signed.
type Release struct {
	Serial         int64     `db:"serial"`
	GeneratedAt    time.Time `db:"generated_at"`
	Body           []byte    `db:"body"`
	SHA256         string    `db:"sha256"`
	PreviousSHA256 string    `db:"previous_sha256"`
	KeyID          string    `db:"key_id"`
	Signature      string    `db:"signature"`
	CreatedBy      *int64    `db:"created_by"`
	Routes         int       `db:"routes"`
}

const releaseColumns = `serial, generated_at, body, sha256, previous_sha256, key_id, signature, created_by, routes`

// InsertRelease stores a release; a serial already taken returns
// ErrDuplicate.
func (t *Tx) InsertRelease(ctx context.Context, r Release) error {
	_, err := t.exec(ctx, `INSERT INTO releases (`+releaseColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Serial, r.GeneratedAt, r.Body, r.SHA256, r.PreviousSHA256, r.KeyID, r.Signature, r.CreatedBy, r.Routes)
	if err != nil {
		return fmt.Errorf("insert release %d: %w", r.Serial, err)
	}
	return nil
}

// LatestRelease returns the release with the highest serial, or ErrNotFound
// before the first publication.
func (t *Tx) LatestRelease(ctx context.Context) (Release, error) {
	var r Release
	err := t.get(ctx, &r, `SELECT `+releaseColumns+` FROM releases ORDER BY serial DESC LIMIT 1`)
	if err != nil {
		return r, fmt.Errorf("latest release: %w", err)
	}
	return r, nil
}

// ReleaseBySerial returns one release, or ErrNotFound.
func (t *Tx) ReleaseBySerial(ctx context.Context, serial int64) (Release, error) {
	var r Release
	err := t.get(ctx, &r, `SELECT `+releaseColumns+` FROM releases WHERE serial = ?`, serial)
	if err != nil {
		return r, fmt.Errorf("release %d: %w", serial, err)
	}
	return r, nil
}

// ReleaseAt returns the latest release generated at or before at, or
// ErrNotFound.
func (t *Tx) ReleaseAt(ctx context.Context, at time.Time) (Release, error) {
	var r Release
	err := t.get(ctx, &r, `SELECT `+releaseColumns+` FROM releases
		WHERE generated_at <= ? ORDER BY serial DESC LIMIT 1`, at.UTC())
	if err != nil {
		return r, fmt.Errorf("release at %s: %w", at.Format(time.RFC3339), err)
	}
	return r, nil
}

// ReleaseSummary describes a release without its body.
type ReleaseSummary struct {
	Serial      int64     `db:"serial" json:"serial"`
	GeneratedAt time.Time `db:"generated_at" json:"generated_at"`
	SHA256      string    `db:"sha256" json:"sha256"`
	KeyID       string    `db:"key_id" json:"key_id"`
	Routes      int       `db:"routes" json:"routes"`
}

// Releases returns every release, newest first, without bodies.
func (t *Tx) Releases(ctx context.Context) ([]ReleaseSummary, error) {
	var list []ReleaseSummary
	err := t.selectAll(ctx, &list, `SELECT serial, generated_at, sha256, key_id, routes
		FROM releases ORDER BY serial DESC`)
	if err != nil {
		return nil, fmt.Errorf("list releases: %w", err)
	}
	return list, nil
}

// ReleaseCandidate is a chart whose revision goes into the next release.
type ReleaseCandidate struct {
	DocumentID  int64  `db:"id"`
	ServiceCode string `db:"service_code"`
	Authority   string `db:"authority_code"`
	State       string `db:"state"`
	Revision    int    `db:"revision"`
	Published   int    `db:"published_revision"`
	Body        string `db:"body"`
	SHA256      string `db:"sha256"`
}

// ReleaseCandidates returns every chart in force: the latest approved
// revision when it is newer than the published one, else the published
// revision. Retired charts are left out. Ordered by chart id.
func (t *Tx) ReleaseCandidates(ctx context.Context) ([]ReleaseCandidate, error) {
	var list []ReleaseCandidate
	err := t.selectAll(ctx, &list, `
		SELECT d.id, d.service_code, d.authority_code, d.state, r.number AS revision,
			d.published_revision, r.body, r.sha256
		FROM documents d
		JOIN revisions r ON r.document_id = d.id
			AND r.number = CASE WHEN d.approved_revision > d.published_revision
				THEN d.approved_revision ELSE d.published_revision END
		WHERE d.kind = 'chart' AND (d.published_revision > 0 OR d.approved_revision > 0)
			AND d.state <> 'retired'
		ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("list release candidates: %w", err)
	}
	return list, nil
}

// ApprovalVotes returns the approving votes cast on revision of document id.
func (t *Tx) ApprovalVotes(ctx context.Context, id int64, revision int) ([]Vote, error) {
	var list []Vote
	err := t.selectAll(ctx, &list, `
		SELECT v.document_id, v.round, v.revision, v.member_id, u.login AS member_login,
			v.decision, v.comment, v.cast_at, v.meeting_id
		FROM votes v JOIN users u ON u.id = v.member_id
		WHERE v.document_id = ? AND v.revision = ? AND v.decision = 'approve'
			AND v.round = (SELECT MAX(round) FROM votes WHERE document_id = ? AND revision = ?)
		ORDER BY v.cast_at, u.login`, id, revision, id, revision)
	if err != nil {
		return nil, fmt.Errorf("list approvals of document %d: %w", id, err)
	}
	return list, nil
}

// InsertPublication records that release serial first carried revision of
// chart id.
func (t *Tx) InsertPublication(ctx context.Context, id int64, revision int, serial int64) error {
	_, err := t.exec(ctx, `INSERT INTO publications (document_id, revision, release_serial)
		VALUES (?, ?, ?)`, id, revision, serial)
	if err != nil {
		return fmt.Errorf("record publication of chart %d revision %d: %w", id, revision, err)
	}
	return nil
}
