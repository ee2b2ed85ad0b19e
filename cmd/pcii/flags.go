package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"pcii/policies"
	"pcii/routing"
	"pcii/storage"
	"pcii/workflow"
)

// newFlags returns a flag set that prints its errors to the command's
// stderr and reports them as errUsage.
func newFlags(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("pcii "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errUsage
		}
		return errUsage
	}
	return nil
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "pcii.db", "database `file`")
}

// keysPath returns the signing key file that belongs to the database: it
// lives beside the database, never inside it, so backups of the database
// carry no private key.
func keysPath(db string) string {
	return strings.TrimSuffix(db, filepath.Ext(db)) + ".keys.json"
}

// openStore opens the database and the workflow over it.
func openStore(ctx context.Context, db string, logger *slog.Logger, approvals int,
	loc *time.Location) (*storage.Store, *workflow.Service, error) {
	store, err := storage.Open(ctx, db, storage.Options{Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	authz, err := policies.New()
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	flow := workflow.New(store, authz, workflow.Config{Approvals: approvals, Logger: logger, Location: loc})
	return store, flow, nil
}

// openKeys opens the routing key store beside db.
func openKeys(db string) (*routing.KeyStore, error) {
	keys, err := routing.OpenKeyStore(keysPath(db))
	if err != nil {
		return nil, fmt.Errorf("open signing keys: %w", err)
	}
	return keys, nil
}
