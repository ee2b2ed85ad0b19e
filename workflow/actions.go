package workflow

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// Actions on documents, as named in the API.
const (
	ActionSubmit   = "submit"
	ActionAgree    = "agree"
	ActionObject   = "object"
	ActionApprove  = "approve"
	ActionReturn   = "return"
	ActionWithdraw = "withdraw"
	// ActionRetire sends a chart in force to the commission for withdrawal
	// from the exchange.
	ActionRetire = "retire"
)

const (
	decisionAgreed   = "agreed"
	decisionObjected = "objected"
	voteApprove      = "approve"
	voteReturn       = "return"
)

// maxComment is the longest remark accepted, in characters.
const maxComment = 5000

// maxRowRemark is the longest remark on one interaction row, in characters.
const maxRowRemark = 2000

// Act applies an action to a document and returns the document after it.
func (s *Service) Act(ctx context.Context, a Actor, kind charts.Kind, id int64, action,
	comment string) (charts.Document, error) {
	return s.ActWithRemarks(ctx, a, kind, id, action, comment, nil, 0)
}

// ActInMeeting is Act for a vote cast in a commission meeting, which must
// have the document on its agenda; meetingID 0 means outside a meeting.
func (s *Service) ActInMeeting(ctx context.Context, a Actor, kind charts.Kind, id int64, action,
	comment string, meetingID int64) (charts.Document, error) {
	return s.ActWithRemarks(ctx, a, kind, id, action, comment, nil, meetingID)
}

// ActWithRemarks is ActInMeeting with a provider's remarks on single rows
// of the chart, keyed by the 0-based row index. Only agree and object take
// remarks, and each key must be a row whose provider is the actor's
// authority. Remarks that are empty after trimming are dropped.
func (s *Service) ActWithRemarks(ctx context.Context, a Actor, kind charts.Kind, id int64, action,
	comment string, remarks map[int]string, meetingID int64) (charts.Document, error) {
	comment = strings.TrimSpace(comment)
	if len([]rune(comment)) > maxComment {
		return charts.Document{}, &charts.ValidationError{Problems: []charts.FieldError{{
			Field: "comment", Message: fmt.Sprintf("has more than %d characters; shorten it", maxComment)}}}
	}
	remarks, err := cleanRemarks(kind, action, remarks)
	if err != nil {
		return charts.Document{}, err
	}
	if (action == ActionObject && comment == "" && len(remarks) == 0) || (action == ActionReturn && comment == "") {
		return charts.Document{}, &charts.ValidationError{Problems: []charts.FieldError{{
			Field: "comment", Message: "is required: say what must be reworked"}}}
	}
	var doc charts.Document
	err = s.store.Write(ctx, func(tx *storage.Tx) error {
		var err error
		doc, err = s.readable(ctx, tx, a, kind, id)
		if err != nil {
			return err
		}
		from := doc.State
		switch {
		case action == ActionSubmit:
			err = s.submit(ctx, tx, a, &doc)
		case action == ActionWithdraw:
			err = s.withdraw(a, &doc)
		case kind == charts.KindChart && action == ActionRetire:
			err = s.retire(a, &doc)
		case kind == charts.KindChart && (action == ActionAgree || action == ActionObject):
			err = s.agree(ctx, tx, a, &doc, action, comment, remarks)
		case action == ActionApprove || action == ActionReturn:
			err = s.vote(ctx, tx, a, &doc, action, comment, meetingID)
		default:
			return &charts.ValidationError{Problems: []charts.FieldError{{Field: "action",
				Message: fmt.Sprintf("unknown action %q for a %s; use one of %s", action, kind,
					strings.Join(actionsOf(kind), ", "))}}}
		}
		if err != nil {
			return err
		}
		now := s.now()
		doc.UpdatedAt = now
		if doc.State != from {
			doc.StateChangedAt = now
		}
		if err := tx.UpdateDocument(ctx, doc); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, action, doc, from, auditComment(comment, remarks)))
	})
	if err != nil {
		return charts.Document{}, err
	}
	return doc, nil
}

// cleanRemarks trims the row remarks and drops the empty ones. It rejects
// remarks on an action other than a chart's agree or object, and texts that
// charts.CheckText rejects.
func cleanRemarks(kind charts.Kind, action string, remarks map[int]string) (map[int]string, error) {
	if len(remarks) == 0 {
		return nil, nil
	}
	if kind != charts.KindChart || (action != ActionAgree && action != ActionObject) {
		return nil, &charts.ValidationError{Problems: []charts.FieldError{{Field: "remarks",
			Message: fmt.Sprintf("only the agree and object actions of a chart take row remarks, not %s of a %s",
				action, kind)}}}
	}
	var problems []charts.FieldError
	out := make(map[int]string, len(remarks))
	for _, row := range slices.Sorted(maps.Keys(remarks)) {
		text := strings.TrimSpace(remarks[row])
		if p := charts.CheckText(remarkField(row), text, maxRowRemark, false); p != nil {
			problems = append(problems, *p)
			continue
		}
		if text != "" {
			out[row] = text
		}
	}
	if len(problems) > 0 {
		return nil, &charts.ValidationError{Problems: problems}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func remarkField(row int) string { return fmt.Sprintf("remarks[%d]", row) }

// checkRemarkRows rejects remarks on rows of body whose provider is not
// authority, and on indices outside the body.
func checkRemarkRows(body charts.ChartBody, authority string, remarks map[int]string) error {
	var problems []charts.FieldError
	for _, row := range slices.Sorted(maps.Keys(remarks)) {
		if row < 0 || row >= len(body.Interactions) || body.Interactions[row].ProviderCode != authority {
			problems = append(problems, charts.FieldError{Field: remarkField(row),
				Message: fmt.Sprintf("row %d is not a row of your authority", row)})
		}
	}
	if len(problems) > 0 {
		return &charts.ValidationError{Problems: problems}
	}
	return nil
}

// auditComment appends the row remarks to comment, one line each with the
// row number as the chart page shows it (from 1), so the audit log keeps
// them.
func auditComment(comment string, remarks map[int]string) string {
	lines := []string{}
	if comment != "" {
		lines = append(lines, comment)
	}
	for _, row := range slices.Sorted(maps.Keys(remarks)) {
		lines = append(lines, fmt.Sprintf("строка %d: %s", row+1, remarks[row]))
	}
	return strings.Join(lines, "\n")
}

func actionsOf(kind charts.Kind) []string {
	if kind == charts.KindChart {
		return []string{ActionSubmit, ActionAgree, ActionObject, ActionApprove, ActionReturn, ActionWithdraw,
			ActionRetire}
	}
	return []string{ActionSubmit, ActionApprove, ActionReturn, ActionWithdraw}
}

// submit sends a draft to agreement. The providers of rows that an
// amendment left unchanged keep their agreement to the approved revision.
// When no provider is left to agree, the document goes straight to review.
func (s *Service) submit(ctx context.Context, tx *storage.Tx, a Actor, doc *charts.Document) error {
	if err := s.require(a, doc.AuthorityCode, string(doc.Kind), policies.ActDraft); err != nil {
		return err
	}
	if doc.State != charts.StateDraft {
		return conflict("%s %d is in %s; only a draft can be submitted", doc.Kind, doc.ID, doc.State)
	}
	if doc.ApprovedRevision == doc.Revision && doc.ApprovedRevision > 0 {
		return conflict("%s %d revision %d is already approved; save an amendment first",
			doc.Kind, doc.ID, doc.Revision)
	}
	doc.Round++
	doc.Remark = ""
	if doc.Kind == charts.KindPassport {
		doc.State = charts.StateReview
		return nil
	}

	rev, err := tx.Revision(ctx, doc.ID, doc.Revision)
	if err != nil {
		return err
	}
	body, err := charts.DecodeChart([]byte(rev.Body))
	if err != nil {
		return fmt.Errorf("decode chart %d revision %d: %w", doc.ID, doc.Revision, err)
	}
	providers := charts.Providers(body, doc.AuthorityCode)
	carried, err := s.carryOver(ctx, tx, doc, body, providers)
	if err != nil {
		return err
	}
	if len(carried) == len(providers) {
		doc.State = charts.StateReview
	} else {
		doc.State = charts.StateAgreement
	}
	return nil
}

// carryOver copies to the new round the agreements of the approved revision
// given by providers whose rows did not change, and returns those providers.
func (s *Service) carryOver(ctx context.Context, tx *storage.Tx, doc *charts.Document,
	body charts.ChartBody, providers []string) ([]string, error) {
	if doc.ApprovedRevision == 0 {
		return nil, nil
	}
	base, err := tx.Revision(ctx, doc.ID, doc.ApprovedRevision)
	if err != nil {
		return nil, err
	}
	baseBody, err := charts.DecodeChart([]byte(base.Body))
	if err != nil {
		return nil, fmt.Errorf("decode chart %d revision %d: %w", doc.ID, base.Number, err)
	}
	changed := charts.ChangedProviders(baseBody, body)
	prior, err := tx.AgreementsOfRevision(ctx, doc.ID, doc.ApprovedRevision)
	if err != nil {
		return nil, err
	}
	var carried []string
	for _, ag := range prior {
		if changed[ag.ProviderCode] || !slices.Contains(providers, ag.ProviderCode) {
			continue
		}
		// The decision keeps its own date: it was taken on the approved
		// revision, and only its scope moves to the new one.
		ag.Round, ag.Revision = doc.Round, doc.Revision
		ag.Remarks = moveRemarks(baseBody, body, ag.ProviderCode, ag.Remarks)
		if ag.CarriedFrom == 0 {
			ag.CarriedFrom = doc.ApprovedRevision
		}
		if err := tx.InsertAgreement(ctx, ag); err != nil {
			return nil, err
		}
		carried = append(carried, ag.ProviderCode)
	}
	return carried, nil
}

// moveRemarks re-keys a provider's row remarks from row indices of body
// from to the indices of the same rows in body to. The provider's rows are
// the same in both, as carryOver checks, but other providers' rows may have
// moved them. Equal rows of the provider are matched in order.
func moveRemarks(from, to charts.ChartBody, provider string, remarks map[int]string) map[int]string {
	if len(remarks) == 0 {
		return nil
	}
	// free lists, for each encoded row of the provider in to, the indices
	// not yet matched.
	free := map[string][]int{}
	for i, in := range to.Interactions {
		if in.ProviderCode == provider {
			key := rowKey(in)
			free[key] = append(free[key], i)
		}
	}
	moved := map[int]int{}
	for i, in := range from.Interactions {
		if in.ProviderCode != provider {
			continue
		}
		key := rowKey(in)
		if len(free[key]) > 0 {
			moved[i] = free[key][0]
			free[key] = free[key][1:]
		}
	}
	out := make(map[int]string, len(remarks))
	for row, text := range remarks {
		if index, ok := moved[row]; ok {
			out[index] = text
		}
	}
	return out
}

// rowKey returns the canonical encoding of an interaction row, as
// charts.ChangedProviders compares rows.
func rowKey(in charts.Interaction) string {
	enc, _, err := charts.Canonical(in)
	if err != nil {
		// An Interaction always encodes; fall back to its printed form.
		return fmt.Sprint(in)
	}
	return string(enc)
}

func (s *Service) withdraw(a Actor, doc *charts.Document) error {
	if err := s.require(a, doc.AuthorityCode, string(doc.Kind), policies.ActDraft); err != nil {
		return err
	}
	if doc.State != charts.StateAgreement && doc.State != charts.StateReview {
		return conflict("%s %d is in %s; only a document in agreement or review can be withdrawn",
			doc.Kind, doc.ID, doc.State)
	}
	doc.State = charts.StateDraft
	if doc.Retiring {
		doc.State, doc.Retiring = inForce(*doc), false
	}
	return nil
}

// retire sends a chart in force to the commission for retirement. Its
// revision stays in force until the commission approves and a release
// leaves its routes out.
func (s *Service) retire(a Actor, doc *charts.Document) error {
	if err := s.require(a, doc.AuthorityCode, policies.ObjChart, policies.ActDraft); err != nil {
		return err
	}
	if doc.State != charts.StatePublished && doc.State != charts.StateApproved {
		return conflict("chart %d is in %s; only an approved or published chart can be retired", doc.ID, doc.State)
	}
	doc.Round++
	doc.Retiring = true
	doc.Remark = ""
	doc.State = charts.StateReview
	return nil
}

// inForce returns the state a chart under a retirement vote returns to when
// the vote is withdrawn or returned.
func inForce(doc charts.Document) charts.State {
	if doc.PublishedRevision == doc.Revision {
		return charts.StatePublished
	}
	return charts.StateApproved
}

// agree records the decision of the actor's authority as a provider. The
// chart moves to review when the last provider agrees, and back to draft
// with the remark on an objection.
func (s *Service) agree(ctx context.Context, tx *storage.Tx, a Actor, doc *charts.Document,
	action, comment string, remarks map[int]string) error {
	if err := s.require(a, a.Authority, policies.ObjChart, policies.ActAgree); err != nil {
		return err
	}
	if doc.State != charts.StateAgreement {
		return conflict("chart %d is in %s, not in agreement", doc.ID, doc.State)
	}
	rev, err := tx.Revision(ctx, doc.ID, doc.Revision)
	if err != nil {
		return err
	}
	body, err := charts.DecodeChart([]byte(rev.Body))
	if err != nil {
		return fmt.Errorf("decode chart %d revision %d: %w", doc.ID, doc.Revision, err)
	}
	providers := charts.Providers(body, doc.AuthorityCode)
	agreements, err := tx.Agreements(ctx, doc.ID, doc.Round)
	if err != nil {
		return err
	}
	waiting := pending(providers, agreements)
	if !slices.Contains(waiting, a.Authority) {
		if slices.Contains(providers, a.Authority) {
			return conflict("authority %s has already agreed to chart %d revision %d", a.Authority, doc.ID, doc.Revision)
		}
		return forbidden("authority %s is not a provider of chart %d; waiting for %s",
			a.Authority, doc.ID, strings.Join(waiting, ", "))
	}
	if err := checkRemarkRows(body, a.Authority, remarks); err != nil {
		return err
	}

	decision := decisionAgreed
	if action == ActionObject {
		decision = decisionObjected
	}
	actorID := a.ID
	err = tx.InsertAgreement(ctx, storage.Agreement{DocumentID: doc.ID, Round: doc.Round,
		Revision: doc.Revision, ProviderCode: a.Authority, Decision: decision, Comment: comment,
		Remarks: remarks, ActorID: &actorID, DecidedAt: s.now()})
	if err != nil {
		return err
	}
	switch {
	case decision == decisionObjected:
		doc.State = charts.StateDraft
		doc.Remark = auditComment(comment, remarks)
	case len(waiting) == 1:
		doc.State = charts.StateReview
	}
	return nil
}

// vote records a commission member's decision. A chart is approved when
// the configured number of members approve its current revision in the
// current round; a passport needs one approval. Authors of any revision may
// not vote.
func (s *Service) vote(ctx context.Context, tx *storage.Tx, a Actor, doc *charts.Document,
	action, comment string, meetingID int64) error {
	if err := s.require(a, doc.AuthorityCode, string(doc.Kind), policies.ActVote); err != nil {
		return err
	}
	if doc.State != charts.StateReview {
		return conflict("%s %d is in %s, not in review", doc.Kind, doc.ID, doc.State)
	}
	author, err := tx.IsAuthor(ctx, doc.ID, a.ID)
	if err != nil {
		return err
	}
	if author {
		return forbidden("%s authored a revision of %s %d and may not vote on it", a.Login, doc.Kind, doc.ID)
	}
	decision := voteApprove
	if action == ActionReturn {
		decision = voteReturn
	}
	var meeting *int64
	if meetingID != 0 {
		if err := s.checkMeetingVote(ctx, tx, meetingID, doc); err != nil {
			return err
		}
		meeting = &meetingID
	}
	err = tx.InsertVote(ctx, storage.Vote{DocumentID: doc.ID, Round: doc.Round, Revision: doc.Revision,
		MemberID: a.ID, Decision: decision, Comment: comment, CastAt: s.now(), MeetingID: meeting})
	if errors.Is(err, storage.ErrDuplicate) {
		return conflict("%s has already voted on %s %d revision %d", a.Login, doc.Kind, doc.ID, doc.Revision)
	}
	if err != nil {
		return err
	}
	if decision == voteReturn {
		doc.State = charts.StateDraft
		if doc.Retiring {
			doc.State, doc.Retiring = inForce(*doc), false
		}
		doc.Remark = comment
		return nil
	}

	votes, err := tx.Votes(ctx, doc.ID)
	if err != nil {
		return err
	}
	// The approvals of one decision are cast together: in the same
	// meeting, or all outside meetings, so a protocol never claims a
	// decision that took votes from elsewhere.
	approvals := 0
	for _, v := range votes {
		if v.Round == doc.Round && v.Revision == doc.Revision && v.Decision == voteApprove &&
			sameMeeting(v.MeetingID, meeting) {
			approvals++
		}
	}
	needed := s.approvals
	if doc.Kind == charts.KindPassport {
		needed = 1
	}
	switch {
	case approvals < needed:
	case doc.Retiring:
		doc.State = charts.StateRetired
	default:
		doc.State = charts.StateApproved
		doc.ApprovedRevision = doc.Revision
	}
	return nil
}

func sameMeeting(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// checkMeetingVote allows a vote in a meeting that has the document on its
// agenda and whose day has come.
func (s *Service) checkMeetingVote(ctx context.Context, tx *storage.Tx, meetingID int64, doc *charts.Document) error {
	m, err := tx.Meeting(ctx, meetingID)
	if errors.Is(err, storage.ErrNotFound) {
		return conflict("meeting %d does not exist", meetingID)
	}
	if err != nil {
		return err
	}
	if today := s.now().In(s.loc).Format(time.DateOnly); m.HeldOn > today {
		return conflict("meeting %s is held on %s; votes in it are cast from that day", m.Protocol, m.HeldOn)
	}
	on, err := tx.OnAgenda(ctx, meetingID, doc.ID)
	if err != nil {
		return err
	}
	if !on {
		return conflict("%s %d is not on the agenda of meeting %s; add it to the agenda first",
			doc.Kind, doc.ID, m.Protocol)
	}
	return nil
}
