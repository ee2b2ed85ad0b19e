package workflow

import (
	"context"
	"errors"
	"fmt"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// readable loads a document that the actor may read in full, as every
// action needs. A document the actor may not see is reported as not found,
// so ids do not reveal other authorities' drafts.
func (s *Service) readable(ctx context.Context, tx *storage.Tx, a Actor, kind charts.Kind,
	id int64) (charts.Document, error) {
	doc, limit, err := s.readableUpTo(ctx, tx, a, kind, id)
	if err != nil {
		return doc, err
	}
	if limit < doc.Revision {
		return charts.Document{}, fmt.Errorf("%s %d: %w", kind, id, storage.ErrNotFound)
	}
	return doc, nil
}

// readableUpTo loads a document and the latest of its revisions that the
// actor may read, which is never 0.
func (s *Service) readableUpTo(ctx context.Context, tx *storage.Tx, a Actor, kind charts.Kind,
	id int64) (charts.Document, int, error) {
	doc, err := tx.Document(ctx, kind, id)
	if err != nil {
		return doc, 0, err
	}
	limit, err := s.readLimit(ctx, tx, a, doc)
	if err != nil {
		return doc, 0, err
	}
	if limit == 0 {
		return charts.Document{}, 0, fmt.Errorf("%s %d: %w", kind, id, storage.ErrNotFound)
	}
	return doc, limit, nil
}

// readLimit returns the latest revision of d the actor may read. Its own
// authority, the roles that read everything, and the providers named in the
// chart once it left drafting read every revision. Other specialists read
// only the revision in force, and 0 means none.
func (s *Service) readLimit(ctx context.Context, tx *storage.Tx, a Actor, d charts.Document) (int, error) {
	obj := string(d.Kind)
	if s.CanAny(a, obj, policies.ActReadAll) {
		return d.Revision, nil
	}
	if !s.CanAny(a, obj, policies.ActRead) {
		return 0, nil
	}
	if d.AuthorityCode == a.Authority || d.Kind == charts.KindPassport {
		return d.Revision, nil
	}
	inForce := max(d.PublishedRevision, d.ApprovedRevision)
	if d.State == charts.StateDraft {
		return inForce, nil
	}
	list, err := tx.Documents(ctx, storage.DocumentFilter{Kind: d.Kind, ProviderCode: a.Authority,
		Before: d.ID + 1, Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(list) == 1 && list[0].ID == d.ID {
		return d.Revision, nil
	}
	return inForce, nil
}

// Visibility returns the DocumentFilter.Visibility value for the actor: ""
// for roles that read everything, else the actor's authority.
func (s *Service) Visibility(a Actor, kind charts.Kind) string {
	if s.CanAny(a, string(kind), policies.ActReadAll) {
		return ""
	}
	if a.Authority == "" {
		return "-"
	}
	return a.Authority
}

// Detail is a document with everything its page and API show.
type Detail struct {
	charts.Document
	Service    charts.Service
	Current    charts.Revision
	Revisions  []charts.Revision
	Agreements []storage.Agreement
	// Pending lists the providers whose agreement the current round awaits.
	Pending []string
	// Providers lists the providers the current revision names, other than
	// the drafting authority.
	Providers    []string
	Votes        []storage.Vote
	Approvals    int
	Publications map[int]int64
	Audit        []storage.AuditEntry
}

// RevisionState returns the state of revision n: the document's state for
// the latest revision, "published" for the revision in force, "superseded"
// for earlier published ones, and "" for other older revisions.
func (d Detail) RevisionState(n int) charts.State {
	switch {
	case n == d.PublishedRevision:
		return charts.StatePublished
	case d.Publications[n] > 0:
		return charts.StateSuperseded
	case n == d.Revision:
		return d.State
	case n == d.ApprovedRevision:
		return charts.StateApproved
	}
	return ""
}

// Document returns the detail of a document the actor may read.
func (s *Service) Document(ctx context.Context, a Actor, kind charts.Kind, id int64) (Detail, error) {
	var d Detail
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		doc, limit, err := s.readableUpTo(ctx, tx, a, kind, id)
		if err != nil {
			return err
		}
		if limit < doc.Revision {
			// An outsider reads the chart as it is in force, without the
			// amendment being drafted or agreed.
			doc.State = charts.StateApproved
			if doc.PublishedRevision == limit {
				doc.State = charts.StatePublished
			}
			doc.Revision, doc.Remark, doc.Retiring = limit, "", false
		}
		d.Document = doc
		if d.Service, err = tx.Service(ctx, doc.ServiceCode); err != nil {
			return err
		}
		if d.Current, err = tx.Revision(ctx, doc.ID, doc.Revision); err != nil {
			return err
		}
		if d.Revisions, err = tx.Revisions(ctx, doc.ID); err != nil {
			return err
		}
		if d.Votes, err = tx.Votes(ctx, doc.ID); err != nil {
			return err
		}
		if d.Audit, err = tx.AuditOf(ctx, string(kind), fmt.Sprint(doc.ID)); err != nil {
			return err
		}
		d.Revisions = upTo(d.Revisions, doc.Revision, func(r charts.Revision) int { return r.Number })
		d.Votes = upTo(d.Votes, doc.Revision, func(v storage.Vote) int { return v.Revision })
		d.Audit = upTo(d.Audit, doc.Revision, func(e storage.AuditEntry) int { return e.Revision })
		for _, v := range d.Votes {
			if v.Round == doc.Round && v.Revision == doc.Revision && v.Decision == "approve" {
				d.Approvals++
			}
		}
		if kind != charts.KindChart {
			return nil
		}
		if d.Publications, err = tx.Publications(ctx, doc.ID); err != nil {
			return err
		}
		if d.Agreements, err = tx.Agreements(ctx, doc.ID, doc.Round); err != nil {
			return err
		}
		d.Agreements = upTo(d.Agreements, doc.Revision, func(a storage.Agreement) int { return a.Revision })
		body, err := charts.DecodeChart([]byte(d.Current.Body))
		if err != nil {
			return fmt.Errorf("decode chart %d revision %d: %w", doc.ID, doc.Revision, err)
		}
		d.Providers = charts.Providers(body, doc.AuthorityCode)
		if doc.State == charts.StateAgreement {
			d.Pending = pending(d.Providers, d.Agreements)
		}
		return nil
	})
	return d, err
}

// upTo keeps the items whose revision is at most limit.
func upTo[T any](list []T, limit int, revision func(T) int) []T {
	out := list[:0:0]
	for _, item := range list {
		if revision(item) <= limit {
			out = append(out, item)
		}
	}
	return out
}

// pending returns the providers without an agreed decision.
func pending(providers []string, agreements []storage.Agreement) []string {
	agreed := make(map[string]bool)
	for _, a := range agreements {
		if a.Decision == decisionAgreed {
			agreed[a.ProviderCode] = true
		}
	}
	var out []string
	for _, p := range providers {
		if !agreed[p] {
			out = append(out, p)
		}
	}
	return out
}

// RevisionBody returns revision n of a document the actor may read.
func (s *Service) RevisionBody(ctx context.Context, a Actor, kind charts.Kind, id int64,
	n int) (charts.Revision, error) {
	var rev charts.Revision
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		_, limit, err := s.readableUpTo(ctx, tx, a, kind, id)
		if err != nil {
			return err
		}
		if n > limit {
			return fmt.Errorf("revision %d of %s %d: %w", n, kind, id, storage.ErrNotFound)
		}
		rev, err = tx.Revision(ctx, id, n)
		return err
	})
	return rev, err
}

// Diff compares revisions from and to of a document the actor may read.
func (s *Service) Diff(ctx context.Context, a Actor, kind charts.Kind, id int64, from, to int) ([]charts.Change, error) {
	var changes []charts.Change
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		_, limit, err := s.readableUpTo(ctx, tx, a, kind, id)
		if err != nil {
			return err
		}
		if from > limit || to > limit {
			return fmt.Errorf("revision %d of %s %d: %w", max(from, to), kind, id, storage.ErrNotFound)
		}
		older, err := tx.Revision(ctx, id, from)
		if err != nil {
			return err
		}
		newer, err := tx.Revision(ctx, id, to)
		if err != nil {
			return err
		}
		changes, err = charts.Diff([]byte(older.Body), []byte(newer.Body))
		return err
	})
	if changes == nil && err == nil {
		changes = []charts.Change{}
	}
	return changes, err
}

// List returns one page of documents the actor may read.
func (s *Service) List(ctx context.Context, a Actor, f storage.DocumentFilter) ([]charts.Document, error) {
	if !s.CanAny(a, string(f.Kind), policies.ActRead) {
		return nil, forbidden("role %s may not read %ss", a.Role, f.Kind)
	}
	f.Visibility = s.Visibility(a, f.Kind)
	var list []charts.Document
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		list, err = tx.Documents(ctx, f)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	return list, err
}
