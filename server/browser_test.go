package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// newBrowser starts headless Chromium with a fresh profile. The flags that
// turn off background networking and component updates keep Chromium from
// calling hosts other than the loopback test server.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser tests need Chromium at %s (apt-get install chromium): %v", chromiumPath, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1400, 1000),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	// The first Run starts the browser, which lives as long as ctx; a
	// timeout goes on the contexts derived after it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	timed, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return timed
}

// do runs browser steps and fails the test with the step's name.
func do(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// value runs one browser action and returns its result.
func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// byID selects an element by id, for ids with brackets and dots.
func byID(id string) chromedp.CSS { return chromedp.CSS(`[id="` + id + `"]`) }

// signInAs signs in through the login form and waits for the navigation.
func signInAs(base, login string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), login),
		chromedp.SendKeys(chromedp.CSS("#password"), pagePassword),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("header nav")),
	)
}

func signOut() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("form[action='/logout'] button")),
		chromedp.WaitVisible(chromedp.CSS("#login")),
	)
}

// choose picks a select option and fires change, as a user's pick does.
func choose(id, v string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(byID(id), v),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`document.getElementById(`+jsString(id)+
				`).dispatchEvent(new Event("change", {bubbles: true}))`)(ctx, t)
			return err
		}),
	)
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func fillRow(i, doc, provider, kind string) chromedp.Action[chromedp.Void] {
	p := "interactions[" + i + "]."
	return chromedp.Steps(
		chromedp.SendKeys(byID(p+"requested_document"), doc),
		chromedp.SendKeys(byID(p+"data_composition"), "ОГРН, ИНН, наименование"),
		choose(p+"provider_code", provider),
		choose(p+"data_kind_code", kind),
		chromedp.SendKeys(byID(p+"legal_basis"), "ст. 7.2 Федерального закона № 210-ФЗ"),
	)
}

func TestBrowserChartToRelease(t *testing.T) {
	ctx := newBrowser(t)
	env := newPageEnv(t)
	base := env.URL
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	count := func(sel string) int {
		return value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	}

	// A specialist drafts a chart naming two providers. The script adds the
	// second row without a round trip and narrows each row's data kinds to
	// its provider.
	do(t, ctx, "draft chart",
		signInAs(base, "spec"),
		chromedp.Navigate(base+"/charts/new?service="+svcCapital),
		chromedp.WaitVisible(css("#legal_basis")),
		chromedp.SendKeys(css("#legal_basis"), "Федеральный закон от 29.12.2006 № 256-ФЗ"),
		fillRow("0", "Выписка из ЕГРЮЛ", "FNS", kindEGRUL),
	)
	rosHidden := value(t, ctx, chromedp.Evaluate[bool](
		`document.querySelector('[id="interactions[0].data_kind_code"] optgroup[data-provider="ROSREESTR"]').hidden`))
	if !rosHidden {
		t.Error("the data kinds of another provider stay visible after choosing FNS")
	}
	do(t, ctx, "add a row",
		chromedp.Click(css("[data-add-row]")),
		chromedp.WaitVisible(byID("interactions[1].requested_document")),
	)
	if n := count("#rows [data-row]"); n != 2 {
		t.Errorf("after adding a row the form has %d rows, want 2", n)
	}
	do(t, ctx, "save chart",
		fillRow("1", "Выписка из ЕГРП", "ROSREESTR", kindEGRP),
		chromedp.SendKeys(css("#note"), "первая редакция"),
		chromedp.Click(css("section.save button[name=save]")),
		chromedp.WaitVisible(css("dd.state")),
	)
	chartURL := value(t, ctx, chromedp.Location())
	do(t, ctx, "submit chart",
		chromedp.Click(css("button[data-action=submit]")),
		chromedp.WaitVisible(css("dd.state[data-state=agreement]")),
	)
	if state := value(t, ctx, chromedp.Text(css("dd.state"))); state != "на согласовании" {
		t.Fatalf("state after submit %q, want на согласовании", state)
	}
	do(t, ctx, "sign out", signOut())

	// FNS agrees with a remark from its inbox, then ROSREESTR agrees.
	do(t, ctx, "FNS opens its inbox",
		signInAs(base, "fns"),
		chromedp.Navigate(base+"/inbox"),
		chromedp.Click(css("tr.inbox-item a")),
		chromedp.WaitVisible(css("#comment")),
	)
	if n := count("tr.interaction.highlight"); n != 1 {
		t.Errorf("%d rows highlighted for FNS, want 1", n)
	}
	do(t, ctx, "FNS agrees with a remark",
		chromedp.SendKeys(css("#comment"), "Уточните состав сведений"),
		chromedp.Click(css("button[name=with_remark]")),
		chromedp.WaitVisible(css(`tr.agreement[data-provider="FNS"]`)),
		signOut(),
		signInAs(base, "rosreestr"),
		chromedp.Navigate(chartURL),
		chromedp.Click(css("button[data-action=agree]:not([name])")),
		chromedp.WaitVisible(css("dd.state[data-state=review]")),
	)
	if state := value(t, ctx, chromedp.Text(css("dd.state"))); state != "на экспертизе в комиссии" {
		t.Fatalf("state after both agreements %q", state)
	}
	do(t, ctx, "sign out", signOut())

	// Two commission members approve from the review queue.
	// Each member waits for what only the page after the vote shows: the
	// first vote of the round, then the approved state.
	for _, step := range []struct{ login, after string }{
		{"com1", "tr.vote.current"}, {"com2", "dd.state[data-state=approved]"},
	} {
		login, after := step.login, step.after
		do(t, ctx, login+" approves",
			signInAs(base, login),
			chromedp.Navigate(base+"/review"),
			chromedp.Click(css(".review-charts tr.review-item a")),
			chromedp.WaitVisible(css("button[data-action=approve]")),
			chromedp.Click(css("button[data-action=approve]")),
			chromedp.WaitVisible(css(after)),
		)
		state := value(t, ctx, chromedp.Text(css("dd.state")))
		do(t, ctx, "sign out", signOut())
		if login == "com2" && state != "утверждён" {
			t.Fatalf("state after two approvals %q, want утверждён", state)
		}
	}

	// The secretary previews the release and publishes it.
	do(t, ctx, "secretary previews",
		signInAs(base, "sec"),
		chromedp.Navigate(base+"/releases/preview"),
		chromedp.WaitVisible(css("#publish")),
	)
	if n := count("table.routes-added tr.route"); n != 2 {
		t.Errorf("preview shows %d added routes, want 2", n)
	}
	do(t, ctx, "secretary publishes",
		chromedp.Click(css("#publish")),
		chromedp.WaitVisible(css("tr.release[data-serial='1']")),
	)
	if flash := value(t, ctx, chromedp.Text(css(".flash-ok"))); flash != "Опубликован выпуск 1: 2 маршрута." {
		t.Errorf("flash after publishing %q", flash)
	}
	do(t, ctx, "sign out", signOut())

	// An official downloads the progress report.
	downloads := t.TempDir()
	do(t, ctx, "official opens reports", signInAs(base, "off"))
	_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do(t, ctx, "official downloads the report",
		chromedp.Navigate(base+"/reports"),
		chromedp.Click(css("#progress-report")),
	)
	report := waitForFile(t, downloads, ".xlsx", 20*time.Second)
	if info, err := os.Stat(report); err != nil || info.Size() < 1000 {
		t.Errorf("downloaded report %s is missing or too small: %v", report, err)
	}

	// A lower-case search finds a service named in upper case.
	do(t, ctx, "search",
		chromedp.Navigate(base+"/services"),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "материнский"),
		chromedp.Submit(css("#q")),
		// The value attribute is only set on the page of results, not by typing.
		chromedp.WaitVisible(css(`#q[value="материнский"]`)),
	)
	found := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("tr.service")).map(r => r.dataset.code)`))
	if len(found) != 1 || found[0] != svcCapital {
		t.Errorf("search for материнский found %q, want %s", found, svcCapital)
	}

	// The administrator transfers a day off, and the month grid shows it.
	addAdmin(t, env)
	do(t, ctx, "calendar exception",
		signOut(),
		signInAs(base, "adm"),
		chromedp.Navigate(base+"/admin/calendar?year=2012"),
		chromedp.WaitVisible(css("#exception-form")),
		chromedp.SetValue(css("#date"), "2012-03-09"),
		choose("working", "0"),
		chromedp.SendKeys(css("#name"), "Перенос с 11 марта"),
		chromedp.Click(css("#exception-form button[type=submit]")),
		chromedp.WaitVisible(css(`td.day.exception-off[data-date="2012-03-09"]`)),
	)
	if got := value(t, ctx, chromedp.Text(css(".flash"))); got != "Исключение на 09.03.2012 сохранено." {
		t.Errorf("flash after adding the exception %q", got)
	}
	// The script adds and removes passport documents without a round trip.
	do(t, ctx, "passport documents",
		signOut(),
		signInAs(base, "spec"),
		chromedp.Navigate(base+"/passports/new?service="+svcSocial),
		chromedp.WaitVisible(css("[data-add-doc]")),
		chromedp.Click(css("[data-add-doc]")),
		chromedp.WaitVisible(byID("documents[1].name")),
	)
	if n := count("#documents [data-row]"); n != 2 {
		t.Errorf("%d passport documents after adding, want 2", n)
	}
	do(t, ctx, "remove passport document",
		chromedp.Click(css("#documents [data-row]:first-child [data-remove]")),
	)
	names := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#documents [data-row] input[name$='.name']")).map(e => e.name)`))
	if len(names) != 1 || names[0] != "documents[0].name" {
		t.Errorf("document fields after removing the first %q, want [documents[0].name]", names)
	}
}

// waitForFile waits until dir holds a finished file with the suffix.
func waitForFile(t *testing.T, dir, suffix string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), suffix) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s file in %s after %s", suffix, dir, timeout)
	return ""
}
