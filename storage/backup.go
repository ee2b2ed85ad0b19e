package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"

	"pcii/migrations"
)

// ErrInUse means another connection, such as a running pcii serve, has the
// database open, so it cannot be replaced.
var ErrInUse = errors.New("database is in use by another process")

// Backup writes a consistent copy of the database to dest with SQLite's
// online backup API, while the store goes on serving reads and writes. The
// copy is the state of one read transaction: it holds every write committed
// before the backup started and none committed after. Backup writes a
// temporary file beside dest, checks its integrity and renames it over
// dest, so dest is never left half written. The file is created 0600
// because it holds password hashes.
func (s *Store) Backup(ctx context.Context, dest string) error {
	conn, err := s.reader.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup %s: %w", s.path, err)
	}
	defer conn.Close()
	return backupFrom(ctx, conn, dest)
}

// backupFrom copies the main database of src to dest. When src has a read
// transaction open, the copy is that transaction's snapshot, because
// sqlite3_backup_step only begins a read transaction of its own when the
// source has none.
func backupFrom(ctx context.Context, src *sql.Conn, dest string) error {
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer removeDatabaseFiles(tmpName)
	if err := os.Chmod(tmpName, 0o600); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := copyDatabase(ctx, src, tmpName); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if _, err := CheckDatabaseFile(ctx, tmpName); err != nil {
		return fmt.Errorf("backup to %s: the copy failed its check: %w", dest, err)
	}
	if err := syncFile(tmpName); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := os.Rename(tmpName, dest); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	return syncDir(filepath.Dir(dest))
}

// copyDatabase runs the backup from src into a new database at path in one
// step, so no write to the source can interleave with it.
func copyDatabase(ctx context.Context, src *sql.Conn, path string) error {
	// The copy keeps a rollback journal while it is written, so closing it
	// leaves no -wal file behind.
	dst, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_journal_mode=DELETE")
	if err != nil {
		return err
	}
	defer dst.Close()
	dstConn, err := dst.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	return dstConn.Raw(func(dstDriver any) error {
		return src.Raw(func(srcDriver any) error {
			to, ok := dstDriver.(*sqlite3.SQLiteConn)
			from, ok2 := srcDriver.(*sqlite3.SQLiteConn)
			if !ok || !ok2 {
				return fmt.Errorf("backup needs mattn/go-sqlite3 connections, got %T and %T", dstDriver, srcDriver)
			}
			b, err := to.Backup("main", from, "main")
			if err != nil {
				return fmt.Errorf("start backup: %w", err)
			}
			for {
				done, err := b.Step(-1)
				if err != nil {
					b.Finish()
					return fmt.Errorf("copy pages: %w", err)
				}
				if done {
					break
				}
			}
			if err := b.Finish(); err != nil {
				return fmt.Errorf("finish backup: %w", err)
			}
			return nil
		})
	})
}

// CheckDatabaseFile opens path without changing it and returns its schema
// version after PRAGMA integrity_check reports ok. It fails for a file that
// is not a pcii database or was migrated by a newer pcii (ErrSchemaTooNew).
func CheckDatabaseFile(ctx context.Context, path string) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	// immutable=1 opens the file read-only without locks or a -shm file,
	// which is right for a copy that nothing else writes.
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro&immutable=1")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return 0, fmt.Errorf("integrity check of %s: %w", path, err)
	}
	if result != "ok" {
		return 0, fmt.Errorf("integrity check of %s: %s", path, result)
	}
	var version int64
	err = db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version`).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("%s is not a pcii database: read schema version: %w", path, err)
	}
	known, err := knownSchemaVersion(db)
	if err != nil {
		return 0, err
	}
	if version > known {
		return version, fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; upgrade pcii",
			ErrSchemaTooNew, path, version, known)
	}
	return version, nil
}

func knownSchemaVersion(db *sql.DB) (int64, error) {
	provider, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.FS)
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	sources := provider.ListSources()
	return sources[len(sources)-1].Version, nil
}

// Restore replaces the database at target with the backup file, after
// checking the backup's integrity and schema version. An older schema is
// migrated when the database is next opened. Restore returns ErrInUse when
// another process has target open: it takes SQLite's exclusive lock on
// target, which a running pcii serve prevents, and holds it until the new
// file is in place. The backup is copied, not moved, and the copy is
// renamed over target, so target is either the old or the new database.
func Restore(ctx context.Context, backup, target string) error {
	if _, err := CheckDatabaseFile(ctx, backup); err != nil {
		return fmt.Errorf("restore %s: %w", backup, err)
	}
	release, err := lockForReplace(ctx, target)
	if err != nil {
		return err
	}
	defer release()

	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".restore-*")
	if err != nil {
		return fmt.Errorf("restore into %s: %w", target, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	err = copyFile(tmp, backup)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("restore into %s: copy %s: %w", target, backup, err)
	}
	if err := os.Chmod(tmpName, 0o600); err != nil {
		return fmt.Errorf("restore into %s: %w", target, err)
	}
	// The -wal and -shm files of the old database must not outlive it: SQLite
	// would apply the old log to the new file.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore into %s: %w", target, err)
		}
	}
	if err := os.Rename(tmpName, target); err != nil {
		return fmt.Errorf("restore into %s: %w", target, err)
	}
	return syncDir(filepath.Dir(target))
}

// lockForReplace takes the exclusive lock on target, when it exists, and
// folds its write-ahead log into the file. It returns ErrInUse when another
// connection has the database open. The returned function releases the
// lock.
func lockForReplace(ctx context.Context, target string) (func(), error) {
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	// _busy_timeout=0 fails at once instead of waiting for the other process.
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(target)+"?_busy_timeout=0")
	if err != nil {
		return nil, fmt.Errorf("restore into %s: %w", target, err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("restore into %s: %w", target, err)
	}
	release := func() {
		conn.Close()
		db.Close()
	}
	// Leaving WAL mode needs the only connection to the database, and the
	// exclusive locking mode keeps the lock after the next transaction.
	for _, stmt := range []string{`PRAGMA locking_mode=EXCLUSIVE`, `PRAGMA journal_mode=DELETE`,
		`BEGIN EXCLUSIVE`, `COMMIT`} {
		var ignored any
		err := conn.QueryRowContext(ctx, stmt).Scan(&ignored)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		if err != nil {
			release()
			var serr sqlite3.Error
			if errors.As(err, &serr) && (serr.Code == sqlite3.ErrBusy || serr.Code == sqlite3.ErrLocked) {
				return nil, fmt.Errorf("restore into %s: %w; stop the pcii serve that uses it and run restore again",
					target, ErrInUse)
			}
			return nil, fmt.Errorf("restore into %s: lock the current database: %w", target, err)
		}
	}
	if info, err := os.Stat(target + "-wal"); err == nil && info.Size() > 0 {
		release()
		return nil, fmt.Errorf("restore into %s: %w: its write-ahead log could not be checkpointed", target, ErrInUse)
	}
	return release, nil
}

func copyFile(dst *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := io.Copy(dst, in); err != nil {
		return err
	}
	return dst.Sync()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

func removeDatabaseFiles(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
