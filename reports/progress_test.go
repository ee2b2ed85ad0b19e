package reports

import (
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// pilotProgress is the pilot region's report as of 1 December 2011.
func pilotProgress(t testing.TB) Progress {
	loc := samara(t)
	decided := time.Date(2012, 3, 12, 10, 0, 0, 0, loc)
	return Progress{
		// 21:30 UTC on 30 November is already 1 December in Samara.
		DataDate:    time.Date(2011, 11, 30, 21, 30, 0, 0, time.UTC),
		GeneratedAt: time.Date(2011, 12, 2, 6, 15, 0, 0, time.UTC),
		Region:      "Самарская область",
		Location:    loc,
		State:       Funnel{Services: 331, Passports: 331, InInteraction: 112, Agreed: 112, Approved: 106},
		Municipal:   Funnel{Services: 2036, Passports: 1501, InInteraction: 503, Agreed: 411, Approved: 0},
		Authorities: []FunnelRow{
			{Name: "Министерство социально-демографической и семейной политики Самарской области", Code: "MSDSP", Funnel: Funnel{Services: 40, Passports: 40, InInteraction: 20, Agreed: 18, Approved: 17}},
			{Name: "Министерство имущественных отношений Самарской области", Code: "MIO", Funnel: Funnel{Services: 12, Passports: 10, InInteraction: 0, Agreed: 0, Approved: 0}},
		},
		Municipalities: []FunnelRow{
			{Name: "Городской округ Самара", Code: "36701000", Funnel: Funnel{Services: 120, Passports: 100, InInteraction: 50, Agreed: 40, Approved: 0}},
		},
		Charts: []ChartLine{
			{
				ID: 17, ServiceCode: "6300000010000000001", ServiceName: "Выдача государственного сертификата на материнский капитал",
				AuthorityName: "Министерство социально-демографической и семейной политики Самарской области", State: "agreement",
				Agreements: []AgreementLine{
					{ProviderName: "ФНС", Status: AgreementAgreed, DecidedAt: &decided},
					{ProviderName: "ПФР", Status: AgreementPending},
				},
				DaysInState: 4,
			},
			{
				ID: 18, ServiceCode: "6300000010000000002", ServiceName: "=HYPERLINK(\"http://example.invalid\",\"x\")",
				AuthorityName: "Министерство строительства Самарской области", State: "approved",
				Decision: "12-П", DecisionDate: &decided, DaysInState: 30,
			},
		},
		Overdue: []OverdueLine{
			{Kind: OverdueAgreement, ChartID: 17, ServiceName: "Выдача государственного сертификата на материнский капитал", WaitingFor: "ПФР",
				Since: time.Date(2011, 11, 21, 9, 0, 0, 0, loc), Due: time.Date(2011, 11, 28, 18, 0, 0, 0, loc), WorkingDaysOverdue: 3},
		},
	}
}

func TestWriteProgressSummaryValues(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	f := openBytes(t, data)
	tests := []struct {
		cell string
		want string
	}{
		{"A1", "Ход перехода на межведомственное взаимодействие: Самарская область"},
		{"B2", "01.12.2011"},
		{"B3", "02.12.2011 10:15"},
		{"A7", "Государственные"},
		{"B7", "331"},
		{"C7", "331"},
		{"D7", "100%"},
		{"F7", "34%"},
		{"H7", "100%"},
		{"J7", "95%"},
		{"B8", "2036"},
		{"D8", "74%"},
		{"G8", "411"},
		{"H8", "82%"},
		{"J8", "0%"},
		{"A9", "Итого"},
		{"B9", "2367"},
		{"C9", "1832"},
		{"E9", "615"},
		{"G9", "523"},
		{"I9", "106"},
		{"D9", "77%"},
		{"A13", "Услуг"},
		{"B13", "331"},
		{"C16", "411"},
	}
	for _, tt := range tests {
		got, err := f.GetCellValue(SheetSummary, tt.cell)
		if err != nil {
			t.Fatalf("GetCellValue(%s): %v", tt.cell, err)
		}
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

// progressBytes writes the progress report into memory.
func progressBytes(t testing.TB, p Progress) []byte {
	t.Helper()
	return render(t, func(w io.Writer) error { return WriteProgress(w, p) })
}

func TestWriteProgressFormulasCached(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	xml := sheetXML(t, data, SheetSummary)
	tests := []struct {
		cell, formula string
		value         float64
	}{
		{"B9", "SUM(B7:B8)", 2367},
		{"C9", "SUM(C7:C8)", 1832},
		{"I9", "SUM(I7:I8)", 106},
		{"D9", "IF(B9=0,0,C9/B9)", 1832.0 / 2367.0},
		{"J9", "IF(G9=0,0,I9/G9)", 106.0 / 523.0},
		{"D8", "IF(B8=0,0,C8/B8)", 1501.0 / 2036.0},
		{"J8", "IF(G8=0,0,I8/G8)", 0},
		{"B16", "G7", 112},
	}
	cached := regexp.MustCompile(`<f>(.*?)</f><v>(.*?)</v>`)
	for _, tt := range tests {
		raw := rawCell(t, xml, tt.cell)
		m := cached.FindStringSubmatch(raw)
		if m == nil {
			t.Errorf("cell %s XML = %s, want a formula with a cached value", tt.cell, raw)
			continue
		}
		if m[1] != tt.formula {
			t.Errorf("cell %s formula = %s, want %s", tt.cell, m[1], tt.formula)
		}
		value, err := strconv.ParseFloat(m[2], 64)
		if err != nil || math.Abs(value-tt.value) > 1e-12 {
			t.Errorf("cell %s cached value = %s, want %v", tt.cell, m[2], tt.value)
		}
		if strings.Contains(raw, `t="str"`) {
			t.Errorf("cell %s XML = %s, want a numeric cached value, not t=\"str\"", tt.cell, raw)
		}
	}
	f := openBytes(t, data)
	formula, err := f.GetCellFormula(SheetSummary, "B9")
	if err != nil || formula != "SUM(B7:B8)" {
		t.Errorf("GetCellFormula(B9) = %q, %v, want SUM(B7:B8)", formula, err)
	}
}

func TestWriteProgressNumberFormats(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	f := openBytes(t, data)
	tests := []struct {
		sheet, cell string
		numFmt      int
		custom      string
	}{
		{SheetSummary, "B7", 1, ""},
		{SheetSummary, "D7", percentFormat, ""},
		{SheetSummary, "D9", percentFormat, ""},
		{SheetSummary, "B2", 0, dateFormat},
		{SheetSummary, "B3", 0, dateTimeFormat},
		{SheetAuthorities, "D3", 1, ""},
		{SheetAuthorities, "E3", percentFormat, ""},
		{SheetAuthorities, "E5", percentFormat, ""},
		{SheetCharts, "H3", 0, dateFormat},
		{SheetOverdue, "E2", 0, dateFormat},
	}
	for _, tt := range tests {
		id, err := f.GetCellStyle(tt.sheet, tt.cell)
		if err != nil {
			t.Fatalf("GetCellStyle(%s!%s): %v", tt.sheet, tt.cell, err)
		}
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatalf("GetStyle(%d): %v", id, err)
		}
		custom := ""
		if style.CustomNumFmt != nil {
			custom = *style.CustomNumFmt
		}
		if style.NumFmt != tt.numFmt || custom != tt.custom {
			t.Errorf("%s!%s number format = %d %q, want %d %q", tt.sheet, tt.cell, style.NumFmt, custom, tt.numFmt, tt.custom)
		}
	}
}

func TestWriteProgressSheetSetup(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	f := openBytes(t, data)
	wantSheets := []string{SheetSummary, SheetAuthorities, SheetMunicipalities, SheetCharts, SheetOverdue}
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	panes := map[string]int{SheetSummary: 6, SheetAuthorities: 2, SheetMunicipalities: 2, SheetCharts: 1, SheetOverdue: 1}
	for sheet, rows := range panes {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatalf("GetPanes(%s): %v", sheet, err)
		}
		if !p.Freeze || p.YSplit != rows {
			t.Errorf("%s panes = freeze %v, ySplit %d; want frozen %d rows", sheet, p.Freeze, p.YSplit, rows)
		}
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatalf("GetPageLayout(%s): %v", sheet, err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" {
			t.Errorf("%s orientation = %v, want landscape", sheet, layout.Orientation)
		}
	}
	// excelize 2.11 writes the autofilter range with absolute references.
	filters := map[string]string{SheetAuthorities: "$A$2:$K$4", SheetMunicipalities: "$A$2:$K$3", SheetCharts: "$A$1:$I$3", SheetOverdue: "$A$1:$G$2"}
	for sheet, ref := range filters {
		if xml := sheetXML(t, data, sheet); !strings.Contains(xml, `<autoFilter ref="`+ref+`"`) {
			t.Errorf("%s has no autofilter %s", sheet, ref)
		}
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	wantTitles := map[string]string{
		SheetSummary:        "'Сводка'!$5:$6",
		SheetAuthorities:    "'По органам'!$1:$2",
		SheetMunicipalities: "'По муниципалитетам'!$1:$2",
		SheetCharts:         "'Карты'!$1:$1",
		SheetOverdue:        "'Просрочки'!$1:$1",
	}
	if diff := cmp.Diff(wantTitles, titles); diff != "" {
		t.Errorf("print titles (-want +got):\n%s", diff)
	}
}

func TestWriteProgressChartPresent(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	chart := zipPart(t, data, "xl/charts/chart1.xml")
	if chart == "" {
		t.Fatal("workbook has no xl/charts/chart1.xml")
	}
	for _, want := range []string{"<barChart>", `<barDir val="col">`, "&#39;Сводка&#39;!$B$13:$B$17", "&#39;Сводка&#39;!$C$13:$C$17", "&#39;Сводка&#39;!$A$13:$A$17"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart XML lacks %s", want)
		}
	}
	if xml := sheetXML(t, data, SheetSummary); !strings.Contains(xml, "<drawing ") {
		t.Error("summary sheet has no drawing element, the chart is not attached")
	}
}

func TestWriteProgressDocProps(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	props, err := openBytes(t, data).GetDocProps()
	if err != nil {
		t.Fatalf("GetDocProps: %v", err)
	}
	want := excelize.DocProperties{
		Title:          "Ход перехода на межведомственное взаимодействие: Самарская область",
		Subject:        "Данные на 01.12.2011",
		Description:    "Сформирован 02.12.2011 10:15 (Europe/Samara)",
		Creator:        "pcii",
		LastModifiedBy: "pcii",
		Created:        "2011-12-02T06:15:00Z",
		Modified:       "2011-12-02T06:15:00Z",
		Language:       "ru-RU",
	}
	got := excelize.DocProperties{
		Title: props.Title, Subject: props.Subject, Description: props.Description, Creator: props.Creator,
		LastModifiedBy: props.LastModifiedBy, Created: props.Created, Modified: props.Modified, Language: props.Language,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document properties (-want +got):\n%s", diff)
	}
}

func TestWriteProgressListSheets(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	f := openBytes(t, data)
	tests := []struct {
		sheet string
		want  [][]string
	}{
		{SheetCharts, [][]string{
			chartListHeaders,
			{"17", "6300000010000000001", "Выдача государственного сертификата на материнский капитал", "Министерство социально-демографической и семейной политики Самарской области", "Согласование", "ФНС: согласовано 12.03.2012; ПФР: ожидается", "", "", "4"},
			{"18", "6300000010000000002", "=HYPERLINK(\"http://example.invalid\",\"x\")", "Министерство строительства Самарской области", "Утверждено", "", "12-П", "12.03.2012", "30"},
		}},
		{SheetOverdue, [][]string{
			overdueHeaders,
			{"Согласование", "17", "Выдача государственного сертификата на материнский капитал", "ПФР", "21.11.2011", "28.11.2011", "3"},
		}},
		{SheetAuthorities, [][]string{
			{"Орган", "Код", "Услуг", "С паспортом", "", "В межведомственном взаимодействии", "", "ТКМВ согласовано", "", "Утверждено комиссией", ""},
			{"", "", "", "кол-во", "доля", "кол-во", "доля", "кол-во", "доля", "кол-во", "доля"},
			{"Министерство социально-демографической и семейной политики Самарской области", "MSDSP", "40", "40", "100%", "20", "50%", "18", "90%", "17", "94%"},
			{"Министерство имущественных отношений Самарской области", "MIO", "12", "10", "83%", "0", "0%", "0", "0%", "0", "0%"},
			{"Итого", "", "52", "50", "96%", "20", "40%", "18", "90%", "17", "94%"},
		}},
	}
	for _, tt := range tests {
		rows, err := f.GetRows(tt.sheet)
		if err != nil {
			t.Fatalf("GetRows(%s): %v", tt.sheet, err)
		}
		for i := range rows {
			for len(rows[i]) < len(tt.want[0]) {
				rows[i] = append(rows[i], "")
			}
		}
		if diff := cmp.Diff(tt.want, rows); diff != "" {
			t.Errorf("%s rows (-want +got):\n%s", tt.sheet, diff)
		}
	}
}

func TestWriteProgressTextNotFormula(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	raw := rawCell(t, sheetXML(t, data, SheetCharts), "C3")
	if strings.Contains(raw, "<f>") {
		t.Errorf("cell C3 = %s, want no formula element", raw)
	}
	if !strings.Contains(raw, `t="inlineStr"`) {
		t.Errorf("cell C3 = %s, want an inline string", raw)
	}
}

func TestWriteProgressColumnWidths(t *testing.T) {
	data := progressBytes(t, pilotProgress(t))
	f := openBytes(t, data)
	// "ФНС: согласовано 12.03.2012; ПФР: ожидается" has 43 runes and 64 bytes.
	width, err := f.GetColWidth(SheetCharts, "F")
	if err != nil {
		t.Fatalf("GetColWidth: %v", err)
	}
	if width < 43 || width > 60 {
		t.Errorf("column F width = %v, want between 43 and 60 (runes, not bytes)", width)
	}
	code, err := f.GetColWidth(SheetAuthorities, "B")
	if err != nil {
		t.Fatalf("GetColWidth: %v", err)
	}
	if code < minColumnWidth || code > 12 {
		t.Errorf("code column width = %v, want a narrow column", code)
	}
}

func TestWriteProgressDeterministic(t *testing.T) {
	p := pilotProgress(t)
	first := openBytes(t, progressBytes(t, p))
	second := openBytes(t, progressBytes(t, p))
	for _, sheet := range first.GetSheetList() {
		a, err := first.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := second.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("sheet %s differs between two runs (-first +second):\n%s", sheet, diff)
		}
	}
}

func TestWriteProgressEmpty(t *testing.T) {
	p := Progress{Location: time.UTC, DataDate: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), GeneratedAt: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)}
	data := progressBytes(t, p)
	xml := sheetXML(t, data, SheetAuthorities)
	if raw := rawCell(t, xml, "C3"); !strings.Contains(raw, "<f>0</f><v>0</v>") {
		t.Errorf("total of an empty list = %s, want formula 0 with value 0", raw)
	}
	if raw := rawCell(t, sheetXML(t, data, SheetSummary), "D9"); !strings.Contains(raw, "<v>0</v>") {
		t.Errorf("share with zero base = %s, want 0", raw)
	}
}

func TestWriteProgressNilLocation(t *testing.T) {
	err := WriteProgress(&strings.Builder{}, Progress{})
	if err == nil || !strings.Contains(err.Error(), "Location is nil") {
		t.Errorf("WriteProgress without location = %v, want an error naming Location", err)
	}
}
