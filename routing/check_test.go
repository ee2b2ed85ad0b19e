package routing

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"pcii/charts"
)

func testRegistryData() MapRegistry {
	return NewMapRegistry(
		[]charts.Authority{
			{Code: "MFC", Name: "МФЦ", Active: true},
			{Code: "FNS", Name: "ФНС России", Active: true},
			{Code: "MVD", Name: "МВД России", Active: true},
			{Code: "OLD", Name: "Упразднённый комитет", Active: false},
		},
		[]charts.DataKind{
			{Code: "SID-INN", Name: "Сведения об ИНН", ProviderCode: "FNS"},
			{Code: "SID-PASS", Name: "Сведения о паспорте", ProviderCode: "MVD"},
			{Code: "SID-OLD", Name: "Старая версия", ProviderCode: "FNS", WithdrawnOn: "2025-03-10"},
			{Code: "SID-LATER", Name: "Выводится", ProviderCode: "FNS", WithdrawnOn: "2025-03-11"},
			{Code: "SID-BAD", Name: "Ошибка в дате", ProviderCode: "FNS", WithdrawnOn: "10.03.2025"},
		},
	)
}

func validRoute() Route {
	return Route{
		ChartID: 1, ChartRevision: 2, ChartSHA256: strings.Repeat("c", 64),
		ServiceCode: "S1", RequesterCode: "MFC", ProviderCode: "FNS", DataKindCode: "SID-INN",
		DeadlineDays: 5, LegalBasis: "210-ФЗ",
		Approval: Approval{ApprovedBy: []string{"ivanov"}, ApprovedAt: baseTime},
	}
}

func TestCheckRoute(t *testing.T) {
	releaseDate := time.Date(2025, 3, 10, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		change func(r *Route)
		// fields are the Problem.Field values expected, in order.
		fields []string
		// message is a part of the first problem's message.
		message string
	}{
		{"valid", func(r *Route) {}, nil, ""},
		{"unknown requester", func(r *Route) { r.RequesterCode = "NOPE" }, []string{"requester_code"}, `requester authority "NOPE" is not in the registry`},
		{"inactive requester", func(r *Route) { r.RequesterCode = "OLD" }, []string{"requester_code"}, `requester authority "OLD" (Упразднённый комитет) is inactive`},
		{"unknown provider", func(r *Route) { r.ProviderCode = "NOPE" }, []string{"provider_code", "data_kind_code"}, `provider authority "NOPE" is not in the registry`},
		{"inactive provider", func(r *Route) { r.ProviderCode = "OLD" }, []string{"provider_code", "data_kind_code"}, `provider authority "OLD"`},
		{"empty provider", func(r *Route) { r.ProviderCode = "" }, []string{"provider_code", "data_kind_code"}, "provider_code is empty"},
		{"unknown data kind", func(r *Route) { r.DataKindCode = "SID-NONE" }, []string{"data_kind_code"}, `data kind "SID-NONE" is not in the registry`},
		{"data kind of another provider", func(r *Route) { r.DataKindCode = "SID-PASS" }, []string{"data_kind_code"}, `data kind "SID-PASS" belongs to provider "MVD", not to provider "FNS"`},
		{"withdrawn on release date", func(r *Route) { r.DataKindCode = "SID-OLD" }, []string{"data_kind_code"}, "withdrawn on 2025-03-10, on or before the release date 2025-03-10"},
		{"withdrawn after release date", func(r *Route) { r.DataKindCode = "SID-LATER" }, nil, ""},
		{"invalid withdrawal date", func(r *Route) { r.DataKindCode = "SID-BAD" }, []string{"data_kind_code"}, `withdrawn_on "10.03.2025"`},
		{"long deadline without basis", func(r *Route) { r.DeadlineDays = 10 }, []string{"deadline_basis"}, "deadline_days is 10, above the default of 5"},
		{"long deadline with basis", func(r *Route) { r.DeadlineDays = 10; r.DeadlineBasis = "Постановление № 1" }, nil, ""},
		{"zero deadline", func(r *Route) { r.DeadlineDays = 0 }, []string{"deadline_days"}, "deadline_days is 0"},
		{"bad chart hash", func(r *Route) { r.ChartSHA256 = "abc" }, []string{"chart_sha256"}, `chart_sha256 is "abc"`},
		{"no chart", func(r *Route) { r.ChartID = 0; r.ChartRevision = 0 }, []string{"chart_id", "chart_revision"}, "chart_id is 0"},
		{"no service", func(r *Route) { r.ServiceCode = "" }, []string{"service_code"}, "service_code is empty"},
		{"no legal basis", func(r *Route) { r.LegalBasis = "" }, []string{"legal_basis"}, "legal_basis is empty"},
		{"no approval", func(r *Route) { r.Approval = Approval{} }, []string{"approval.approved_by", "approval.approved_at"}, "approval.approved_by is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			route := validRoute()
			tt.change(&route)

			problems := Check([]Route{route}, testRegistryData(), releaseDate)

			var fields []string
			for _, p := range problems {
				fields = append(fields, p.Field)
				if p.Index != 0 || p.ChartID != route.ChartID {
					t.Errorf("problem %+v, expected index 0 and chart %d", p, route.ChartID)
				}
			}
			if diff := cmp.Diff(tt.fields, fields); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s\nproblems: %v", diff, problems)
			}
			if tt.message != "" && len(problems) > 0 && !strings.Contains(problems[0].Message, tt.message) {
				t.Errorf("message %q does not contain %q", problems[0].Message, tt.message)
			}
		})
	}
}

func TestCheckReleaseDateInLocation(t *testing.T) {
	route := validRoute()
	route.DataKindCode = "SID-LATER"
	// 2025-03-10 22:00 UTC is already 2025-03-11 in Moscow.
	moscow := time.FixedZone("MSK", 3*60*60)
	on := time.Date(2025, 3, 10, 22, 0, 0, 0, time.UTC)

	if problems := Check([]Route{route}, testRegistryData(), on); len(problems) != 0 {
		t.Errorf("problems on the UTC date: %v, expected none", problems)
	}
	if problems := Check([]Route{route}, testRegistryData(), on.In(moscow)); len(problems) != 1 {
		t.Errorf("problems on the Moscow date: %v, expected the withdrawal", problems)
	}
}

func TestCheckAcrossRoutes(t *testing.T) {
	first := validRoute()
	repeated := validRoute()
	repeated.ChartRevision = 3
	otherProvider := validRoute()
	otherProvider.ChartID = 2
	otherProvider.ProviderCode = "MVD"
	otherService := validRoute()
	otherService.ChartID = 3
	otherService.ServiceCode = "S2"
	otherService.ProviderCode = "MVD"
	otherService.DataKindCode = "SID-PASS"

	problems := Check([]Route{first, repeated, otherProvider, otherService}, testRegistryData(), baseTime)

	want := []Problem{
		{Index: 1, ChartID: 1, Field: "data_kind_code"},
		{Index: 2, ChartID: 2, Field: "data_kind_code"},
		{Index: 2, ChartID: 2, Field: "provider_code"},
	}
	if diff := cmp.Diff(want, problems, cmpopts.IgnoreFields(Problem{}, "Message")); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if len(problems) == 3 {
		if !strings.Contains(problems[0].Message, "route repeats route 0") {
			t.Errorf("duplicate message %q", problems[0].Message)
		}
		wantConflict := `routed to provider "MVD" here but to provider "FNS" by route 0 (chart 1)`
		if !strings.Contains(problems[2].Message, wantConflict) {
			t.Errorf("conflict message %q does not contain %q", problems[2].Message, wantConflict)
		}
	}
}

func TestCheckReportsAllProblems(t *testing.T) {
	bad := validRoute()
	bad.RequesterCode = "NOPE"
	bad.DataKindCode = "SID-OLD"
	bad.DeadlineDays = 30
	good := validRoute()
	good.ChartID = 9
	good.DataKindCode = "SID-LATER"
	alsoBad := validRoute()
	alsoBad.ChartID = 10
	alsoBad.DataKindCode = "SID-PASS"

	problems := Check([]Route{bad, good, alsoBad}, testRegistryData(), baseTime)

	want := []Problem{
		{Index: 0, ChartID: 1, Field: "requester_code"},
		{Index: 0, ChartID: 1, Field: "data_kind_code"},
		{Index: 0, ChartID: 1, Field: "deadline_basis"},
		{Index: 2, ChartID: 10, Field: "data_kind_code"},
	}
	if diff := cmp.Diff(want, problems, cmpopts.IgnoreFields(Problem{}, "Message")); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
