package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"pcii/charts"
	"pcii/storage"
)

func openTemp(t *testing.T) (*storage.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pcii.db")
	s, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = storage.Open(context.Background(), path, storage.Options{})
	if !errors.Is(err, storage.ErrSchemaTooNew) {
		t.Fatalf("open newer schema: %v, want ErrSchemaTooNew", err)
	}
}

func TestPragmas(t *testing.T) {
	s, _ := openTemp(t)
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "busy_timeout": "10000"}
	for pragma, value := range want {
		var got string
		err := s.Read(context.Background(), func(tx *storage.Tx) error {
			return tx.Pragma(context.Background(), pragma, &got)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != value {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, value)
		}
	}
}

func seed(t *testing.T, s *storage.Store) (docID int64) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	err := s.Write(ctx, func(tx *storage.Tx) error {
		if err := tx.PutAuthority(ctx, charts.Authority{Code: "A", Name: "Орган", Level: "regional", Active: true}); err != nil {
			return err
		}
		if err := tx.PutService(ctx, charts.Service{Code: "S1", Name: "Услуга", Level: "state", AuthorityCode: "A"}); err != nil {
			return err
		}
		uid, err := tx.InsertUser(ctx, storage.User{Login: "u", PasswordHash: "x", Role: "specialist", CreatedAt: now})
		if err != nil {
			return err
		}
		docID, err = tx.NewDocument(ctx, charts.KindChart, "S1", "A", now)
		if err != nil {
			return err
		}
		return tx.InsertRevision(ctx, charts.Revision{DocumentID: docID, Number: 1, Body: "{}", SHA256: "h",
			AuthorID: uid, CreatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	return docID
}

func TestRevisionsAreImmutable(t *testing.T) {
	s, path := openTemp(t)
	seed(t, s)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE revisions SET body = '{"x":1}'`); err == nil {
		t.Error("revision body updated")
	}
	if _, err := db.Exec(`DELETE FROM revisions`); err == nil {
		t.Error("revision deleted")
	}
}

func TestWriteRollsBackOnError(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Write(ctx, func(tx *storage.Tx) error {
		if err := tx.PutAuthority(ctx, charts.Authority{Code: "B", Name: "Б", Level: "federal", Active: true}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v", err)
	}
	err = s.Read(ctx, func(tx *storage.Tx) error {
		_, err := tx.Authority(ctx, "B")
		return err
	})
	if !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("authority after rollback: %v, want not found", err)
	}
}

func TestDuplicateRevisionRejected(t *testing.T) {
	s, _ := openTemp(t)
	id := seed(t, s)
	ctx := context.Background()
	err := s.Write(ctx, func(tx *storage.Tx) error {
		return tx.InsertRevision(ctx, charts.Revision{DocumentID: id, Number: 1, Body: "{}", SHA256: "h",
			AuthorID: 1, CreatedAt: time.Now()})
	})
	if !errors.Is(err, storage.ErrDuplicate) {
		t.Errorf("second revision 1: %v, want ErrDuplicate", err)
	}
}

func TestServicesSearchFoldsCase(t *testing.T) {
	s, _ := openTemp(t)
	seed(t, s)
	ctx := context.Background()
	err := s.Write(ctx, func(tx *storage.Tx) error {
		return tx.PutService(ctx, charts.Service{Code: "S2", Name: "ВЫДАЧА ВЫПИСКИ ИЗ ЕГРН (Ёлкино)", Level: "municipal", AuthorityCode: "A"})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"выписки", "елкино", "ЁЛКИНО", "s2"} {
		var list []storage.ServiceListing
		err := s.Read(ctx, func(tx *storage.Tx) error {
			var err error
			list, err = tx.Services(ctx, storage.ServiceFilter{Query: q})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Code != "S2" {
			t.Errorf("search %q: %+v, want S2", q, list)
		}
	}
}
