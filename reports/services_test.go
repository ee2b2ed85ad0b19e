package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"pcii/charts"
)

// filledServices fills the services template as a user would, with the
// header moved down under a title.
func filledServices(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := openBytes(t, render(t, WriteServicesTemplate))
	if err := f.InsertRows(SheetServices, 1, 2); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(SheetServices, "A1", "Реестр услуг Самарской области"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(SheetServices, cellName(1, i+4), &r); err != nil {
			t.Fatal(err)
		}
	}
	return xlsxBytes(t, f)
}

func TestWriteServicesTemplate(t *testing.T) {
	data := render(t, WriteServicesTemplate)
	f := openBytes(t, data)
	rows, err := f.GetRows(SheetServices)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Реестровый номер услуги", "Наименование услуги", "Уровень услуги", "Код органа, предоставляющего услугу", "Наименование документа", "Источник документа", "Код вида сведений"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("template rows (-want +got):\n%s", diff)
	}
	dvs, err := f.GetDataValidations(SheetServices)
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 2 {
		t.Errorf("data validations = %d, want 2 drop-down lists", len(dvs))
	}
	panes, err := f.GetPanes(SheetServices)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
	}
	if list := f.GetSheetList(); len(list) != 2 || list[1] != "Инструкция" {
		t.Errorf("sheets = %v, want Услуги and Инструкция", list)
	}
}

func TestReadServices(t *testing.T) {
	data := filledServices(t, [][]any{
		{"630001", "Выдача разрешения на строительство", "муниципальная", "ADM", "Заявление", "заявитель", ""},
		{"", "", "", "", "Выписка из ЕГРП", "Межведомственный", "SID0003564"},
		{"630002", "Предоставление в аренду земельных участков", "государственная", "MIO", "Кадастровый паспорт", "межведомственный", ""},
		{"630001", "Выдача разрешения на строительство", "", "", "Градостроительный план", "заявитель", ""},
		{"630003", "", "региональная", "", "Справка", "почта", ""},
		{"6.3E+18", "Услуга с испорченным номером", "государственная", "MIO", "", "", ""},
		{"630004", "Признание граждан нуждающимися", "гос.", "MSDSP", "", "заявитель", ""},
		{"630002", "Другая услуга", "", "", "", "", ""},
		{"", "Присвоение адреса", "", "", "Документ", "заявитель", ""},
	})
	records, problems, err := ReadServices(bytes.NewReader(data), Limits{})
	if err != nil {
		t.Fatalf("ReadServices: %v", err)
	}
	want := []ServiceRecord{
		{Code: "630001", Name: "Выдача разрешения на строительство", Level: charts.ServiceMunicipal, AuthorityCode: "ADM", Row: 4, Documents: []charts.PassportDocument{
			{Name: "Заявление", Source: charts.SourceApplicant},
			{Name: "Выписка из ЕГРП", Source: charts.SourceInterdepartmental, DataKindCode: "SID0003564"},
			{Name: "Градостроительный план", Source: charts.SourceApplicant},
		}},
		{Code: "630002", Name: "Предоставление в аренду земельных участков", Level: charts.ServiceState, AuthorityCode: "MIO", Row: 6, Documents: []charts.PassportDocument{
			{Name: "Кадастровый паспорт", Source: charts.SourceInterdepartmental},
		}},
		{Code: "630003", Row: 8, Documents: []charts.PassportDocument{{Name: "Справка"}}},
		{Code: "630004", Name: "Признание граждан нуждающимися", Level: charts.ServiceState, AuthorityCode: "MSDSP", Row: 10},
	}
	if diff := cmp.Diff(want, records); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	wantProblems := []struct{ cell, contains string }{
		{"B8", "Не указано наименование услуги"},
		{"C8", "«региональная» не распознан"},
		{"D8", "Не указан код органа"},
		{"F8", "«почта» не распознан"},
		{"A9", "сохранён как число"},
		{"E10", "не указано наименование документа"},
		{"B11", "уже указан в строке 6"},
		{"A12", "наименование другое"},
	}
	if len(problems) != len(wantProblems) {
		t.Fatalf("problems = %v, want %d", problems, len(wantProblems))
	}
	for i, w := range wantProblems {
		p := problems[i]
		if p.Cell != w.cell || !strings.Contains(p.Message, w.contains) || p.Sheet != SheetServices {
			t.Errorf("problem %d = %+v, want %s with %q", i, p, w.cell, w.contains)
		}
	}
	passport := records[0].Passport()
	if !passport.InInteraction() || passport.RegistryNumber != "630001" || passport.ProviderCode != "ADM" {
		t.Errorf("passport = %+v, want registry number, provider and interaction", passport)
	}
}

func TestAnnotateErrors(t *testing.T) {
	data := filledServices(t, [][]any{
		{"630003", "", "региональная", "", "Справка", "заявитель", ""},
		{"630004", "Услуга", "государственная", "=1+1", "Справка", "заявитель", ""},
	})
	_, problems, err := ReadServices(bytes.NewReader(data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	problems = append(problems, Problem{Sheet: SheetServices, Row: 5, Column: 4, Cell: "D5", Message: "=HYPERLINK(\"x\") проверьте код"}, Problem{Message: "Общая ошибка файла"})
	out, err := AnnotateErrors(data, problems)
	if err != nil {
		t.Fatalf("AnnotateErrors: %v", err)
	}
	f := openBytes(t, out)
	values := []struct{ sheet, cell, contains string }{
		{SheetServices, "H3", errorColumnHeader},
		{SheetServices, "H4", "B4: Не указано наименование услуги"},
		{SheetServices, "H4", "\nC4: Уровень услуги"},
		{SheetServices, "H5", "D5: =HYPERLINK"},
		{SheetServices, "D5", "=1+1"},
		{"Ошибки", "A1", "Лист"},
		{"Ошибки", "D2", "Общая ошибка файла"},
		{"Ошибки", "C3", "B4"},
	}
	for _, v := range values {
		got, err := f.GetCellValue(v.sheet, v.cell)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, v.contains) {
			t.Errorf("%s!%s = %q, want it to contain %q", v.sheet, v.cell, got, v.contains)
		}
	}
	style, err := f.GetCellStyle(SheetServices, "C4")
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Fill.Color) == 0 || s.Fill.Color[0] != "FFC7CE" {
		t.Errorf("problem cell C4 fill = %+v, want red", s.Fill)
	}
	xml := sheetXML(t, out, SheetServices)
	if raw := rawCell(t, xml, "H5"); strings.Contains(raw, "<f>") {
		t.Errorf("message cell H5 = %s, want text, not a formula", raw)
	}
	if f.GetSheetName(f.GetActiveSheetIndex()) != "Ошибки" {
		t.Errorf("active sheet = %s, want Ошибки", f.GetSheetName(f.GetActiveSheetIndex()))
	}
	if _, err := AnnotateErrors([]byte("not a workbook"), problems); err == nil {
		t.Error("AnnotateErrors accepted a file that is not a workbook")
	}
}

func TestWriteRegistry(t *testing.T) {
	lines := []RegistryLine{
		{Code: "630001", Name: "Выдача разрешения на строительство", Level: charts.ServiceMunicipal, AuthorityCode: "ADM", AuthorityName: "Администрация городского округа Самара",
			PassportState: "approved", InInteraction: true, ChartID: 42, ChartState: "agreement", Revision: 2},
		{Code: "630002", Name: "@SUM(1)", Level: charts.ServiceState, AuthorityCode: "MIO"},
	}
	data := render(t, func(w ioWriterAlias) error { return WriteRegistry(w, lines) })
	f := openBytes(t, data)
	rows, err := f.GetRows(SheetRegistry)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		registryHeaders,
		{"630001", "Выдача разрешения на строительство", "муниципальная", "ADM", "Администрация городского округа Самара", "Утверждено", "да", "42", "Согласование", "2"},
		{"630002", "@SUM(1)", "государственная", "MIO", "", "нет", "нет"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("registry rows (-want +got):\n%s", diff)
	}
	if raw := rawCell(t, sheetXML(t, data, SheetRegistry), "B3"); strings.Contains(raw, "<f>") {
		t.Errorf("B3 = %s, want text", raw)
	}
	panes, err := f.GetPanes(SheetRegistry)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	var _ = excelize.Cell{}
}
