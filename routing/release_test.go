package routing

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestEncodeCanonicalBytes(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*60*60)
	release := Release{
		Serial:         2,
		GeneratedAt:    time.Date(2025, 3, 10, 12, 30, 15, 999_000_000, moscow),
		PreviousSHA256: strings.Repeat("ab", 32),
		Routes: []Route{
			{
				ChartID: 8, ChartRevision: 2, ChartSHA256: strings.Repeat("0", 64),
				ServiceCode: "S2", RequesterCode: "R1", ProviderCode: "P1", DataKindCode: "D1",
				DeadlineDays: 10, DeadlineBasis: "Постановление № 5 <п. 3> & прил.",
				LegalBasis: "210-ФЗ",
				Approval:   Approval{ApprovedAt: time.Date(2025, 3, 1, 10, 0, 0, 0, moscow)},
			},
			{
				ChartID: 7, ChartRevision: 1, ChartSHA256: strings.Repeat("1", 64),
				ServiceCode: "S1", RequesterCode: "R1", ProviderCode: "P1", DataKindCode: "D1",
				DeadlineDays: 5, LegalBasis: "210-ФЗ",
				Approval: Approval{ApprovedBy: []string{"ivanov"}, ApprovedAt: time.Date(2025, 2, 1, 7, 0, 0, 0, time.UTC), Protocol: "3"},
			},
		},
	}

	got, err := Encode(release)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}

	want := `{"serial":2,"generated_at":"2025-03-10T09:30:15Z","previous_sha256":"` + strings.Repeat("ab", 32) + `","routes":[` +
		`{"chart_id":7,"chart_revision":1,"chart_sha256":"` + strings.Repeat("1", 64) + `","service_code":"S1","requester_code":"R1","provider_code":"P1","data_kind_code":"D1",` +
		`"deadline_days":5,"legal_basis":"210-ФЗ","approval":{"approved_by":["ivanov"],"approved_at":"2025-02-01T07:00:00Z","protocol":"3"}},` +
		`{"chart_id":8,"chart_revision":2,"chart_sha256":"` + strings.Repeat("0", 64) + `","service_code":"S2","requester_code":"R1","provider_code":"P1","data_kind_code":"D1",` +
		`"deadline_days":10,"deadline_basis":"Постановление № 5 <п. 3> & прил.","legal_basis":"210-ФЗ","approval":{"approved_by":[],"approved_at":"2025-03-01T07:00:00Z"}}` +
		"]}\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Encode bytes (-want +got):\n%s", diff)
	}
	if release.Routes[0].ChartID != 8 {
		t.Error("Encode reordered the caller's routes")
	}
}

func TestEncodeIndependentOfOrder(t *testing.T) {
	routes := sampleRoutes(40)
	first, err := Encode(Release{Serial: 1, GeneratedAt: baseTime, Routes: routes})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}

	reversed := slices.Clone(routes)
	slices.Reverse(reversed)
	second, err := Encode(Release{Serial: 1, GeneratedAt: baseTime, Routes: reversed})
	if err != nil {
		t.Fatalf("Encode reversed: %v", err)
	}

	if SHA256Hex(first) != SHA256Hex(second) {
		t.Error("the same routes in another order encode to other bytes")
	}
}

func TestEncodeSortOrder(t *testing.T) {
	base := sampleRoute(0)
	with := func(service, requester, dataKind, provider string, chart int64, revision int) Route {
		r := base
		r.ServiceCode, r.RequesterCode, r.DataKindCode, r.ProviderCode = service, requester, dataKind, provider
		r.ChartID, r.ChartRevision = chart, revision
		return r
	}
	// Listed in the expected order, each differing from the one before in
	// a later sort key than the pair before it.
	want := []Route{
		with("A", "R2", "D2", "P2", 9, 9),
		with("B", "R1", "D2", "P2", 9, 9),
		with("B", "R2", "D1", "P2", 9, 9),
		with("B", "R2", "D2", "P1", 9, 9),
		with("B", "R2", "D2", "P2", 1, 9),
		with("B", "R2", "D2", "P3", 1, 1),
	}
	shuffled := []Route{want[3], want[5], want[0], want[4], want[2], want[1]}

	b, err := Encode(Release{Serial: 1, GeneratedAt: baseTime, Routes: shuffled})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}

	if diff := cmp.Diff(want, got.Routes); diff != "" {
		t.Errorf("route order (-want +got):\n%s", diff)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	release := Release{Serial: 1, GeneratedAt: baseTime.Add(1500 * time.Millisecond), Routes: sampleRoutes(5)}

	b, err := Encode(release)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}

	want := canonicalRelease(release)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode(Encode(r)) (-want +got):\n%s", diff)
	}
	again, err := Encode(got)
	if err != nil {
		t.Fatalf("second Encode: %v", err)
	}
	if diff := cmp.Diff(string(b), string(again)); diff != "" {
		t.Errorf("re-encoding a decoded release changed the bytes:\n%s", diff)
	}
}

func TestEncodeEmptyRoutes(t *testing.T) {
	b, err := Encode(Release{Serial: 1, GeneratedAt: baseTime})
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	want := `{"serial":1,"generated_at":"2025-03-10T09:00:00Z","previous_sha256":"","routes":[]}` + "\n"
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("Encode (-want +got):\n%s", diff)
	}
}

func TestEncodeRejects(t *testing.T) {
	duplicate := sampleRoute(1)
	duplicate.ServiceCode = "other service"
	tests := []struct {
		name    string
		release Release
		message string
	}{
		{"zero serial", Release{GeneratedAt: baseTime}, "serial is 0"},
		{"missing time", Release{Serial: 1}, "generated_at is missing"},
		{"previous in release 1", Release{Serial: 1, GeneratedAt: baseTime, PreviousSHA256: strings.Repeat("a", 64)}, "expected empty"},
		{"missing previous", Release{Serial: 2, GeneratedAt: baseTime}, "previous_sha256 is \"\""},
		{"uppercase previous", Release{Serial: 2, GeneratedAt: baseTime, PreviousSHA256: strings.Repeat("A", 64)}, "lowercase hex"},
		{"duplicate route", Release{Serial: 1, GeneratedAt: baseTime, Routes: []Route{sampleRoute(1), sampleRoute(2), duplicate}}, "two routes with chart 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Encode(tt.release)
			if err == nil {
				t.Fatal("Encode succeeded, expected an error")
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		message string
	}{
		{"invalid JSON", `{"serial":`, "invalid JSON"},
		{"trailing data", `{"serial":1,"generated_at":"2025-03-10T09:00:00Z","routes":[]} {}`, "unexpected data"},
		{"null routes", `{"serial":1,"generated_at":"2025-03-10T09:00:00Z","routes":null}`, "routes is missing"},
		{"serial zero", `{"serial":0,"generated_at":"2025-03-10T09:00:00Z","routes":[]}`, "serial is 0"},
		{"wrong type", `{"serial":"1","generated_at":"2025-03-10T09:00:00Z","routes":[]}`, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.input))
			if err == nil {
				t.Fatal("Decode succeeded, expected an error")
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
		})
	}
}

func TestDecodeIgnoresUnknownFields(t *testing.T) {
	r, err := Decode([]byte(`{"serial":1,"generated_at":"2025-03-10T09:00:00Z","previous_sha256":"","routes":[],"format":2}` + "\n"))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if r.Serial != 1 {
		t.Errorf("serial %d, expected 1", r.Serial)
	}
}

func TestNextReleaseChains(t *testing.T) {
	first, err := NextRelease(nil, sampleRoutes(1), baseTime)
	if err != nil {
		t.Fatalf("NextRelease(nil): %v", err)
	}
	if first.Serial != 1 || first.PreviousSHA256 != "" {
		t.Errorf("first release serial %d previous %q, expected 1 and empty", first.Serial, first.PreviousSHA256)
	}
	b, err := Encode(first)
	if err != nil {
		t.Fatal(err)
	}

	second, err := NextRelease(b, sampleRoutes(2), baseTime.Add(time.Hour))
	if err != nil {
		t.Fatalf("NextRelease: %v", err)
	}
	if second.Serial != 2 || second.PreviousSHA256 != SHA256Hex(b) {
		t.Errorf("second release serial %d previous %q, expected 2 and %q", second.Serial, second.PreviousSHA256, SHA256Hex(b))
	}

	if _, err := NextRelease([]byte("{}"), nil, baseTime); err == nil {
		t.Error("NextRelease accepted an invalid previous release")
	}
}

func TestSHA256Hex(t *testing.T) {
	// FIPS 180-2 example "abc".
	want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := SHA256Hex([]byte("abc")); got != want {
		t.Errorf("SHA256Hex(abc) = %s, expected %s", got, want)
	}
}
