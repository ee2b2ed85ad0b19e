package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pcii/charts"
	"pcii/demo"
	"pcii/policies"
	"pcii/routing"
	"pcii/server"
	"pcii/storage"
	"pcii/workflow"
)

// TestScreenshots saves PNG screenshots of the main pages over the demo
// region into the folder named by PCII_SCREENSHOTS, and logs how long each
// page took to load. It is skipped when the variable is unset, because
// building the demo region takes a while.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("PCII_SCREENSHOTS")
	if out == "" {
		t.Skip("set PCII_SCREENSHOTS=docs/screenshots to save screenshots of the demo region")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "demo.db")
	start := time.Now()
	if err := demo.Build(ctx, dbPath, keys, nil); err != nil {
		t.Fatalf("build demo region: %v", err)
	}
	t.Logf("demo region built in %s", time.Since(start).Round(time.Millisecond))
	store, err := storage.Open(ctx, dbPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	// The demo's history ends on demo.End, so the pages show it as of then.
	now := func() time.Time { return demo.End }
	flow := workflow.New(store, authz, workflow.Config{Now: now})
	flow.SetSigner(keys)
	srv := httptest.NewServer(server.New(server.Config{Store: store, Workflow: flow, Keys: keys,
		Region: "Самарская область", Now: now}))
	t.Cleanup(srv.Close)

	var latest []charts.Document
	err = store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		latest, err = tx.Documents(ctx, storage.DocumentFilter{Kind: charts.KindChart, Limit: 1})
		return err
	})
	if err != nil || len(latest) == 0 {
		t.Fatalf("find a demo chart: %v", err)
	}
	chartPath := "/charts/" + strconv.FormatInt(latest[0].ID, 10)
	logServerTimes(t, srv.URL, "commission1", "/", "/services", "/services?level=municipal&stage=passport",
		"/review", "/reports", chartPath, chartPath+"/diff")
	logServerTimes(t, srv.URL, "secretary", "/releases", "/releases/preview")
	began := time.Now()
	if _, err := flow.Publish(ctx, workflow.Actor{ID: 1, Login: "secretary", Role: policies.RoleSecretary}, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("dry-run publish alone took %s", time.Since(began).Round(100*time.Microsecond))

	bctx := newBrowser(t)
	shoot := func(name, path, waitFor string) {
		t.Helper()
		began := time.Now()
		do(t, bctx, "open "+path, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(waitFor)))
		t.Logf("%-12s %-50s loaded in %s", name, path, time.Since(began).Round(time.Millisecond))
		png := value(t, bctx, chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(out, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	signIn := func(login string) {
		t.Helper()
		do(t, bctx, "sign in as "+login,
			chromedp.Navigate(srv.URL+"/login"),
			chromedp.WaitVisible(chromedp.CSS("#login")),
			chromedp.SendKeys(chromedp.CSS("#login"), login),
			chromedp.SendKeys(chromedp.CSS("#password"), demo.Password),
			chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("header nav")),
		)
	}
	firstHref := func(sel string) string {
		return value(t, bctx, chromedp.Evaluate[string](`(document.querySelector(`+jsString(sel)+`) || {}).getAttribute ? document.querySelector(`+jsString(sel)+`).getAttribute("href") : ""`))
	}

	signIn("commission1")
	shoot("dashboard", "/", "svg.bars")
	shoot("registry", "/services?level=state", "table.services")
	shoot("review", "/review", "main h1")
	if href := firstHref(".review-charts tr.review-item a"); href != "" {
		shoot("chart", href, "table.interactions")
	}
	do(t, bctx, "sign out", signOut())

	signIn("specialist")
	do(t, bctx, "open own services", chromedp.Navigate(srv.URL+"/services?q="), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if href := firstHref(`td.chart-state a[href^="/charts/new"]`); href != "" {
		shoot("chart-form", href, "#chart-form")
	} else if href := firstHref(`td.chart-state a[href^="/charts/"]`); href != "" {
		shoot("chart-form", href+"/edit", "main h1")
	}
	do(t, bctx, "sign out", signOut())

	signIn("secretary")
	shoot("releases", "/releases", "main h1")
	shoot("release-preview", "/releases/preview", "main h1")
}

// logServerTimes signs in as login over plain HTTP and logs the fastest of
// three loads of each path, which is the server's own time on loopback
// without the browser's rendering.
func logServerTimes(t *testing.T, base, login string, paths ...string) {
	t.Helper()
	b := (&pageEnv{t: t, URL: base}).anonymous()
	_, doc := b.get("/login")
	token := doc.Find("#login-form input[name=csrf_token]").AttrOr("value", "")
	resp, _ := b.post("/login", url.Values{"csrf_token": {token}, "login": {login}, "password": {demo.Password}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: status %d", login, resp.StatusCode)
	}
	for _, path := range paths {
		best := time.Duration(1 << 62)
		for range 3 {
			began := time.Now()
			resp, _ := b.get(path)
			best = min(best, time.Since(began))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s GET %s: status %d", login, path, resp.StatusCode)
			}
		}
		t.Logf("server time %-12s %-45s %s", login, path, best.Round(100*time.Microsecond))
	}
}
