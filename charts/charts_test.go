package charts_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

var testRegistry = charts.NewRegistry(
	[]charts.Authority{
		{Code: "MINSOC", Name: "Минсоцдемографии", Active: true},
		{Code: "FNS", Name: "ФНС", Active: true},
		{Code: "OLD", Name: "Упразднённый орган", Active: false},
	},
	[]charts.DataKind{
		{Code: "SID0003525", Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS"},
		{Code: "SID0000001", Name: "Сведения Минсоцдемографии", ProviderCode: "MINSOC"},
	},
)

var testService = charts.Service{Code: "63001", Name: "Услуга", Level: "state", AuthorityCode: "MINSOC"}

func validChart() charts.ChartBody {
	return charts.ChartBody{
		ServiceCode: "63001",
		LegalBasis:  "Федеральный закон № 210-ФЗ",
		Interactions: []charts.Interaction{{
			RequestedDocument: "Выписка из ЕГРЮЛ", DataComposition: "ОГРН, ИНН",
			RequesterCode: "MINSOC", ProviderCode: "FNS", DataKindCode: "SID0003525",
			DeadlineDays: 5, LegalBasis: "ст. 7.2 № 210-ФЗ",
		}},
	}
}

func TestValidateChart(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*charts.ChartBody)
		fields []string
	}{
		{"valid", func(*charts.ChartBody) {}, nil},
		{"unknown provider", func(b *charts.ChartBody) { b.Interactions[0].ProviderCode = "X" },
			[]string{"interactions[0].provider_code: unknown authority \"X\""}},
		{"inactive provider", func(b *charts.ChartBody) { b.Interactions[0].ProviderCode = "OLD" },
			[]string{"interactions[0].provider_code: authority \"OLD\" is inactive"}},
		{"data kind of another provider", func(b *charts.ChartBody) { b.Interactions[0].DataKindCode = "SID0000001" },
			[]string{`interactions[0].data_kind_code: data kind "SID0000001" belongs to "MINSOC", not to provider "FNS"`}},
		{"long deadline without basis", func(b *charts.ChartBody) { b.Interactions[0].DeadlineDays = 10 },
			[]string{"interactions[0].deadline_basis: is required when deadline_days (10) exceeds the legal 5 working days"}},
		{"long deadline with basis", func(b *charts.ChartBody) {
			b.Interactions[0].DeadlineDays = 10
			b.Interactions[0].DeadlineBasis = "Постановление № 1"
		}, nil},
		{"zero deadline", func(b *charts.ChartBody) { b.Interactions[0].DeadlineDays = 0 },
			[]string{"interactions[0].deadline_days: must be a positive number of working days, got 0"}},
		{"answer term differs", func(b *charts.ChartBody) {
			b.Interactions[0].Deadline = &charts.Deadline{
				Total: charts.Term{Value: 7, Unit: "working_days"}, Send: charts.Term{Value: 1, Unit: "working_days"},
				Answer: charts.Term{Value: 4, Unit: "working_days"}, Attach: charts.Term{Value: 1, Unit: "days"}}
		}, []string{
			"interactions[0].deadline.attach.unit: unknown unit \"days\"; use working_days, calendar_days or hours",
			"interactions[0].deadline.answer.value: is 4 working days but deadline_days is 5; make them equal",
		}},
		{"no rows", func(b *charts.ChartBody) { b.Interactions = nil },
			[]string{"interactions: add at least one interaction row"}},
		{"other service", func(b *charts.ChartBody) { b.ServiceCode = "63002" },
			[]string{`service_code: "63002" does not match the chart's service "63001"`}},
		{"duplicate row", func(b *charts.ChartBody) { b.Interactions = append(b.Interactions, b.Interactions[0]) },
			[]string{`interactions[1].data_kind_code: "SID0003525" from "FNS" repeats interactions[0]; merge the two rows`}},
		{"control character", func(b *charts.ChartBody) { b.LegalBasis = "Закон\x1b[31m" },
			[]string{"legal_basis: contains the control character U+001B at byte 10; remove it"}},
		{"bidirectional override", func(b *charts.ChartBody) { b.Interactions[0].DataComposition = "ИНН\u202eНПО" },
			[]string{"interactions[0].data_composition: contains the control character U+202E at byte 6; remove it"}},
		{"only zero-width spaces", func(b *charts.ChartBody) { b.LegalBasis = "\u200b\u200b" },
			[]string{"legal_basis: is required"}},
		{"requester is another authority", func(b *charts.ChartBody) { b.Interactions[0].RequesterCode = "FNS" },
			[]string{`interactions[0].provider_code: "FNS" requests from itself; name the authority that holds the data`,
				`interactions[0].requester_code: "FNS" is not the authority that provides the service; requests are sent by "MINSOC"`}},
		{"total shorter than its parts", func(b *charts.ChartBody) {
			b.Interactions[0].Deadline = &charts.Deadline{
				Total: charts.Term{Value: 1, Unit: "working_days"}, Send: charts.Term{Value: 1, Unit: "working_days"},
				Answer: charts.Term{Value: 5, Unit: "working_days"}, Attach: charts.Term{Value: 2, Unit: "hours"}}
		}, []string{"interactions[0].deadline.total.value: is 1 but the parts in the same unit add up to 6; make the total at least their sum"}},
		{"requests from itself", func(b *charts.ChartBody) {
			b.Interactions[0].ProviderCode = "MINSOC"
			b.Interactions[0].DataKindCode = "SID0000001"
		}, []string{`interactions[0].provider_code: "MINSOC" requests from itself; name the authority that holds the data`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := validChart()
			tt.edit(&b)
			err := charts.ValidateChart(b, testService, testRegistry)
			var got []string
			var verr *charts.ValidationError
			if errors.As(err, &verr) {
				for _, p := range verr.Problems {
					got = append(got, p.Error())
				}
				if !errors.Is(err, charts.ErrInvalid) {
					t.Error("validation error does not match ErrInvalid")
				}
			} else if err != nil {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeChartRejectsUnknownFields(t *testing.T) {
	_, err := charts.DecodeChart([]byte(`{"service_code":"1","interactions":[{"provider":"FNS"}]}`))
	var verr *charts.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got %v, want a validation error", err)
	}
	if got := verr.Problems[0].Field; got != "body.interactions[0].provider" && got != "body.provider" {
		t.Errorf("field %q, want the unknown field named", got)
	}
	if _, err := charts.DecodeChart([]byte(`{"service_code":"1"} {}`)); err == nil {
		t.Error("trailing object accepted")
	}
	if _, err := charts.DecodeChart([]byte(`{"deadline_days":"5"}`)); err == nil {
		t.Error("wrong type accepted")
	}
}

func TestCanonicalHashIsStable(t *testing.T) {
	a, sumA, err := charts.Canonical(validChart())
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := charts.DecodeChart(a)
	if err != nil {
		t.Fatal(err)
	}
	b, sumB, _ := charts.Canonical(decoded)
	if sumA != sumB || string(a) != string(b) {
		t.Errorf("canonical form changed after a round trip:\n%s\n%s", a, b)
	}
	if strings.Contains(string(a), `\u003c`) {
		t.Error("canonical form escapes HTML")
	}
}

func TestDiff(t *testing.T) {
	old := validChart()
	newer := validChart()
	extra := old.Interactions[0]
	extra.DataKindCode = "SID0009999"
	extra.RequestedDocument = "Выписка из ЕГРИП"
	newer.Interactions = append([]charts.Interaction{extra}, newer.Interactions...)
	newer.Interactions[1].DeadlineDays = 3
	newer.LegalBasis = "Новый акт"

	a, _, _ := charts.Canonical(old)
	b, _, _ := charts.Canonical(newer)
	changes, err := charts.Diff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Op+" "+c.Path)
	}
	want := []string{
		"added interactions[0]",
		"changed interactions[1].deadline_days",
		"changed legal_basis",
	}
	// The inserted row aligns as one addition, and the edited row pairs
	// with its old self instead of every later row showing as changed.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	same, _ := charts.Diff(a, a)
	if len(same) != 0 {
		t.Errorf("diff of a revision with itself: %v", same)
	}
}

func TestChangedProviders(t *testing.T) {
	old := validChart()
	old.Interactions = append(old.Interactions, charts.Interaction{RequestedDocument: "СНИЛС",
		DataComposition: "СНИЛС", RequesterCode: "MINSOC", ProviderCode: "PFR", DataKindCode: "PFR1",
		DeadlineDays: 5, LegalBasis: "акт"})
	newer := old
	newer.Interactions = append([]charts.Interaction(nil), old.Interactions...)
	newer.Interactions[1].DeadlineDays = 2
	newer.LegalBasis = "Другой акт"
	got := charts.ChangedProviders(old, newer)
	if diff := cmp.Diff(map[string]bool{"PFR": true}, got); diff != "" {
		t.Errorf("changed providers (-want +got):\n%s", diff)
	}
	reordered := old
	reordered.Interactions = []charts.Interaction{old.Interactions[1], old.Interactions[0]}
	if got := charts.ChangedProviders(old, reordered); len(got) != 0 {
		t.Errorf("reordering rows changed providers %v", got)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Выписка из ЕГРН": "выписка из егрн", "Ёлка": "елка", " SID00 ": "sid00"} {
		if got := charts.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidateChartRejectsWithdrawnDataKind(t *testing.T) {
	reg := charts.NewRegistry(testRegistry.AuthorityList(), append(testRegistry.DataKindList(),
		charts.DataKind{Code: "SID0000002", Name: "Старая версия", ProviderCode: "FNS", WithdrawnOn: "2012-10-01"}))
	b := validChart()
	b.Interactions[0].DataKindCode = "SID0000002"
	reg.Today = "2012-09-30"
	if err := charts.ValidateChart(b, testService, reg); err != nil {
		t.Errorf("data kind before its withdrawal date: %v", err)
	}
	reg.Today = "2012-10-01"
	err := charts.ValidateChart(b, testService, reg)
	want := `interactions[0].data_kind_code: data kind "SID0000002" was withdrawn on 2012-10-01; choose its current version`
	if err == nil || err.Error() != want {
		t.Errorf("data kind on its withdrawal date: %v, want %s", err, want)
	}
}
