package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"pcii/demo"
)

func runDemo(ctx context.Context, args []string, e *env) error {
	fs := newFlags("demo", e)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	// Check before the key file is created beside a database left alone.
	if err := demo.CheckReplaceable(ctx, *db); err != nil {
		return err
	}
	keys, err := openKeys(*db)
	if err != nil {
		return err
	}
	start := time.Now()
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := demo.Build(ctx, *db, keys, logger); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built the demo region in %s in %s; every demo account's password is %s\n",
		*db, time.Since(start).Round(time.Millisecond), demo.Password)
	return nil
}
