package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// EachChartLine calls fn for every chart in id order with the decisions of
// its current round and the providers its latest revision names, reading
// all three from cursors so memory does not grow with the registry. An
// error from fn stops the walk and is returned.
func (t *Tx) EachChartLine(ctx context.Context, fn func(ChartLine, []Agreement, []string) error) error {
	lines, err := t.tx.QueryxContext(ctx, t.tx.Rebind(chartLinesQuery))
	if err != nil {
		return fmt.Errorf("list charts for report: %w", err)
	}
	defer lines.Close()
	agreements, err := t.tx.QueryxContext(ctx, t.tx.Rebind(currentAgreementsQuery))
	if err != nil {
		return fmt.Errorf("list current agreements: %w", err)
	}
	defer agreements.Close()
	providers, err := t.tx.QueryxContext(ctx, t.tx.Rebind(currentProvidersQuery))
	if err != nil {
		return fmt.Errorf("list chart providers: %w", err)
	}
	defer providers.Close()

	nextAgreement := cursor[Agreement](agreements, func(a Agreement) int64 { return a.DocumentID })
	nextProvider := cursor[providerRow](providers, func(p providerRow) int64 { return p.ID })
	for lines.Next() {
		var l ChartLine
		if err := lines.StructScan(&l); err != nil {
			return fmt.Errorf("read chart line: %w", err)
		}
		ags, err := nextAgreement(l.ID)
		if err != nil {
			return fmt.Errorf("read agreements of chart %d: %w", l.ID, err)
		}
		rows, err := nextProvider(l.ID)
		if err != nil {
			return fmt.Errorf("read providers of chart %d: %w", l.ID, err)
		}
		codes := make([]string, len(rows))
		for i, r := range rows {
			codes[i] = r.Provider
		}
		if err := fn(l, ags, codes); err != nil {
			return err
		}
	}
	return lines.Err()
}

type providerRow struct {
	ID       int64  `db:"document_id"`
	Provider string `db:"provider_code"`
}

// cursor returns a function that, called with increasing ids, returns the
// rows of rs for each id; rs must be ordered by id.
func cursor[T any](rs *sqlx.Rows, idOf func(T) int64) func(id int64) ([]T, error) {
	var pending *T
	done := false
	return func(id int64) ([]T, error) {
		var out []T
		for {
			if pending == nil {
				if done || !rs.Next() {
					done = true
					return out, rs.Err()
				}
				var v T
				if err := rs.StructScan(&v); err != nil {
					return nil, err
				}
				pending = &v
			}
			switch got := idOf(*pending); {
			case got < id:
				pending = nil // a row of a chart that the lines skip
			case got == id:
				out = append(out, *pending)
				pending = nil
			default:
				return out, nil
			}
		}
	}
}

// CountCharts returns the number of charts.
func (t *Tx) CountCharts(ctx context.Context) (int, error) {
	var n int
	if err := t.get(ctx, &n, `SELECT COUNT(*) FROM documents WHERE kind = 'chart'`); err != nil {
		return 0, fmt.Errorf("count charts: %w", err)
	}
	return n, nil
}
