package routing_test

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"time"

	"pcii/routing"
)

// Example_publish shows the registry's side: check the routes, build the
// next release, sign it and issue the freshness pointer.
func Example_publish() {
	dir, err := os.MkdirTemp("", "routing-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	keys, err := routing.OpenKeyStore(filepath.Join(dir, "routing-keys.json"))
	if err != nil {
		log.Fatal(err)
	}
	var (
		routes   []routing.Route     // built from the approved charts
		registry routing.MapRegistry // loaded from the registry tables
		latest   []byte              // the stored bytes of the latest release, nil before the first
	)
	now := time.Now()

	if problems := routing.Check(routes, registry, now); len(problems) > 0 {
		log.Fatalf("routes cannot be published: %v", problems)
	}
	next, err := routing.NextRelease(latest, routes, now)
	if err != nil {
		log.Fatal(err)
	}
	release, err := routing.Encode(next)
	if err != nil {
		log.Fatal(err)
	}
	signature := routing.EncodeSignature(keys.Sign(release))
	pointer, err := routing.IssuePointer(keys, release, now, time.Hour)
	if err != nil {
		log.Fatal(err)
	}

	// Store release and signature under next.Serial, then serve release at
	// /api/v1/routing with the header ETag: routing.ETag(release), signature
	// at /api/v1/routing/{serial}.sig, keys.JWKS() at /api/v1/routing/keys,
	// keys.JWKSSignature() at /api/v1/routing/keys.sig and pointer at
	// /api/v1/routing/pointer.
	_, _ = signature, pointer
}

// Example_pull shows the exchange's side: poll the registry every five
// minutes until the context is cancelled.
func Example_pull() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	opts := routing.PullOptions{
		URL:           "https://pcii.example.org",
		Token:         os.Getenv("PCII_TOKEN"),
		KeysFile:      "/var/lib/exchange/routing-keys.json",
		OutFile:       "/var/lib/exchange/routing.json",
		SignatureFile: "/var/lib/exchange/routing.json.sig",
		StateFile:     "/var/lib/exchange/routing-state.json",
	}
	if err := routing.Poll(ctx, opts, 5*time.Minute, nil); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
