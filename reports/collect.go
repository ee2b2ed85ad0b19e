package reports

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"pcii/calendar"
	"pcii/charts"
	"pcii/storage"
)

// CollectOptions sets what Collect reads and how it dates the report.
type CollectOptions struct {
	Region   string
	Location *time.Location
	Now      time.Time
	// ReviewDays is the commission's term for a review in working days.
	ReviewDays int

	byCode map[string]charts.Authority
}

// Collect reads the progress figures of the whole registry in one
// consistent snapshot, with every chart line in memory. WriteFromStore
// writes the same report while streaming the chart lines instead.
func Collect(ctx context.Context, store *storage.Store, opts CollectOptions) (Progress, error) {
	var p Progress
	err := store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		p, err = collect(ctx, tx, &opts)
		if err != nil {
			return err
		}
		return eachLine(ctx, tx, opts, func(c ChartLine) error {
			p.Charts = append(p.Charts, c)
			return nil
		})
	})
	if err != nil {
		return p, fmt.Errorf("collect progress: %w", err)
	}
	return p, nil
}

// WriteFromStore writes the progress report of the registry to w from one
// consistent snapshot. The chart lines stream from database cursors into
// the workbook, so memory does not hold them all at once.
func WriteFromStore(ctx context.Context, store *storage.Store, opts CollectOptions, w io.Writer) error {
	err := store.Read(ctx, func(tx *storage.Tx) error {
		p, err := collect(ctx, tx, &opts)
		if err != nil {
			return err
		}
		if p.ChartCount, err = tx.CountCharts(ctx); err != nil {
			return err
		}
		p.ChartLines = func(yield func(ChartLine) error) error { return eachLine(ctx, tx, opts, yield) }
		return WriteProgress(w, p)
	})
	if err != nil {
		return fmt.Errorf("write progress report: %w", err)
	}
	return nil
}

// collect reads everything of the report but the chart lines: the funnels
// and the overdue agreements and reviews.
func collect(ctx context.Context, tx *storage.Tx, opts *CollectOptions) (Progress, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.ReviewDays <= 0 {
		opts.ReviewDays = 10
	}
	p := Progress{DataDate: opts.Now, GeneratedAt: opts.Now, Region: opts.Region, Location: opts.Location}
	auths, err := tx.Authorities(ctx, "")
	if err != nil {
		return p, err
	}
	opts.byCode = make(map[string]charts.Authority, len(auths))
	for _, a := range auths {
		opts.byCode[a.Code] = a
	}
	funnel, err := tx.Funnel(ctx)
	if err != nil {
		return p, err
	}
	collectFunnels(&p, funnel, opts.byCode)
	cal, err := tx.Calendar(ctx)
	if err != nil {
		return p, err
	}
	err = tx.EachChartLine(ctx, func(l storage.ChartLine, ags []storage.Agreement, providers []string) error {
		p.Overdue = append(p.Overdue, overdue(l, ags, providers, opts.byCode, cal, *opts)...)
		return nil
	})
	return p, err
}

// eachLine yields the report line of every chart.
func eachLine(ctx context.Context, tx *storage.Tx, opts CollectOptions, yield func(ChartLine) error) error {
	return tx.EachChartLine(ctx, func(l storage.ChartLine, ags []storage.Agreement, providers []string) error {
		return yield(chartLine(l, ags, providers, opts.byCode, opts))
	})
}

func collectFunnels(p *Progress, counts []storage.FunnelCounts, byCode map[string]charts.Authority) {
	byAuthority := make(map[string]*FunnelRow)
	byMunicipality := make(map[string]*FunnelRow)
	for _, c := range counts {
		f := Funnel{Services: c.Services, Passports: c.Passports, InInteraction: c.InInteraction,
			Agreed: c.Agreed, Approved: c.Approved}
		if c.Level == charts.ServiceState {
			p.State = p.State.Add(f)
		} else {
			p.Municipal = p.Municipal.Add(f)
		}
		a := byCode[c.AuthorityCode]
		row := byAuthority[c.AuthorityCode]
		if row == nil {
			row = &FunnelRow{Name: a.Name, Code: a.Code}
			byAuthority[c.AuthorityCode] = row
		}
		row.Funnel = row.Funnel.Add(f)
		if c.Level == charts.ServiceMunicipal && a.Municipality != "" {
			m := byMunicipality[a.Municipality]
			if m == nil {
				m = &FunnelRow{Name: a.Municipality}
				byMunicipality[a.Municipality] = m
			}
			m.Funnel = m.Funnel.Add(f)
		}
	}
	p.Authorities = sortedRows(byAuthority)
	p.Municipalities = sortedRows(byMunicipality)
}

func sortedRows(m map[string]*FunnelRow) []FunnelRow {
	out := make([]FunnelRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Code < out[j].Code
	})
	return out
}

func chartLine(l storage.ChartLine, agreements []storage.Agreement, providers []string,
	byCode map[string]charts.Authority, opts CollectOptions) ChartLine {
	line := ChartLine{ID: l.ID, ServiceCode: l.ServiceCode, ServiceName: l.ServiceName,
		AuthorityName: l.AuthorityName, State: l.State,
		DaysInState: int(opts.Now.Sub(l.StateChangedAt).Hours() / 24)}
	decided := make(map[string]storage.Agreement)
	for _, a := range agreements {
		decided[a.ProviderCode] = a
	}
	for _, code := range providers {
		al := AgreementLine{ProviderName: nameOf(byCode, code), Status: AgreementPending}
		if a, ok := decided[code]; ok {
			at := a.DecidedAt
			al.DecidedAt = &at
			al.Status = AgreementAgreed
			if a.Decision == "objected" {
				al.Status = AgreementObjected
			} else if a.Comment != "" {
				al.Status = AgreementAgreedWithRemarks
			}
		} else if l.Round == 0 || l.State == string(charts.StateDraft) {
			continue
		}
		line.Agreements = append(line.Agreements, al)
	}
	if l.ApprovedAt != nil {
		if t, ok := parseSQLiteTime(*l.ApprovedAt); ok {
			line.DecisionDate = &t
		}
	}
	return line
}

func overdue(l storage.ChartLine, agreements []storage.Agreement, providers []string,
	byCode map[string]charts.Authority, cal *calendar.Calendar, opts CollectOptions) []OverdueLine {
	var out []OverdueLine
	switch charts.State(l.State) {
	case charts.StateAgreement:
		due := cal.AddWorkingDays(l.StateChangedAt, charts.DefaultDeadlineDays)
		late := cal.WorkingDaysBetween(due, opts.Now)
		if late <= 0 {
			return nil
		}
		decided := make(map[string]bool)
		for _, a := range agreements {
			decided[a.ProviderCode] = true
		}
		for _, code := range providers {
			if !decided[code] {
				out = append(out, OverdueLine{Kind: OverdueAgreement, ChartID: l.ID, ServiceName: l.ServiceName,
					WaitingFor: nameOf(byCode, code), Since: l.StateChangedAt, Due: due, WorkingDaysOverdue: late})
			}
		}
	case charts.StateReview:
		due := cal.AddWorkingDays(l.StateChangedAt, opts.ReviewDays)
		if late := cal.WorkingDaysBetween(due, opts.Now); late > 0 {
			out = append(out, OverdueLine{Kind: OverdueReview, ChartID: l.ID, ServiceName: l.ServiceName,
				WaitingFor: "Комиссия", Since: l.StateChangedAt, Due: due, WorkingDaysOverdue: late})
		}
	}
	return out
}

func nameOf(byCode map[string]charts.Authority, code string) string {
	if a, ok := byCode[code]; ok {
		return a.Name
	}
	return code
}

// parseSQLiteTime reads a time that SQLite returned as text, as aggregates
// over TIMESTAMP columns do.
func parseSQLiteTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano,
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
