package routing

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	kept := sampleRoute(1)
	removed := sampleRoute(2)
	removed.ProviderCode = "MVD"
	changedOld := sampleRoute(3)
	changedNew := changedOld
	changedNew.ChartRevision++
	changedNew.ChartSHA256 = SHA256Hex([]byte("revised"))
	changedNew.DeadlineDays = 7
	changedNew.DeadlineBasis = "Постановление № 9"
	changedNew.Approval.ApprovedBy = []string{"sidorov"}
	added := sampleRoute(4)
	added.RequesterCode = "ZAGS"
	// The same instant in another zone and with sub-second digits that
	// Encode drops is no change.
	keptMoved := kept
	keptMoved.Approval.ApprovedAt = kept.Approval.ApprovedAt.In(time.FixedZone("MSK", 3*60*60)).Add(300 * time.Millisecond)

	old := Release{Serial: 4, Routes: []Route{changedOld, removed, kept}}
	new := Release{Serial: 6, Routes: []Route{added, keptMoved, changedNew}}

	got := Compare(old, new)

	want := Changes{
		FromSerial: 4,
		ToSerial:   6,
		Added:      []Route{added},
		Removed:    []Route{removed},
		Changed: []RouteChange{{
			Old:    changedOld,
			New:    changedNew,
			Fields: []string{"chart_revision", "chart_sha256", "deadline_days", "deadline_basis", "approval.approved_by"},
		}},
		Authorities: []string{"FNS", "MVD", "REQ002", "REQ003", "ZAGS"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if got.IsEmpty() {
		t.Error("IsEmpty is true for changed releases")
	}
}

func TestCompareSameRoutes(t *testing.T) {
	routes := sampleRoutes(5)
	got := Compare(Release{Serial: 1, Routes: routes}, Release{Serial: 2, Routes: routes})

	if !got.IsEmpty() {
		t.Errorf("changes between equal route sets: %+v", got)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"from_serial":1,"to_serial":2,"added":[],"removed":[],"changed":[],"authorities":[]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON of empty changes (-want +got):\n%s", diff)
	}
}

func TestCompareEachField(t *testing.T) {
	tests := []struct {
		field  string
		change func(r *Route)
	}{
		{"chart_revision", func(r *Route) { r.ChartRevision = 99 }},
		{"chart_sha256", func(r *Route) { r.ChartSHA256 = SHA256Hex(nil) }},
		{"service_code", func(r *Route) { r.ServiceCode = "other" }},
		{"deadline_days", func(r *Route) { r.DeadlineDays = 3 }},
		{"deadline_basis", func(r *Route) { r.DeadlineBasis = "act" }},
		{"legal_basis", func(r *Route) { r.LegalBasis = "other act" }},
		{"approval.approved_by", func(r *Route) { r.Approval.ApprovedBy = nil }},
		{"approval.approved_at", func(r *Route) { r.Approval.ApprovedAt = r.Approval.ApprovedAt.Add(time.Second) }},
		{"approval.protocol", func(r *Route) { r.Approval.Protocol = "13/2025" }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			before := sampleRoute(1)
			after := before
			after.Approval.ApprovedBy = append([]string(nil), before.Approval.ApprovedBy...)
			tt.change(&after)

			got := Compare(Release{Routes: []Route{before}}, Release{Routes: []Route{after}})

			if len(got.Changed) != 1 {
				t.Fatalf("changes %+v, expected one changed route", got)
			}
			if diff := cmp.Diff([]string{tt.field}, got.Changed[0].Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}
