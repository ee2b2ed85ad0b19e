package server_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

// remarkFieldRows returns the data-row of every row remark field on a
// chart page.
func remarkFieldRows(doc *goquery.Document) []string {
	var rows []string
	doc.Find("table.interactions tr.row-remark-field").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, tr.AttrOr("data-row", ""))
	})
	return rows
}

func TestRowRemarkFieldsOnChartPage(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	chartPath := "/charts/" + strconv.FormatInt(id, 10)

	_, doc := env.signIn("fns").get(chartPath)
	if doc.Find("table.interactions textarea").Length() != 0 {
		t.Error("a draft shows row remark fields to a provider")
	}
	env.act("spec", charts.KindChart, id, "submit", "")

	_, doc = env.signIn("spec").get(chartPath)
	if rows := remarkFieldRows(doc); len(rows) != 0 {
		t.Errorf("the drafting specialist sees remark fields on rows %q", rows)
	}

	_, doc = env.signIn("fns").get(chartPath)
	if diff := cmp.Diff([]string{"0"}, remarkFieldRows(doc)); diff != "" {
		t.Errorf("FNS remark fields (-want +got):\n%s", diff)
	}
	field := doc.Find("tr.row-remark-field[data-row='0'] textarea")
	if name := field.AttrOr("name", ""); name != "remarks[0]" {
		t.Errorf("FNS remark field name %q, want remarks[0]", name)
	}
	formID := field.AttrOr("form", "")
	if formID == "" || doc.Find("form.action-form#"+formID).Length() != 1 {
		t.Errorf("remark field belongs to form %q, which is not the action form", formID)
	}
	fieldID := field.AttrOr("id", "")
	label := doc.Find("label[for='" + fieldID + "']")
	if got := strings.TrimSpace(label.Text()); fieldID == "" || got != "Замечание к строке 1" {
		t.Errorf("label of remark field %q is %q, want Замечание к строке 1", fieldID, got)
	}
	if prev := doc.Find("tr.row-remark-field").Prev(); prev.AttrOr("data-provider", "") != "FNS" {
		t.Errorf("the remark field follows a row of %q, want the FNS row", prev.AttrOr("data-provider", ""))
	}

	_, doc = env.signIn("rosreestr").get(chartPath)
	if diff := cmp.Diff([]string{"1"}, remarkFieldRows(doc)); diff != "" {
		t.Errorf("ROSREESTR remark fields (-want +got):\n%s", diff)
	}
}

func TestRowRemarkShownUnderItsRow(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	chartPath := "/charts/" + strconv.FormatInt(id, 10)
	env.act("spec", charts.KindChart, id, "submit", "")

	remark := `<script>alert("x")</script> Укажите ОГРН`
	fns := env.signIn("fns")
	resp, _ := fns.submit(chartPath+"/actions/agree", url.Values{"with_remark": {"1"},
		"remarks[0]": {remark}})
	if msg, _ := fns.follow(resp); msg != "Решение о согласовании записано." {
		t.Errorf("flash after agree with a row remark %q", msg)
	}

	for _, login := range []string{"fns", "rosreestr", "spec", "com1"} {
		_, doc := env.signIn(login).get(chartPath)
		under := doc.Find("tr#row-1").Next()
		if !under.HasClass("row-remarks") {
			t.Errorf("%s: the row after row 1 has class %q, want row-remarks", login, under.AttrOr("class", ""))
			continue
		}
		if got := texts(under.Find(".row-remark-provider")); !cmp.Equal(got, []string{"Управление ФНС России по Самарской области"}) {
			t.Errorf("%s: remark providers %q", login, got)
		}
		if got := texts(under.Find(".row-remark-text")); !cmp.Equal(got, []string{remark}) {
			t.Errorf("%s: remark texts %q, want %q", login, got, remark)
		}
		if n := doc.Find("body script").Length(); n != 0 {
			t.Errorf("%s: %d script elements in the body, the remark was not escaped", login, n)
		}
		if n := doc.Find("tr.row-remarks").Length(); n != 1 {
			t.Errorf("%s: %d rows of remarks, want 1 under row 1", login, n)
		}
	}

	_, doc := fns.get(chartPath)
	if rows := remarkFieldRows(doc); len(rows) != 0 {
		t.Errorf("FNS still sees remark fields on rows %q after its decision", rows)
	}
}

func TestRowRemarkRejectedOnPage(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	chartPath := "/charts/" + strconv.FormatInt(id, 10)
	env.act("spec", charts.KindChart, id, "submit", "")
	ros := env.signIn("rosreestr")

	resp, doc := ros.submit(chartPath+"/actions/agree", url.Values{"remarks[0]": {"Строка ФНС"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("remark on the FNS row: status %d, want 422", resp.StatusCode)
	}
	if got := strings.TrimSpace(doc.Find("#comment-error").Text()); got != "Эта строка не относится к вашему органу" {
		t.Errorf("remark on the FNS row: comment error %q", got)
	}

	long := strings.Repeat("я", 2001)
	resp, doc = ros.submit(chartPath+"/actions/object", url.Values{"remarks[1]": {long}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("too long remark: status %d, want 422", resp.StatusCode)
	}
	if doc.Find("#remark-1[aria-invalid=true]").Length() != 1 {
		t.Error("the remark field of row 2 is not marked invalid")
	}
	if got := strings.TrimSpace(doc.Find("#remark-1-error").Text()); !strings.HasPrefix(got, "Слишком длинный текст") {
		t.Errorf("remark error %q, want the text length message", got)
	}
	if got := doc.Find("#remark-1").Text(); got != long {
		t.Errorf("the remark field is refilled with %d characters, want the posted 2001", len([]rune(got)))
	}

	resp, doc = ros.submit(chartPath+"/actions/agree", url.Values{"with_remark": {"1"}, "remarks[1]": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#comment-error").Length() != 1 {
		t.Errorf("agree with remark and only a blank row remark: status %d, want 422 with a comment error",
			resp.StatusCode)
	}

	resp, _ = ros.submit(chartPath+"/actions/object", url.Values{"remarks[1]": {"Неверный срок ответа"}})
	if msg, _ := ros.follow(resp); msg != "Возражение записано, карта возвращена разработчику." {
		t.Errorf("flash after an objection with only a row remark %q", msg)
	}
	_, doc = env.signIn("spec").get(chartPath)
	if got := texts(doc.Find("tr#row-2 + tr.row-remarks .row-remark-text")); !cmp.Equal(got, []string{"Неверный срок ответа"}) {
		t.Errorf("the drafter sees remarks %q under row 2", got)
	}
}
