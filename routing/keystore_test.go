package routing

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOpenKeyStoreCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routing-keys.json")

	store, err := OpenKeyStore(path)
	if err != nil {
		t.Fatalf("OpenKeyStore: %v", err)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("key file not created: %v", err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, expected 0600", perm)
	}
	keys := store.Keys()
	if len(keys) != 1 || keys[0].State != KeyActive {
		t.Fatalf("keys %+v, expected one active key", keys)
	}
	if keys[0].KeyID != KeyID(keys[0].PublicKey) {
		t.Errorf("kid %s is not the thumbprint of the public key", keys[0].KeyID)
	}

	reopened, err := OpenKeyStore(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if diff := cmp.Diff(keys, reopened.Keys()); diff != "" {
		t.Errorf("keys after reopening (-want +got):\n%s", diff)
	}
}

func TestOpenKeyStorePermissions(t *testing.T) {
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660, 0o601} {
		t.Run(mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "keys.json")
			if _, err := OpenKeyStore(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}

			_, err := OpenKeyStore(path)

			if err == nil {
				t.Fatalf("OpenKeyStore accepted mode %04o", mode)
			}
			if !strings.Contains(err.Error(), "chmod 600 "+path) {
				t.Errorf("error %q does not name chmod 600 and the file", err)
			}
		})
	}
}

func TestOpenKeyStoreRejectsContent(t *testing.T) {
	valid := func(t *testing.T) keyFile {
		path := filepath.Join(t.TempDir(), "keys.json")
		if _, err := OpenKeyStore(path); err != nil {
			t.Fatal(err)
		}
		var state keyFile
		if err := json.Unmarshal(mustRead(t, path), &state); err != nil {
			t.Fatal(err)
		}
		return state
	}
	tests := []struct {
		name    string
		change  func(s *keyFile)
		message string
	}{
		{"no active key", func(s *keyFile) { s.Keys[0].State = KeyRetired }, "0 active keys"},
		{"short seed", func(s *keyFile) { s.Keys[0].Seed = s.Keys[0].Seed[:16] }, "seed is 16 bytes"},
		{"wrong kid", func(s *keyFile) { s.Keys[0].KeyID = "abc" }, `kid "abc" does not match`},
		{"unknown state", func(s *keyFile) { s.Keys[0].State = "spare" }, `state "spare"`},
		{"zero version", func(s *keyFile) { s.Version = 0 }, "version is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := valid(t)
			tt.change(&state)
			path := filepath.Join(t.TempDir(), "keys.json")
			b, err := json.Marshal(state)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}

			_, err = OpenKeyStore(path)

			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %v, expected one containing %q", err, tt.message)
			}
		})
	}
}

func TestOpenKeyStoreMissingDirectory(t *testing.T) {
	_, err := OpenKeyStore(filepath.Join(t.TempDir(), "absent", "keys.json"))
	if err == nil {
		t.Error("OpenKeyStore created a key file in a missing directory")
	}
}

func TestKeyStoreRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	store, err := OpenKeyStore(path)
	if err != nil {
		t.Fatal(err)
	}
	first := store.Keys()[0]

	if _, err := store.Promote(); err == nil || !strings.Contains(err.Error(), "no next key") {
		t.Errorf("Promote without a next key: %v, expected an error", err)
	}

	next, err := store.Rotate()
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	if next.State != KeyNext {
		t.Errorf("rotated key state %s, expected next", next.State)
	}
	if _, err := store.Rotate(); err == nil || !strings.Contains(err.Error(), "already announced as next") {
		t.Errorf("second Rotate: %v, expected an error", err)
	}
	assertSigner(t, store, first.KeyID)
	assertStates(t, store, map[string]KeyState{first.KeyID: KeyActive, next.KeyID: KeyNext})

	promoted, err := store.Promote()
	if err != nil {
		t.Fatalf("Promote: %v", err)
	}
	if promoted.KeyID != next.KeyID || promoted.State != KeyActive || promoted.ActivatedAt.IsZero() {
		t.Errorf("promoted %+v, expected key %s active with an activation time", promoted, next.KeyID)
	}
	assertSigner(t, store, next.KeyID)
	assertStates(t, store, map[string]KeyState{first.KeyID: KeyRetired, next.KeyID: KeyActive})

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode after rotation %04o, expected 0600", perm)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("%d files in the key directory, expected only the key file", len(entries))
	}

	reopened, err := OpenKeyStore(path)
	if err != nil {
		t.Fatalf("reopen after rotation: %v", err)
	}
	if diff := cmp.Diff(store.Keys(), reopened.Keys()); diff != "" {
		t.Errorf("keys after reopening (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(string(store.JWKS()), string(reopened.JWKS())); diff != "" {
		t.Errorf("JWKS after reopening (-want +got):\n%s", diff)
	}
}

func TestKeyStoreDropRetired(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	first := store.Keys()[0].KeyID
	if err := store.DropRetired(first); err == nil || !strings.Contains(err.Error(), "only retired keys") {
		t.Errorf("DropRetired of the active key: %v, expected an error", err)
	}
	if _, err := store.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Promote(); err != nil {
		t.Fatal(err)
	}

	if err := store.DropRetired(first); err != nil {
		t.Fatalf("DropRetired: %v", err)
	}

	for _, k := range store.Keys() {
		if k.KeyID == first {
			t.Errorf("dropped key %s is still listed", first)
		}
	}
	if err := store.DropRetired(first); err == nil || !strings.Contains(err.Error(), "no such key") {
		t.Errorf("second DropRetired: %v, expected an error", err)
	}
}

func TestKeyStoreJWKS(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	first := store.Keys()[0]
	if _, err := store.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Promote(); err != nil {
		t.Fatal(err)
	}
	third, err := store.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	second := store.Keys()[0]

	var doc struct {
		Keys []map[string]string `json:"keys"`
	}
	if err := json.Unmarshal(store.JWKS(), &doc); err != nil {
		t.Fatalf("JWKS is not JSON: %v", err)
	}
	want := []map[string]string{
		jwkMap(second.KeyID, second.PublicKey, "active"),
		jwkMap(third.KeyID, third.PublicKey, "next"),
		jwkMap(first.KeyID, first.PublicKey, "retired"),
	}
	if diff := cmp.Diff(want, doc.Keys); diff != "" {
		t.Errorf("JWKS keys (-want +got):\n%s", diff)
	}

	set, err := ParseKeySet(store.JWKS())
	if err != nil {
		t.Fatalf("ParseKeySet(JWKS): %v", err)
	}
	if set.Version != 4 {
		t.Errorf("key set version %d, expected 4 after three changes", set.Version)
	}

	sigs, err := DecodeSignatureSet(store.JWKSSignature())
	if err != nil {
		t.Fatalf("DecodeSignatureSet: %v", err)
	}
	var signers []string
	for _, sig := range sigs.Signatures {
		if err := set.Verify(store.JWKS(), sig); err != nil {
			t.Errorf("key set signature by %s: %v", sig.KeyID, err)
		}
		signers = append(signers, sig.KeyID)
	}
	if diff := cmp.Diff([]string{second.KeyID, first.KeyID}, signers); diff != "" {
		t.Errorf("key set signers (-want +got):\n%s", diff)
	}
}

func jwkMap(kid string, pub ed25519.PublicKey, status string) map[string]string {
	return map[string]string{
		"kty": "OKP", "crv": "Ed25519", "x": base64.RawURLEncoding.EncodeToString(pub),
		"kid": kid, "use": "sig", "alg": "EdDSA", "status": status,
	}
}

func assertSigner(t *testing.T, store *KeyStore, kid string) {
	t.Helper()
	sig := store.Sign([]byte("payload"))
	if sig.KeyID != kid || sig.Algorithm != AlgorithmEd25519 {
		t.Errorf("signature by %s with %s, expected %s with Ed25519", sig.KeyID, sig.Algorithm, kid)
	}
	set, err := ParseKeySet(store.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Verify([]byte("payload"), sig); err != nil {
		t.Errorf("Verify: %v", err)
	}
}

func assertStates(t *testing.T, store *KeyStore, want map[string]KeyState) {
	t.Helper()
	got := map[string]KeyState{}
	for _, k := range store.Keys() {
		got[k.KeyID] = k.State
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("key states (-want +got):\n%s", diff)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
