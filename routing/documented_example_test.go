package routing

import (
	"crypto/ed25519"
	"encoding/hex"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// rfc8032Signer signs with the key of RFC 8032 section 7.1, test 1, which
// the worked example in docs/routing.md uses, so an implementer can check
// their code against published values.
type rfc8032Signer struct{}

func (rfc8032Signer) Sign(b []byte) Signature {
	seed, err := hex.DecodeString(rfc8032Seed)
	if err != nil {
		panic(err)
	}
	key := ed25519.NewKeyFromSeed(seed)
	return signWith(KeyID(key.Public().(ed25519.PublicKey)), key, b)
}

// TestDocumentedExample checks the values printed in the worked example of
// docs/routing.md.
func TestDocumentedExample(t *testing.T) {
	release := Release{
		Serial:      1,
		GeneratedAt: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC),
		Routes: []Route{{
			ChartID: 42, ChartRevision: 3, ChartSHA256: SHA256Hex([]byte("chart 42 revision 3")),
			ServiceCode: "6000000000167433622", RequesterCode: "MFC-01", ProviderCode: "FNS", DataKindCode: "SID0003525",
			DeadlineDays: 5, LegalBasis: "Федеральный закон от 27.07.2010 № 210-ФЗ",
			Approval: Approval{
				ApprovedBy: []string{"ivanov", "petrova"},
				ApprovedAt: time.Date(2025, 3, 5, 11, 0, 0, 0, time.UTC),
				Protocol:   "7/2025",
			},
		}},
	}
	b, err := Encode(release)
	if err != nil {
		t.Fatal(err)
	}

	wantRelease := `{"serial":1,"generated_at":"2025-03-10T09:00:00Z","previous_sha256":"","routes":[{"chart_id":42,"chart_revision":3,` +
		`"chart_sha256":"614966cd270ae6eff2a5a51cacb2d24668f97b0d16f0329d169865b05f2e1be9","service_code":"6000000000167433622",` +
		`"requester_code":"MFC-01","provider_code":"FNS","data_kind_code":"SID0003525","deadline_days":5,` +
		`"legal_basis":"Федеральный закон от 27.07.2010 № 210-ФЗ","approval":{"approved_by":["ivanov","petrova"],` +
		`"approved_at":"2025-03-05T11:00:00Z","protocol":"7/2025"}}]}` + "\n"
	if diff := cmp.Diff(wantRelease, string(b)); diff != "" {
		t.Errorf("release bytes (-want +got):\n%s", diff)
	}
	if got, want := SHA256Hex(b), "66d6d3c697ae06ebc45bbcf1714e3a0c50a44ab58199864d85891003cc3538b9"; got != want {
		t.Errorf("sha256 %s, expected %s", got, want)
	}

	wantSig := `{"key_id":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","algorithm":"Ed25519",` +
		`"signature":"auBMyK6HDF2YlVhrA8j7JVFY+qQgx1Yi3d+nOKlZJjYBDfAbjNIcAcKE4n2RADp99fFFDYkRJ7cIXV1XEg1OCQ=="}` + "\n"
	if diff := cmp.Diff(wantSig, string(EncodeSignature(rfc8032Signer{}.Sign(b)))); diff != "" {
		t.Errorf("signature document (-want +got):\n%s", diff)
	}

	pointer := Pointer{
		Serial:    1,
		SHA256:    SHA256Hex(b),
		IssuedAt:  time.Date(2025, 3, 10, 9, 5, 0, 0, time.UTC),
		ExpiresAt: time.Date(2025, 3, 10, 10, 5, 0, 0, time.UTC),
	}
	doc, err := SignPointer(pointer, rfc8032Signer{})
	if err != nil {
		t.Fatal(err)
	}
	wantPointer := `{"pointer":"eyJzZXJpYWwiOjEsInNoYTI1NiI6IjY2ZDZkM2M2OTdhZTA2ZWJjNDViYmNmMTcxNGUzYTBjNTBhNDRhYjU4MTk5ODY0ZDg1ODkxMDAzY2MzNTM4YjkiLCJpc3N1ZWRfYXQiOiIyMDI1LTAzLTEwVDA5OjA1OjAwWiIsImV4cGlyZXNfYXQiOiIyMDI1LTAzLTEwVDEwOjA1OjAwWiJ9Cg==",` +
		`"signature":{"key_id":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","algorithm":"Ed25519",` +
		`"signature":"UPRxHYbA6C2Af0SOwnrr4JQTPZPGb3E4/ZLNIfuSCjkAaqNyPa6oHki681AP6E+5isngDr7NMcbYFBjvBbd1Dg=="}}` + "\n"
	if diff := cmp.Diff(wantPointer, string(doc)); diff != "" {
		t.Errorf("pointer document (-want +got):\n%s", diff)
	}

	keys, err := ParseKeySet([]byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",` +
		`"kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","use":"sig","alg":"EdDSA","status":"active"}],` +
		`"version":1,"issued_at":"2025-03-01T08:00:00Z"}`))
	if err != nil {
		t.Fatalf("documented key set: %v", err)
	}
	if _, err := VerifyRelease(b, []byte(wantSig), keys); err != nil {
		t.Errorf("documented release signature: %v", err)
	}
	if _, err := VerifyPointer(doc, keys, pointer.IssuedAt); err != nil {
		t.Errorf("documented pointer: %v", err)
	}
}
