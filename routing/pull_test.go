package routing

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPullFirstRelease(t *testing.T) {
	reg := newTestRegistry(t)
	release := reg.publish(sampleRoutes(3))
	client := newTestClient(t, reg)

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("Pull: %v", err)
	}

	if !res.Updated {
		t.Error("Updated is false, expected true")
	}
	if res.Serial != 1 || res.SHA256 != SHA256Hex(release) || res.PreviousSerial != 0 {
		t.Errorf("result serial %d sha %s previous %d, expected 1 %s 0", res.Serial, res.SHA256, res.PreviousSerial, SHA256Hex(release))
	}
	if got := client.readFile(client.opts.OutFile); !bytes.Equal(got, release) {
		t.Errorf("OutFile differs from the published release:\n%s", cmp.Diff(string(release), string(got)))
	}
	if err := VerifyFile(client.opts.OutFile, client.opts.SignatureFile, client.opts.KeysFile); err != nil {
		t.Errorf("VerifyFile of the pulled files: %v", err)
	}

	var state pullState
	if err := decodeStrict(client.readFile(client.opts.StateFile), &state); err != nil {
		t.Fatalf("state file: %v", err)
	}
	wantState := pullState{Serial: 1, SHA256: SHA256Hex(release), CheckedAt: baseTime}
	if diff := cmp.Diff(wantState, state); diff != "" {
		t.Errorf("state file (-want +got):\n%s", diff)
	}
}

func TestPullNotModified(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(2))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	before := client.snapshot()
	info, err := os.Stat(client.opts.OutFile)
	if err != nil {
		t.Fatal(err)
	}

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("second Pull: %v", err)
	}

	if res.Updated {
		t.Error("Updated is true on an unchanged release")
	}
	if res.Serial != 1 || res.PreviousSerial != 1 {
		t.Errorf("serial %d previous %d, expected 1 and 1", res.Serial, res.PreviousSerial)
	}
	log := reg.requestLog()
	if !slices.Contains(log, "/api/v1/routing 304") {
		t.Errorf("the release was not answered with 304; requests: %v", log)
	}
	if !slices.Contains(log, "/api/v1/routing/keys 304") {
		t.Errorf("the key set was not answered with 304; requests: %v", log)
	}
	if slices.Contains(log[len(log)-3:], "/api/v1/routing/1.sig 200") {
		t.Errorf("the signature was fetched again on 304; requests: %v", log)
	}
	after := client.snapshot()
	if diff := cmp.Diff(before["routing.json"], after["routing.json"]); diff != "" {
		t.Errorf("OutFile changed on 304 (-before +after):\n%s", diff)
	}
	infoAfter, err := os.Stat(client.opts.OutFile)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(info, infoAfter) {
		t.Error("OutFile was rewritten on 304")
	}
}

func TestPullFullAnswerWithSameBytes(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(2))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	// A proxy that drops If-None-Match makes the registry send 200.
	client.opts.HTTPClient = &http.Client{Transport: dropIfNoneMatch{reg.server.Client().Transport}}

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("second Pull: %v", err)
	}
	if res.Updated {
		t.Error("Updated is true for the same release bytes")
	}
}

func TestPullNextRelease(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(2))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	second := reg.publish(sampleRoutes(3))

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("second Pull: %v", err)
	}

	if !res.Updated || res.Serial != 2 || res.PreviousSerial != 1 || res.Intermediate != 0 {
		t.Errorf("result %+v, expected an update from 1 to 2 with no intermediate release", res)
	}
	if got := client.readFile(client.opts.OutFile); !bytes.Equal(got, second) {
		t.Error("OutFile is not release 2")
	}
	if err := VerifyFile(client.opts.OutFile, client.opts.SignatureFile, client.opts.KeysFile); err != nil {
		t.Errorf("VerifyFile after the update: %v", err)
	}
}

func TestPullJumpChecksIntermediates(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	for n := 2; n <= 4; n++ {
		reg.publish(sampleRoutes(n))
	}

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("Pull across a jump: %v", err)
	}

	if res.Serial != 4 || res.Intermediate != 2 {
		t.Errorf("serial %d intermediate %d, expected 4 and 2", res.Serial, res.Intermediate)
	}
	log := reg.requestLog()
	for _, want := range []string{"/api/v1/routing/2 200", "/api/v1/routing/3 200", "/api/v1/routing/4.sig 200"} {
		if !slices.Contains(log, want) {
			t.Errorf("request %q missing; requests: %v", want, log)
		}
	}
}

func TestPullMaxGap(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	for n := 2; n <= 4; n++ {
		reg.publish(sampleRoutes(n))
	}
	client.opts.MaxGap = 1

	_, err := Pull(context.Background(), client.opts)
	if err == nil || !strings.Contains(err.Error(), "MaxGap") {
		t.Errorf("error %v, expected one naming MaxGap", err)
	}
}

// TestPullRejects checks every attack and fault Pull must detect, and that
// after each of them the client's files are exactly as before.
func TestPullRejects(t *testing.T) {
	tests := []struct {
		name string
		// setup runs after the client holds release 2 of 2, and returns
		// the error Pull must wrap.
		setup   func(t *testing.T, reg *testRegistry, client *testClient) error
		message string
	}{
		{
			name: "tampered release",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.publish(sampleRoutes(4))
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing" {
						return bytes.Replace(body, []byte(`"deadline_days":5`), []byte(`"deadline_days":9`), 1)
					}
					return body
				})
				return ErrBadSignature
			},
			message: "signed bytes or the signature were changed",
		},
		{
			name: "tampered signature",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.publish(sampleRoutes(4))
				other := EncodeSignature(reg.keys.Sign([]byte("other bytes")))
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing/3.sig" {
						return other
					}
					return body
				})
				return ErrBadSignature
			},
			message: "signature does not verify",
		},
		{
			name: "replayed older release",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				old := reg.release(1)
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing" {
						return old
					}
					return body
				})
				return ErrRollback
			},
			message: "the registry served release 1, but release 2 was already seen",
		},
		{
			name: "rolled back registry",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.latest = 1
				return ErrRollback
			},
			message: "the pointer names release 1, but release 2 was already seen",
		},
		{
			name: "expired pointer",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.publish(sampleRoutes(4))
				client.now = baseTime.Add(reg.ttl)
				return ErrPointerExpired
			},
			message: "expired at 2025-03-10T10:00:00Z",
		},
		{
			name: "pointer for another release",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.publish(sampleRoutes(4))
				stale, err := IssuePointer(reg.keys, reg.release(2), baseTime, time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing/pointer" {
						return stale
					}
					return body
				})
				return ErrPointerMismatch
			},
			message: "the pointer names release 2",
		},
		{
			name: "chain break",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				// The registry rewrites release 2 and builds release 3 on it.
				reg.mu.Lock()
				reg.releases = reg.releases[:1]
				reg.sigs = reg.sigs[:1]
				reg.mu.Unlock()
				reg.publish(sampleRoutes(5))
				reg.publish(sampleRoutes(6))
				return ErrChainBroken
			},
			message: "but the held release 2 has sha256",
		},
		{
			name: "tampered intermediate release",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				reg.publish(sampleRoutes(4))
				reg.publish(sampleRoutes(5))
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing/3" {
						return bytes.Replace(body, []byte(`"FNS"`), []byte(`"MVD"`), 1)
					}
					return body
				})
				return ErrChainBroken
			},
			message: "release 4 names previous_sha256",
		},
		{
			name: "release signed by an unknown key",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				stranger, err := OpenKeyStore(filepath.Join(t.TempDir(), "stranger.json"))
				if err != nil {
					t.Fatal(err)
				}
				b := reg.publish(sampleRoutes(4))
				forged := EncodeSignature(stranger.Sign(b))
				reg.setTamper(func(path string, body []byte) []byte {
					if path == "/api/v1/routing/3.sig" {
						return forged
					}
					return body
				})
				return ErrUnknownKey
			},
			message: "is not in the trusted key set",
		},
		{
			name: "key set signed by an unknown key",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				stranger, err := OpenKeyStore(filepath.Join(t.TempDir(), "stranger.json"))
				if err != nil {
					t.Fatal(err)
				}
				reg.setTamper(func(path string, body []byte) []byte {
					switch path {
					case "/api/v1/routing/keys":
						return stranger.JWKS()
					case "/api/v1/routing/keys.sig":
						return stranger.JWKSSignature()
					}
					return body
				})
				return ErrUntrustedKeySet
			},
			message: "none of them in the trusted key set",
		},
		{
			name: "replayed older key set",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				oldKeys, oldSig := reg.keys.JWKS(), reg.keys.JWKSSignature()
				if _, err := reg.keys.Rotate(); err != nil {
					t.Fatal(err)
				}
				if _, err := Pull(context.Background(), client.opts); err != nil {
					t.Fatalf("Pull of the rotated key set: %v", err)
				}
				reg.setTamper(func(path string, body []byte) []byte {
					switch path {
					case "/api/v1/routing/keys":
						return oldKeys
					case "/api/v1/routing/keys.sig":
						return oldSig
					}
					return body
				})
				return ErrRollback
			},
			message: "older than the trusted version 2",
		},
		{
			name: "state file ahead of the registry",
			setup: func(t *testing.T, reg *testRegistry, client *testClient) error {
				os.Remove(client.opts.OutFile)
				client.writeFile(client.opts.StateFile, mustMarshal(pullState{Serial: 7, SHA256: SHA256Hex(nil)}))
				return ErrRollback
			},
			message: "release 7 was already seen",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := newTestRegistry(t)
			reg.publish(sampleRoutes(2))
			reg.publish(sampleRoutes(3))
			client := newTestClient(t, reg)
			if _, err := Pull(context.Background(), client.opts); err != nil {
				t.Fatalf("initial Pull: %v", err)
			}

			wantErr := tt.setup(t, reg, client)
			before := client.snapshot()

			res, err := Pull(context.Background(), client.opts)

			if !errors.Is(err, wantErr) {
				t.Fatalf("Pull error %v, expected one wrapping %v (result %+v)", err, wantErr, res)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
			if diff := cmp.Diff(before, client.snapshot()); diff != "" {
				t.Errorf("client files changed after a failed pull (-before +after):\n%s", diff)
			}
		})
	}
}

func TestPullWrongToken(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	client.opts.Token = "wrong"

	_, err := Pull(context.Background(), client.opts)

	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "check the bearer token") {
		t.Errorf("error %v, expected a 401 with a hint about the token", err)
	}
	if _, statErr := os.Stat(client.opts.OutFile); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("OutFile exists after a failed first pull: %v", statErr)
	}
}

func TestPullMissingKeysFile(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	os.Remove(client.opts.KeysFile)

	_, err := Pull(context.Background(), client.opts)

	if err == nil || !strings.Contains(err.Error(), "received from the registry operator") {
		t.Errorf("error %v, expected one telling where the trusted key set comes from", err)
	}
}

func TestPullFollowsRotation(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}
	oldKID := reg.keys.Keys()[0].KeyID

	// Stage 1: a next key is announced and reaches the client.
	next, err := reg.keys.Rotate()
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("Pull after Rotate: %v", err)
	}
	if !res.KeysUpdated || res.KeysVersion != 2 {
		t.Errorf("KeysUpdated %v version %d, expected true and 2", res.KeysUpdated, res.KeysVersion)
	}
	if got := client.readFile(client.opts.KeysFile); !bytes.Equal(got, reg.keys.JWKS()) {
		t.Error("KeysFile is not the announced key set")
	}

	// Stage 2: the next key signs from now on.
	if _, err := reg.keys.Promote(); err != nil {
		t.Fatalf("Promote: %v", err)
	}
	reg.publish(sampleRoutes(2))
	res, err = Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("Pull after Promote: %v", err)
	}
	if !res.Updated || !res.KeysUpdated || res.KeysVersion != 3 {
		t.Errorf("result %+v, expected release 2 and key set version 3", res)
	}
	sig, err := DecodeSignature(client.readFile(client.opts.SignatureFile))
	if err != nil {
		t.Fatal(err)
	}
	if sig.KeyID != next.KeyID {
		t.Errorf("release 2 signed by %s, expected the promoted key %s", sig.KeyID, next.KeyID)
	}

	// Release 1, signed by the now retired key, still verifies.
	release1 := filepath.Join(client.dir, "release1.json")
	sig1 := filepath.Join(client.dir, "release1.json.sig")
	client.writeFile(release1, reg.release(1))
	client.writeFile(sig1, reg.sigs[0])
	if err := VerifyFile(release1, sig1, client.opts.KeysFile); err != nil {
		t.Errorf("VerifyFile of release 1 signed by retired key %s: %v", oldKID, err)
	}
}

func TestPullFollowsMissedRotation(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("first Pull: %v", err)
	}

	// Both stages happen while the client is offline.
	if _, err := reg.keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.keys.Promote(); err != nil {
		t.Fatal(err)
	}
	reg.publish(sampleRoutes(2))

	res, err := Pull(context.Background(), client.opts)
	if err != nil {
		t.Fatalf("Pull after a missed rotation: %v", err)
	}
	if !res.Updated || res.KeysVersion != 3 {
		t.Errorf("result %+v, expected release 2 and key set version 3", res)
	}
}

func TestPullDroppedKeyBreaksTrust(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	oldKID := reg.keys.Keys()[0].KeyID
	if _, err := reg.keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.keys.Promote(); err != nil {
		t.Fatal(err)
	}
	if err := reg.keys.DropRetired(oldKID); err != nil {
		t.Fatal(err)
	}
	before := client.snapshot()

	_, err := Pull(context.Background(), client.opts)

	if !errors.Is(err, ErrUntrustedKeySet) {
		t.Errorf("error %v, expected ErrUntrustedKeySet because only the dropped key was trusted", err)
	}
	if diff := cmp.Diff(before, client.snapshot()); diff != "" {
		t.Errorf("client files changed (-before +after):\n%s", diff)
	}
}

func TestPullLeavesNoTemporaryFiles(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	if _, err := reg.keys.Rotate(); err != nil {
		t.Fatal(err)
	}

	if _, err := Pull(context.Background(), client.opts); err != nil {
		t.Fatalf("Pull: %v", err)
	}

	var names []string
	for name := range client.snapshot() {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{"keys.json", "routing.json", "routing.json.sig", "state.json"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files in the client directory (-want +got):\n%s", diff)
	}
}

func TestPollUntilCancelled(t *testing.T) {
	reg := newTestRegistry(t)
	reg.publish(sampleRoutes(1))
	client := newTestClient(t, reg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var results []PullResult
	report := func(res PullResult, err error) {
		if err != nil {
			t.Errorf("Pull in Poll: %v", err)
		}
		results = append(results, res)
		if len(results) == 1 {
			reg.publish(sampleRoutes(2))
		}
		if len(results) == 3 {
			cancel()
		}
	}

	err := Poll(ctx, client.opts, 10*time.Millisecond, report)

	if !errors.Is(err, context.Canceled) {
		t.Errorf("Poll returned %v, expected context.Canceled", err)
	}
	if len(results) != 3 {
		t.Fatalf("%d results, expected 3", len(results))
	}
	got := []int64{results[0].Serial, results[1].Serial, results[2].Serial}
	if diff := cmp.Diff([]int64{1, 2, 2}, got); diff != "" {
		t.Errorf("serials after each pull (-want +got):\n%s", diff)
	}
	if results[2].Updated {
		t.Error("third pull reports an update of an unchanged release")
	}
}

func TestPollRejectsInterval(t *testing.T) {
	err := Poll(context.Background(), PullOptions{}, 0, nil)
	if err == nil || !strings.Contains(err.Error(), "interval") {
		t.Errorf("error %v, expected one about the interval", err)
	}
}

// dropIfNoneMatch is a transport that strips If-None-Match, as some proxies
// do.
type dropIfNoneMatch struct {
	next http.RoundTripper
}

func (d dropIfNoneMatch) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Del("If-None-Match")
	return d.next.RoundTrip(req)
}
