package server_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

// actionStates returns, for each action button of a document page, its
// label and whether it is enabled.
func actionStates(doc *goquery.Document) map[string]bool {
	out := map[string]bool{}
	doc.Find(".action-form button").Each(func(_ int, b *goquery.Selection) {
		_, disabled := b.Attr("disabled")
		out[strings.TrimSpace(b.Text())] = !disabled
	})
	return out
}

// reasonOf returns the reason shown next to the disabled button label.
func reasonOf(doc *goquery.Document, label string) string {
	var reason string
	doc.Find(".action-form li").Each(func(_ int, li *goquery.Selection) {
		if strings.TrimSpace(li.Find("button").Text()) == label {
			reason = strings.TrimSpace(li.Find(".reason").Text())
		}
	})
	return reason
}

func TestChartLifecycleThroughPages(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")

	resp, doc := spec.get("/charts/new?service=" + svcCapital)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("new chart form: status %d", resp.StatusCode)
	}
	if n := doc.Find("#rows [data-row]").Length(); n != 1 {
		t.Errorf("new chart form has %d rows, want 1", n)
	}

	resp, _ = spec.submit("/charts/new", chartFormValues(twoProviderChart()))
	msg, doc := spec.follow(resp)
	if msg != "Сохранена редакция 1." {
		t.Errorf("flash after save %q", msg)
	}
	id := strings.TrimPrefix(resp.Header.Get("Location"), "/charts/")
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("redirect to %q, want /charts/ID", resp.Header.Get("Location"))
	}
	chartPath := "/charts/" + id

	if got := strings.TrimSpace(doc.Find(".state").Text()); got != "черновик" {
		t.Errorf("state %q, want черновик", got)
	}
	wantProviders := []string{"Управление ФНС России по Самарской области", "Управление Росреестра по Самарской области"}
	if diff := cmp.Diff(wantProviders, texts(doc.Find("table.interactions td.provider"))); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
	if got := texts(doc.Find("dl.deadline-parts dd").First()); len(got) != 1 || got[0] != "7 рабочих дней" {
		t.Errorf("total deadline %q, want 7 рабочих дней", got)
	}
	if sha := doc.Find("table.revisions code.sha").First().Text(); len(sha) != 64 {
		t.Errorf("revision SHA-256 %q is not 64 hex digits", sha)
	}
	states := actionStates(doc)
	if !states["Отправить на согласование"] {
		t.Error("submit is disabled for the drafting specialist")
	}
	if states["Согласовать"] {
		t.Error("agree is enabled for the drafting authority")
	}
	if r := reasonOf(doc, "Утвердить"); r != "Голосуют члены комиссии" {
		t.Errorf("approve reason for a specialist %q", r)
	}

	resp, _ = spec.submit(chartPath+"/actions/submit", nil)
	if msg, _ := spec.follow(resp); msg != "Документ отправлен." {
		t.Errorf("flash after submit %q", msg)
	}

	fns := env.signIn("fns")
	_, inbox := fns.get("/inbox")
	links := inbox.Find("tr.inbox-item a")
	if links.Length() != 1 {
		t.Fatalf("FNS inbox has %d charts, want 1", links.Length())
	}
	if href := links.AttrOr("href", ""); href != chartPath+"?highlight=FNS" {
		t.Errorf("inbox link %q", href)
	}
	_, doc = fns.get(chartPath + "?highlight=FNS")
	if got := texts(doc.Find("tr.interaction.highlight td.provider")); !cmp.Equal(got, wantProviders[:1]) {
		t.Errorf("highlighted rows %q, want the FNS row only", got)
	}
	if !actionStates(doc)["Согласовать с замечанием"] {
		t.Error("agree with remark is disabled for a pending provider")
	}

	// Agreeing with a remark but no remark re-renders the page with the
	// message next to the comment field.
	resp, doc = fns.submit(chartPath+"/actions/agree", url.Values{"with_remark": {"1"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("agree with an empty remark: status %d, want 422", resp.StatusCode)
	}
	if doc.Find("#comment[aria-invalid=true]").Length() != 1 || doc.Find("#comment-error").Length() != 1 {
		t.Error("the comment field does not show its error")
	}
	resp, _ = fns.submit(chartPath+"/actions/agree", url.Values{"with_remark": {"1"},
		"comment": {"Уточните состав сведений"}})
	if msg, _ := fns.follow(resp); msg != "Решение о согласовании записано." {
		t.Errorf("flash after agree %q", msg)
	}
	_, doc = fns.get(chartPath)
	if r := reasonOf(doc, "Согласовать"); r != "Ваш орган уже согласовал эту редакцию" {
		t.Errorf("agree reason after agreeing %q", r)
	}

	com1 := env.signIn("com1")
	_, doc = com1.get(chartPath)
	if r := reasonOf(doc, "Утвердить"); r != "Ожидается согласование: Управление Росреестра по Самарской области" {
		t.Errorf("approve reason while waiting %q", r)
	}

	ros := env.signIn("rosreestr")
	resp, _ = ros.submit(chartPath+"/actions/agree", nil)
	ros.follow(resp)

	_, doc = com1.get(chartPath)
	agreements := texts(doc.Find("tr.agreement td:nth-child(3)"))
	if !cmp.Equal(agreements, []string{"Уточните состав сведений", ""}) {
		t.Errorf("agreement remarks %q", agreements)
	}
	if !actionStates(doc)["Утвердить"] {
		t.Fatalf("approve is disabled for a commission member in review: %q", reasonOf(doc, "Утвердить"))
	}
	resp, _ = com1.submit(chartPath+"/actions/approve", nil)
	com1.follow(resp)
	_, doc = com1.get(chartPath)
	if r := reasonOf(doc, "Утвердить"); r != "Вы уже проголосовали по этой редакции" {
		t.Errorf("approve reason after voting %q", r)
	}

	com2 := env.signIn("com2")
	resp, _ = com2.submit(chartPath+"/actions/approve", nil)
	_, doc = com2.follow(resp)
	if got := strings.TrimSpace(doc.Find(".state").Text()); got != "утверждён" {
		t.Errorf("state after two approvals %q, want утверждён", got)
	}

	sec := env.signIn("sec")
	_, doc = sec.get("/releases/preview")
	if n := doc.Find("table.routes-added tr.route").Length(); n != 2 {
		t.Errorf("preview lists %d added routes, want 2", n)
	}
	resp, _ = sec.submit("/releases", nil)
	msg, doc = sec.follow(resp)
	if msg != "Опубликован выпуск 1: 2 маршрута." {
		t.Errorf("flash after publish %q", msg)
	}
	if doc.Find("tr.release[data-serial='1'] a[href='/api/v1/routing/1']").Length() != 1 {
		t.Error("release 1 has no download link")
	}
	_, doc = sec.get(chartPath)
	if got := strings.TrimSpace(doc.Find(".state").Text()); got != "опубликован" {
		t.Errorf("state after publishing %q, want опубликован", got)
	}
}

func TestChartActionsNeedCSRF(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	spec := env.signIn("spec")
	path := "/charts/" + strconv.FormatInt(id, 10)
	tests := []struct {
		name  string
		token string
	}{
		{"missing", ""},
		{"wrong", "not-the-token"},
	}
	for _, tt := range tests {
		form := url.Values{}
		if tt.token != "" {
			form.Set("csrf_token", tt.token)
		}
		resp, doc := spec.post(path+"/actions/submit", form)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s token: status %d, want 403", tt.name, resp.StatusCode)
		}
		if doc.Find(".error-page").Length() != 1 {
			t.Errorf("%s token: not the HTML error page", tt.name)
		}
	}
	_, doc := spec.get(path)
	if got := strings.TrimSpace(doc.Find(".state").Text()); got != "черновик" {
		t.Errorf("state %q after rejected posts, want черновик", got)
	}
}

func TestChartFormValidation(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	body := twoProviderChart()
	body.Interactions[0].ProviderCode = ""
	body.Interactions[1].DataKindCode = kindEGRUL // belongs to FNS, not ROSREESTR
	form := chartFormValues(body)
	form.Set("interactions[1].deadline_days", "пять")
	form.Set("legal_basis", "")

	// Unparsable numbers are reported before the workflow receives the chart.
	resp, doc := spec.submit("/charts/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	if got := doc.Find("#interactions\\[1\\]\\.deadline_days-error").Text(); got != "Введите целое число" {
		t.Errorf("deadline_days error %q", got)
	}
	if v := doc.Find("#interactions\\[1\\]\\.deadline_days").AttrOr("value", ""); v != "пять" {
		t.Errorf("deadline_days refilled with %q, want the typed text", v)
	}

	form.Set("interactions[1].deadline_days", "5")
	resp, doc = spec.submit("/charts/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	tests := []struct {
		field string
		want  string
	}{
		{"legal_basis", "Заполните это поле"},
		{"interactions[0].provider_code", "Заполните это поле"},
		{"interactions[1].data_kind_code", "Этот вид сведений предоставляет другой орган; выберите вид сведений выбранного поставщика"},
	}
	for _, tt := range tests {
		input := doc.Find("[id='" + tt.field + "']")
		if input.AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s is not marked invalid", tt.field)
		}
		if got := doc.Find("[id='" + tt.field + "-error']").Text(); got != tt.want {
			t.Errorf("%s error %q, want %q", tt.field, got, tt.want)
		}
		if input.AttrOr("aria-describedby", "") != tt.field+"-error" {
			t.Errorf("%s does not point at its error", tt.field)
		}
	}
	if v := doc.Find("[id='interactions[1].requested_document']").AttrOr("value", ""); v != body.Interactions[1].RequestedDocument {
		t.Errorf("requested_document refilled with %q", v)
	}
	if n := doc.Find("[id='interactions[1].data_kind_code'] option[selected]").AttrOr("value", ""); n != kindEGRUL {
		t.Errorf("data kind select keeps %q, want the chosen %s", n, kindEGRUL)
	}
}

func TestChartFormRowsWithoutScript(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	form := chartFormValues(twoProviderChart())
	form.Del("save")
	form.Set("add_row", "1")
	resp, doc := spec.submit("/charts/new", form)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("add row: status %d", resp.StatusCode)
	}
	if n := doc.Find("#rows [data-row]").Length(); n != 3 {
		t.Errorf("after adding a row the form has %d rows, want 3", n)
	}
	if v := doc.Find("[id='interactions[1].provider_code'] option[selected]").AttrOr("value", ""); v != "ROSREESTR" {
		t.Errorf("second row provider %q after the round trip, want ROSREESTR", v)
	}

	// A checked remove box drops the row when saving, and the later rows
	// move up.
	form = chartFormValues(twoProviderChart())
	form.Set("interactions[0].remove", "1")
	resp, _ = spec.submit("/charts/new", form)
	_, doc = spec.follow(resp)
	if got := texts(doc.Find("table.interactions td.provider")); !cmp.Equal(got, []string{"Управление Росреестра по Самарской области"}) {
		t.Errorf("providers after removing the first row %q", got)
	}
}

func TestChartFormDataKindGroups(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	_, doc := spec.get("/charts/new?service=" + svcCapital)
	sel := doc.Find("[id='interactions[0].data_kind_code']")
	var got []string
	sel.Find("optgroup").Each(func(_ int, g *goquery.Selection) {
		got = append(got, g.AttrOr("data-provider", "")+":"+strconv.Itoa(g.Find("option").Length()))
	})
	if diff := cmp.Diff([]string{"FNS:2", "ROSREESTR:1"}, got); diff != "" {
		t.Errorf("data kind groups (-want +got):\n%s", diff)
	}
	if doc.Find("label[for='interactions[0].data_kind_code']").Length() != 1 {
		t.Error("data kind select has no label")
	}
	if doc.Find("template#row-template [data-row]").Length() != 1 {
		t.Error("no row template for the script")
	}
}

func TestChartEditConflict(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	spec := env.signIn("spec")
	path := "/charts/" + strconv.FormatInt(id, 10)

	_, doc := spec.get(path + "/edit")
	if v := doc.Find("input[name=base_revision]").AttrOr("value", ""); v != "1" {
		t.Fatalf("base_revision %q, want 1", v)
	}

	// Someone else saves revision 2 with a longer legal basis.
	newer := twoProviderChart()
	newer.Interactions[1].DeadlineDays = 4
	newer.Interactions[1].Deadline.Answer.Value = 4
	env.saveChart(id, 1, newer)

	mine := twoProviderChart()
	mine.LegalBasis += " и Закон Самарской области"
	form := chartFormValues(mine)
	form.Set("base_revision", "1")
	form.Set("note", "моя правка")
	resp, doc := spec.submit(path+"/edit", form)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: status %d, want 409", resp.StatusCode)
	}
	if got := doc.Find("textarea#legal_basis").Text(); got != mine.LegalBasis {
		t.Errorf("legal basis after conflict %q, want the user's edit", got)
	}
	paths := []string{}
	doc.Find(".conflict tr.change").Each(func(_ int, r *goquery.Selection) { paths = append(paths, r.AttrOr("data-path", "")) })
	want := []string{"interactions[1].deadline.answer.value", "interactions[1].deadline_days"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("conflict diff paths (-want +got):\n%s", diff)
	}
	over := doc.Find(".conflict button[name=overwrite]")
	if over.AttrOr("value", "") != "2" || strings.TrimSpace(over.Text()) != "Сохранить поверх редакции 2" {
		t.Errorf("overwrite button %q value %q", over.Text(), over.AttrOr("value", ""))
	}

	form.Set("overwrite", "2")
	resp, _ = spec.submit(path+"/edit", form)
	msg, doc := spec.follow(resp)
	if msg != "Сохранена редакция 3." {
		t.Errorf("flash after overwrite %q", msg)
	}
	if got := strings.TrimSpace(doc.Find(".legal-basis").Text()); got != mine.LegalBasis {
		t.Errorf("legal basis %q", got)
	}
}

func TestChartDiffPage(t *testing.T) {
	env := newPageEnv(t)
	first := twoProviderChart()
	id := env.saveChart(0, 0, first)
	second := twoProviderChart()
	second.LegalBasis = "Федеральный закон от 29.12.2006 № 256-ФЗ «О дополнительных мерах поддержки семей с детьми»"
	second.Interactions = append(second.Interactions, charts.Interaction{RequestedDocument: "Сведения о доходах",
		DataComposition: "доходы за год", RequesterCode: "MINSOC", ProviderCode: "FNS", DataKindCode: kindIncome,
		DeadlineDays: 5, LegalBasis: "ст. 7.2 закона № 210-ФЗ"})
	second.Interactions = second.Interactions[1:]
	env.saveChart(id, 1, second)

	off := env.signIn("off")
	resp, doc := off.get("/charts/" + strconv.FormatInt(id, 10) + "/diff?from=1&to=2")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	ops := map[string]string{}
	doc.Find("tr.change").Each(func(_ int, r *goquery.Selection) { ops[r.AttrOr("data-path", "")] = r.AttrOr("data-op", "") })
	want := map[string]string{"legal_basis": "changed", "interactions[0]": "removed", "interactions[1]": "added"}
	if diff := cmp.Diff(want, ops); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	basis := doc.Find("tr.change[data-path=legal_basis]")
	if got := texts(basis.Find("td.old del")); !cmp.Equal(got, []string{"государственной", "семей, имеющих детей»"}) {
		t.Errorf("deleted words %q", got)
	}
	if got := texts(basis.Find("td.new ins")); !cmp.Equal(got, []string{"семей с детьми»"}) {
		t.Errorf("inserted words %q", got)
	}
	added := texts(doc.Find("tr.change[data-path='interactions[1]'] td.new dd"))
	if !containsText(added, "Управление ФНС России по Самарской области (FNS)") {
		t.Errorf("added row does not name its provider: %q", added)
	}

	resp, _ = off.get("/charts/" + strconv.FormatInt(id, 10) + "/diff?from=1&to=9")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("diff to a missing revision: status %d, want 404", resp.StatusCode)
	}
}

func containsText(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func TestEscapingOfServiceName(t *testing.T) {
	env := newPageEnv(t)
	body := twoProviderChart()
	body.ServiceCode = svcScript
	id := env.saveChart(0, 0, body)
	spec := env.signIn("spec")
	for _, path := range []string{"/services?q=" + url.QueryEscape("разметкой"), "/charts/" + strconv.FormatInt(id, 10),
		"/charts/" + strconv.FormatInt(id, 10) + "/edit"} {
		resp, doc := spec.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", path, resp.StatusCode)
			continue
		}
		if n := doc.Find("body script").Length(); n != 0 {
			t.Errorf("GET %s: %d script elements in the body, the name was not escaped", path, n)
		}
		if !strings.Contains(doc.Text(), scriptName) {
			t.Errorf("GET %s: the name is not shown as text", path)
		}
	}
}

func TestReviewQueueDueDates(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	env.act("spec", charts.KindChart, id, "submit", "")
	env.act("fns", charts.KindChart, id, "agree", "")
	env.act("rosreestr", charts.KindChart, id, "agree", "") // enters review on Monday 3 October 2011

	com1 := env.signIn("com1")
	_, doc := com1.get("/review")
	row := doc.Find(".review-charts tr.review-item")
	if row.Length() != 1 {
		t.Fatalf("review queue has %d charts, want 1", row.Length())
	}
	if got := strings.TrimSpace(row.Find("td.due").Text()); got != "17.10.2011" {
		t.Errorf("due %q, want 17.10.2011 (10 working days after Monday 3 October)", got)
	}
	if row.HasClass("overdue") {
		t.Error("a fresh chart is marked overdue")
	}

	env.clock.add(15 * 24 * time.Hour)
	com1 = env.signIn("com1") // the earlier session has expired
	_, doc = com1.get("/review")
	row = doc.Find(".review-charts tr.review-item")
	if !row.HasClass("overdue") || row.Find(".overdue-mark").Length() != 1 {
		t.Error("a chart past its due date is not marked overdue")
	}
}

func TestDashboardFunnel(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	env.act("spec", charts.KindChart, id, "submit", "")
	env.act("fns", charts.KindChart, id, "agree", "")
	env.act("rosreestr", charts.KindChart, id, "agree", "")

	off := env.signIn("off")
	_, doc := off.get("/")
	var rows [][]string
	doc.Find("table.funnel-table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, texts(tr.Find("a.figure")))
	})
	want := [][]string{{"3", "0", "0", "1", "0"}, {"1", "0", "0", "0", "0"}, {"4", "0", "0", "1", "0"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("funnel figures (-want +got):\n%s", diff)
	}
	link := doc.Find("table.funnel-table tbody tr").First().Find("a.figure").Eq(3).AttrOr("href", "")
	if link != "/services?level=state&stage=agreed" {
		t.Errorf("agreed link %q", link)
	}
	if n := doc.Find("svg.bars a rect.bar").Length(); n != 15 {
		t.Errorf("%d SVG bars, want 15", n)
	}
	_, list := off.get(link)
	if got := texts(list.Find("tr.service td.service-name")); len(got) != 1 || got[0] != pageServices[0].Name {
		t.Errorf("agreed services %q", got)
	}
}

// TestObjectionReturnsToInbox checks that a provider who objects lands on
// its inbox, since the chart goes back to a draft it may not read.
func TestObjectionReturnsToInbox(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	resp, _ := spec.submit("/charts/new", chartFormValues(twoProviderChart()))
	chartPath := resp.Header.Get("Location")
	resp, _ = spec.submit(chartPath+"/actions/submit", nil)
	spec.follow(resp)

	fns := env.signIn("fns")
	resp, _ = fns.submit(chartPath+"/actions/object", url.Values{"comment": {"Неверный вид сведений"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inbox" {
		t.Fatalf("objection: status %d, redirect to %q, want 303 to /inbox", resp.StatusCode, resp.Header.Get("Location"))
	}
	if msg, _ := fns.follow(resp); msg == "" {
		t.Error("the inbox shows no message about the objection")
	}
}
