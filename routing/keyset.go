package routing

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// KeyState is the place of a signing key in its rotation.
type KeyState string

// Key states. Clients trust the keys of a verified key set in every state,
// so a signature by a next key verifies as soon as the key is promoted.
const (
	// KeyNext is announced in the key set but does not sign yet.
	KeyNext KeyState = "next"
	// KeyActive signs releases, pointers and the key set.
	KeyActive KeyState = "active"
	// KeyRetired no longer signs releases or pointers. It stays listed so
	// that older releases still verify, and it still signs the key set so
	// that a client which missed a rotation stage can follow.
	KeyRetired KeyState = "retired"
)

// JWK is one Ed25519 public key in the JSON Web Key form of RFC 8037, with
// the pcii member "status".
type JWK struct {
	// KeyType is "OKP".
	KeyType string `json:"kty"`
	// Curve is "Ed25519".
	Curve string `json:"crv"`
	// X is the 32-byte public key in base64url without padding.
	X string `json:"x"`
	// KeyID is the RFC 7638 thumbprint of the key, see KeyID.
	KeyID string `json:"kid"`
	// Use is "sig".
	Use string `json:"use"`
	// Algorithm is "EdDSA", the JOSE name of Ed25519 signatures.
	Algorithm string   `json:"alg"`
	Status    KeyState `json:"status"`
}

// KeySet is the JWK Set document the registry serves at
// /api/v1/routing/keys. Version grows by one with every change of the set,
// so a client can reject an older set replayed to it.
type KeySet struct {
	Keys     []JWK     `json:"keys"`
	Version  int64     `json:"version"`
	IssuedAt time.Time `json:"issued_at"`

	public map[string]ed25519.PublicKey
}

// KeyID returns the key id of an Ed25519 public key: the JWK thumbprint of
// RFC 7638 section 3, which is the base64url (no padding) SHA-256 of
// {"crv":"Ed25519","kty":"OKP","x":"<x>"} with no whitespace.
func KeyID(pub ed25519.PublicKey) string {
	x := base64.RawURLEncoding.EncodeToString(pub)
	sum := sha256.Sum256([]byte(`{"crv":"Ed25519","kty":"OKP","x":"` + x + `"}`))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ParseKeySet parses and validates a key set document: every key must be an
// Ed25519 signing key whose kid is its thumbprint, with a known status.
// Unknown members are ignored, as RFC 7517 section 5 requires.
func ParseKeySet(b []byte) (KeySet, error) {
	var set KeySet
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&set); err != nil {
		return KeySet{}, fmt.Errorf("parse key set: invalid JSON: %w", err)
	}
	if dec.More() {
		return KeySet{}, errors.New("parse key set: unexpected data after the JSON object")
	}
	if len(set.Keys) == 0 {
		return KeySet{}, errors.New("parse key set: keys is empty, expected at least one Ed25519 key")
	}
	if set.Version < 0 {
		return KeySet{}, fmt.Errorf("parse key set: version is %d, expected 0 or more", set.Version)
	}

	set.public = make(map[string]ed25519.PublicKey, len(set.Keys))
	for i, k := range set.Keys {
		pub, err := parseJWK(k)
		if err != nil {
			return KeySet{}, fmt.Errorf("parse key set: key %d: %w", i, err)
		}
		if _, dup := set.public[k.KeyID]; dup {
			return KeySet{}, fmt.Errorf("parse key set: key %d: kid %q is listed twice", i, k.KeyID)
		}
		set.public[k.KeyID] = pub
	}
	return set, nil
}

func parseJWK(k JWK) (ed25519.PublicKey, error) {
	if k.KeyType != "OKP" || k.Curve != "Ed25519" {
		return nil, fmt.Errorf("kty %q and crv %q, expected \"OKP\" and \"Ed25519\"", k.KeyType, k.Curve)
	}
	if k.Use != "" && k.Use != "sig" {
		return nil, fmt.Errorf("kid %q has use %q, expected \"sig\"", k.KeyID, k.Use)
	}
	if k.Algorithm != "" && k.Algorithm != "EdDSA" {
		return nil, fmt.Errorf("kid %q has alg %q, expected \"EdDSA\"", k.KeyID, k.Algorithm)
	}
	switch k.Status {
	case KeyNext, KeyActive, KeyRetired:
	default:
		return nil, fmt.Errorf("kid %q has status %q, expected next, active or retired", k.KeyID, k.Status)
	}

	raw, err := base64.RawURLEncoding.Strict().DecodeString(k.X)
	if err != nil {
		return nil, fmt.Errorf("kid %q: x is not base64url without padding: %w", k.KeyID, err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("kid %q: x is %d bytes, expected %d", k.KeyID, len(raw), ed25519.PublicKeySize)
	}
	pub := ed25519.PublicKey(raw)
	if want := KeyID(pub); k.KeyID != want {
		return nil, fmt.Errorf("kid %q does not match the key's RFC 7638 thumbprint %q", k.KeyID, want)
	}
	return pub, nil
}

// KeyIDs returns the kids of the set in document order.
func (s KeySet) KeyIDs() []string {
	ids := make([]string, len(s.Keys))
	for i, k := range s.Keys {
		ids[i] = k.KeyID
	}
	return ids
}

// Verify checks that sig is a valid signature of b by a key of the set. It
// wraps ErrUnknownKey when the set lacks sig.KeyID and ErrBadSignature when
// the signature does not verify.
func (s KeySet) Verify(b []byte, sig Signature) error {
	pub, ok := s.public[sig.KeyID]
	if !ok {
		return fmt.Errorf("%w: signature key_id %q is not in the trusted key set (version %d, kids %s); "+
			"if the registry rotated its keys, get the new key set from the registry operator",
			ErrUnknownKey, sig.KeyID, s.Version, strings.Join(s.KeyIDs(), ", "))
	}
	return verifyWith(pub, b, sig)
}

// VerifyAny checks that at least one signature of set is a valid signature
// of b by a key of s, and returns the kid of that key. Signatures by other
// keys are ignored, but a signature by a key of s that does not verify fails
// the check, since a trusted key never makes a bad signature.
func (s KeySet) VerifyAny(b []byte, set SignatureSet) (string, error) {
	var unknown []string
	for _, sig := range set.Signatures {
		if _, ok := s.public[sig.KeyID]; !ok {
			unknown = append(unknown, sig.KeyID)
			continue
		}
		if err := s.Verify(b, sig); err != nil {
			return "", err
		}
		return sig.KeyID, nil
	}
	return "", fmt.Errorf("%w: it is signed by kids %s, none of them in the trusted key set (version %d, kids %s); "+
		"get the current key set from the registry operator out of band",
		ErrUntrustedKeySet, strings.Join(unknown, ", "), s.Version, strings.Join(s.KeyIDs(), ", "))
}

// FollowKeySet decides whether a client that trusts the set trusted accepts
// the candidate key set document signed by sigDoc. It returns the set to
// trust from now on and whether it differs from trusted. The candidate is
// accepted when a key of trusted signed it and its version is higher than
// trusted's. A candidate of the same version must list the same keys with the
// same statuses, and a lower version is a rollback.
func FollowKeySet(trusted KeySet, candidate, sigDoc []byte) (KeySet, bool, error) {
	next, err := ParseKeySet(candidate)
	if err != nil {
		return KeySet{}, false, fmt.Errorf("new key set: %w", err)
	}
	sigs, err := DecodeSignatureSet(sigDoc)
	if err != nil {
		return KeySet{}, false, fmt.Errorf("new key set: %w", err)
	}
	if _, err := trusted.VerifyAny(candidate, sigs); err != nil {
		return KeySet{}, false, fmt.Errorf("new key set version %d: %w", next.Version, err)
	}

	switch {
	case next.Version < trusted.Version:
		return KeySet{}, false, fmt.Errorf("%w: the served key set has version %d, older than the trusted version %d",
			ErrRollback, next.Version, trusted.Version)
	case next.Version == trusted.Version:
		if !slices.Equal(next.Keys, trusted.Keys) {
			return KeySet{}, false, fmt.Errorf("the served key set and the trusted key set both have version %d but list different keys; "+
				"get the current key set from the registry operator", next.Version)
		}
		return trusted, false, nil
	}
	return next, true, nil
}
