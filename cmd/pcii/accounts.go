package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pcii/accounts"
)

func runUser(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(e.stderr, "Usage: pcii user add --db FILE --login L --role R [--authority CODE] [--name NAME] --password-stdin")
		return errUsage
	}
	fs := newFlags("user add", e)
	db := dbFlag(fs)
	login := fs.String("login", "", "login of the new user")
	role := fs.String("role", "", "role: specialist, commission, secretary, official, admin or exchange")
	authority := fs.String("authority", "", "authority `code`; required for a specialist")
	name := fs.String("name", "", "full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if !*fromStdin {
		return errors.New("give the password on standard input with --password-stdin, so it stays out of the shell history")
	}
	password, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && password == "" {
		return fmt.Errorf("read password from standard input: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")

	store, _, err := openStore(ctx, *db, nil, 0, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	id, err := accounts.Create(ctx, store, accounts.NewUser{Login: *login, FullName: *name, Role: *role,
		Authority: *authority, Password: password}, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created user %s (id %d, role %s)\n", *login, id, *role)
	return nil
}

func runToken(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(e.stderr, "Usage: pcii token create --db FILE --login L")
		return errUsage
	}
	fs := newFlags("token create", e)
	db := dbFlag(fs)
	login := fs.String("login", "", "login of the user the token acts as")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	store, _, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if *login == "" {
		return errors.New("--login is required: the account the token acts as")
	}
	token, err := accounts.CreateToken(ctx, store, *login, time.Now())
	if err != nil {
		return fmt.Errorf("create token for %q: %w", *login, err)
	}
	fmt.Fprintln(e.stdout, token)
	return nil
}

func runAudit(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "Usage: pcii audit verify --db FILE")
		return errUsage
	}
	fs := newFlags("audit verify", e)
	db := dbFlag(fs)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	store, _, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	broken, n, err := store.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if broken != 0 {
		return fmt.Errorf("audit log is broken at entry %d: its hash does not match its content or the entry before it", broken)
	}
	fmt.Fprintf(e.stdout, "audit log intact: %d entries\n", n)
	return nil
}
