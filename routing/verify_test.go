package routing

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerifyFile(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	release, err := Encode(Release{Serial: 1, GeneratedAt: baseTime, Routes: sampleRoutes(3)})
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	releaseFile := write("routing.json", release)
	sigFile := write("routing.json.sig", EncodeSignature(store.Sign(release)))
	keysFile := write("keys.json", store.JWKS())

	if err := VerifyFile(releaseFile, sigFile, keysFile); err != nil {
		t.Fatalf("VerifyFile: %v", err)
	}

	tampered := write("tampered.json", []byte(strings.Replace(string(release), `"FNS"`, `"MVD"`, 1)))
	if err := VerifyFile(tampered, sigFile, keysFile); !errors.Is(err, ErrBadSignature) {
		t.Errorf("tampered release: %v, expected ErrBadSignature", err)
	}

	other, err := OpenKeyStore(filepath.Join(t.TempDir(), "other.json"))
	if err != nil {
		t.Fatal(err)
	}
	otherKeys := write("other-keys.json", other.JWKS())
	if err := VerifyFile(releaseFile, sigFile, otherKeys); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("other key set: %v, expected ErrUnknownKey", err)
	}

	if err := VerifyFile(releaseFile, filepath.Join(dir, "missing.sig"), keysFile); err == nil || !strings.Contains(err.Error(), "missing.sig") {
		t.Errorf("missing signature file: %v, expected an error naming it", err)
	}
}
