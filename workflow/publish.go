package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pcii/charts"
	"pcii/policies"
	"pcii/routing"
	"pcii/storage"
)

// Signer signs release bytes with the active routing key.
type Signer = routing.Signer

// SetSigner sets the key that signs routing releases. Without one, Publish
// fails.
func (s *Service) SetSigner(signer Signer) { s.signer = signer }

// ReleaseError lists every problem that stops a release from being
// published.
type ReleaseError struct {
	Problems []routing.Problem
}

func (e *ReleaseError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.String()
	}
	return "release rejected: " + strings.Join(msgs, "; ")
}

// Unwrap makes errors.Is(err, charts.ErrInvalid) hold.
func (e *ReleaseError) Unwrap() error { return charts.ErrInvalid }

// Publication is the outcome of Publish.
type Publication struct {
	// Serial is the serial of the new release, or the one a dry run would
	// take.
	Serial int64 `json:"serial"`
	// DryRun is set when nothing was stored.
	DryRun  bool            `json:"dry_run"`
	SHA256  string          `json:"sha256"`
	Routes  int             `json:"routes"`
	Changes routing.Changes `json:"changes"`
	// Charts lists the charts whose revision the release publishes for the
	// first time.
	Charts []int64 `json:"charts"`

	// The encoded release and the header it was built with, stored as they
	// are so the row matches the signed bytes.
	body        []byte
	generatedAt time.Time
	previous    string
}

// Body returns the release bytes.
func (p Publication) Body() []byte { return p.body }

// Publish makes the next routing release from every chart in force: the
// published revisions, replaced by newer approved revisions where there
// are. The newly included revisions become published, and the revisions
// they replace superseded. A release that would change nothing is rejected
// with a *ConflictError. With dryRun nothing is stored.
func (s *Service) Publish(ctx context.Context, a Actor, dryRun bool) (Publication, error) {
	if err := s.require(a, policies.AnyDomain, policies.ObjRelease, policies.ActPublish); err != nil {
		return Publication{}, err
	}
	if s.signer == nil && !dryRun {
		return Publication{}, errors.New("publish: no signing key configured")
	}
	var pub Publication
	errDryRun := errors.New("dry run")
	err := s.store.Write(ctx, func(tx *storage.Tx) error {
		var err error
		pub, err = s.buildRelease(ctx, tx, a)
		if err != nil {
			return err
		}
		if dryRun {
			pub.DryRun = true
			return errDryRun // roll back
		}
		if pub.Changes.IsEmpty() && len(pub.Charts) == 0 {
			if pub.Serial == 1 {
				return conflict("nothing to publish: no chart is approved yet")
			}
			return conflict("release %d already carries every approved chart; nothing changed to publish",
				pub.Serial-1)
		}
		return s.storeRelease(ctx, tx, a, pub)
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return pub, err
}

func (s *Service) buildRelease(ctx context.Context, tx *storage.Tx, a Actor) (Publication, error) {
	var pub Publication
	candidates, err := tx.ReleaseCandidates(ctx)
	if err != nil {
		return pub, err
	}
	var previous routing.Release
	latest, err := tx.LatestRelease(ctx)
	switch {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return pub, err
	default:
		if previous, err = routing.Decode(latest.Body); err != nil {
			return pub, fmt.Errorf("decode release %d: %w", latest.Serial, err)
		}
	}

	var routes []routing.Route
	for _, c := range candidates {
		rs, err := s.routesOf(ctx, tx, c)
		if err != nil {
			return pub, err
		}
		routes = append(routes, rs...)
		if c.Revision != c.Published {
			pub.Charts = append(pub.Charts, c.DocumentID)
		}
	}
	reg, err := tx.Registry(ctx)
	if err != nil {
		return pub, err
	}
	now := s.now().UTC().Truncate(time.Second)
	if problems := routing.Check(routes, routing.NewMapRegistry(reg.AuthorityList(),
		reg.DataKindList()), now.In(s.loc)); len(problems) > 0 {
		return pub, &ReleaseError{Problems: problems}
	}

	release := routing.Release{Serial: latest.Serial + 1, GeneratedAt: now,
		PreviousSHA256: latest.SHA256, Routes: routes}
	body, err := routing.Encode(release)
	if err != nil {
		return pub, err
	}
	pub.Serial, pub.body, pub.SHA256, pub.Routes = release.Serial, body, routing.SHA256Hex(body), len(routes)
	pub.generatedAt, pub.previous = release.GeneratedAt, release.PreviousSHA256
	if pub.Charts == nil {
		pub.Charts = []int64{}
	}
	pub.Changes = routing.Compare(previous, release)
	return pub, nil
}

func (s *Service) routesOf(ctx context.Context, tx *storage.Tx, c storage.ReleaseCandidate) ([]routing.Route, error) {
	body, err := charts.DecodeChart([]byte(c.Body))
	if err != nil {
		return nil, fmt.Errorf("decode chart %d revision %d: %w", c.DocumentID, c.Revision, err)
	}
	votes, err := tx.ApprovalVotes(ctx, c.DocumentID, c.Revision)
	if err != nil {
		return nil, err
	}
	var approval routing.Approval
	approval.ApprovedBy = []string{}
	if m, err := tx.ApprovalMeeting(ctx, c.DocumentID, c.Revision); err == nil {
		approval.Protocol = m.Protocol + " от " + russianDate(m.HeldOn)
	} else if !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	for _, v := range votes {
		approval.ApprovedBy = append(approval.ApprovedBy, v.MemberLogin)
		if v.CastAt.After(approval.ApprovedAt) {
			approval.ApprovedAt = v.CastAt.UTC()
		}
	}
	routes := make([]routing.Route, 0, len(body.Interactions))
	for _, in := range body.Interactions {
		routes = append(routes, routing.Route{
			ChartID: c.DocumentID, ChartRevision: c.Revision, ChartSHA256: c.SHA256,
			ServiceCode: c.ServiceCode, RequesterCode: in.RequesterCode, ProviderCode: in.ProviderCode,
			DataKindCode: in.DataKindCode, DeadlineDays: in.DeadlineDays, DeadlineBasis: in.DeadlineBasis,
			LegalBasis: in.LegalBasis, Approval: approval,
		})
	}
	return routes, nil
}

func (s *Service) storeRelease(ctx context.Context, tx *storage.Tx, a Actor, pub Publication) error {
	sig := s.signer.Sign(pub.body)
	actorID := a.ID
	err := tx.InsertRelease(ctx, storage.Release{Serial: pub.Serial, GeneratedAt: pub.generatedAt,
		Body: pub.body, SHA256: pub.SHA256, PreviousSHA256: pub.previous, KeyID: sig.KeyID,
		Signature: sig.Signature, CreatedBy: &actorID, Routes: pub.Routes})
	if err != nil {
		return err
	}
	for _, id := range pub.Charts {
		doc, err := tx.Document(ctx, charts.KindChart, id)
		if err != nil {
			return err
		}
		from := doc.State
		if err := tx.InsertPublication(ctx, doc.ID, doc.ApprovedRevision, pub.Serial); err != nil {
			return err
		}
		doc.PublishedRevision = doc.ApprovedRevision
		if doc.Revision == doc.ApprovedRevision {
			doc.State = charts.StatePublished
			doc.StateChangedAt = s.now()
		}
		doc.UpdatedAt = s.now()
		if err := tx.UpdateDocument(ctx, doc); err != nil {
			return err
		}
		entry := s.audit(a, "publish", doc, from, fmt.Sprintf("release %d", pub.Serial))
		entry.Revision = doc.PublishedRevision
		if err := tx.Audit(ctx, entry); err != nil {
			return err
		}
	}
	return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &actorID, ActorLogin: a.Login,
		Action: "publish", ObjectKind: "release", ObjectID: fmt.Sprint(pub.Serial),
		Comment: fmt.Sprintf("%d routes, sha256 %s", pub.Routes, pub.SHA256)})
}
