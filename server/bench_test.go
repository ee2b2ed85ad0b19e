package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/gin-gonic/gin"

	"pcii/storage"
	"pcii/workflow"
)

// The read benchmarks compare GET /api/v1/charts/{id} through the whole
// server (token lookup, policy, snapshot read, JSON) with a bare gin
// handler that writes a body of the same size.

// createChart saves a two-row draft chart as spec and returns its id.
func (e *testEnv) createChart() int64 {
	e.t.Helper()
	var chart chartJSON
	if st := e.login("spec").do("POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS", "ROSREESTR")},
		&chart); st != http.StatusCreated {
		e.t.Fatalf("create chart: %d %s", st, chart.Message)
	}
	return chart.ID
}

func (e *testEnv) actor(login string) workflow.Actor {
	e.t.Helper()
	var u storage.User
	err := e.store.Read(context.Background(), func(tx *storage.Tx) error {
		var err error
		u, err = tx.UserByLogin(context.Background(), login)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return workflow.ActorOf(u)
}

func BenchmarkGetChart(b *testing.B) {
	env := newTestEnv(b)
	spec := env.bearer("spec").token
	id := env.createChart()
	url := env.URL + "/api/v1/charts/" + itoa(id)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+spec)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func BenchmarkBareGinRead(b *testing.B) {
	body, _ := json.Marshal(map[string]any{"id": 1, "state": "draft", "body": chartBody("FNS", "ROSREESTR")})
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/api/v1/charts/:id", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", body) })
	srv := httptest.NewServer(r)
	defer srv.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Get(srv.URL + "/api/v1/charts/1")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// The write benchmarks compare saving a chart revision through the
// workflow (validation, canonical hash, revision, providers, audit entry,
// all in one synchronous=FULL transaction) with a bare SQLite transaction
// that inserts the same body.

func BenchmarkSaveChart(b *testing.B) {
	env := newTestEnv(b)
	id := env.createChart()
	actor := env.actor("spec")
	ctx := context.Background()
	revision := 1
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		body := chartBody("FNS", "ROSREESTR")
		body.LegalBasis = fmt.Sprintf("Редакция %d", revision+1)
		raw, _ := json.Marshal(body)
		doc, err := env.flow.SaveChart(ctx, actor, workflow.Save{ID: id, BaseRevision: revision, Body: raw})
		if err != nil {
			b.Fatal(err)
		}
		revision = doc.Revision
	}
}

func BenchmarkBareSQLiteWrite(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bare.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE revisions (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	raw, _ := json.Marshal(chartBody("FNS", "ROSREESTR"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO revisions (body) VALUES (?)`, string(raw)); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
