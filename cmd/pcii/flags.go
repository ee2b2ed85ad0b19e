package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
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

// parse parses flags and rejects any argument left after them, so a
// mistyped flag is never taken for a file name.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseWithArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q: %s takes flags only; run it with -h for them\n",
			fs.Arg(0), fs.Name())
		return errUsage
	}
	return nil
}

// parseWithArgs parses flags and leaves the positional arguments in fs.
func parseWithArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage // the flag package has printed why
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

// openExisting opens a database that must already exist, for commands
// that read or extend one rather than create it.
func openExisting(ctx context.Context, db string) (*storage.Store, *workflow.Service, error) {
	if _, err := os.Stat(db); err != nil {
		return nil, nil, fmt.Errorf("database %s: %w; give the right --db, or create one with pcii demo or pcii serve",
			db, err)
	}
	return openStore(ctx, db, nil, 0, nil)
}

// openStore opens the database and the workflow over it. It refuses an
// SQLite file of another program rather than add pcii's tables to it.
func openStore(ctx context.Context, db string, logger *slog.Logger, approvals int,
	loc *time.Location) (*storage.Store, *workflow.Service, error) {
	info, err := storage.InspectFile(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	if info.Kind == storage.FileForeign {
		return nil, nil, fmt.Errorf("%s is another program's SQLite database; give pcii a file of its own", db)
	}
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
