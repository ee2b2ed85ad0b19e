package main

import (
	"context"
	"errors"
	"fmt"

	"pcii/storage"
)

const backupHelp = `Usage: pcii backup --db FILE --out BACKUP

Writes a consistent copy of the database with SQLite's online backup API.
It is safe to run while pcii serve uses the database: the copy holds every
change committed before the backup started. The signing key file beside the
database (%s) is NOT in the backup; back it up separately and keep it
secret, because it holds the private keys that sign routing releases.

`

const restoreHelp = `Usage: pcii restore --db FILE BACKUP

Replaces the database with a backup made by pcii backup. The backup must pass
SQLite's integrity check and have a schema version this pcii knows; an older
schema is migrated when the database is next opened. Restore refuses while
another process, such as pcii serve, has the database open: stop the server
first. The database file is replaced by a rename, so it is either the old or
the new one. The signing key file beside the database is left as it is.

`

func runBackup(ctx context.Context, args []string, e *env) error {
	fs := newFlags("backup", e)
	db := dbFlag(fs)
	out := fs.String("out", "", "backup `file` to write; replaced if it exists")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, backupHelp, keysPath(*db))
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return errors.New("--out is required")
	}
	store, err := storage.Open(ctx, *db, storage.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Backup(ctx, *out); err != nil {
		return err
	}
	version, err := storage.CheckDatabaseFile(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (schema version %d); the signing keys in %s are not included\n",
		*db, *out, version, keysPath(*db))
	return nil
}

func runRestore(ctx context.Context, args []string, e *env) error {
	fs := newFlags("restore", e)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, restoreHelp)
		fs.PrintDefaults()
	}
	if err := parseWithArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("give exactly one backup file after the flags")
	}
	backup := fs.Arg(0)
	if err := storage.Restore(ctx, backup, *db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", *db, backup)
	return nil
}
