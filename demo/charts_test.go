package demo_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

func TestChartPerServiceInInteraction(t *testing.T) {
	d := region()
	ix := newIndex(d)
	seen := map[string]bool{}
	for _, c := range d.Charts {
		code := c.Body.ServiceCode
		if seen[code] {
			t.Errorf("service %s has two charts", code)
		}
		seen[code] = true
		p, ok := ix.passports[code]
		if !ok || !p.Body.InInteraction() {
			t.Errorf("chart of service %s, which has no passport in interaction", code)
		}
	}
	missing := map[string]int{}
	for _, p := range d.Passports {
		if p.Body.InInteraction() && !seen[p.Body.ServiceCode] {
			missing[p.Body.Level]++
		}
	}
	want := map[string]int{charts.ServiceMunicipal: 12}
	if diff := cmp.Diff(want, missing); diff != "" {
		t.Errorf("services in interaction without a chart (-want +got):\n%s", diff)
	}
}

func TestChartRows(t *testing.T) {
	d := region()
	ix := newIndex(d)
	units := []string{charts.UnitWorkingDays, charts.UnitCalendarDays, charts.UnitHours}
	for _, c := range d.Charts {
		bodies := []charts.ChartBody{c.Body}
		if c.Amendment != nil {
			bodies = append(bodies, *c.Amendment)
		}
		requester := ix.authorityOf(c)
		for _, body := range bodies {
			if body.LegalBasis == "" || len(body.Interactions) == 0 {
				t.Errorf("%s: no legal basis or no rows", body.ServiceCode)
			}
			for i, row := range body.Interactions {
				where := fmt.Sprintf("%s row %d", body.ServiceCode, i+1)
				if row.RequesterCode != requester {
					t.Errorf("%s: requester %s, want the service's authority %s", where, row.RequesterCode, requester)
				}
				if _, ok := ix.authorities[row.ProviderCode]; !ok || row.ProviderCode == requester {
					t.Errorf("%s: provider %s is unknown or the requester", where, row.ProviderCode)
				}
				kind, ok := ix.kinds[row.DataKindCode]
				if !ok || kind.ProviderCode != row.ProviderCode {
					t.Errorf("%s: data kind %s does not belong to provider %s", where, row.DataKindCode, row.ProviderCode)
				}
				if row.RequestedDocument == "" || row.DataComposition == "" || row.LegalBasis == "" || row.InformationResource == "" || row.RequestForm == "" {
					t.Errorf("%s: a required column is empty: %+v", where, row)
				}
				if row.DeadlineDays <= 0 || (row.DeadlineDays > charts.DefaultDeadlineDays && row.DeadlineBasis == "") {
					t.Errorf("%s: deadline %d days with basis %q", where, row.DeadlineDays, row.DeadlineBasis)
				}
				if row.Deadline == nil {
					continue
				}
				want := charts.Term{Value: row.DeadlineDays, Unit: charts.UnitWorkingDays}
				if row.Deadline.Answer != want {
					t.Errorf("%s: answer term %+v, want %+v", where, row.Deadline.Answer, want)
				}
				for _, term := range []charts.Term{row.Deadline.Total, row.Deadline.Send, row.Deadline.Attach} {
					if term.Value <= 0 || !slices.Contains(units, term.Unit) {
						t.Errorf("%s: term %+v is invalid", where, term)
					}
				}
			}
		}
	}
}

func TestChartDeadlineFigures(t *testing.T) {
	rows, detailed, five, lower, higher := 0, 0, 0, 0, 0
	for _, c := range region().Charts {
		for _, row := range c.Body.Interactions {
			rows++
			if row.Deadline != nil {
				detailed++
			}
			switch {
			case row.DeadlineDays == charts.DefaultDeadlineDays:
				five++
			case row.DeadlineDays < charts.DefaultDeadlineDays:
				lower++
			default:
				higher++
			}
		}
	}
	if 2*detailed <= rows {
		t.Errorf("%d of %d rows detail the deadline, want most", detailed, rows)
	}
	if 2*five <= rows {
		t.Errorf("%d of %d rows have the 5-day term, want most", five, rows)
	}
	if lower == 0 || higher == 0 {
		t.Errorf("%d rows below and %d above 5 days, want some of each", lower, higher)
	}
}

// TestChartRowsMatchPassport checks that a chart requests exactly the data
// kinds its passport lists as obtained through interaction.
func TestChartRowsMatchPassport(t *testing.T) {
	d := region()
	ix := newIndex(d)
	for _, c := range d.Charts {
		var fromPassport []string
		for _, doc := range ix.passports[c.Body.ServiceCode].Body.Documents {
			if doc.Source == charts.SourceInterdepartmental {
				fromPassport = append(fromPassport, doc.DataKindCode)
			}
		}
		bodies := []charts.ChartBody{c.Body}
		if c.Amendment != nil {
			bodies = append(bodies, *c.Amendment)
		}
		for _, body := range bodies {
			var fromChart []string
			for _, row := range body.Interactions {
				fromChart = append(fromChart, row.DataKindCode)
			}
			slices.Sort(fromChart)
			want := slices.Sorted(slices.Values(fromPassport))
			if diff := cmp.Diff(want, fromChart); diff != "" {
				t.Errorf("%s: data kinds (-passport +chart):\n%s", body.ServiceCode, diff)
			}
		}
	}
}

func TestChartNotes(t *testing.T) {
	for _, c := range region().Charts {
		if c.Note == "" {
			t.Errorf("%s has no save note", c.Body.ServiceCode)
		}
	}
}

// TestActAmendmentPlans checks the 45 regional acts the region planned to
// amend for the transition: one per state chart that carries a plan.
func TestActAmendmentPlans(t *testing.T) {
	d := region()
	ix := newIndex(d)
	acts := map[string]bool{}
	for _, c := range d.Charts {
		for _, a := range c.Body.Amendments {
			if ix.level(c) != charts.ServiceState || ix.authorityOf(c) == "FSS63" {
				t.Errorf("%s: amendment plan on a chart of %s, want regional authorities only", c.Body.ServiceCode, ix.authorityOf(c))
			}
			if a.Act == "" || a.Change == "" || !strings.HasPrefix(a.Due, "2012-") {
				t.Errorf("%s: amendment %+v is incomplete", c.Body.ServiceCode, a)
			}
			acts[a.Act] = true
		}
	}
	if len(acts) != 45 {
		t.Errorf("%d regional acts to amend, want 45", len(acts))
	}
}

func TestChartAmendments(t *testing.T) {
	for _, c := range region().Charts {
		code := c.Body.ServiceCode
		if !c.Stage.NeedsAmendment() {
			if c.Amendment != nil {
				t.Errorf("%s: stage %s carries an amendment", code, c.Stage)
			}
			continue
		}
		if c.Amendment == nil {
			t.Errorf("%s: stage %s has no amendment", code, c.Stage)
			continue
		}
		a := *c.Amendment
		if a.ServiceCode != code || a.LegalBasis != c.Body.LegalBasis || !cmp.Equal(a.Amendments, c.Body.Amendments) {
			t.Errorf("%s: amendment changes more than the rows", code)
		}
		if len(a.Interactions) != len(c.Body.Interactions) {
			t.Errorf("%s: amendment has %d rows, revision 1 has %d", code, len(a.Interactions), len(c.Body.Interactions))
			continue
		}
		changed := map[string]bool{}
		for i, row := range a.Interactions {
			old := c.Body.Interactions[i]
			if row.ProviderCode != old.ProviderCode || row.DataKindCode != old.DataKindCode {
				t.Errorf("%s row %d: amendment changes the provider or data kind", code, i+1)
			}
			if !cmp.Equal(row, old) {
				changed[row.ProviderCode] = true
			}
		}
		if len(changed) != 1 {
			t.Errorf("%s: amendment changes the rows of %d providers, want 1", code, len(changed))
		}
	}
}
