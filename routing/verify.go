package routing

import (
	"fmt"
	"os"
)

// VerifyRelease checks that sigDoc, a signature document, is a valid
// signature of the release bytes b by a key of keys, and returns the decoded
// release. It wraps ErrUnknownKey or ErrBadSignature.
func VerifyRelease(b, sigDoc []byte, keys KeySet) (Release, error) {
	sig, err := DecodeSignature(sigDoc)
	if err != nil {
		return Release{}, fmt.Errorf("release signature: %w", err)
	}
	if err := keys.Verify(b, sig); err != nil {
		return Release{}, fmt.Errorf("release: %w", err)
	}
	r, err := Decode(b)
	if err != nil {
		return Release{}, fmt.Errorf("signed release: %w", err)
	}
	return r, nil
}

// VerifyFile checks offline that the release file releaseFile is signed,
// as stated by the signature document sigFile, by a key of the key set
// document keysFile. It does not check freshness or the hash chain, which
// need the registry.
func VerifyFile(releaseFile, sigFile, keysFile string) error {
	release, err := os.ReadFile(releaseFile)
	if err != nil {
		return fmt.Errorf("verify release file: %w", err)
	}
	sigDoc, err := os.ReadFile(sigFile)
	if err != nil {
		return fmt.Errorf("verify release file %s: %w", releaseFile, err)
	}
	keys, _, err := readKeySetFile(keysFile)
	if err != nil {
		return fmt.Errorf("verify release file %s: %w", releaseFile, err)
	}
	if _, err := VerifyRelease(release, sigDoc, keys); err != nil {
		return fmt.Errorf("verify release file %s with signature %s and keys %s: %w", releaseFile, sigFile, keysFile, err)
	}
	return nil
}

func readKeySetFile(path string) (KeySet, []byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return KeySet{}, nil, fmt.Errorf("read trusted key set: %w; save there the key set document received from the registry operator", err)
	}
	keys, err := ParseKeySet(b)
	if err != nil {
		return KeySet{}, nil, fmt.Errorf("trusted key set %s: %w", path, err)
	}
	return keys, b, nil
}
