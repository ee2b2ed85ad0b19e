package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"pcii/storage"
)

func TestAgreementRemarksRoundTrip(t *testing.T) {
	s, path := openTemp(t)
	id := seed(t, s)
	ctx := context.Background()
	want := map[int]string{0: "Первая строка", 2: "Третья строка"}
	err := s.Write(ctx, func(tx *storage.Tx) error {
		return tx.InsertAgreement(ctx, storage.Agreement{DocumentID: id, Round: 1, Revision: 1, ProviderCode: "A",
			Decision: "agreed", Remarks: want, DecidedAt: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	var round, revision []storage.Agreement
	err = s.Read(ctx, func(tx *storage.Tx) error {
		var err error
		if round, err = tx.Agreements(ctx, id, 1); err != nil {
			return err
		}
		revision, err = tx.AgreementsOfRevision(ctx, id, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(round) != 1 || len(revision) != 1 {
		t.Fatalf("read %d agreements of the round and %d of the revision, want 1 each", len(round), len(revision))
	}
	if diff := cmp.Diff(want, round[0].Remarks); diff != "" {
		t.Errorf("Agreements remarks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, revision[0].Remarks); diff != "" {
		t.Errorf("AgreementsOfRevision remarks (-want +got):\n%s", diff)
	}

	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE agreements SET remarks = '{"0": 1'`); err != nil {
		t.Fatal(err)
	}
	err = s.Read(ctx, func(tx *storage.Tx) error {
		_, err := tx.Agreements(ctx, id, 1)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("chart %d", id)) {
		t.Errorf("reading invalid remarks: error %v, want one naming chart %d", err, id)
	}
}

func TestAgreementWithoutRemarksStoresEmptyObject(t *testing.T) {
	s, path := openTemp(t)
	id := seed(t, s)
	ctx := context.Background()
	err := s.Write(ctx, func(tx *storage.Tx) error {
		return tx.InsertAgreement(ctx, storage.Agreement{DocumentID: id, Round: 1, Revision: 1, ProviderCode: "A",
			Decision: "agreed", DecidedAt: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored string
	if err := db.QueryRow(`SELECT remarks FROM agreements`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != "{}" {
		t.Errorf("stored remarks %q, want {}", stored)
	}
}
