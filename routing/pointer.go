package routing

import (
	"errors"
	"fmt"
	"time"
)

// Pointer is the freshness statement "the latest release is Serial with
// SHA256, as of IssuedAt". The registry re-signs it with a new IssuedAt and
// ExpiresAt on a schedule. A client that can fetch only an expired pointer
// thus detects that it is cut off from the latest release, and replaying old
// documents cannot keep a client on an older release.
type Pointer struct {
	Serial int64 `json:"serial"`
	// SHA256 is SHA256Hex of the encoded release Serial.
	SHA256    string    `json:"sha256"`
	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// SignedPointer is the document served at /api/v1/routing/pointer. Pointer
// holds the exact signed bytes, the canonical JSON of a Pointer, and encodes
// as standard base64 so that no JSON re-encoding can change them.
type SignedPointer struct {
	Pointer   []byte    `json:"pointer"`
	Signature Signature `json:"signature"`
}

// NewPointer returns the pointer to the release encoded in latest, issued at
// now (UTC, whole seconds) and expiring ttl later. The ttl is at least one
// second and should be several times the re-signing interval, so that one
// missed run of the schedule does not cut clients off.
func NewPointer(latest []byte, now time.Time, ttl time.Duration) (Pointer, error) {
	if ttl < time.Second {
		return Pointer{}, fmt.Errorf("new pointer: ttl is %s, expected 1s or more", ttl)
	}
	r, err := Decode(latest)
	if err != nil {
		return Pointer{}, fmt.Errorf("new pointer: %w", err)
	}
	issued := now.UTC().Truncate(time.Second)
	return Pointer{
		Serial:    r.Serial,
		SHA256:    SHA256Hex(latest),
		IssuedAt:  issued,
		ExpiresAt: issued.Add(ttl).Truncate(time.Second),
	}, nil
}

// SignPointer returns the SignedPointer document of p signed by signer.
func SignPointer(p Pointer, signer Signer) ([]byte, error) {
	if err := validatePointer(p); err != nil {
		return nil, fmt.Errorf("sign pointer: %w", err)
	}
	payload, err := marshalCanonical(p)
	if err != nil {
		return nil, fmt.Errorf("sign pointer: %w", err)
	}
	return marshalCanonical(SignedPointer{Pointer: payload, Signature: signer.Sign(payload)})
}

// IssuePointer returns a freshly signed pointer document for the release
// encoded in latest. The registry calls it on a schedule and whenever it
// publishes a release, and serves the result until the next call.
func IssuePointer(signer Signer, latest []byte, now time.Time, ttl time.Duration) ([]byte, error) {
	p, err := NewPointer(latest, now, ttl)
	if err != nil {
		return nil, err
	}
	return SignPointer(p, signer)
}

// VerifyPointer checks the signature of a pointer document with keys and
// returns the pointer if it has not expired at now. It wraps ErrUnknownKey,
// ErrBadSignature or ErrPointerExpired.
func VerifyPointer(doc []byte, keys KeySet, now time.Time) (Pointer, error) {
	var signed SignedPointer
	if err := decodeStrict(doc, &signed); err != nil {
		return Pointer{}, fmt.Errorf("pointer document: %w", err)
	}
	if err := keys.Verify(signed.Pointer, signed.Signature); err != nil {
		return Pointer{}, fmt.Errorf("pointer: %w", err)
	}

	var p Pointer
	if err := decodeStrict(signed.Pointer, &p); err != nil {
		return Pointer{}, fmt.Errorf("pointer: %w", err)
	}
	if err := validatePointer(p); err != nil {
		return Pointer{}, fmt.Errorf("pointer: %w", err)
	}
	if !now.Before(p.ExpiresAt) {
		return Pointer{}, fmt.Errorf("%w: the pointer to release %d expired at %s and it is now %s; "+
			"the registry stopped re-signing it or an old copy was replayed, so check the registry's pointer schedule",
			ErrPointerExpired, p.Serial, p.ExpiresAt.Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return p, nil
}

func validatePointer(p Pointer) error {
	if p.Serial < 1 {
		return fmt.Errorf("serial is %d, expected 1 or more", p.Serial)
	}
	if !isSHA256Hex(p.SHA256) {
		return fmt.Errorf("sha256 is %q, expected 64 lowercase hex digits", p.SHA256)
	}
	if p.IssuedAt.IsZero() {
		return errors.New("issued_at is missing")
	}
	if !p.ExpiresAt.After(p.IssuedAt) {
		return fmt.Errorf("expires_at %s is not after issued_at %s", p.ExpiresAt.Format(time.RFC3339), p.IssuedAt.Format(time.RFC3339))
	}
	return nil
}
