package reports

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"pcii/charts"
)

var testAuthorities = []charts.Authority{
	{Code: "MSDSP", Name: "Министерство социально-демографической и семейной политики Самарской области", ShortName: "Минсоцдемографии"},
	{Code: "FNS", Name: "Управление ФНС России по Самарской области", ShortName: "ФНС"},
	{Code: "PFR", Name: "Отделение Пенсионного фонда РФ по Самарской области", ShortName: "ПФР"},
}

var testDataKinds = []charts.DataKind{
	{Code: "SID0003944", Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS", Namespace: "urn://x-artefacts-fns-vipul-tosmv-ru/311-14/4.0.6"},
	{Code: "VS00648v001_PFR001", Name: "Сведения о размере пенсии", ProviderCode: "PFR"},
}

func testMatcher() *ListMatcher { return NewListMatcher(testAuthorities, testDataKinds) }

func testChartForm() ChartForm {
	m := testMatcher()
	return ChartForm{
		ServiceCode:   "6300000010000000001",
		ServiceName:   "Выдача государственного сертификата на материнский капитал",
		AuthorityName: testAuthorities[0].Name,
		Revision:      3,
		Requisites:    "Протокол комиссии № 12-П от 12.03.2012",
		Body: charts.ChartBody{
			ServiceCode: "6300000010000000001",
			LegalBasis:  "Федеральный закон от 27.07.2010 № 210-ФЗ",
			Interactions: []charts.Interaction{
				{
					RequestedDocument: "Выписка из ЕГРЮЛ", DataComposition: "ОГРН, ИНН, наименование",
					RequesterCode: "MSDSP", ProviderCode: "FNS", DataKindCode: "SID0003944",
					DeadlineDays: 5, LegalBasis: "ст. 7.2 210-ФЗ", InformationResource: "ЕГРЮЛ",
					RequestForm: "Форма по SID0003944", RequestSample: "=образец",
				},
				{
					RequestedDocument: "Сведения о размере пенсии", DataComposition: "Размер пенсии\nна дату запроса",
					RequesterCode: "MSDSP", ProviderCode: "PFR", DataKindCode: "VS00648v001_PFR001",
					DeadlineDays: 7, DeadlineBasis: "Постановление Правительства РФ № 697",
					Deadline: &charts.Deadline{
						Total:  charts.Term{Value: 10, Unit: charts.UnitCalendarDays},
						Send:   charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
						Answer: charts.Term{Value: 7, Unit: charts.UnitWorkingDays},
						Attach: charts.Term{Value: 24, Unit: charts.UnitHours},
					},
				},
			},
			Amendments: []charts.ActAmendment{{Act: "Постановление Правительства Самарской области № 1", Change: "Исключить требование справки", Due: "2012-07-01"}},
		},
		AuthorityNames: func(code string) string {
			for _, a := range testAuthorities {
				if a.Code == code {
					return a.Name
				}
			}
			return ""
		},
		DataKindNames: func(code string) string {
			if d, ok := m.DataKindByCodeOrName(code); ok {
				return d.Name
			}
			return ""
		},
	}
}

func TestWriteChartFormLayout(t *testing.T) {
	data := render(t, func(w io.Writer) error { return WriteChartForm(w, testChartForm()) })
	f := openBytes(t, data)
	tests := []struct{ cell, want string }{
		{"A1", "Технологическая карта межведомственного взаимодействия"},
		{"B2", "Выдача государственного сертификата на материнский капитал"},
		{"B3", "6300000010000000001"},
		{"B6", "Протокол комиссии № 12-П от 12.03.2012"},
		{"A9", "Реквизиты актуальной ТКМВ"},
		{"B9", "Наименование запрашиваемого документа (сведения)"},
		{"C9", "Перечень и состав сведений"},
		{"D9", "Наименование органа, направляющего межведомственный запрос"},
		{"E9", "Наименование органа, в адрес которого направляется запрос"},
		{"F9", "SID электронного сервиса / вид сведений"},
		{"G9", "Срок осуществления межведомственного взаимодействия"},
		{"G10", "Общий срок"},
		{"H10", "Направление запроса"},
		{"I10", "Подготовка ответа"},
		{"J10", "Приобщение ответа к делу"},
		{"K9", "Форма (шаблон) межведомственного запроса"},
		{"L9", "Образец заполнения формы запроса"},
		{"I11", "7.3"},
		{"A12", "Протокол комиссии № 12-П от 12.03.2012"},
		{"E12", "Управление ФНС России по Самарской области"},
		{"F12", "SID0003944 — Выписка из ЕГРЮЛ"},
		{"G12", ""},
		{"I12", "5 рабочих дней"},
		{"G13", "10 календарных дней"},
		{"H13", "1 рабочий день"},
		{"I13", "7 рабочих дней"},
		{"J13", "24 часа"},
		{"A15", amendmentsTitle},
		{"D17", "01.07.2012"},
	}
	for _, tt := range tests {
		got, err := f.GetCellValue(SheetChartForm, tt.cell)
		if err != nil {
			t.Fatalf("GetCellValue(%s): %v", tt.cell, err)
		}
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.cell, got, tt.want)
		}
	}
	merges, err := f.GetMergeCells(SheetChartForm)
	if err != nil {
		t.Fatalf("GetMergeCells: %v", err)
	}
	got := map[string]bool{}
	for _, m := range merges {
		got[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, want := range []string{"G9:J9", "A9:A10", "B9:B10", "L9:L10", "A12:A13", "B2:O2"} {
		if !got[want] {
			t.Errorf("merged ranges lack %s; have %v", want, got)
		}
	}
	if raw := rawCell(t, sheetXML(t, data, SheetChartForm), "L12"); strings.Contains(raw, "<f>") {
		t.Errorf("cell L12 = %s, want text, not a formula", raw)
	}
}

func TestChartFormRoundTrip(t *testing.T) {
	form := testChartForm()
	data := render(t, func(w io.Writer) error { return WriteChartForm(w, form) })
	body, problems, err := ReadChartForm(bytes.NewReader(data), Limits{}, testMatcher())
	if err != nil {
		t.Fatalf("ReadChartForm: %v", err)
	}
	if len(problems) != 0 {
		t.Errorf("problems = %v, want none", problems)
	}
	if diff := cmp.Diff(form.Body, body); diff != "" {
		t.Errorf("body read back (-written +read):\n%s", diff)
	}
}

// departmentChart builds a chart the way a department keeps one. It has a
// free title, a note above the table and the header at row 5 with one
// deadline column. Below come a numbering row, names in place of codes, a
// note merged across the table and a few mistakes.
func departmentChart(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	sheet := "Лист1"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"ТЕХНОЛОГИЧЕСКАЯ КАРТА"},
		{"Реестровый номер услуги: 6300000010000000001"},
		{"", "Утверждена протоколом № 5"},
		{"Внимание: заполняется органом"},
		{"№ п/п", "Наименование запрашиваемого\nдокумента (сведения)", "Перечень и состав сведений", "Наименование органа, направляющего межведомственный запрос", "Наименование органа, в адрес которого направляется запрос", "SID электронного сервиса / вид сведений", "Срок", "Форма (шаблон) межведомственного запроса", "Образец заполнения"},
		{1, 2, 3, 4, 5, 6, 7, 8, 9},
		{"1", "Выписка из ЕГРЮЛ", "ОГРН", "Минсоцдемографии", "ФНС", "Выписка из ЕГРЮЛ", "5 р.д.", "", ""},
		{"2", "Сведения о пенсии", "Размер", "", "ПФР", "VS00648v001_PFR001", "3 календарных дня", "", ""},
		{"Раздел 2. Прочие сведения"},
		{"3", "Справка", "Сведения", "Минсоцдемографии", "Министерство неизвестных дел", "SID0003944", "5 дней", "", ""},
		{"4", "Выписка", "", "Минсоцдемографии", "ПФР", "SID0003944", "", "", ""},
		{"* Примечание: сроки указаны в рабочих днях"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, cellName(1, i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell(sheet, "A9", "I9"); err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell(sheet, "D7", "D8"); err != nil {
		t.Fatal(err)
	}
	return xlsxBytes(t, f)
}

func TestReadChartFormDepartmentLayout(t *testing.T) {
	body, problems, err := ReadChartForm(bytes.NewReader(departmentChart(t)), Limits{}, testMatcher())
	if err != nil {
		t.Fatalf("ReadChartForm: %v", err)
	}
	want := charts.ChartBody{
		ServiceCode: "6300000010000000001",
		Interactions: []charts.Interaction{
			{RequestedDocument: "Выписка из ЕГРЮЛ", DataComposition: "ОГРН", RequesterCode: "MSDSP", ProviderCode: "FNS", DataKindCode: "SID0003944", DeadlineDays: 5},
			{RequestedDocument: "Сведения о пенсии", DataComposition: "Размер", RequesterCode: "MSDSP", ProviderCode: "PFR", DataKindCode: "VS00648v001_PFR001",
				Deadline: &charts.Deadline{Answer: charts.Term{Value: 3, Unit: charts.UnitCalendarDays}}},
			{RequestedDocument: "Справка", DataComposition: "Сведения", RequesterCode: "MSDSP", DataKindCode: "SID0003944", DeadlineDays: 5},
			{RequestedDocument: "Выписка", RequesterCode: "MSDSP", ProviderCode: "PFR", DataKindCode: "SID0003944", DeadlineDays: 5},
		},
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	type place struct {
		cell string
		text string
	}
	var got []place
	for _, p := range problems {
		got = append(got, place{p.Cell, p.Message})
	}
	wantCells := []struct{ cell, contains string }{
		{"E10", "Министерство неизвестных дел"},
		{"G10", "рабочие или календарные"},
		{"F11", "предоставляет орган с кодом FNS"},
	}
	if len(problems) != len(wantCells) {
		t.Fatalf("problems = %v, want %d", got, len(wantCells))
	}
	for i, w := range wantCells {
		if problems[i].Cell != w.cell || !strings.Contains(problems[i].Message, w.contains) || problems[i].Sheet != "Лист1" {
			t.Errorf("problem %d = %+v, want cell %s with %q", i, problems[i], w.cell, w.contains)
		}
	}
}

func TestReadChartFormNoTable(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetCellStr("Sheet1", "A1", "Просто текст"); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadChartForm(bytes.NewReader(xlsxBytes(t, f)), Limits{}, testMatcher())
	if !errorsIs(err, ErrNoTable) {
		t.Fatalf("error = %v, want ErrNoTable", err)
	}
	if msg := UserMessage(err); !strings.Contains(msg, "Не найдена таблица ТКМВ") {
		t.Errorf("user message = %q, want it to say the table is missing", msg)
	}
}

func TestParseTerm(t *testing.T) {
	tests := []struct {
		in      string
		want    charts.Term
		wantErr string
	}{
		{"5 рабочих дней", charts.Term{Value: 5, Unit: charts.UnitWorkingDays}, ""},
		{"1 рабочий день", charts.Term{Value: 1, Unit: charts.UnitWorkingDays}, ""},
		{"3 календарных дня", charts.Term{Value: 3, Unit: charts.UnitCalendarDays}, ""},
		{"24 часа", charts.Term{Value: 24, Unit: charts.UnitHours}, ""},
		{"2 ч.", charts.Term{Value: 2, Unit: charts.UnitHours}, ""},
		{"5", charts.Term{Value: 5, Unit: charts.UnitWorkingDays}, ""},
		{" 5 р.д. ", charts.Term{Value: 5, Unit: charts.UnitWorkingDays}, ""},
		{"в течение 5 рабочих дней со дня получения запроса", charts.Term{Value: 5, Unit: charts.UnitWorkingDays}, ""},
		{"Не более 10 КАЛЕНДАРНЫХ ДНЕЙ", charts.Term{Value: 10, Unit: charts.UnitCalendarDays}, ""},
		{"5 дней", charts.Term{}, "рабочие или календарные"},
		{"пять дней", charts.Term{}, "не распознан"},
		{"5 недель", charts.Term{}, "не распознана"},
		{"", charts.Term{}, "не распознан"},
	}
	for _, tt := range tests {
		got, err := ParseTerm(tt.in)
		if tt.wantErr == "" && err != nil {
			t.Errorf("ParseTerm(%q) error = %v", tt.in, err)
		}
		if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("ParseTerm(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
		}
		if got != tt.want {
			t.Errorf("ParseTerm(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestFormatTerm(t *testing.T) {
	tests := []struct {
		term charts.Term
		want string
	}{
		{charts.Term{Value: 1, Unit: charts.UnitWorkingDays}, "1 рабочий день"},
		{charts.Term{Value: 3, Unit: charts.UnitWorkingDays}, "3 рабочих дня"},
		{charts.Term{Value: 11, Unit: charts.UnitWorkingDays}, "11 рабочих дней"},
		{charts.Term{Value: 21, Unit: charts.UnitCalendarDays}, "21 календарный день"},
		{charts.Term{Value: 22, Unit: charts.UnitHours}, "22 часа"},
		{charts.Term{Value: 48, Unit: charts.UnitHours}, "48 часов"},
		{charts.Term{}, ""},
	}
	for _, tt := range tests {
		if got := FormatTerm(tt.term); got != tt.want {
			t.Errorf("FormatTerm(%+v) = %q, want %q", tt.term, got, tt.want)
		}
	}
}
