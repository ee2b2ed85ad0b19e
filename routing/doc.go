// Package routing builds, signs, publishes and verifies routing releases:
// the versioned lists of approved interaction routes that the
// interdepartmental data exchange (SIEI, SMEV) fetches from pcii.
//
// The registry side encodes a Release to canonical bytes (Encode), checks its
// routes against the registry (Check), compares two releases (Compare), signs
// the bytes with an Ed25519 key from a KeyStore and issues short-lived signed
// freshness pointers (IssuePointer). The exchange side fetches and verifies
// releases (Pull, Poll) and checks downloaded files offline (VerifyFile).
//
// The wire format, the signatures, the key set, its rotation and the
// verification steps are specified in docs/routing.md.
package routing
