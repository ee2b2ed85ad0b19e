package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"pcii/charts"
)

// Service funnel stages that ServicesAtStage accepts.
const (
	StagePassport    = "passport"
	StageInteraction = "interaction"
	StageAgreed      = "agreed"
	StageApproved    = "approved"
)

// stageClauses select the services that reached a funnel stage; they match
// the counts of Funnel.
var stageClauses = map[string]string{
	"":               "TRUE",
	StagePassport:    "p.id IS NOT NULL",
	StageInteraction: "COALESCE(p.in_interaction, FALSE)",
	StageAgreed:      "(c.state = 'review' OR c.approved_revision > 0)",
	StageApproved:    "c.approved_revision > 0",
}

// ValidStage reports whether stage is empty or one of the Stage constants.
func ValidStage(stage string) bool {
	_, ok := stageClauses[stage]
	return ok
}

// ServicesAtStage returns one page of services matching f that reached the
// funnel stage (any stage when stage is empty), ordered by code like
// Services.
func (t *Tx) ServicesAtStage(ctx context.Context, f ServiceFilter, stage string) ([]ServiceListing, error) {
	clause, ok := stageClauses[stage]
	if !ok {
		return nil, fmt.Errorf("list services: unknown stage %q", stage)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	query := `
		SELECT s.code, s.name, s.level, s.authority_code, a.name AS authority_name,
			COALESCE(p.id, 0) AS passport_id, COALESCE(p.state, '') AS passport_state,
			COALESCE(p.in_interaction, FALSE) AS in_interaction,
			COALESCE(c.id, 0) AS chart_id, COALESCE(c.state, '') AS chart_state
		FROM services s
		JOIN authorities a ON a.code = s.authority_code
		LEFT JOIN documents p ON p.kind = 'passport' AND p.service_code = s.code
		LEFT JOIN documents c ON c.kind = 'chart' AND c.service_code = s.code
		WHERE s.search_text LIKE ? ESCAPE '\'
			AND (? = '' OR s.level = ?)
			AND (? = '' OR s.authority_code = ?)
			AND s.code > ?
			AND ` + clause + `
		ORDER BY s.code
		LIMIT ?`
	var list []ServiceListing
	err := t.selectAll(ctx, &list, query, likePattern(charts.Fold(f.Query)),
		f.Level, f.Level, f.AuthorityCode, f.AuthorityCode, f.After, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list services at stage %q: %w", stage, err)
	}
	return list, nil
}

// ServicesByCode returns the services with the given codes, keyed by code,
// in one query.
func (t *Tx) ServicesByCode(ctx context.Context, codes []string) (map[string]charts.Service, error) {
	out := make(map[string]charts.Service, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(`SELECT code, name, level, authority_code FROM services
		WHERE code IN (?)`, codes)
	if err != nil {
		return nil, fmt.Errorf("list %d services by code: %w", len(codes), err)
	}
	var list []charts.Service
	if err := t.selectAll(ctx, &list, query, args...); err != nil {
		return nil, fmt.Errorf("list %d services by code: %w", len(codes), err)
	}
	for _, s := range list {
		out[s.Code] = s
	}
	return out, nil
}

// CurrentAgreementsOf returns the decisions of the current round of each
// chart in ids, keyed by chart id, in one query.
func (t *Tx) CurrentAgreementsOf(ctx context.Context, ids []int64) (map[int64][]Agreement, error) {
	out := make(map[int64][]Agreement, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(`
		SELECT a.document_id, a.round, a.revision, a.provider_code, a.decision, a.comment,
			a.actor_id, '' AS actor_login, a.decided_at, a.carried_from
		FROM agreements a JOIN documents d ON d.id = a.document_id AND d.round = a.round
		WHERE a.document_id IN (?)
		ORDER BY a.document_id, a.decided_at`, ids)
	if err != nil {
		return nil, fmt.Errorf("list agreements of %d charts: %w", len(ids), err)
	}
	var list []Agreement
	if err := t.selectAll(ctx, &list, query, args...); err != nil {
		return nil, fmt.Errorf("list agreements of %d charts: %w", len(ids), err)
	}
	for _, a := range list {
		out[a.DocumentID] = append(out[a.DocumentID], a)
	}
	return out, nil
}
