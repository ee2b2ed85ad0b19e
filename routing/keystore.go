package routing

import (
	"cmp"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// keyFileMode is the only mode OpenKeyStore accepts for a key file, since
// the file holds private keys.
const keyFileMode os.FileMode = 0o600

// KeyStore is the registry's file of Ed25519 signing keys. It is safe for
// concurrent use within one process. Two processes must not open the same
// file for writing, because each would overwrite the other's rotations.
//
// A store holds exactly one active key, at most one next key and any number
// of retired keys. Retired keys are kept until DropRetired removes them, so
// that clients can verify old releases and follow the key set through
// rotations they missed.
type KeyStore struct {
	path string
	now  func() time.Time

	mu    sync.Mutex
	state keyFile
	keys  map[string]ed25519.PrivateKey
	// loaded is the modification time and size of the file when state was
	// read or written, so a change by another process is noticed.
	loaded fileStamp
}

type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{mod: info.ModTime(), size: info.Size()}
}

// refresh rereads the key file when another process, such as pcii keys
// rotate next to a running server, changed it, and keeps the current keys
// when the file is unreadable or older. s.mu must be held.
func (s *KeyStore) refresh() {
	stamp := stampOf(s.path)
	if stamp == s.loaded || stamp == (fileStamp{}) {
		return
	}
	b, err := readKeyFile(s.path)
	if err != nil {
		return
	}
	var state keyFile
	if err := decodeStrict(b, &state); err != nil || state.Version <= s.state.Version {
		s.loaded = stamp
		return
	}
	keys, err := validateKeyFile(state)
	if err != nil {
		return
	}
	s.state, s.keys, s.loaded = state, keys, stamp
}

// keyFile is the JSON content of the key file.
type keyFile struct {
	// Version counts changes of the key set, starting at 1.
	Version   int64       `json:"version"`
	UpdatedAt time.Time   `json:"updated_at"`
	Keys      []storedKey `json:"keys"`
}

type storedKey struct {
	KeyID string   `json:"kid"`
	State KeyState `json:"state"`
	// Seed is the 32-byte RFC 8032 private key in standard base64.
	Seed        []byte    `json:"seed"`
	CreatedAt   time.Time `json:"created_at"`
	ActivatedAt time.Time `json:"activated_at,omitzero"`
	RetiredAt   time.Time `json:"retired_at,omitzero"`
}

// KeyInfo describes one key of a KeyStore without its private part.
type KeyInfo struct {
	KeyID       string
	State       KeyState
	PublicKey   ed25519.PublicKey
	CreatedAt   time.Time
	ActivatedAt time.Time
	RetiredAt   time.Time
}

// OpenKeyStore opens the key file at path. When the file does not exist, it
// creates it with mode 0600 and one active key. It rejects a file that
// grants any access to group or others and a file whose content is invalid.
// The directory of path must exist.
func OpenKeyStore(path string) (*KeyStore, error) {
	s := &KeyStore{path: path, now: time.Now}

	b, err := readKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, s.create()
	}
	if err != nil {
		return nil, err
	}

	var state keyFile
	if err := decodeStrict(b, &state); err != nil {
		return nil, fmt.Errorf("open key store %s: %w", path, err)
	}
	keys, err := validateKeyFile(state)
	if err != nil {
		return nil, fmt.Errorf("open key store %s: %w", path, err)
	}
	s.state, s.keys, s.loaded = state, keys, stampOf(path)
	return s, nil
}

// readKeyFile checks the mode of the opened file, not of the path, so the
// file cannot be swapped between the check and the read.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open key store: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("open key store %s: not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("open key store %s: the file has mode %04o, so group or others can access the private keys; "+
			"run chmod 600 %s, and rotate the keys if others could have read them", path, perm, path)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("open key store: read %s: %w", path, err)
	}
	return b, nil
}

func (s *KeyStore) create() error {
	now := s.now().UTC().Truncate(time.Second)
	key, err := newStoredKey(KeyActive, now)
	if err != nil {
		return fmt.Errorf("create key store %s: %w", s.path, err)
	}
	key.ActivatedAt = now
	state := keyFile{Version: 1, UpdatedAt: now, Keys: []storedKey{key}}

	b, err := marshalCanonical(state)
	if err != nil {
		return fmt.Errorf("create key store %s: %w", s.path, err)
	}
	if err := createFileExclusive(s.path, b, keyFileMode); err != nil {
		return fmt.Errorf("create key store: %w", err)
	}
	s.state, s.loaded = state, stampOf(s.path)
	s.keys = map[string]ed25519.PrivateKey{key.KeyID: ed25519.NewKeyFromSeed(key.Seed)}
	return nil
}

func newStoredKey(state KeyState, now time.Time) (storedKey, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return storedKey{}, fmt.Errorf("generate Ed25519 key: %w", err)
	}
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	return storedKey{KeyID: KeyID(pub), State: state, Seed: seed, CreatedAt: now}, nil
}

func validateKeyFile(state keyFile) (map[string]ed25519.PrivateKey, error) {
	if state.Version < 1 {
		return nil, fmt.Errorf("version is %d, expected 1 or more", state.Version)
	}
	keys := make(map[string]ed25519.PrivateKey, len(state.Keys))
	count := map[KeyState]int{}
	for i, k := range state.Keys {
		if len(k.Seed) != ed25519.SeedSize {
			return nil, fmt.Errorf("key %d (%s): seed is %d bytes, expected %d", i, k.KeyID, len(k.Seed), ed25519.SeedSize)
		}
		priv := ed25519.NewKeyFromSeed(k.Seed)
		if want := KeyID(priv.Public().(ed25519.PublicKey)); k.KeyID != want {
			return nil, fmt.Errorf("key %d: kid %q does not match its public key, whose kid is %q", i, k.KeyID, want)
		}
		if _, dup := keys[k.KeyID]; dup {
			return nil, fmt.Errorf("key %d: kid %q is listed twice", i, k.KeyID)
		}
		switch k.State {
		case KeyNext, KeyActive, KeyRetired:
		default:
			return nil, fmt.Errorf("key %d (%s): state %q, expected next, active or retired", i, k.KeyID, k.State)
		}
		count[k.State]++
		keys[k.KeyID] = priv
	}
	if count[KeyActive] != 1 {
		return nil, fmt.Errorf("%d active keys, expected exactly 1", count[KeyActive])
	}
	if count[KeyNext] > 1 {
		return nil, fmt.Errorf("%d next keys, expected at most 1", count[KeyNext])
	}
	return keys, nil
}

// Rotate starts a rotation: it adds a new key in state next, which the key
// set lists but which does not sign yet. Call Promote once clients have had
// time to fetch the new key set, at least one polling interval later.
func (s *KeyStore) Rotate() (KeyInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	if i := s.indexOf(KeyNext); i >= 0 {
		return KeyInfo{}, fmt.Errorf("rotate keys: key %s is already announced as next; promote it before starting another rotation",
			s.state.Keys[i].KeyID)
	}
	now := s.now().UTC().Truncate(time.Second)
	key, err := newStoredKey(KeyNext, now)
	if err != nil {
		return KeyInfo{}, fmt.Errorf("rotate keys: %w", err)
	}

	next := s.cloneState()
	next.Keys = append(next.Keys, key)
	if err := s.save(next, now); err != nil {
		return KeyInfo{}, fmt.Errorf("rotate keys: %w", err)
	}
	s.keys[key.KeyID] = ed25519.NewKeyFromSeed(key.Seed)
	return key.info(), nil
}

// Promote finishes a rotation: the next key becomes active and the active key
// becomes retired. It returns the new active key.
func (s *KeyStore) Promote() (KeyInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	nextIndex := s.indexOf(KeyNext)
	if nextIndex < 0 {
		return KeyInfo{}, errors.New("promote key: there is no next key; run Rotate first and let clients fetch the key set")
	}
	now := s.now().UTC().Truncate(time.Second)

	next := s.cloneState()
	activeIndex := s.indexOf(KeyActive)
	next.Keys[activeIndex].State = KeyRetired
	next.Keys[activeIndex].RetiredAt = now
	next.Keys[nextIndex].State = KeyActive
	next.Keys[nextIndex].ActivatedAt = now
	if err := s.save(next, now); err != nil {
		return KeyInfo{}, fmt.Errorf("promote key: %w", err)
	}
	return s.state.Keys[nextIndex].info(), nil
}

// DropRetired removes a retired key from the store and so from the key set.
// Releases signed by it no longer verify against the new key set, and
// clients that trust only that key can no longer follow rotations. Drop a
// key at once if its private part may have leaked.
func (s *KeyStore) DropRetired(kid string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	i := slices.IndexFunc(s.state.Keys, func(k storedKey) bool { return k.KeyID == kid })
	if i < 0 {
		return fmt.Errorf("drop key %q: no such key in %s", kid, s.path)
	}
	if st := s.state.Keys[i].State; st != KeyRetired {
		return fmt.Errorf("drop key %q: the key is %s, only retired keys can be dropped; rotate and promote first", kid, st)
	}

	next := s.cloneState()
	next.Keys = slices.Delete(next.Keys, i, i+1)
	if err := s.save(next, s.now().UTC().Truncate(time.Second)); err != nil {
		return fmt.Errorf("drop key %q: %w", kid, err)
	}
	delete(s.keys, kid)
	return nil
}

// Sign signs b with the active key.
func (s *KeyStore) Sign(b []byte) Signature {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	kid := s.state.Keys[s.indexOf(KeyActive)].KeyID
	return signWith(kid, s.keys[kid], b)
}

// Keys returns the keys in the order of the key set: active, next, then
// retired keys from the most recently retired.
func (s *KeyStore) Keys() []KeyInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	infos := make([]KeyInfo, 0, len(s.state.Keys))
	for _, k := range s.sortedKeys() {
		infos = append(infos, k.info())
	}
	return infos
}

// JWKS returns the key set document served at /api/v1/routing/keys: a JWK
// Set (RFC 7517) of the public keys in the RFC 8037 form with a status
// member, the store's version and the time of its last change. The bytes
// change only when the store changes.
func (s *KeyStore) JWKS() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	return s.jwks()
}

// JWKSSignature returns the signature set document served at
// /api/v1/routing/keys.sig: signatures of the JWKS bytes by the active key
// and by every retired key, so a client that trusts any of them accepts the
// new set.
func (s *KeyStore) JWKSSignature() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()

	doc := s.jwks()
	set := SignatureSet{}
	for _, k := range s.sortedKeys() {
		if k.State == KeyActive || k.State == KeyRetired {
			set.Signatures = append(set.Signatures, signWith(k.KeyID, s.keys[k.KeyID], doc))
		}
	}
	return mustMarshal(set)
}

func (s *KeyStore) jwks() []byte {
	set := KeySet{Version: s.state.Version, IssuedAt: s.state.UpdatedAt}
	for _, k := range s.sortedKeys() {
		pub := s.keys[k.KeyID].Public().(ed25519.PublicKey)
		set.Keys = append(set.Keys, JWK{
			KeyType:   "OKP",
			Curve:     "Ed25519",
			X:         base64.RawURLEncoding.EncodeToString(pub),
			KeyID:     k.KeyID,
			Use:       "sig",
			Algorithm: "EdDSA",
			Status:    k.State,
		})
	}
	return mustMarshal(set)
}

func (s *KeyStore) sortedKeys() []storedKey {
	rank := map[KeyState]int{KeyActive: 0, KeyNext: 1, KeyRetired: 2}
	keys := slices.Clone(s.state.Keys)
	slices.SortFunc(keys, func(a, b storedKey) int {
		return cmp.Or(
			cmp.Compare(rank[a.State], rank[b.State]),
			b.RetiredAt.Compare(a.RetiredAt),
			cmp.Compare(a.KeyID, b.KeyID),
		)
	})
	return keys
}

func (s *KeyStore) indexOf(state KeyState) int {
	return slices.IndexFunc(s.state.Keys, func(k storedKey) bool { return k.State == state })
}

func (s *KeyStore) cloneState() keyFile {
	next := s.state
	next.Keys = slices.Clone(s.state.Keys)
	return next
}

// save writes next with a new version and makes it the current state. On
// failure the file and the current state are unchanged.
func (s *KeyStore) save(next keyFile, now time.Time) error {
	next.Version = s.state.Version + 1
	next.UpdatedAt = now
	b, err := marshalCanonical(next)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.path, b, keyFileMode); err != nil {
		return err
	}
	s.state, s.loaded = next, stampOf(s.path)
	return nil
}

func (k storedKey) info() KeyInfo {
	return KeyInfo{
		KeyID:       k.KeyID,
		State:       k.State,
		PublicKey:   ed25519.NewKeyFromSeed(k.Seed).Public().(ed25519.PublicKey),
		CreatedAt:   k.CreatedAt,
		ActivatedAt: k.ActivatedAt,
		RetiredAt:   k.RetiredAt,
	}
}

// mustMarshal encodes documents built only from strings, numbers, times and
// lists of them, which encoding/json always encodes.
func mustMarshal(v any) []byte {
	b, err := marshalCanonical(v)
	if err != nil {
		panic(fmt.Sprintf("routing: encode %T: %v", v, err))
	}
	return b
}
