package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/storage"
	"pcii/workflow"
)

func TestServicesSearchAndFilters(t *testing.T) {
	env := newPageEnv(t)
	off := env.signIn("off")
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"lower case finds upper case", "q=" + url.QueryEscape("материнский"), []string{svcCapital}},
		{"code", "q=" + svcBuilding, []string{svcBuilding}},
		{"level", "level=municipal", []string{svcBuilding}},
		{"authority", "authority=ADM-SAMARA", []string{svcBuilding}},
		{"level and text", "level=state&q=" + url.QueryEscape("ОБСЛУЖИВАНИИ"), []string{svcSocial}},
	}
	for _, tt := range tests {
		resp, doc := off.get("/services?" + tt.query)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tt.name, resp.StatusCode)
			continue
		}
		var got []string
		doc.Find("tr.service").Each(func(_ int, r *goquery.Selection) { got = append(got, r.AttrOr("data-code", "")) })
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	resp, _ := off.get("/services?level=regional")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown level: status %d, want 400", resp.StatusCode)
	}
}

func TestServicesYoFolding(t *testing.T) {
	env := newPageEnv(t)
	ctx := context.Background()
	err := env.store.Write(ctx, func(tx *storage.Tx) error {
		return tx.PutService(ctx, charts.Service{Code: "6300000000000000199", Name: "ВЫДАЧА ЁЛОЧНЫХ БИЛЕТОВ",
			Level: charts.ServiceMunicipal, AuthorityCode: "ADM-SAMARA"})
	})
	if err != nil {
		t.Fatal(err)
	}
	off := env.signIn("off")
	for _, q := range []string{"елочных", "ёлочных", "ЕЛОЧНЫХ"} {
		_, doc := off.get("/services?q=" + url.QueryEscape(q))
		if got := texts(doc.Find("tr.service td.service-name")); !cmp.Equal(got, []string{"ВЫДАЧА ЁЛОЧНЫХ БИЛЕТОВ"}) {
			t.Errorf("q=%s found %q", q, got)
		}
	}
}

func TestServicesKeysetPages(t *testing.T) {
	env := newPageEnv(t)
	ctx := context.Background()
	err := env.store.Write(ctx, func(tx *storage.Tx) error {
		for i := range 60 {
			err := tx.PutService(ctx, charts.Service{Code: fmt.Sprintf("6400000000000000%03d", i),
				Name: fmt.Sprintf("Муниципальная услуга %d", i), Level: charts.ServiceMunicipal, AuthorityCode: "ADM-SAMARA"})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	off := env.signIn("off")
	seen := map[string]bool{}
	path := "/services?level=municipal"
	pages := 0
	for path != "" && pages < 5 {
		pages++
		_, doc := off.get(path)
		doc.Find("tr.service").Each(func(_ int, r *goquery.Selection) {
			code := r.AttrOr("data-code", "")
			if seen[code] {
				t.Errorf("service %s on two pages", code)
			}
			seen[code] = true
		})
		path = doc.Find(".pager a[rel=next]").AttrOr("href", "")
	}
	if pages != 2 || len(seen) != 61 {
		t.Errorf("%d pages with %d services, want 2 pages with 61", pages, len(seen))
	}
}

func TestServicesRowLinks(t *testing.T) {
	env := newPageEnv(t)
	id := env.saveChart(0, 0, twoProviderChart())
	spec := env.signIn("spec")
	_, doc := spec.get("/services")
	row := doc.Find("tr.service[data-code='" + svcCapital + "']")
	if href := row.Find("td.chart-state a").AttrOr("href", ""); href != "/charts/"+strconv.FormatInt(id, 10) {
		t.Errorf("chart link %q", href)
	}
	if got := strings.TrimSpace(row.Find("td.chart-state").Text()); got != "черновик" {
		t.Errorf("chart state %q", got)
	}
	if href := row.Find("td.passport-state a").AttrOr("href", ""); href != "/passports/new?service="+svcCapital {
		t.Errorf("passport link %q, want the new passport form", href)
	}
	other := doc.Find("tr.service[data-code='" + svcBuilding + "']")
	if other.Find("td.chart-state a").Length() != 0 {
		t.Error("a MINSOC specialist is offered to draft a chart of another authority's service")
	}
}

// savePassport stores a passport of svcCapital through the workflow.
func (e *pageEnv) savePassport(body charts.PassportBody) int64 {
	e.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	doc, err := e.flow.SavePassport(context.Background(), e.actor("spec"), workflow.Save{Body: raw})
	if err != nil {
		e.t.Fatal(err)
	}
	return doc.ID
}

func capitalPassport() charts.PassportBody {
	return charts.PassportBody{ServiceCode: svcCapital, Name: pageServices[0].Name, Level: charts.ServiceState,
		ProviderCode: "MINSOC", LegalActs: []charts.LegalAct{{Type: "Федеральный закон", Number: "256-ФЗ",
			Date: "2006-12-29", Issuer: "Государственная Дума"}},
		ApplicantCategories: []string{"individuals"}, Channels: []string{"in_person", "mfc"},
		Documents: []charts.PassportDocument{
			{Name: "Заявление", Source: charts.SourceApplicant},
			{Name: "Выписка из ЕГРЮЛ", Source: charts.SourceInterdepartmental, DataKindCode: kindEGRUL},
			{Name: "Справка о доходах", Source: charts.SourceInterdepartmental, DataKindCode: kindIncome},
		}}
}

func TestPassportPage(t *testing.T) {
	env := newPageEnv(t)
	pid := env.savePassport(capitalPassport())
	env.saveChart(0, 0, twoProviderChart())
	spec := env.signIn("spec")
	path := "/passports/" + strconv.FormatInt(pid, 10)

	resp, doc := spec.get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	sources := texts(doc.Find("tr.passport-document td:nth-child(2)"))
	if diff := cmp.Diff([]string{"заявитель", "межведомственное взаимодействие", "межведомственное взаимодействие"}, sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if got := texts(doc.Find("ul.uncovered li")); !cmp.Equal(got, []string{"Справка о доходах — Сведения о доходах физического лица (SID0003525)"}) {
		t.Errorf("uncovered documents %q", got)
	}
	if doc.Find("tr.passport-document a[href^='/charts/']").Length() != 1 {
		t.Error("the covered document does not link to the chart")
	}

	resp, _ = spec.submit(path+"/actions/submit", nil)
	if msg, _ := spec.follow(resp); msg != "Документ отправлен." {
		t.Errorf("flash after submit %q", msg)
	}
	com1 := env.signIn("com1")
	_, doc = com1.get(path)
	if !actionStates(doc)["Утвердить"] {
		t.Fatalf("approve disabled: %q", reasonOf(doc, "Утвердить"))
	}
	_, doc = com1.get("/review")
	if doc.Find(".review-passports tr.review-item").Length() != 1 {
		t.Error("the passport is not in the review queue")
	}
	resp, _ = com1.submit(path+"/actions/approve", nil)
	_, doc = com1.follow(resp)
	if got := strings.TrimSpace(doc.Find(".state").Text()); got != "утверждён" {
		t.Errorf("state after one approval %q, want утверждён", got)
	}
}

func TestPassportFormValidation(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	_, doc := spec.get("/passports/new?service=" + svcSocial)
	if v := doc.Find("textarea#name").Text(); v != pageServices[1].Name {
		t.Errorf("name prefilled with %q", v)
	}
	form := url.Values{"service_code": {svcSocial}, "name": {""}, "level": {"state"}, "provider_code": {"MINSOC"},
		"legal_acts[0].type": {"Закон"}, "legal_acts[0].number": {"1"}, "legal_acts[0].date": {"вчера"},
		"legal_acts[0].issuer": {"Дума"}, "documents[0].name": {"Справка"}, "documents[0].source": {"interdepartmental"},
		"documents[0].data_kind_code": {kindEGRP}, "save": {"1"}}
	resp, doc := spec.submit("/passports/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	for field, want := range map[string]string{"name": "Заполните это поле",
		"legal_acts[0].date": "Неверная дата; формат 2012-07-01"} {
		if got := doc.Find("[id='" + field + "-error']").Text(); got != want {
			t.Errorf("%s error %q, want %q", field, got, want)
		}
	}
	form.Set("name", "Признание граждан нуждающимися")
	form.Set("legal_acts[0].date", "2012-07-01")
	resp, _ = spec.submit("/passports/new", form)
	msg, doc := spec.follow(resp)
	if msg != "Сохранена редакция 1." {
		t.Errorf("flash %q", msg)
	}
	if got := texts(doc.Find("ul.uncovered li")); len(got) != 1 {
		t.Errorf("uncovered %q, want the one interdepartmental document", got)
	}
}
