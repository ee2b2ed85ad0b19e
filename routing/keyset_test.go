package routing

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// rfc8032Seed and rfc8032Public are test 1 of RFC 8032 section 7.1, which
// RFC 8037 appendix A uses as its example key.
const (
	rfc8032Seed   = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
	rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)

func TestKeyIDRFC8037Thumbprint(t *testing.T) {
	pub, err := hex.DecodeString(rfc8032Public)
	if err != nil {
		t.Fatal(err)
	}
	// RFC 8037 appendix A.3.
	const want = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
	if got := KeyID(pub); got != want {
		t.Errorf("KeyID = %s, expected %s", got, want)
	}
}

func TestSignatureRFC8032Vector(t *testing.T) {
	seed, err := hex.DecodeString(rfc8032Seed)
	if err != nil {
		t.Fatal(err)
	}
	key := ed25519.NewKeyFromSeed(seed)
	pub := key.Public().(ed25519.PublicKey)

	sig := signWith(KeyID(pub), key, nil)

	// RFC 8032 section 7.1, test 1: the signature of the empty message.
	const want = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
	raw, err := base64.StdEncoding.DecodeString(sig.Signature)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(raw); got != want {
		t.Errorf("signature %s, expected %s", got, want)
	}
}

func TestParseKeySetRejects(t *testing.T) {
	const x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
	const kid = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
	key := func(fields string) string {
		return `{"keys":[{` + fields + `}],"version":1,"issued_at":"2025-03-10T09:00:00Z"}`
	}
	valid := `"kty":"OKP","crv":"Ed25519","x":"` + x + `","kid":"` + kid + `","use":"sig","alg":"EdDSA","status":"active"`

	if _, err := ParseKeySet([]byte(key(valid))); err != nil {
		t.Fatalf("ParseKeySet of a valid set: %v", err)
	}
	if _, err := ParseKeySet([]byte(key(valid + `,"x5u":"ignored"`))); err != nil {
		t.Errorf("ParseKeySet of a set with an unknown member: %v", err)
	}

	tests := []struct {
		name    string
		input   string
		message string
	}{
		{"no keys", `{"keys":[],"version":1}`, "keys is empty"},
		{"RSA key", key(strings.Replace(valid, `"OKP"`, `"RSA"`, 1)), `kty "RSA"`},
		{"other curve", key(strings.Replace(valid, `"Ed25519"`, `"X25519"`, 1)), `crv "X25519"`},
		{"wrong kid", key(strings.Replace(valid, kid, "key-1", 1)), `kid "key-1" does not match`},
		{"short x", key(strings.Replace(valid, x, "AAAA", 1)), "x is 3 bytes"},
		{"padded x", key(strings.Replace(valid, x, x+"=", 1)), "base64url without padding"},
		{"unknown status", key(strings.Replace(valid, `"active"`, `"spare"`, 1)), `status "spare"`},
		{"encryption use", key(strings.Replace(valid, `"sig"`, `"enc"`, 1)), `use "enc"`},
		{"duplicate", `{"keys":[{` + valid + `},{` + valid + `}],"version":1}`, "listed twice"},
		{"negative version", `{"keys":[{` + valid + `}],"version":-1}`, "version is -1"},
		{"trailing data", key(valid) + "{}", "unexpected data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseKeySet([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %v, expected one containing %q", err, tt.message)
			}
		})
	}
}

func TestKeySetVerify(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := ParseKeySet(store.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte("release bytes\n")
	good := store.Sign(payload)

	tests := []struct {
		name    string
		sig     Signature
		wantErr error
		message string
	}{
		{"valid", good, nil, ""},
		{"unknown key", Signature{KeyID: "other", Algorithm: AlgorithmEd25519, Signature: good.Signature}, ErrUnknownKey, `key_id "other" is not in the trusted key set`},
		{"other algorithm", Signature{KeyID: good.KeyID, Algorithm: "RS256", Signature: good.Signature}, nil, `algorithm "RS256"`},
		{"not base64", Signature{KeyID: good.KeyID, Algorithm: AlgorithmEd25519, Signature: "***"}, nil, "not valid standard base64"},
		{"short", Signature{KeyID: good.KeyID, Algorithm: AlgorithmEd25519, Signature: "AAAA"}, nil, "is 3 bytes"},
		{"other bytes", store.Sign([]byte("other")), ErrBadSignature, "signature does not verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := set.Verify(payload, tt.sig)
			if tt.message == "" {
				if err != nil {
					t.Errorf("Verify: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %v, expected one containing %q", err, tt.message)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
		})
	}
}

func TestFollowKeySet(t *testing.T) {
	store, err := OpenKeyStore(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	v1, v1Sig := store.JWKS(), store.JWKSSignature()
	trusted, err := ParseKeySet(v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Rotate(); err != nil {
		t.Fatal(err)
	}
	v2, v2Sig := store.JWKS(), store.JWKSSignature()

	t.Run("newer set", func(t *testing.T) {
		next, changed, err := FollowKeySet(trusted, v2, v2Sig)
		if err != nil {
			t.Fatalf("FollowKeySet: %v", err)
		}
		if !changed || next.Version != 2 || len(next.Keys) != 2 {
			t.Errorf("changed %v version %d keys %d, expected true, 2 and 2", changed, next.Version, len(next.Keys))
		}
	})
	t.Run("same set", func(t *testing.T) {
		_, changed, err := FollowKeySet(trusted, v1, v1Sig)
		if err != nil || changed {
			t.Errorf("changed %v error %v, expected no change", changed, err)
		}
	})
	t.Run("older set", func(t *testing.T) {
		newer, err := ParseKeySet(v2)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = FollowKeySet(newer, v1, v1Sig)
		if !errors.Is(err, ErrRollback) {
			t.Errorf("error %v, expected ErrRollback", err)
		}
	})
	t.Run("same version with other keys", func(t *testing.T) {
		other, err := OpenKeyStore(filepath.Join(t.TempDir(), "other.json"))
		if err != nil {
			t.Fatal(err)
		}
		otherSet, err := ParseKeySet(other.JWKS())
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = FollowKeySet(otherSet, other.JWKS(), other.JWKSSignature())
		if err != nil {
			t.Fatalf("FollowKeySet of its own set: %v", err)
		}
		// The trusted set lists other keys than the served one but has the
		// same version 1 and verifies the served set's signature: a registry
		// that served two different sets as version 1.
		trustedOther := otherSet
		trustedOther.Keys = trusted.Keys
		_, _, err = FollowKeySet(trustedOther, other.JWKS(), other.JWKSSignature())
		if err == nil || !strings.Contains(err.Error(), "both have version 1 but list different keys") {
			t.Errorf("error %v, expected a same-version conflict", err)
		}
	})
	t.Run("signature by a stranger", func(t *testing.T) {
		stranger, err := OpenKeyStore(filepath.Join(t.TempDir(), "stranger.json"))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = FollowKeySet(trusted, stranger.JWKS(), stranger.JWKSSignature())
		if !errors.Is(err, ErrUntrustedKeySet) {
			t.Errorf("error %v, expected ErrUntrustedKeySet", err)
		}
	})
	t.Run("tampered set", func(t *testing.T) {
		tampered := strings.Replace(string(v2), `"status":"next"`, `"status":"retired"`, 1)
		_, _, err := FollowKeySet(trusted, []byte(tampered), v2Sig)
		if !errors.Is(err, ErrBadSignature) {
			t.Errorf("error %v, expected ErrBadSignature", err)
		}
	})
}
