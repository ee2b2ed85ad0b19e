package storage

import (
	"context"
	"fmt"
	"time"
)

// FunnelCounts is the progress funnel of one authority's services at one
// level.
type FunnelCounts struct {
	Level         string `db:"level"`
	AuthorityCode string `db:"authority_code"`
	Services      int    `db:"services"`
	Passports     int    `db:"passports"`
	InInteraction int    `db:"in_interaction"`
	// Agreed counts charts past agreement: in review, or with an approved
	// revision (an amendment under way does not undo the earlier approval).
	Agreed int `db:"agreed"`
	// Approved counts charts with a revision approved by the commission.
	Approved int `db:"approved"`
}

// Funnel returns the funnel counts grouped by service level and authority.
func (t *Tx) Funnel(ctx context.Context) ([]FunnelCounts, error) {
	var list []FunnelCounts
	err := t.selectAll(ctx, &list, `
		SELECT s.level, s.authority_code,
			COUNT(*) AS services,
			SUM(CASE WHEN p.id IS NULL THEN 0 ELSE 1 END) AS passports,
			SUM(CASE WHEN p.in_interaction THEN 1 ELSE 0 END) AS in_interaction,
			SUM(CASE WHEN c.state = 'review' OR c.approved_revision > 0 THEN 1 ELSE 0 END) AS agreed,
			SUM(CASE WHEN c.approved_revision > 0 THEN 1 ELSE 0 END) AS approved
		FROM services s
		LEFT JOIN documents p ON p.kind = 'passport' AND p.service_code = s.code
		LEFT JOIN documents c ON c.kind = 'chart' AND c.service_code = s.code
		GROUP BY s.level, s.authority_code
		ORDER BY s.level, s.authority_code`)
	if err != nil {
		return nil, fmt.Errorf("count funnel: %w", err)
	}
	return list, nil
}

// ChartLine is one chart with the names the progress report shows.
type ChartLine struct {
	ID             int64     `db:"id"`
	ServiceCode    string    `db:"service_code"`
	ServiceName    string    `db:"service_name"`
	Level          string    `db:"level"`
	AuthorityCode  string    `db:"authority_code"`
	AuthorityName  string    `db:"authority_name"`
	State          string    `db:"state"`
	Round          int       `db:"round"`
	Revision       int       `db:"revision"`
	StateChangedAt time.Time `db:"state_changed_at"`
	// ApprovedAt is the time of the last approving vote of the approved
	// revision, or nil.
	ApprovedAt *string `db:"approved_at"`
}

// The queries behind the chart lines, each ordered by chart id so that
// EachChartLine can merge them.
const (
	chartLinesQuery = `
		SELECT d.id, d.service_code, s.name AS service_name, s.level, d.authority_code,
			a.name AS authority_name, d.state, d.round, d.revision, d.state_changed_at,
			(SELECT MAX(v.cast_at) FROM votes v WHERE v.document_id = d.id
				AND v.revision = d.approved_revision AND v.decision = 'approve') AS approved_at
		FROM documents d
		JOIN services s ON s.code = d.service_code
		JOIN authorities a ON a.code = d.authority_code
		WHERE d.kind = 'chart'
		ORDER BY d.id`

	currentAgreementsQuery = `
		SELECT a.document_id, a.round, a.revision, a.provider_code, a.decision, a.comment,
			a.actor_id, '' AS actor_login, a.decided_at, a.carried_from
		FROM agreements a JOIN documents d ON d.id = a.document_id AND d.round = a.round
		ORDER BY a.document_id, a.decided_at, a.provider_code`

	currentProvidersQuery = `
		SELECT cp.document_id, cp.provider_code
		FROM chart_providers cp JOIN documents d ON d.id = cp.document_id AND d.revision = cp.revision
		WHERE cp.provider_code <> d.authority_code
		ORDER BY cp.document_id, cp.provider_code`
)
