package routing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"
)

// Defaults of PullOptions.
const (
	DefaultMaxGap       = 1000
	DefaultMaxBodyBytes = 64 << 20
	defaultHTTPTimeout  = time.Minute
)

// PullOptions configures Pull.
type PullOptions struct {
	// URL is the registry's base URL, such as https://pcii.example.org; Pull
	// appends /api/v1/routing and the rest.
	URL string
	// Token is sent as "Authorization: Bearer TOKEN" when not empty.
	Token string
	// KeysFile is the trusted key set document. The operator places there
	// the key set received from the registry operator out of band; Pull
	// replaces it with each newer key set that a trusted key signed.
	KeysFile string
	// OutFile is the release file. Pull replaces it atomically with each
	// verified newer release and leaves it unchanged on any failure.
	OutFile string
	// SignatureFile, when not empty, receives the signature document of the
	// release in OutFile, for VerifyFile. Pull writes it after OutFile, so a
	// crash between the two writes leaves a signature of the previous
	// release until the next pull.
	SignatureFile string
	// StateFile, when not empty, stores the highest serial accepted, so that
	// a rollback is detected even if OutFile is removed.
	StateFile string
	// HTTPClient sends the requests; nil means a client with a one-minute
	// timeout.
	HTTPClient *http.Client
	// Now returns the current time for the pointer's expiry; nil means
	// time.Now.
	Now func() time.Time
	// MaxGap is the maximum number of intermediate releases Pull fetches to
	// check the hash chain when the registry is more than one release ahead;
	// 0 means DefaultMaxGap.
	MaxGap int
	// MaxBodyBytes limits each fetched document; 0 means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
}

// PullResult describes a successful Pull.
type PullResult struct {
	// Updated is set when OutFile was replaced with a newer release.
	Updated bool
	// Serial and SHA256 identify the release in OutFile after the pull.
	Serial int64
	SHA256 string
	// PreviousSerial is the serial OutFile held before the pull, or 0.
	PreviousSerial int64
	// Intermediate counts the releases fetched between the previous and the
	// new one to check the hash chain.
	Intermediate int
	// KeysUpdated is set when KeysFile was replaced with a newer key set.
	KeysUpdated bool
	KeysVersion int64
	// Pointer is the verified freshness pointer.
	Pointer Pointer
}

// heldRelease is the release in OutFile before the pull.
type heldRelease struct {
	bytes   []byte
	release Release
	sha256  string
}

// pullState is the content of PullOptions.StateFile.
type pullState struct {
	// Serial is the highest release serial accepted or named by a verified
	// pointer.
	Serial    int64     `json:"serial"`
	SHA256    string    `json:"sha256"`
	CheckedAt time.Time `json:"checked_at"`
}

// puller carries one run of Pull.
type puller struct {
	opts  PullOptions
	fetch fetcher
	now   time.Time

	keys      KeySet
	keysBytes []byte
	newKeys   []byte // verified newer key set document, or nil
	held      *heldRelease
	state     pullState
	lastSeen  int64
}

// Pull fetches the latest routing release from the registry, verifies it and
// replaces OutFile with it. In order it:
//
//  1. fetches the key set and follows a rotation signed by a trusted key;
//  2. fetches the freshness pointer, verifies its signature and rejects it
//     when it has expired or names a serial lower than the last one seen;
//  3. fetches the release with If-None-Match, and on 304 Not Modified checks
//     that the held release is the one the pointer names;
//  4. otherwise verifies the release signature, that the release is the one
//     the pointer names, and the hash chain from the held release, fetching
//     the intermediate releases of a jump;
//  5. writes OutFile, SignatureFile, KeysFile and StateFile atomically.
//
// A failed check leaves every file unchanged. Each write is atomic, so a
// failed write leaves its file and the files after it unchanged. Errors wrap
// one of the package's Err values where one applies.
func Pull(ctx context.Context, opts PullOptions) (PullResult, error) {
	p, err := newPuller(opts)
	if err != nil {
		return PullResult{}, err
	}
	res, err := p.run(ctx)
	if err != nil {
		return PullResult{}, fmt.Errorf("pull routing release from %s: %w", opts.URL, err)
	}
	return res, nil
}

func newPuller(opts PullOptions) (*puller, error) {
	switch {
	case opts.URL == "":
		return nil, errors.New("pull routing release: PullOptions.URL is empty, expected the registry's base URL")
	case opts.KeysFile == "":
		return nil, errors.New("pull routing release: PullOptions.KeysFile is empty, expected the trusted key set file")
	case opts.OutFile == "":
		return nil, errors.New("pull routing release: PullOptions.OutFile is empty, expected the release file to write")
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxGap <= 0 {
		opts.MaxGap = DefaultMaxGap
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}

	p := &puller{
		opts: opts,
		fetch: fetcher{
			base:     strings.TrimRight(opts.URL, "/") + "/api/v1/routing",
			token:    opts.Token,
			client:   opts.HTTPClient,
			maxBytes: opts.MaxBodyBytes,
		},
		now: opts.Now(),
	}

	var err error
	if p.keys, p.keysBytes, err = readKeySetFile(opts.KeysFile); err != nil {
		return nil, fmt.Errorf("pull routing release: %w", err)
	}
	if p.held, err = readHeld(opts.OutFile); err != nil {
		return nil, fmt.Errorf("pull routing release: %w", err)
	}
	if p.state, err = readState(opts.StateFile); err != nil {
		return nil, fmt.Errorf("pull routing release: %w", err)
	}
	p.lastSeen = p.state.Serial
	if p.held != nil {
		p.lastSeen = max(p.lastSeen, p.held.release.Serial)
	}
	return p, nil
}

func (p *puller) run(ctx context.Context) (PullResult, error) {
	if err := p.followKeySet(ctx); err != nil {
		return PullResult{}, err
	}
	pointer, err := p.fetchPointer(ctx)
	if err != nil {
		return PullResult{}, err
	}

	var heldETag string
	if p.held != nil {
		heldETag = ETag(p.held.bytes)
	}
	resp, err := p.fetch.get(ctx, "", heldETag)
	if err != nil {
		return PullResult{}, err
	}
	if resp.status == http.StatusNotModified || p.held != nil && bytes.Equal(resp.body, p.held.bytes) {
		return p.keepHeld(pointer)
	}
	return p.accept(ctx, resp.body, pointer)
}

// followKeySet fetches the served key set and, when it is newer and signed by
// a trusted key, makes it the trusted set of this pull.
func (p *puller) followKeySet(ctx context.Context) error {
	resp, err := p.fetch.get(ctx, "/keys", ETag(p.keysBytes))
	if err != nil {
		return err
	}
	if resp.status == http.StatusNotModified || bytes.Equal(resp.body, p.keysBytes) {
		return nil
	}
	sigDoc, err := p.fetch.getBody(ctx, "/keys.sig")
	if err != nil {
		return err
	}
	keys, changed, err := FollowKeySet(p.keys, resp.body, sigDoc)
	if err != nil {
		return err
	}
	if changed {
		p.keys, p.newKeys = keys, resp.body
	}
	return nil
}

func (p *puller) fetchPointer(ctx context.Context) (Pointer, error) {
	doc, err := p.fetch.getBody(ctx, "/pointer")
	if err != nil {
		return Pointer{}, err
	}
	pointer, err := VerifyPointer(doc, p.keys, p.now)
	if err != nil {
		return Pointer{}, err
	}
	if pointer.Serial < p.lastSeen {
		return Pointer{}, fmt.Errorf("%w: the pointer names release %d, but release %d was already seen; "+
			"the registry was rolled back or an old pointer was replayed", ErrRollback, pointer.Serial, p.lastSeen)
	}
	if h := p.held; h != nil && pointer.Serial == h.release.Serial && pointer.SHA256 != h.sha256 {
		return Pointer{}, fmt.Errorf("%w: the pointer names release %d with sha256 %s, but the held release %d has sha256 %s; "+
			"the registry published two different releases with one serial, so contact its operator",
			ErrPointerMismatch, pointer.Serial, pointer.SHA256, h.release.Serial, h.sha256)
	}
	return pointer, nil
}

// keepHeld finishes a pull in which the registry still serves the held
// release.
func (p *puller) keepHeld(pointer Pointer) (PullResult, error) {
	h := p.held
	if h == nil {
		return PullResult{}, errors.New("the registry responded 304 Not Modified to a request without If-None-Match")
	}
	if pointer.Serial != h.release.Serial {
		return PullResult{}, fmt.Errorf("%w: the registry reports the held release %d as current, but the pointer names release %d; "+
			"the registry may have published during the pull, so retry", ErrPointerMismatch, h.release.Serial, pointer.Serial)
	}
	if err := p.commit(nil, nil, h.release.Serial, h.sha256); err != nil {
		return PullResult{}, err
	}
	return p.result(h.release, h.sha256, pointer), nil
}

// accept verifies a release that differs from the held one and writes it.
func (p *puller) accept(ctx context.Context, body []byte, pointer Pointer) (PullResult, error) {
	// The body is not trusted yet, so its serial only selects the checks
	// and the signature to fetch.
	claimed, err := Decode(body)
	if err != nil {
		return PullResult{}, fmt.Errorf("release body is damaged or tampered with: %w", err)
	}
	if claimed.Serial < p.lastSeen {
		return PullResult{}, fmt.Errorf("%w: the registry served release %d, but release %d was already seen; "+
			"the registry was rolled back or an old release was replayed", ErrRollback, claimed.Serial, p.lastSeen)
	}
	if h := p.held; h != nil && claimed.Serial == h.release.Serial {
		return PullResult{}, fmt.Errorf("%w: the registry served release %d with sha256 %s, but the held release %d has sha256 %s",
			ErrPointerMismatch, claimed.Serial, SHA256Hex(body), h.release.Serial, h.sha256)
	}

	sigDoc, err := p.fetch.getBody(ctx, fmt.Sprintf("/%d.sig", claimed.Serial))
	if err != nil {
		return PullResult{}, err
	}
	release, err := VerifyRelease(body, sigDoc, p.keys)
	if err != nil {
		return PullResult{}, fmt.Errorf("release %d: %w", claimed.Serial, err)
	}

	sha := SHA256Hex(body)
	if release.Serial != pointer.Serial || sha != pointer.SHA256 {
		return PullResult{}, fmt.Errorf("%w: the registry served release %d with sha256 %s, but the pointer names release %d with sha256 %s; "+
			"retry, and if it repeats, the registry is serving inconsistent data",
			ErrPointerMismatch, release.Serial, sha, pointer.Serial, pointer.SHA256)
	}

	intermediate, err := p.checkChain(ctx, release)
	if err != nil {
		return PullResult{}, err
	}
	if err := p.commit(body, sigDoc, release.Serial, sha); err != nil {
		return PullResult{}, err
	}

	res := p.result(release, sha, pointer)
	res.Updated = true
	res.Intermediate = intermediate
	return res, nil
}

// checkChain checks that release links back to the held release through
// previous_sha256, fetching the releases between them, and returns how many
// it fetched. The fetched releases need no signatures because each is
// authenticated by the hash that the signed release after it names.
func (p *puller) checkChain(ctx context.Context, release Release) (int, error) {
	h := p.held
	if h == nil {
		return 0, nil
	}

	gap := release.Serial - h.release.Serial - 1
	if gap > int64(p.opts.MaxGap) {
		return 0, fmt.Errorf("release %d is %d releases ahead of the held release %d, more than PullOptions.MaxGap %d; "+
			"raise MaxGap, or move %s away to start from the signed latest release",
			release.Serial, gap+1, h.release.Serial, p.opts.MaxGap, p.opts.OutFile)
	}

	want := release.PreviousSHA256
	for serial := release.Serial - 1; serial > h.release.Serial; serial-- {
		b, err := p.fetch.getBody(ctx, fmt.Sprintf("/%d", serial))
		if err != nil {
			return 0, fmt.Errorf("fetch release %d to check the hash chain: %w", serial, err)
		}
		if got := SHA256Hex(b); got != want {
			return 0, fmt.Errorf("%w: release %d names previous_sha256 %s, but the registry serves release %d with sha256 %s",
				ErrChainBroken, serial+1, want, serial, got)
		}
		r, err := Decode(b)
		if err != nil {
			return 0, fmt.Errorf("release %d: %w", serial, err)
		}
		if r.Serial != serial {
			return 0, fmt.Errorf("%w: GET /api/v1/routing/%d returned release %d", ErrChainBroken, serial, r.Serial)
		}
		want = r.PreviousSHA256
	}

	if want != h.sha256 {
		return 0, fmt.Errorf("%w: release %d names previous_sha256 %s, but the held release %d has sha256 %s; "+
			"the registry's history was rewritten, so contact its operator before trusting it",
			ErrChainBroken, h.release.Serial+1, want, h.release.Serial, h.sha256)
	}
	return int(gap), nil
}

// commit writes the verified documents for the release serial with hash
// sha. A nil release keeps OutFile and SignatureFile.
func (p *puller) commit(release, sigDoc []byte, serial int64, sha string) error {
	if release != nil {
		if err := writeFileAtomic(p.opts.OutFile, release, 0o644); err != nil {
			return fmt.Errorf("write release: %w", err)
		}
		if p.opts.SignatureFile != "" {
			if err := writeFileAtomic(p.opts.SignatureFile, sigDoc, 0o644); err != nil {
				return fmt.Errorf("write release signature: %w", err)
			}
		}
	}

	if p.newKeys != nil {
		if err := writeFileAtomic(p.opts.KeysFile, p.newKeys, 0o644); err != nil {
			return fmt.Errorf("write trusted key set: %w", err)
		}
	}
	if p.opts.StateFile != "" {
		state := pullState{Serial: serial, SHA256: sha, CheckedAt: p.now.UTC().Truncate(time.Second)}
		if err := writeFileAtomic(p.opts.StateFile, mustMarshal(state), 0o644); err != nil {
			return fmt.Errorf("write pull state: %w", err)
		}
	}
	return nil
}

func (p *puller) result(r Release, sha string, pointer Pointer) PullResult {
	res := PullResult{
		Serial:      r.Serial,
		SHA256:      sha,
		KeysUpdated: p.newKeys != nil,
		KeysVersion: p.keys.Version,
		Pointer:     pointer,
	}
	if p.held != nil {
		res.PreviousSerial = p.held.release.Serial
	}
	return res
}

func readHeld(path string) (*heldRelease, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read held release: %w", err)
	}
	r, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("held release %s: %w; move the file away to pull the latest release from scratch", path, err)
	}
	return &heldRelease{bytes: b, release: r, sha256: SHA256Hex(b)}, nil
}

func readState(path string) (pullState, error) {
	if path == "" {
		return pullState{}, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return pullState{}, nil
	}
	if err != nil {
		return pullState{}, fmt.Errorf("read pull state: %w", err)
	}
	var state pullState
	if err := decodeStrict(b, &state); err != nil {
		return pullState{}, fmt.Errorf("pull state %s: %w", path, err)
	}
	return state, nil
}
