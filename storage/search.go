package storage

import (
	"context"
	"fmt"
	"time"

	"pcii/charts"
)

// ChartHit is a chart found by the name or code of its service.
type ChartHit struct {
	ID            int64  `db:"id" json:"id"`
	ServiceCode   string `db:"service_code" json:"service_code"`
	ServiceName   string `db:"service_name" json:"service_name"`
	AuthorityCode string `db:"authority_code" json:"authority_code"`
	State         string `db:"state" json:"state"`
}

// SearchCharts returns the charts whose service's folded name or code
// contains the folded text q, newest first, limited to what a specialist of
// visibility may read (see DocumentFilter.Visibility).
func (t *Tx) SearchCharts(ctx context.Context, q, visibility string, limit int) ([]ChartHit, error) {
	var list []ChartHit
	err := t.selectAll(ctx, &list, `
		SELECT d.id, d.service_code, s.name AS service_name, d.authority_code, d.state
		FROM documents d JOIN services s ON s.code = d.service_code
		WHERE d.kind = 'chart' AND s.search_text LIKE ? ESCAPE '\'
			AND (? = '' OR `+visibleClause+`)
		ORDER BY d.id DESC
		LIMIT ?`, likePattern(charts.Fold(q)), visibility, visibility, visibility, limit)
	if err != nil {
		return nil, fmt.Errorf("search charts: %w", err)
	}
	return list, nil
}

// TimelinePoint counts the charts that passed agreement and that the
// commission approved on one day.
type TimelinePoint struct {
	// Day is a date as 2006-01-02 in UTC.
	Day      string `db:"day" json:"day"`
	Agreed   int    `db:"agreed" json:"agreed"`
	Approved int    `db:"approved" json:"approved"`
}

// Timeline returns, from the audit log, the number of charts that entered
// review and that were approved on each day, oldest first. A chart that
// entered review twice counts twice.
func (t *Tx) Timeline(ctx context.Context) ([]TimelinePoint, error) {
	var rows []struct {
		At      time.Time `db:"at"`
		ToState string    `db:"to_state"`
	}
	err := t.selectAll(ctx, &rows, `
		SELECT at, to_state FROM audit_log
		WHERE object_kind = 'chart' AND to_state IN ('review', 'approved') AND from_state <> to_state
		ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read timeline: %w", err)
	}
	var out []TimelinePoint
	for _, r := range rows {
		day := r.At.UTC().Format(time.DateOnly)
		if len(out) == 0 || out[len(out)-1].Day != day {
			out = append(out, TimelinePoint{Day: day})
		}
		if r.ToState == "review" {
			out[len(out)-1].Agreed++
		} else {
			out[len(out)-1].Approved++
		}
	}
	return out, nil
}
