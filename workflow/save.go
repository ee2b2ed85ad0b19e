package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// Save describes one save of a document body.
type Save struct {
	// ID is the document to amend, or 0 to create one.
	ID int64
	// BaseRevision is the revision the edit started from; a save based on
	// anything but the latest revision is rejected with a *ConflictError.
	BaseRevision int
	Body         []byte
	Note         string
}

// parsedBody is a validated body in canonical form.
type parsedBody struct {
	serviceCode   string
	canonical     []byte
	sha256        string
	providers     []string
	inInteraction bool
}

// SaveChart validates a chart body and stores it as a new revision; see
// save for the rules.
func (s *Service) SaveChart(ctx context.Context, a Actor, in Save) (charts.Document, error) {
	return s.save(ctx, a, charts.KindChart, in)
}

// SavePassport validates a passport body and stores it as a new revision.
func (s *Service) SavePassport(ctx context.Context, a Actor, in Save) (charts.Document, error) {
	return s.save(ctx, a, charts.KindPassport, in)
}

// save stores a new revision. A new document takes the authority of its
// service as its drafting authority. Drafts can be edited, and so can
// approved or published documents, which the save turns into an amendment.
// The revision in force stays until the amendment is approved.
func (s *Service) save(ctx context.Context, a Actor, kind charts.Kind, in Save) (charts.Document, error) {
	if len(strings.TrimSpace(in.Note)) > 2000 {
		return charts.Document{}, &charts.ValidationError{Problems: []charts.FieldError{
			{Field: "note", Message: "has more than 2000 characters; shorten it"}}}
	}
	var doc charts.Document
	err := s.store.Write(ctx, func(tx *storage.Tx) error {
		reg, err := tx.Registry(ctx)
		if err != nil {
			return err
		}
		reg.Today = s.now().In(s.loc).Format(time.DateOnly)
		code, err := serviceCodeOf(kind, in.Body)
		if err != nil {
			return err
		}
		svc, err := tx.Service(ctx, code)
		if errors.Is(err, storage.ErrNotFound) {
			return &charts.ValidationError{Problems: []charts.FieldError{
				{Field: "service_code", Message: fmt.Sprintf("unknown service %q", code)}}}
		}
		if err != nil {
			return err
		}
		body, err := parse(kind, in.Body, svc, reg)
		if err != nil {
			return err
		}

		now := s.now()
		from := charts.StateDraft
		if in.ID == 0 {
			doc, err = s.newDocument(ctx, tx, a, kind, svc)
			if err != nil {
				return err
			}
		} else {
			doc, err = s.editableDocument(ctx, tx, a, kind, in, svc)
			if err != nil {
				return err
			}
			from = doc.State
			latest, err := tx.Revision(ctx, doc.ID, doc.Revision)
			if err != nil {
				return err
			}
			if latest.SHA256 == body.sha256 && doc.State == charts.StateDraft {
				return nil // nothing changed; a repeated save is not a new revision
			}
		}

		doc.Revision++
		doc.State = charts.StateDraft
		doc.InInteraction = body.inInteraction
		doc.UpdatedAt = now
		if from != charts.StateDraft {
			doc.StateChangedAt = now
		}
		rev := charts.Revision{DocumentID: doc.ID, Number: doc.Revision, Body: string(body.canonical),
			SHA256: body.sha256, AuthorID: a.ID, CreatedAt: now, Note: strings.TrimSpace(in.Note)}
		if err := tx.InsertRevision(ctx, rev); err != nil {
			return err
		}
		if kind == charts.KindChart {
			if err := tx.SetChartProviders(ctx, doc.ID, doc.Revision, body.providers); err != nil {
				return err
			}
		}
		if err := tx.UpdateDocument(ctx, doc); err != nil {
			return err
		}
		return tx.Audit(ctx, s.audit(a, "save", doc, from, rev.Note))
	})
	if err != nil {
		return charts.Document{}, err
	}
	return doc, nil
}

func (s *Service) newDocument(ctx context.Context, tx *storage.Tx, a Actor, kind charts.Kind,
	svc charts.Service) (charts.Document, error) {
	if err := s.require(a, svc.AuthorityCode, string(kind), policies.ActDraft); err != nil {
		return charts.Document{}, err
	}
	existing, err := tx.DocumentByService(ctx, kind, svc.Code)
	if err == nil {
		return charts.Document{}, &ConflictError{
			Message:  fmt.Sprintf("service %s already has %s %d; amend it instead", svc.Code, kind, existing.ID),
			Revision: existing.Revision,
		}
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return charts.Document{}, err
	}
	now := s.now()
	id, err := tx.NewDocument(ctx, kind, svc.Code, svc.AuthorityCode, now)
	if err != nil {
		return charts.Document{}, err
	}
	return charts.Document{ID: id, Kind: kind, ServiceCode: svc.Code, AuthorityCode: svc.AuthorityCode,
		State: charts.StateDraft, StateChangedAt: now, CreatedAt: now, UpdatedAt: now}, nil
}

func (s *Service) editableDocument(ctx context.Context, tx *storage.Tx, a Actor, kind charts.Kind,
	in Save, svc charts.Service) (charts.Document, error) {
	doc, err := s.readable(ctx, tx, a, kind, in.ID)
	if err != nil {
		return doc, err
	}
	if err := s.require(a, doc.AuthorityCode, string(kind), policies.ActDraft); err != nil {
		return doc, err
	}
	if doc.ServiceCode != svc.Code {
		return doc, &charts.ValidationError{Problems: []charts.FieldError{{Field: "service_code",
			Message: fmt.Sprintf("%q differs from the %s's service %q; a document cannot move to another service",
				svc.Code, kind, doc.ServiceCode)}}}
	}
	if in.BaseRevision > doc.Revision {
		return doc, &charts.ValidationError{Problems: []charts.FieldError{{Field: "base_revision",
			Message: fmt.Sprintf("revision %d does not exist; the latest revision is %d", in.BaseRevision,
				doc.Revision)}}}
	}
	if in.BaseRevision != doc.Revision {
		return doc, &ConflictError{
			Message: fmt.Sprintf("revision %d was saved after revision %d that this edit is based on; "+
				"compare them and save again on top of revision %d", doc.Revision, in.BaseRevision, doc.Revision),
			Revision: doc.Revision,
		}
	}
	switch doc.State {
	case charts.StateDraft, charts.StateApproved, charts.StatePublished:
		return doc, nil
	default:
		return doc, conflict("%s %d is in %s; withdraw it to draft before editing", kind, doc.ID, doc.State)
	}
}

func serviceCodeOf(kind charts.Kind, raw []byte) (string, error) {
	if kind == charts.KindChart {
		b, err := charts.DecodeChart(raw)
		return b.ServiceCode, err
	}
	b, err := charts.DecodePassport(raw)
	return b.ServiceCode, err
}

func parse(kind charts.Kind, raw []byte, svc charts.Service, reg *charts.Registry) (parsedBody, error) {
	var out parsedBody
	var body any
	if kind == charts.KindChart {
		b, err := charts.DecodeChart(raw)
		if err != nil {
			return out, err
		}
		if err := charts.ValidateChart(b, svc, reg); err != nil {
			return out, err
		}
		out.providers = charts.Providers(b, "")
		body = b
	} else {
		b, err := charts.DecodePassport(raw)
		if err != nil {
			return out, err
		}
		if err := charts.ValidatePassport(b, svc, reg); err != nil {
			return out, err
		}
		out.inInteraction = b.InInteraction()
		body = b
	}
	canonical, sum, err := charts.Canonical(body)
	if err != nil {
		return out, err
	}
	out.serviceCode, out.canonical, out.sha256 = svc.Code, canonical, sum
	return out, nil
}
