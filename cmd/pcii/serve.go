package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	// The region's time zone must resolve on machines without tzdata.
	_ "time/tzdata"

	"pcii/server"
)

func runServe(ctx context.Context, args []string, e *env) error {
	fs := newFlags("serve", e)
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	approvals := fs.Int("approvals", 2, "commission members whose approval a chart needs")
	region := fs.String("region", "Самарская область", "region name in reports")
	tz := fs.String("tz", "Europe/Samara", "region's time `zone` for dates in pages and reports")
	tlsCert := fs.String("tls-cert", "", "TLS certificate `file`; with -tls-key serves HTTPS")
	tlsKey := fs.String("tls-key", "", "TLS private key `file`")
	shutdown := fs.Duration("shutdown-timeout", 10*time.Second, "how long in-flight requests may run after SIGTERM")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *approvals < 1 {
		return fmt.Errorf("-approvals %d: a chart needs at least 1 commission approval", *approvals)
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return errors.New("-tls-cert and -tls-key go together; give both or neither")
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("-tz %q: %w", *tz, err)
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))

	store, flow, err := openStore(ctx, *db, logger, *approvals, loc)
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := openKeys(*db)
	if err != nil {
		return err
	}
	flow.SetSigner(keys)

	srv := server.New(server.Config{Store: store, Workflow: flow, Keys: keys, Logger: logger,
		Region: *region, Location: loc, SecureCookies: *tlsCert != ""})
	httpServer := &http.Server{Addr: *addr, Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	logger.Info("serving", "url", scheme+"://"+ln.Addr().String(), "db", *db, "pid", os.Getpid())

	go srv.RefreshPointers(ctx)

	errc := make(chan error, 1)
	go func() {
		if *tlsCert != "" {
			errc <- httpServer.ServeTLS(ln, *tlsCert, *tlsKey)
		} else {
			errc <- httpServer.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdown.String())
	sctx, cancel := context.WithTimeout(context.Background(), *shutdown)
	defer cancel()
	if err := httpServer.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}
