// Package storage keeps pcii's registry in SQLite. Every SQL statement of
// the system lives here, written in the subset that PostgreSQL also accepts
// unless a function is named or documented as SQLite-only.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"

	// The sqlite3 driver registers itself with database/sql.
	_ "github.com/mattn/go-sqlite3"

	"pcii/migrations"
)

// ErrSchemaTooNew means the database was migrated by a newer pcii.
var ErrSchemaTooNew = errors.New("database schema is newer than this pcii")

// Store is the registry database. Reads run on a pool of connections; writes
// run on a single connection, so they queue in Go instead of failing with
// SQLITE_BUSY.
type Store struct {
	path   string
	reader *sqlx.DB
	writer *sqlx.DB
}

// Options tune Open.
type Options struct {
	// Bulk turns off fsync for a one-off load such as the demo region. A power
	// cut during a bulk load may corrupt the file, so only use it on a file
	// that is rebuilt from scratch.
	Bulk bool
	// Logger receives migration messages; nil discards them.
	Logger *slog.Logger
}

// dsn returns the connection string for path. The pragmas are applied by
// the driver on every new connection, in this order:
//   - journal_mode=WAL lets readers run while the writer commits;
//   - foreign_keys=on enforces REFERENCES clauses, off by default in SQLite;
//   - busy_timeout waits for a lock instead of failing at once;
//   - synchronous=FULL fsyncs the WAL at every commit, so an acknowledged
//     change survives a power cut (NORMAL would only survive a crash);
//   - txlock=immediate makes BEGIN take the write lock, so a write
//     transaction never fails half way when it upgrades from a read lock.
func dsn(path string, write, bulk bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	if bulk {
		q.Set("_synchronous", "OFF")
	} else {
		q.Set("_synchronous", "FULL")
	}
	if write {
		q.Set("_txlock", "immediate")
	} else {
		q.Set("_query_only", "on")
	}
	return "file:" + url.PathEscape(path) + "?" + q.Encode()
}

// Open opens or creates the database at path and applies pending migrations.
// It returns ErrSchemaTooNew, and changes nothing, when the file was migrated
// by a newer version.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	writer, err := sqlx.Open("sqlite3", dsn(path, true, opts.Bulk))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(ctx, writer.DB, opts.Logger); err != nil {
		writer.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}

	reader, err := sqlx.Open("sqlite3", dsn(path, false, opts.Bulk))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	reader.SetMaxOpenConns(8)
	return &Store{path: path, reader: reader, writer: writer}, nil
}

// Path returns the database file name.
func (s *Store) Path() string { return s.path }

// Close closes both pools; the last close checkpoints the WAL into the file.
func (s *Store) Close() error {
	return errors.Join(s.reader.Close(), s.writer.Close())
}

func migrate(ctx context.Context, db *sql.DB, logger *slog.Logger) error {
	var popts []goose.ProviderOption
	if logger != nil {
		popts = append(popts, goose.WithSlog(logger))
	}
	provider, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.FS, popts...)
	if err != nil {
		return err
	}
	current, err := provider.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	sources := provider.ListSources()
	known := sources[len(sources)-1].Version
	if current > known {
		return fmt.Errorf("%w: schema version %d, this binary knows up to %d; upgrade pcii",
			ErrSchemaTooNew, current, known)
	}
	if _, err := provider.Up(ctx); err != nil {
		return err
	}
	return nil
}
