package workflow

import (
	"context"
	"errors"
	"fmt"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// ServiceImport is one register entry with its passport documents.
type ServiceImport struct {
	Service   charts.Service
	Documents []charts.PassportDocument
	// Row is the row of the entry in the imported file, for problems.
	Row int
}

// ImportProblem is an entry that cannot be imported.
type ImportProblem struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ImportError lists every entry that stopped an import; nothing was
// stored.
type ImportError struct{ Problems []ImportProblem }

func (e *ImportError) Error() string {
	return fmt.Sprintf("import rejected: %d problems, first at row %d: %s", len(e.Problems),
		e.Problems[0].Row, e.Problems[0].Message)
}

// Unwrap makes errors.Is(err, charts.ErrInvalid) hold.
func (e *ImportError) Unwrap() error { return charts.ErrInvalid }

// ImportSummary counts what an import added and changed.
type ImportSummary struct {
	DryRun           bool     `json:"dry_run"`
	ServicesAdded    []string `json:"services_added"`
	ServicesChanged  []string `json:"services_changed"`
	PassportsAdded   []string `json:"passports_added"`
	PassportsChanged []string `json:"passports_changed"`
	Unchanged        int      `json:"unchanged"`
}

// ImportServices upserts register entries by registry number and their
// passports' documents, all in one transaction: an import with any problem
// stores nothing. A changed passport gets a new draft revision authored by
// the importing administrator; its other fields are kept. With dryRun it
// reports what it would do and stores nothing.
func (s *Service) ImportServices(ctx context.Context, a Actor, entries []ServiceImport, dryRun bool) (ImportSummary, error) {
	sum := ImportSummary{DryRun: dryRun, ServicesAdded: []string{}, ServicesChanged: []string{},
		PassportsAdded: []string{}, PassportsChanged: []string{}}
	if err := s.require(a, policies.AnyDomain, policies.ObjRegistry, policies.ActManage); err != nil {
		return sum, err
	}
	errDryRun := errors.New("dry run")
	err := s.store.Write(ctx, func(tx *storage.Tx) error {
		reg, err := tx.Registry(ctx)
		if err != nil {
			return err
		}
		var problems []ImportProblem
		for _, e := range entries {
			p, err := s.importOne(ctx, tx, a, reg, e, &sum)
			if err != nil {
				return err
			}
			problems = append(problems, p...)
		}
		if len(problems) > 0 {
			return &ImportError{Problems: problems}
		}
		if dryRun {
			return errDryRun
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "import", ObjectKind: "registry", ObjectID: "services",
			Comment: fmt.Sprintf("%d services added, %d changed; %d passports added, %d changed",
				len(sum.ServicesAdded), len(sum.ServicesChanged), len(sum.PassportsAdded), len(sum.PassportsChanged))})
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return sum, err
}

func (s *Service) importOne(ctx context.Context, tx *storage.Tx, a Actor, reg *charts.Registry,
	e ServiceImport, sum *ImportSummary) ([]ImportProblem, error) {
	svc := e.Service
	if _, ok := reg.Authorities[svc.AuthorityCode]; !ok {
		return []ImportProblem{{Row: e.Row, Field: "authority_code",
			Message: fmt.Sprintf("unknown authority %q; add it to the registry or fix the code", svc.AuthorityCode)}}, nil
	}
	old, err := tx.Service(ctx, svc.Code)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		sum.ServicesAdded = append(sum.ServicesAdded, svc.Code)
	case err != nil:
		return nil, err
	case old != svc:
		sum.ServicesChanged = append(sum.ServicesChanged, svc.Code)
	}
	if err := tx.PutService(ctx, svc); err != nil {
		return nil, err
	}

	body := charts.PassportBody{ServiceCode: svc.Code, RegistryNumber: svc.Code, LegalActs: []charts.LegalAct{}}
	doc, err := tx.DocumentByService(ctx, charts.KindPassport, svc.Code)
	exists := err == nil
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	var latest charts.Revision
	if exists {
		if latest, err = tx.Revision(ctx, doc.ID, doc.Revision); err != nil {
			return nil, err
		}
		if body, err = charts.DecodePassport([]byte(latest.Body)); err != nil {
			return nil, fmt.Errorf("decode passport %d: %w", doc.ID, err)
		}
		switch doc.State {
		case charts.StateDraft, charts.StateApproved:
		default:
			return []ImportProblem{{Row: e.Row, Field: "documents", Message: fmt.Sprintf(
				"the passport of %s is in %s; withdraw it to draft before importing", svc.Code, doc.State)}}, nil
		}
	}
	body.Name, body.Level, body.ProviderCode, body.Documents = svc.Name, svc.Level, svc.AuthorityCode, e.Documents
	if err := charts.ValidatePassport(body, svc, reg); err != nil {
		var verr *charts.ValidationError
		if errors.As(err, &verr) {
			var out []ImportProblem
			for _, p := range verr.Problems {
				out = append(out, ImportProblem{Row: e.Row, Field: p.Field, Message: p.Message})
			}
			return out, nil
		}
		return nil, err
	}
	canonical, sha, err := charts.Canonical(body)
	if err != nil {
		return nil, err
	}
	if exists && latest.SHA256 == sha {
		sum.Unchanged++
		return nil, nil
	}
	now := s.now()
	from := charts.StateDraft
	if !exists {
		id, err := tx.NewDocument(ctx, charts.KindPassport, svc.Code, svc.AuthorityCode, now)
		if err != nil {
			return nil, err
		}
		doc = charts.Document{ID: id, Kind: charts.KindPassport, ServiceCode: svc.Code,
			AuthorityCode: svc.AuthorityCode, CreatedAt: now}
		sum.PassportsAdded = append(sum.PassportsAdded, svc.Code)
	} else {
		from = doc.State
		sum.PassportsChanged = append(sum.PassportsChanged, svc.Code)
	}
	doc.Revision++
	doc.State, doc.InInteraction, doc.UpdatedAt, doc.StateChangedAt = charts.StateDraft, body.InInteraction(), now, now
	rev := charts.Revision{DocumentID: doc.ID, Number: doc.Revision, Body: string(canonical), SHA256: sha,
		AuthorID: a.ID, CreatedAt: now, Note: "Импорт реестра услуг"}
	if err := tx.InsertRevision(ctx, rev); err != nil {
		return nil, err
	}
	if err := tx.UpdateDocument(ctx, doc); err != nil {
		return nil, err
	}
	return nil, tx.Audit(ctx, s.audit(a, "import", doc, from, rev.Note))
}
