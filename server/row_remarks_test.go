package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/storage"
)

// agreementJSON is the part of a chart's agreement the remark tests read.
type agreementJSON struct {
	Round        int            `json:"round"`
	Revision     int            `json:"revision"`
	ProviderCode string         `json:"provider_code"`
	Decision     string         `json:"decision"`
	Comment      string         `json:"comment"`
	CarriedFrom  int            `json:"carried_from"`
	Remarks      map[int]string `json:"remarks"`
}

// chartAgreements reads the agreements of the chart at path as c, keyed by
// provider code.
func chartAgreements(t *testing.T, c *client, path string) map[string]agreementJSON {
	t.Helper()
	var out struct {
		Agreements []agreementJSON `json:"agreements"`
	}
	if st := c.do("GET", path, nil, &out); st != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, st)
	}
	byProvider := map[string]agreementJSON{}
	for _, a := range out.Agreements {
		byProvider[a.ProviderCode] = a
	}
	return byProvider
}

// Data kinds that addDataKinds adds, so a provider can have two rows.
const (
	kindEGRN      = "SID0003999"
	kindFNSIncome = "SID0004000"
)

// addDataKinds stores a second data kind of ROSREESTR and of FNS.
func addDataKinds(t *testing.T, env *testEnv) {
	t.Helper()
	err := env.store.Write(context.Background(), func(tx *storage.Tx) error {
		if err := tx.PutDataKind(context.Background(), charts.DataKind{Code: kindEGRN,
			Name: "Выписка из ЕГРН", ProviderCode: "ROSREESTR"}); err != nil {
			return err
		}
		return tx.PutDataKind(context.Background(), charts.DataKind{Code: kindFNSIncome,
			Name: "Сведения о доходах", ProviderCode: "FNS"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// threeRowChart returns a chart with one FNS row (0) and two ROSREESTR rows
// (1 and 2). It needs the data kinds of addDataKinds.
func threeRowChart() charts.ChartBody {
	body := chartBody("FNS", "ROSREESTR", "ROSREESTR")
	body.Interactions[2].RequestedDocument = "Выписка из ЕГРН"
	body.Interactions[2].DataKindCode = kindEGRN
	return body
}

func TestRowRemarksThroughAPI(t *testing.T) {
	env := newTestEnv(t)
	addDataKinds(t, env)
	spec, fns, rosreestr := env.login("spec"), env.login("fns"), env.login("rosreestr")
	var chart chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": threeRowChart()}, &chart); st != http.StatusCreated {
		t.Fatalf("create chart: status %d %s", st, chart.Message)
	}
	path := "/api/v1/charts/" + itoa(chart.ID)
	if st := spec.do("POST", path+"/actions/submit", nil, &chart); st != http.StatusOK {
		t.Fatalf("submit: status %d %s", st, chart.Message)
	}

	rejected := []struct {
		name      string
		remarks   map[string]string
		wantField string
		wantText  string
	}{
		{"row of another provider", map[string]string{"0": "Строка ФНС", "1": "Своя строка"}, "remarks[0]",
			"remarks[0]: row 0 is not a row of your authority"},
		{"row outside the chart", map[string]string{"7": "Нет такой строки"}, "remarks[7]",
			"remarks[7]: row 7 is not a row of your authority"},
		{"key that is not an index", map[string]string{"первая": "Текст"}, "remarks[первая]", "is not a row index"},
		{"key with a leading zero", map[string]string{"01": "Текст"}, "remarks[01]", "is not a row index"},
		{"text too long", map[string]string{"1": strings.Repeat("я", 2001)}, "remarks[1]", "at most 2000"},
		{"control character", map[string]string{"2": "Текст\x07"}, "remarks[2]", "control character"},
	}
	for _, tt := range rejected {
		var out chartJSON
		st := rosreestr.do("POST", path+"/actions/agree", map[string]any{"remarks": tt.remarks}, &out)
		if st != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, st)
		}
		if out.Field != tt.wantField {
			t.Errorf("%s: field %q, want %q", tt.name, out.Field, tt.wantField)
		}
		if !strings.Contains(out.Message, tt.wantText) {
			t.Errorf("%s: message %q does not contain %q", tt.name, out.Message, tt.wantText)
		}
	}
	if got := chartAgreements(t, spec, path); len(got) != 0 {
		t.Fatalf("rejected actions recorded agreements: %+v", got)
	}

	var out chartJSON
	st := rosreestr.do("POST", path+"/actions/agree", map[string]any{"comment": "В целом согласовано",
		"remarks": map[string]string{"1": "  Уточните срок ответа  ", "2": "   "}}, &out)
	if st != http.StatusOK {
		t.Fatalf("agree with remarks: status %d %s", st, out.Message)
	}
	ros := chartAgreements(t, spec, path)["ROSREESTR"]
	if diff := cmp.Diff(map[int]string{1: "Уточните срок ответа"}, ros.Remarks); diff != "" {
		t.Errorf("stored remarks of ROSREESTR (-want +got):\n%s", diff)
	}
	if ros.Decision != "agreed" || ros.Comment != "В целом согласовано" {
		t.Errorf("ROSREESTR decision %q comment %q, want agreed with its comment", ros.Decision, ros.Comment)
	}

	st = fns.do("POST", path+"/actions/object", map[string]any{"remarks": map[string]string{"0": "   "}}, &out)
	if st != http.StatusUnprocessableEntity || out.Field != "comment" {
		t.Errorf("object with only an empty remark: status %d field %q, want 422 on comment", st, out.Field)
	}
	// The objection returns the chart to a draft that FNS may not read, so
	// the response carries the chart's head without its body.
	var head struct {
		State string          `json:"state"`
		Body  json.RawMessage `json:"body"`
	}
	st = fns.do("POST", path+"/actions/object", map[string]any{
		"remarks": map[string]string{"0": "Вид сведений не соответствует документу"}}, &head)
	if st != http.StatusOK || head.State != "draft" || head.Body != nil {
		t.Fatalf("object with only a row remark: status %d state %q body %s, want 200, draft and no body",
			st, head.State, head.Body)
	}
	spec.do("GET", path, nil, &chart)
	if chart.State != "draft" {
		t.Errorf("after the objection: state %s, want draft", chart.State)
	}
	fnsAgreement := chartAgreements(t, spec, path)["FNS"]
	if fnsAgreement.Decision != "objected" {
		t.Errorf("FNS decision %q, want objected", fnsAgreement.Decision)
	}
	if diff := cmp.Diff(map[int]string{0: "Вид сведений не соответствует документу"}, fnsAgreement.Remarks); diff != "" {
		t.Errorf("stored remarks of FNS (-want +got):\n%s", diff)
	}

	st = spec.do("POST", path+"/actions/submit", map[string]any{"remarks": map[string]string{"0": "Текст"}}, &out)
	if st != http.StatusUnprocessableEntity || out.Field != "remarks" {
		t.Errorf("submit with remarks: status %d field %q, want 422 on remarks", st, out.Field)
	}
}

func TestCarriedAgreementKeepsRowRemarks(t *testing.T) {
	env := newTestEnv(t)
	addDataKinds(t, env)
	spec := env.login("spec")
	var chart chartJSON
	if st := spec.do("POST", "/api/v1/charts", map[string]any{"body": threeRowChart()}, &chart); st != http.StatusCreated {
		t.Fatalf("create chart: status %d %s", st, chart.Message)
	}
	path := "/api/v1/charts/" + itoa(chart.ID)
	steps := []struct {
		login, action string
		body          map[string]any
	}{
		{"spec", "submit", nil},
		{"rosreestr", "agree", map[string]any{"remarks": map[string]string{"2": "Укажите номер раздела ЕГРН"}}},
		{"fns", "agree", nil},
		{"c1", "approve", nil},
		{"c2", "approve", nil},
	}
	for _, step := range steps {
		var out chartJSON
		if st := env.login(step.login).do("POST", path+"/actions/"+step.action, step.body, &out); st != http.StatusOK {
			t.Fatalf("%s %s: status %d %s", step.login, step.action, st, out.Message)
		}
	}

	// A new FNS row ahead of the others changes only the FNS rows, so the
	// ROSREESTR agreement carries over while its rows move down by one.
	amended := threeRowChart()
	added := amended.Interactions[0]
	added.RequestedDocument = "Сведения о доходах"
	added.DataKindCode = kindFNSIncome
	amended.Interactions = append([]charts.Interaction{added}, amended.Interactions...)
	if st := spec.do("PUT", path, map[string]any{"base_revision": 1, "body": amended}, &chart); st != http.StatusOK {
		t.Fatalf("amend: status %d %s", st, chart.Message)
	}
	if st := spec.do("POST", path+"/actions/submit", nil, &chart); st != http.StatusOK {
		t.Fatalf("submit amendment: status %d %s", st, chart.Message)
	}
	if diff := cmp.Diff([]string{"ROSREESTR"}, chart.CarriedOver); diff != "" {
		t.Fatalf("carried over (-want +got):\n%s", diff)
	}
	ros := chartAgreements(t, spec, path)["ROSREESTR"]
	if ros.CarriedFrom != 1 || ros.Revision != 2 {
		t.Errorf("carried agreement: carried_from %d revision %d, want 1 and 2", ros.CarriedFrom, ros.Revision)
	}
	if diff := cmp.Diff(map[int]string{3: "Укажите номер раздела ЕГРН"}, ros.Remarks); diff != "" {
		t.Errorf("carried remarks (-want +got):\n%s", diff)
	}
}
