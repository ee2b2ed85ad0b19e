package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"pcii/reports"
	"pcii/storage"
	"pcii/workflow"
)

func runImport(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "services" {
		fmt.Fprintln(e.stderr, "Usage: pcii import services --db DB [--dry-run] [--login ADMIN] FILE.xlsx")
		return errUsage
	}
	fs := newFlags("import services", e)
	db := dbFlag(fs)
	dryRun := fs.Bool("dry-run", false, "report what would be added and changed, and store nothing")
	login := fs.String("login", "admin", "administrator account the import is recorded under")
	if err := parseWithArgs(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give one .xlsx file to import")
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	records, problems, err := reports.ReadServices(bytes.NewReader(data), reports.DefaultLimits())
	if err != nil {
		return fmt.Errorf("%s: %s", fs.Arg(0), reports.UserMessage(err))
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p.String())
		}
		return fmt.Errorf("%s: %d problems, nothing imported", fs.Arg(0), len(problems))
	}

	store, flow, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	var admin storage.User
	err = store.Read(ctx, func(tx *storage.Tx) error {
		admin, err = tx.UserByLogin(ctx, *login)
		return err
	})
	if err != nil {
		return fmt.Errorf("--login %q: %w", *login, err)
	}
	entries := make([]workflow.ServiceImport, len(records))
	for i, r := range records {
		entries[i] = workflow.ServiceImport{Service: r.Service(), Documents: r.Documents, Row: r.Row}
	}
	sum, err := flow.ImportServices(ctx, workflow.ActorOf(admin), entries, *dryRun)
	var ierr *workflow.ImportError
	if errors.As(err, &ierr) {
		for _, p := range ierr.Problems {
			fmt.Fprintf(e.stderr, "row %d: %s: %s\n", p.Row, p.Field, p.Message)
		}
		return fmt.Errorf("%s: %d problems, nothing imported", fs.Arg(0), len(ierr.Problems))
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(sum)
}
