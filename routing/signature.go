package routing

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// AlgorithmEd25519 is the only signature algorithm: pure Ed25519 of RFC 8032
// over the exact signed bytes, without pre-hashing or a context.
const AlgorithmEd25519 = "Ed25519"

// Errors that Verify, Pull and VerifyFile wrap, for errors.Is.
var (
	// ErrUnknownKey marks a signature by a key that is not in the trusted
	// key set.
	ErrUnknownKey = errors.New("signing key is not trusted")
	// ErrBadSignature marks a signature that does not verify, because the
	// signed bytes or the signature were changed.
	ErrBadSignature = errors.New("signature does not verify")
	// ErrUntrustedKeySet marks a key set that no trusted key signed.
	ErrUntrustedKeySet = errors.New("key set is not signed by a trusted key")
	// ErrRollback marks a release, pointer or key set older than one the
	// client already accepted.
	ErrRollback = errors.New("rollback to an older version")
	// ErrPointerExpired marks a freshness pointer past its expires_at.
	ErrPointerExpired = errors.New("freshness pointer expired")
	// ErrPointerMismatch marks a release that is not the one the pointer
	// names.
	ErrPointerMismatch = errors.New("release does not match the freshness pointer")
	// ErrChainBroken marks a release whose previous_sha256 is not the hash of
	// the release before it.
	ErrChainBroken = errors.New("release hash chain is broken")
)

// Signature is a detached Ed25519 signature, served as the JSON document
// {"key_id":…,"algorithm":"Ed25519","signature":…}.
type Signature struct {
	// KeyID is the kid of the signing key in the key set.
	KeyID     string `json:"key_id"`
	Algorithm string `json:"algorithm"`
	// Signature is the 64-byte signature in standard base64 with padding
	// (RFC 4648 section 4).
	Signature string `json:"signature"`
}

// SignatureSet is a list of detached signatures of the same bytes by
// different keys. The key set is signed this way.
type SignatureSet struct {
	Signatures []Signature `json:"signatures"`
}

// Signer signs bytes with the active key. *KeyStore implements it.
type Signer interface {
	Sign(b []byte) Signature
}

// EncodeSignature returns the JSON document of s as the registry serves it
// at /api/v1/routing/{serial}.sig.
func EncodeSignature(s Signature) []byte {
	return mustMarshal(s)
}

// DecodeSignature parses a signature document.
func DecodeSignature(b []byte) (Signature, error) {
	var s Signature
	if err := decodeStrict(b, &s); err != nil {
		return Signature{}, fmt.Errorf("decode signature: %w", err)
	}
	if s.KeyID == "" {
		return Signature{}, errors.New("decode signature: key_id is empty")
	}
	return s, nil
}

// DecodeSignatureSet parses a signature set document.
func DecodeSignatureSet(b []byte) (SignatureSet, error) {
	var set SignatureSet
	if err := decodeStrict(b, &set); err != nil {
		return SignatureSet{}, fmt.Errorf("decode signature set: %w", err)
	}
	if len(set.Signatures) == 0 {
		return SignatureSet{}, errors.New("decode signature set: signatures is empty")
	}
	return set, nil
}

func signWith(kid string, key ed25519.PrivateKey, b []byte) Signature {
	return Signature{
		KeyID:     kid,
		Algorithm: AlgorithmEd25519,
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, b)),
	}
}

// verifyWith checks sig over b with pub. It does not look at sig.KeyID.
func verifyWith(pub ed25519.PublicKey, b []byte, sig Signature) error {
	if sig.Algorithm != AlgorithmEd25519 {
		return fmt.Errorf("signature by key %q has algorithm %q, expected %q", sig.KeyID, sig.Algorithm, AlgorithmEd25519)
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(sig.Signature)
	if err != nil {
		return fmt.Errorf("signature by key %q is not valid standard base64: %w", sig.KeyID, err)
	}
	if len(raw) != ed25519.SignatureSize {
		return fmt.Errorf("signature by key %q is %d bytes, expected %d", sig.KeyID, len(raw), ed25519.SignatureSize)
	}
	if !ed25519.Verify(pub, b, raw) {
		return fmt.Errorf("signature by key %q: %w: the signed bytes or the signature were changed", sig.KeyID, ErrBadSignature)
	}
	return nil
}

// decodeStrict decodes one JSON value into v, rejecting unknown fields and
// trailing data. It suits the small documents whose fields are fixed.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON object")
	}
	return nil
}
