package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Agreement is one provider's decision on a chart in one submission round.
type Agreement struct {
	DocumentID   int64     `db:"document_id" json:"-"`
	Round        int       `db:"round" json:"round"`
	Revision     int       `db:"revision" json:"revision"`
	ProviderCode string    `db:"provider_code" json:"provider_code"`
	Decision     string    `db:"decision" json:"decision"`
	Comment      string    `db:"comment" json:"comment,omitempty"`
	ActorID      *int64    `db:"actor_id" json:"-"`
	ActorLogin   string    `db:"actor_login" json:"actor,omitempty"`
	DecidedAt    time.Time `db:"decided_at" json:"decided_at"`
	// CarriedFrom is the revision whose agreement carried over, or 0.
	CarriedFrom int `db:"carried_from" json:"carried_from,omitempty"`
	// Remarks maps the 0-based index of an interaction row of Revision to
	// the provider's remark on that row. Only InsertAgreement, Agreements
	// and AgreementsOfRevision read and write it.
	Remarks map[int]string `db:"-" json:"remarks,omitempty"`
}

// agreementRow is an Agreement as its queries scan it, with the remarks
// still encoded.
type agreementRow struct {
	Agreement
	RemarksJSON string `db:"remarks"`
}

// encodeRemarks returns remarks as the JSON object stored in
// agreements.remarks.
func encodeRemarks(a Agreement) (string, error) {
	if len(a.Remarks) == 0 {
		return "{}", nil
	}
	raw, err := json.Marshal(a.Remarks)
	if err != nil {
		return "", fmt.Errorf("encode remarks of %s on chart %d: %w", a.ProviderCode, a.DocumentID, err)
	}
	return string(raw), nil
}

// decodeAgreements decodes the remarks of each scanned row.
func decodeAgreements(rows []agreementRow) ([]Agreement, error) {
	list := make([]Agreement, len(rows))
	for i, r := range rows {
		list[i] = r.Agreement
		var remarks map[int]string
		if err := json.Unmarshal([]byte(r.RemarksJSON), &remarks); err != nil {
			return nil, fmt.Errorf("decode remarks of %s on chart %d round %d: %w",
				r.ProviderCode, r.DocumentID, r.Round, err)
		}
		if len(remarks) > 0 {
			list[i].Remarks = remarks
		}
	}
	return list, nil
}

// InsertAgreement records a provider's decision.
func (t *Tx) InsertAgreement(ctx context.Context, a Agreement) error {
	remarks, err := encodeRemarks(a)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `
		INSERT INTO agreements (document_id, round, revision, provider_code, decision, comment,
			actor_id, decided_at, carried_from, remarks)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.DocumentID, a.Round, a.Revision, a.ProviderCode, a.Decision, a.Comment, a.ActorID,
		a.DecidedAt, a.CarriedFrom, remarks)
	if err != nil {
		return fmt.Errorf("record agreement of %s on chart %d: %w", a.ProviderCode, a.DocumentID, err)
	}
	return nil
}

// Agreements returns the decisions of chart id in round.
func (t *Tx) Agreements(ctx context.Context, id int64, round int) ([]Agreement, error) {
	var rows []agreementRow
	err := t.selectAll(ctx, &rows, `
		SELECT a.document_id, a.round, a.revision, a.provider_code, a.decision, a.comment,
			a.actor_id, COALESCE(u.login, '') AS actor_login, a.decided_at, a.carried_from, a.remarks
		FROM agreements a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.document_id = ? AND a.round = ?
		ORDER BY a.decided_at, a.provider_code`, id, round)
	if err != nil {
		return nil, fmt.Errorf("list agreements of chart %d: %w", id, err)
	}
	return decodeAgreements(rows)
}

// AgreementsOfRevision returns the agreed decisions given to revision of
// chart id in its latest round, which an amendment may carry over.
func (t *Tx) AgreementsOfRevision(ctx context.Context, id int64, revision int) ([]Agreement, error) {
	var rows []agreementRow
	err := t.selectAll(ctx, &rows, `
		SELECT a.document_id, a.round, a.revision, a.provider_code, a.decision, a.comment,
			a.actor_id, '' AS actor_login, a.decided_at, a.carried_from, a.remarks
		FROM agreements a
		WHERE a.document_id = ? AND a.revision = ? AND a.decision = 'agreed'
			AND a.round = (SELECT MAX(round) FROM agreements
				WHERE document_id = ? AND revision = ?)`, id, revision, id, revision)
	if err != nil {
		return nil, fmt.Errorf("list agreements of revision %d of chart %d: %w", revision, id, err)
	}
	return decodeAgreements(rows)
}

// Vote is one commission member's decision on a document in one round.
type Vote struct {
	DocumentID  int64     `db:"document_id" json:"-"`
	Round       int       `db:"round" json:"round"`
	Revision    int       `db:"revision" json:"revision"`
	MemberID    int64     `db:"member_id" json:"-"`
	MemberLogin string    `db:"member_login" json:"member"`
	Decision    string    `db:"decision" json:"decision"`
	Comment     string    `db:"comment" json:"comment,omitempty"`
	CastAt      time.Time `db:"cast_at" json:"cast_at"`
	// MeetingID is the commission meeting the vote was cast in, or nil.
	MeetingID *int64 `db:"meeting_id" json:"meeting_id,omitempty"`
}

// InsertVote records a vote; a second vote of the member in the same round
// returns ErrDuplicate.
func (t *Tx) InsertVote(ctx context.Context, v Vote) error {
	_, err := t.exec(ctx, `
		INSERT INTO votes (document_id, round, revision, member_id, decision, comment, cast_at, meeting_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		v.DocumentID, v.Round, v.Revision, v.MemberID, v.Decision, v.Comment, v.CastAt, v.MeetingID)
	if err != nil {
		return fmt.Errorf("record vote on document %d: %w", v.DocumentID, err)
	}
	return nil
}

// Votes returns every vote on document id, oldest first.
func (t *Tx) Votes(ctx context.Context, id int64) ([]Vote, error) {
	var list []Vote
	err := t.selectAll(ctx, &list, `
		SELECT v.document_id, v.round, v.revision, v.member_id, u.login AS member_login,
			v.decision, v.comment, v.cast_at, v.meeting_id
		FROM votes v JOIN users u ON u.id = v.member_id
		WHERE v.document_id = ?
		ORDER BY v.cast_at, v.member_id`, id)
	if err != nil {
		return nil, fmt.Errorf("list votes of document %d: %w", id, err)
	}
	return list, nil
}
