package routing

import (
	"path/filepath"
	"testing"
)

// TestKeyStoreFollowsOtherProcess checks that a running server's store
// picks up a rotation made through another store on the same file, as by
// pcii keys rotate and promote.
func TestKeyStoreFollowsOtherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pcii.keys.json")
	server, err := OpenKeyStore(path)
	if err != nil {
		t.Fatal(err)
	}
	oldKey := server.Sign([]byte("x")).KeyID

	cli, err := OpenKeyStore(path)
	if err != nil {
		t.Fatal(err)
	}
	next, err := cli.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	set, err := ParseKeySet(server.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, kid := range set.KeyIDs() {
		found = found || kid == next.KeyID
	}
	if !found {
		t.Fatalf("the server's key set %v lacks the key %s announced by the other store", set.KeyIDs(), next.KeyID)
	}

	if _, err := cli.Promote(); err != nil {
		t.Fatal(err)
	}
	if got := server.Sign([]byte("x")).KeyID; got != next.KeyID {
		t.Errorf("server signs with %s after the promotion, want %s (old %s)", got, next.KeyID, oldKey)
	}
	// A rotation started by the server now builds on the promoted state.
	if _, err := server.Rotate(); err != nil {
		t.Errorf("rotate through the server after the other store's promotion: %v", err)
	}
}
