package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"

	"pcii/reports"
)

// upload posts a workbook as the multipart field "file".
func (c *client) upload(path string, data []byte, fields map[string]string, out any) int {
	c.env.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("file", "upload.xlsx")
	part.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", c.env.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.env.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		decodeJSON(c.env.t, raw, out)
	}
	return resp.StatusCode
}

func TestChartFormRoundTrip(t *testing.T) {
	env := newTestEnv(t)
	spec := env.login("spec")
	var chart chartJSON
	spec.do("POST", "/api/v1/charts", map[string]any{"body": chartBody("FNS", "ROSREESTR")}, &chart)
	path := "/api/v1/charts/" + itoa(chart.ID)

	resp := spec.raw("GET", path+"/revisions/1.xlsx", nil, nil)
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download chart form: %d %s", resp.StatusCode, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if idx, _ := f.GetSheetIndex(reports.SheetChartForm); idx < 0 {
		t.Fatalf("no sheet %s in %v", reports.SheetChartForm, f.GetSheetList())
	}

	var after chartJSON
	if st := spec.upload(path+"/import", data, map[string]string{"base_revision": "1"}, &after); st != http.StatusOK {
		t.Fatalf("import the downloaded form: %d %s", st, after.Message)
	}
	// The same content makes no new revision.
	if after.Revision != 1 {
		t.Errorf("import of an unchanged form: revision %d, want 1", after.Revision)
	}

	var rejected struct {
		Code     string `json:"code"`
		Field    string `json:"field"`
		Message  string `json:"message"`
		Problems []any  `json:"problems"`
	}
	if st := spec.upload(path+"/import", []byte("a,b,c\n1,2,3\n"), nil, &rejected); st != http.StatusUnprocessableEntity {
		t.Fatalf("import a CSV: status %d, want 422", st)
	}
	if rejected.Field != "file" || rejected.Message == "" {
		t.Errorf("CSV rejection: %+v", rejected)
	}
	other := env.login("samara")
	if st := other.upload(path+"/import", data, nil, nil); st != http.StatusNotFound {
		t.Errorf("another authority imports into a draft it cannot see: %d, want 404", st)
	}
}

func TestServicesImport(t *testing.T) {
	env := newTestEnv(t)
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	rows := [][]any{
		{"Реестровый номер услуги", "Наименование услуги", "Наименование документа", "Уровень услуги",
			"Код органа, предоставляющего услугу", "Источник документа", "Код вида сведений"},
		{"6300000000000000009", "Выдача выписки из похозяйственной книги", "Заявление", "муниципальная",
			"ADM-SAMARA", "заявитель", ""},
		{"", "", "Выписка из ЕГРП", "", "", "межведомственный", "SID0003564"},
		{"6300000000000000001", "Выдача государственного сертификата на материнский капитал", "Заявление",
			"государственная", "MINSOC", "заявитель", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sheet, cell, &r)
	}
	var buf bytes.Buffer
	f.Write(&buf)

	admin := env.login("admin")
	var sum struct {
		DryRun         bool     `json:"dry_run"`
		ServicesAdded  []string `json:"services_added"`
		PassportsAdded []string `json:"passports_added"`
	}
	if st := admin.upload("/api/v1/services/import?dry_run=1", buf.Bytes(), nil, &sum); st != http.StatusOK {
		t.Fatalf("dry run: %d", st)
	}
	if !sum.DryRun || len(sum.ServicesAdded) != 1 || len(sum.PassportsAdded) != 2 {
		t.Fatalf("dry run summary: %+v", sum)
	}
	var list struct {
		Services []struct{ Code string } `json:"services"`
	}
	admin.do("GET", "/api/v1/services?q=похозяйственной", nil, &list)
	if len(list.Services) != 0 {
		t.Fatalf("dry run stored a service: %+v", list)
	}
	if st := admin.upload("/api/v1/services/import", buf.Bytes(), nil, &sum); st != http.StatusOK || sum.DryRun {
		t.Fatalf("import: %d %+v", st, sum)
	}
	admin.do("GET", "/api/v1/services?q=похозяйственной", nil, &list)
	if len(list.Services) != 1 {
		t.Errorf("imported service not found: %+v", list)
	}

	// A file with one bad row stores nothing.
	bad := excelize.NewFile()
	rows[1] = []any{"6300000000000000010", "Новая услуга", "Заявление", "муниципальная", "NO-SUCH", "заявитель", ""}
	for i, r := range rows[:2] {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		bad.SetSheetRow(bad.GetSheetName(0), cell, &r)
	}
	buf.Reset()
	bad.Write(&buf)
	var rejected struct {
		Code              string `json:"code"`
		Problems          []any  `json:"problems"`
		AnnotatedWorkbook string `json:"annotated_workbook"`
	}
	if st := admin.upload("/api/v1/services/import", buf.Bytes(), nil, &rejected); st != http.StatusUnprocessableEntity {
		t.Fatalf("bad import: %d", st)
	}
	if len(rejected.Problems) == 0 || rejected.AnnotatedWorkbook == "" {
		t.Errorf("bad import answer: %d problems, annotated %d bytes", len(rejected.Problems), len(rejected.AnnotatedWorkbook))
	}
	admin.do("GET", "/api/v1/services?q=новая", nil, &list)
	if len(list.Services) != 0 {
		t.Error("a rejected import stored a service")
	}
	if st := env.login("spec").upload("/api/v1/services/import", buf.Bytes(), nil, nil); st != http.StatusForbidden {
		t.Errorf("specialist imports the register: %d, want 403", st)
	}
}

func TestRegistryExport(t *testing.T) {
	env := newTestEnv(t)
	resp := env.login("official").raw("GET", "/api/v1/services.xlsx?level=state", nil, nil)
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(reports.SheetRegistry)
	found := 0
	for _, r := range rows {
		for _, v := range r {
			if v == "6300000000000000003" {
				t.Error("the municipal service is in a state-level export")
			}
			if v == "6300000000000000001" {
				found++
			}
		}
	}
	if found != 1 {
		t.Errorf("state service rows: %d, want 1", found)
	}

	resp = env.login("admin").raw("GET", "/api/v1/services/template.xlsx", nil, nil)
	template, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	records, problems, err := reports.ReadServices(bytes.NewReader(template), reports.DefaultLimits())
	if err != nil || len(problems) != 0 || len(records) != 0 {
		t.Errorf("the services template does not read back empty: %d records, %v, %v", len(records), problems, err)
	}
}
