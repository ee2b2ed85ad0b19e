package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"pcii/routing"
)

func runKeys(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: pcii keys list|rotate|promote --db FILE\n"+
			"  rotate   stage 1: add the next key and announce it in the key set\n"+
			"  promote  stage 2: sign with the next key and retire the active one")
		return errUsage
	}
	fs := newFlags("keys "+args[0], e)
	db := dbFlag(fs)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("database %s: %w; the keys live beside it as %s", *db, err, keysPath(*db))
	}
	keys, err := openKeys(*db)
	if err != nil {
		return err
	}
	switch args[0] {
	case "list":
	case "rotate":
		k, err := keys.Rotate()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "announced next key %s; run pcii keys promote once clients have fetched it\n", k.KeyID)
	case "promote":
		k, err := keys.Promote()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "key %s now signs releases\n", k.KeyID)
	default:
		return fmt.Errorf("unknown keys command %q; use list, rotate or promote", args[0])
	}
	for _, k := range keys.Keys() {
		fmt.Fprintf(e.stdout, "%s\t%s\tcreated %s\n", k.KeyID, k.State, k.CreatedAt.Format(time.RFC3339))
	}
	return nil
}

func runRouting(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: pcii routing pull --url URL --keys FILE --out FILE --token TOKEN [--once]\n"+
			"       pcii routing verify --keys FILE --sig FILE RELEASE")
		return errUsage
	}
	switch args[0] {
	case "pull":
		return runPull(ctx, args[1:], e)
	case "verify":
		return runVerify(args[1:], e)
	}
	return fmt.Errorf("unknown routing command %q; use pull or verify", args[0])
}

func runPull(ctx context.Context, args []string, e *env) error {
	fs := newFlags("routing pull", e)
	url := fs.String("url", "http://127.0.0.1:8080", "registry base `URL`")
	keysFile := fs.String("keys", "", "trusted key set `file` (JWKS), updated on verified rotations")
	out := fs.String("out", "", "release `file` to keep up to date")
	token := fs.String("token", os.Getenv("PCII_TOKEN"), "API token of the exchange account (default $PCII_TOKEN)")
	once := fs.Bool("once", false, "pull once and exit instead of polling")
	interval := fs.Duration("interval", time.Minute, "time between polls")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *keysFile == "" || *out == "" {
		return fmt.Errorf("--keys and --out are required")
	}
	opts := routing.PullOptions{URL: *url, Token: *token, KeysFile: *keysFile, OutFile: *out,
		SignatureFile: *out + ".sig", StateFile: *out + ".state"}
	report := func(r routing.PullResult, err error) {
		switch {
		case err != nil:
			fmt.Fprintf(e.stderr, "pull failed, %s left as it was: %v\n", *out, err)
		case r.Updated:
			fmt.Fprintf(e.stdout, "updated %s to release %d (sha256 %s)\n", *out, r.Serial, r.SHA256)
		default:
			fmt.Fprintf(e.stdout, "release %d is current\n", r.Serial)
		}
	}
	if *once {
		r, err := routing.Pull(ctx, opts)
		if err != nil {
			return fmt.Errorf("%s left as it was: %w", *out, err)
		}
		report(r, nil)
		return nil
	}
	err := routing.Poll(ctx, opts, *interval, report)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func runVerify(args []string, e *env) error {
	fs := newFlags("routing verify", e)
	keysFile := fs.String("keys", "", "trusted key set `file` (JWKS)")
	sig := fs.String("sig", "", "signature `file`; default RELEASE.sig")
	if err := parseWithArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *keysFile == "" {
		return fmt.Errorf("give --keys FILE and one release file")
	}
	release := fs.Arg(0)
	if *sig == "" {
		*sig = release + ".sig"
	}
	if err := routing.VerifyFile(release, *sig, *keysFile); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: signature valid\n", release)
	return nil
}
