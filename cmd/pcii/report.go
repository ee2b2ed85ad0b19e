package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"pcii/reports"
)

func runReport(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "progress" {
		fmt.Fprintln(e.stderr, "Usage: pcii report progress --db FILE --out FILE.xlsx")
		return errUsage
	}
	fs := newFlags("report progress", e)
	db := dbFlag(fs)
	out := fs.String("out", "progress.xlsx", "output `file`")
	region := fs.String("region", "Самарская область", "region name in the report")
	tz := fs.String("tz", "Europe/Samara", "region's time `zone`")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("-tz %q: %w", *tz, err)
	}
	store, _, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".progress-*.xlsx")
	if err != nil {
		return fmt.Errorf("create %s: %w", *out, err)
	}
	defer os.Remove(tmp.Name())
	opts := reports.CollectOptions{Region: *region, Location: loc, Now: time.Now()}
	if err := reports.WriteFromStore(ctx, store, opts, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}
