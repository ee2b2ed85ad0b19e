package demo_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"pcii/charts"
	"pcii/demo"
	"pcii/reports"
	"pcii/routing"
	"pcii/storage"
)

// TestBuildShowsPilotFigures builds the demo database through the real
// workflow, writes its progress report and reads the figures back from the
// .xlsx file.
func TestBuildShowsPilotFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole demo region")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Build(ctx, path, keys, nil); err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	p, err := reports.Collect(ctx, store, reports.CollectOptions{Region: demo.RegionName,
		Location: time.UTC, Now: demo.End})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteProgress(&buf, p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(reports.SheetSummary, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 && (r[0] == "Государственные" || r[0] == "Муниципальные" || r[0] == "Итого") {
			got[r[0]] = r[1:]
		}
	}
	// Columns: services; passports, share; in interaction, share; agreed,
	// share; approved, share.
	want := map[string][]string{
		"Государственные": {"331", "331", "1", "112", "", "112", "1", "106", ""},
		"Муниципальные":   {"2036", "1501", "", "503", "", "411", "", "371", ""},
		"Итого":           {"2367", "1832", "", "615", "", "523", "", "477", ""},
	}
	for level, w := range want {
		g := got[level]
		if len(g) < len(w) {
			t.Fatalf("%s row: %v", level, g)
		}
		for i, v := range w {
			if v != "" && g[i] != v {
				t.Errorf("%s column %d: %s, want %s", level, i+2, g[i], v)
			}
		}
	}
	if diff := cmp.Diff(reports.Funnel{Services: 331, Passports: 331, InInteraction: 112, Agreed: 112, Approved: 106},
		p.State); diff != "" {
		t.Errorf("state funnel (-want +got):\n%s", diff)
	}

	t.Run("every workflow state occurs", func(t *testing.T) {
		states := map[charts.State]int{}
		err := store.Read(ctx, func(tx *storage.Tx) error {
			list, err := tx.Documents(ctx, storage.DocumentFilter{Kind: charts.KindChart, Limit: 10000})
			for _, d := range list {
				states[d.State]++
				// Revision 1 of a chart whose revision 2 is published is
				// superseded.
				if d.PublishedRevision > 1 {
					states[charts.StateSuperseded]++
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []charts.State{charts.StateDraft, charts.StateAgreement, charts.StateReview,
			charts.StateApproved, charts.StatePublished, charts.StateSuperseded} {
			if states[s] == 0 {
				t.Errorf("no chart in state %s: %v", s, states)
			}
		}
	})

	t.Run("audit chain intact", func(t *testing.T) {
		broken, n, err := store.VerifyAudit(ctx)
		if err != nil || broken != 0 || n == 0 {
			t.Errorf("audit: broken at %d of %d entries, %v", broken, n, err)
		}
	})

	t.Run("refuses while the database is open", func(t *testing.T) {
		if err := demo.Build(ctx, path, keys, nil); err == nil {
			t.Error("rebuilt a database that a store has open")
		}
	})

	t.Run("rebuilds an unchanged demo database", func(t *testing.T) {
		store.Close()
		if err := demo.Build(ctx, path, keys, nil); err != nil {
			t.Errorf("rebuild over a demo database: %v", err)
		}
	})

	t.Run("refuses a changed demo database", func(t *testing.T) {
		changed, err := storage.Open(ctx, path, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = changed.Write(ctx, func(tx *storage.Tx) error {
			return tx.Audit(ctx, storage.AuditEntry{At: time.Now(), ActorLogin: "commission1", Action: "login",
				ObjectKind: "user", ObjectID: "commission1"})
		})
		changed.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.Build(ctx, path, keys, nil); !errors.Is(err, demo.ErrNotDemo) {
			t.Errorf("Build over a changed demo database: %v, want ErrNotDemo", err)
		}
	})
}

func TestBuildRefusesForeignDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('важно')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Build(ctx, path, keys, nil); !errors.Is(err, demo.ErrNotDemo) {
		t.Fatalf("Build over another program's database: %v, want ErrNotDemo", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the other program's database changed")
	}
}

func TestBuildRefusesOtherData(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "real.db")
	store, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = store.Write(ctx, func(tx *storage.Tx) error {
		return tx.PutAuthority(ctx, charts.Authority{Code: "REAL", Name: "Настоящий орган", Level: "regional", Active: true})
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	err = demo.Build(ctx, path, keys, nil)
	if !errors.Is(err, demo.ErrNotDemo) {
		t.Fatalf("Build over real data: %v, want ErrNotDemo", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the refused database file changed")
	}
}
