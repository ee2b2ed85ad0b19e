package demo_test

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/demo"
)

// reportDate is the date of the pilot region's report that the dataset
// reproduces. Every act it cites is in force by then.
const reportDate = "2011-12-01"

var feePattern = regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)

func TestPassportCounts(t *testing.T) {
	d := region()
	ix := newIndex(d)
	got := map[string]int{}
	for _, p := range d.Passports {
		level := ix.services[p.Body.ServiceCode].Level
		got[level+" passports"]++
		if p.Body.InInteraction() {
			got[level+" in interaction"]++
		}
	}
	want := map[string]int{
		"state passports":          331,
		"municipal passports":      1501,
		"state in interaction":     112,
		"municipal in interaction": 503,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passport figures (-want +got):\n%s", diff)
	}
}

func TestPassportPerService(t *testing.T) {
	d := region()
	ix := newIndex(d)
	seen := map[string]bool{}
	for _, p := range d.Passports {
		code := p.Body.ServiceCode
		if seen[code] {
			t.Errorf("service %s has two passports", code)
		}
		seen[code] = true
		s, ok := ix.services[code]
		if !ok {
			t.Errorf("passport of unknown service %s", code)
			continue
		}
		if p.Body.Name != s.Name || p.Body.Level != s.Level || p.Body.ProviderCode != s.AuthorityCode || p.Body.RegistryNumber != s.Code {
			t.Errorf("%s: passport name %q, level %q, provider %q, registry number %q disagree with the service %+v",
				code, p.Body.Name, p.Body.Level, p.Body.ProviderCode, p.Body.RegistryNumber, s)
		}
	}
}

func TestPassportBodyFilled(t *testing.T) {
	categories := []string{"individuals", "legal_entities", "entrepreneurs"}
	channels := []string{"in_person", "mfc", "portal", "post"}
	for _, p := range region().Passports {
		b := p.Body
		if b.ShortName == "" || len(b.RefusalGrounds) == 0 || len(b.ApplicantCategories) == 0 || len(b.Channels) == 0 {
			t.Errorf("%s: short name, refusal grounds, applicants or channels missing", b.ServiceCode)
		}
		for _, c := range b.ApplicantCategories {
			if !slices.Contains(categories, c) {
				t.Errorf("%s: applicant category %q is unknown", b.ServiceCode, c)
			}
		}
		for _, c := range b.Channels {
			if !slices.Contains(channels, c) {
				t.Errorf("%s: channel %q is unknown", b.ServiceCode, c)
			}
		}
		if b.Result == nil || b.Result.Positive == "" || b.Result.Negative == "" || b.Result.Form == "" {
			t.Errorf("%s: result %+v is incomplete", b.ServiceCode, b.Result)
		}
		if b.Term == nil || b.Term.Value <= 0 || (b.Term.Unit != charts.UnitWorkingDays && b.Term.Unit != charts.UnitCalendarDays) {
			t.Errorf("%s: term %+v is invalid", b.ServiceCode, b.Term)
		}
		if b.Fee == nil || b.Fee.LegalBasis == "" || (b.Fee.Amount != "" && !feePattern.MatchString(b.Fee.Amount)) {
			t.Errorf("%s: fee %+v is invalid", b.ServiceCode, b.Fee)
		}
		if len(b.Documents) == 0 || b.Documents[0].Source != charts.SourceApplicant {
			t.Errorf("%s: documents do not start with the applicant's", b.ServiceCode)
		}
		if p.Note == "" {
			t.Errorf("%s: no save note", b.ServiceCode)
		}
	}
}

func TestPassportLegalActs(t *testing.T) {
	for _, p := range region().Passports {
		b := p.Body
		if !slices.ContainsFunc(b.LegalActs, func(a charts.LegalAct) bool { return a.Number == "210-ФЗ" && a.Date == "2010-07-27" }) {
			t.Errorf("%s does not cite federal law 210-FZ", b.ServiceCode)
		}
		regulation := b.LegalActs[len(b.LegalActs)-1]
		if !regexp.MustCompile(`административного регламента`).MatchString(regulation.Title) {
			t.Errorf("%s: last act %q is not the administrative regulation", b.ServiceCode, regulation.Title)
		}
		for _, a := range b.LegalActs {
			if a.Type == "" || a.Number == "" || a.Issuer == "" || a.Title == "" {
				t.Errorf("%s: act %+v is incomplete", b.ServiceCode, a)
			}
			if _, err := time.Parse(time.DateOnly, a.Date); err != nil || a.Date >= reportDate {
				t.Errorf("%s: act %s dated %q, want a date before the report date %s", b.ServiceCode, a.Number, a.Date, reportDate)
			}
		}
	}
}

func TestPassportDocumentSources(t *testing.T) {
	ix := newIndex(region())
	for _, p := range region().Passports {
		for _, doc := range p.Body.Documents {
			switch doc.Source {
			case charts.SourceApplicant:
				if doc.DataKindCode != "" {
					t.Errorf("%s: applicant document %q names data kind %s", p.Body.ServiceCode, doc.Name, doc.DataKindCode)
				}
			case charts.SourceInterdepartmental:
				if _, ok := ix.kinds[doc.DataKindCode]; !ok {
					t.Errorf("%s: document %q names unknown data kind %q", p.Body.ServiceCode, doc.Name, doc.DataKindCode)
				}
			default:
				t.Errorf("%s: document %q has source %q", p.Body.ServiceCode, doc.Name, doc.Source)
			}
		}
	}
}

func TestPassportParticipants(t *testing.T) {
	ix := newIndex(region())
	for _, p := range region().Passports {
		var want []string
		for _, doc := range p.Body.Documents {
			if doc.Source == charts.SourceInterdepartmental {
				provider := ix.kinds[doc.DataKindCode].ProviderCode
				if !slices.Contains(want, provider) {
					want = append(want, provider)
				}
			}
		}
		if diff := cmp.Diff(want, p.Body.ParticipantCodes); diff != "" {
			t.Errorf("%s: participants (-providers of its documents +participants):\n%s", p.Body.ServiceCode, diff)
		}
	}
}

func TestPassportStages(t *testing.T) {
	d := region()
	ix := newIndex(d)
	got := map[demo.PassportStage]int{}
	for _, p := range d.Passports {
		got[p.Stage]++
		c, ok := ix.charts[p.Body.ServiceCode]
		if ok && c.Stage.Submitted() && p.Stage != demo.PassportApproved {
			t.Errorf("%s: chart at stage %s but passport at %s, want approved", p.Body.ServiceCode, c.Stage, p.Stage)
		}
	}
	for _, stage := range []demo.PassportStage{demo.PassportDraft, demo.PassportReview, demo.PassportApproved} {
		if got[stage] < 3 {
			t.Errorf("%d passports at stage %s, want at least 3", got[stage], stage)
		}
	}
	if len(got) != 3 {
		t.Errorf("passport stages %v, want only draft, review and approved", got)
	}
}
