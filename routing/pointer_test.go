package routing

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNewPointer(t *testing.T) {
	release, err := Encode(Release{Serial: 1, GeneratedAt: baseTime, Routes: sampleRoutes(2)})
	if err != nil {
		t.Fatal(err)
	}
	now := baseTime.Add(1700 * time.Millisecond).In(time.FixedZone("MSK", 3*60*60))

	got, err := NewPointer(release, now, 2*time.Hour)
	if err != nil {
		t.Fatalf("NewPointer: %v", err)
	}

	want := Pointer{
		Serial:    1,
		SHA256:    SHA256Hex(release),
		IssuedAt:  baseTime.Add(time.Second),
		ExpiresAt: baseTime.Add(2*time.Hour + time.Second),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewPointer (-want +got):\n%s", diff)
	}

	if _, err := NewPointer(release, now, time.Millisecond); err == nil || !strings.Contains(err.Error(), "ttl") {
		t.Errorf("NewPointer with a 1ms ttl: %v, expected an error about the ttl", err)
	}
	if _, err := NewPointer([]byte("{}"), now, time.Hour); err == nil {
		t.Error("NewPointer accepted an invalid release")
	}
}

func TestVerifyPointer(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ParseKeySet(store.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	release, err := Encode(Release{Serial: 3, GeneratedAt: baseTime, PreviousSHA256: SHA256Hex(nil)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := IssuePointer(store, release, baseTime, time.Hour)
	if err != nil {
		t.Fatalf("IssuePointer: %v", err)
	}

	t.Run("valid", func(t *testing.T) {
		p, err := VerifyPointer(doc, keys, baseTime.Add(59*time.Minute))
		if err != nil {
			t.Fatalf("VerifyPointer: %v", err)
		}
		if p.Serial != 3 || p.SHA256 != SHA256Hex(release) {
			t.Errorf("pointer %+v, expected serial 3 and the release hash", p)
		}
	})
	t.Run("expired at expires_at", func(t *testing.T) {
		_, err := VerifyPointer(doc, keys, baseTime.Add(time.Hour))
		if !errors.Is(err, ErrPointerExpired) {
			t.Errorf("error %v, expected ErrPointerExpired", err)
		}
	})
	t.Run("tampered payload", func(t *testing.T) {
		var signed SignedPointer
		if err := json.Unmarshal(doc, &signed); err != nil {
			t.Fatal(err)
		}
		signed.Pointer = []byte(strings.Replace(string(signed.Pointer), `"serial":3`, `"serial":4`, 1))
		tampered, err := json.Marshal(signed)
		if err != nil {
			t.Fatal(err)
		}
		_, err = VerifyPointer(tampered, keys, baseTime)
		if !errors.Is(err, ErrBadSignature) {
			t.Errorf("error %v, expected ErrBadSignature", err)
		}
	})
	t.Run("unknown field", func(t *testing.T) {
		withField := strings.Replace(string(doc), `{"pointer"`, `{"note":"x","pointer"`, 1)
		if _, err := VerifyPointer([]byte(withField), keys, baseTime); err == nil {
			t.Error("VerifyPointer accepted an unknown field")
		}
	})
}

func TestPointerDocumentShape(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	release, err := Encode(Release{Serial: 1, GeneratedAt: baseTime})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := IssuePointer(store, release, baseTime, 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}

	var signed SignedPointer
	if err := json.Unmarshal(doc, &signed); err != nil {
		t.Fatalf("pointer document: %v", err)
	}
	want := `{"serial":1,"sha256":"` + SHA256Hex(release) + `","issued_at":"2025-03-10T09:00:00Z","expires_at":"2025-03-10T09:30:00Z"}` + "\n"
	if diff := cmp.Diff(want, string(signed.Pointer)); diff != "" {
		t.Errorf("signed pointer bytes (-want +got):\n%s", diff)
	}
	if signed.Signature.KeyID != store.Keys()[0].KeyID || signed.Signature.Algorithm != AlgorithmEd25519 {
		t.Errorf("signature %+v, expected the active key with Ed25519", signed.Signature)
	}
}
