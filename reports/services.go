package reports

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"pcii/charts"
)

// ServiceRecord is one service read from a services register with the
// documents of its passport.
type ServiceRecord struct {
	// Code is the registry number, the key of the service.
	Code string
	Name string
	// Level is charts.ServiceState or charts.ServiceMunicipal.
	Level         string
	AuthorityCode string
	Documents     []charts.PassportDocument
	// Row is the 1-based row where the service first appears.
	Row int
}

// Service returns the register entry of the record.
func (s ServiceRecord) Service() charts.Service {
	return charts.Service{Code: s.Code, Name: s.Name, Level: s.Level, AuthorityCode: s.AuthorityCode}
}

// Passport returns the passport body the record describes.
func (s ServiceRecord) Passport() charts.PassportBody {
	return charts.PassportBody{
		ServiceCode:    s.Code,
		RegistryNumber: s.Code,
		Name:           s.Name,
		Level:          s.Level,
		ProviderCode:   s.AuthorityCode,
		LegalActs:      []charts.LegalAct{},
		Documents:      s.Documents,
	}
}

// SheetServices is the sheet name of the services register template.
const SheetServices = "Услуги"

// Columns of the services register.
const (
	svcCode = 1 + iota
	svcName
	svcLevel
	svcAuthority
	svcDocument
	svcSource
	svcDataKind
	svcColumns = svcDataKind
)

var serviceHeaders = map[int]string{
	svcCode:      "Реестровый номер услуги",
	svcName:      "Наименование услуги",
	svcLevel:     "Уровень услуги",
	svcAuthority: "Код органа, предоставляющего услугу",
	svcDocument:  "Наименование документа",
	svcSource:    "Источник документа",
	svcDataKind:  "Код вида сведений",
}

// Values of the level and source columns, as the template offers them.
var (
	levelValues  = []string{"государственная", "муниципальная"}
	sourceValues = []string{"заявитель", "межведомственный"}
)

func classifyServiceHeader(text string) int {
	t := matchKey(text)
	switch {
	case t == "":
		return 0
	case strings.Contains(t, "реестровый номер"):
		return svcCode
	case strings.Contains(t, "наименование услуги"):
		return svcName
	case strings.Contains(t, "уровень"):
		return svcLevel
	case strings.Contains(t, "код органа") || strings.HasPrefix(t, "орган"):
		return svcAuthority
	case strings.Contains(t, "источник"):
		return svcSource
	case strings.Contains(t, "вид сведений") || strings.Contains(t, "вида сведений"):
		return svcDataKind
	case strings.Contains(t, "документ"):
		return svcDocument
	}

	return 0
}

// servicesTemplateRows is how many rows the template's drop-down lists and
// text formats cover.
const servicesTemplateRows = 10_000

// WriteServicesTemplate writes a blank services register to w. Its sheet
// "Услуги" has the header row, text format on the code columns so that long
// registry numbers keep their digits, and drop-down lists for the level and
// the source. A sheet "Инструкция" explains how to fill it in.
func WriteServicesTemplate(w io.Writer) error {
	f := excelize.NewFile()
	if err := writeServicesTemplate(f); err != nil {
		_ = f.Close()
		return fmt.Errorf("write services template: %w", err)
	}

	return writeWorkbook(f, w)
}

func writeServicesTemplate(f *excelize.File) error {
	st, err := newStyleSet(f)
	if err != nil {
		return err
	}

	if err := addSheet(f, SheetServices, true); err != nil {
		return err
	}

	meter := newWidthMeter(svcColumns)
	for col := 1; col <= svcColumns; col++ {
		if err := f.SetCellStr(SheetServices, cellName(col, 1), serviceHeaders[col]); err != nil {
			return err
		}
		meter.addHeader(col-1, serviceHeaders[col])
	}

	meter.add(svcName-1, strings.Repeat("ж", 40))
	meter.add(svcDocument-1, strings.Repeat("ж", 30))
	meter.add(svcLevel-1, levelValues[0])
	meter.add(svcSource-1, sourceValues[1])
	meter.add(svcCode-1, "0000000000000000000")
	for i, width := range meter.widths() {
		if err := f.SetColWidth(SheetServices, columnName(i+1), columnName(i+1), width); err != nil {
			return err
		}
	}

	if err := f.SetCellStyle(SheetServices, "A1", cellName(svcColumns, 1), st.header); err != nil {
		return err
	}

	if err := f.SetRowHeight(SheetServices, 1, 45); err != nil {
		return err
	}

	if err := setServiceFormats(f, st); err != nil {
		return err
	}

	if err := f.SetPanes(SheetServices, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	if err := f.AutoFilter(SheetServices, "A1:"+cellName(svcColumns, 1), nil); err != nil {
		return err
	}

	if err := setLandscape(f, SheetServices); err != nil {
		return err
	}

	return writeServicesInstructions(f, st)
}

// setServiceFormats sets text format on the code columns and drop-down
// lists on the level and source columns.
func setServiceFormats(f *excelize.File, st styleSet) error {
	textFormat, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}

	for _, col := range []int{svcCode, svcAuthority, svcDataKind} {
		name := columnName(col)
		if err := f.SetColStyle(SheetServices, name, textFormat); err != nil {
			return err
		}
	}

	// SetColStyle restyles the header cells too, so they get theirs back.
	if err := f.SetCellStyle(SheetServices, "A1", cellName(svcColumns, 1), st.header); err != nil {
		return err
	}

	lists := []struct {
		col    int
		values []string
	}{{svcLevel, levelValues}, {svcSource, sourceValues}}
	for _, list := range lists {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", columnName(list.col), columnName(list.col), servicesTemplateRows)
		if err := dv.SetDropList(list.values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Недопустимое значение", "Выберите значение из списка: "+strings.Join(list.values, ", "))
		if err := f.AddDataValidation(SheetServices, dv); err != nil {
			return err
		}
	}

	return nil
}

// servicesInstructions explain the layout of the services register.
var servicesInstructions = []string{
	"Как заполнить реестр услуг",
	"1. Одна строка — один документ паспорта услуги. Для услуги с несколькими документами заполните реестровый номер, наименование, уровень и код органа в первой строке; в следующих строках можно оставить их пустыми или повторить.",
	"2. Реестровый номер — номер услуги в реестре ФРГУ или РГУ. Он идентифицирует услугу: строки с одним номером относятся к одной услуге.",
	"3. Уровень услуги — «государственная» или «муниципальная».",
	"4. Код органа — код органа, предоставляющего услугу, из реестра органов.",
	"5. Источник документа — «заявитель», если документ представляет заявитель, или «межведомственный», если документ запрашивается в порядке межведомственного взаимодействия.",
	"6. Код вида сведений — SID электронного сервиса или код вида сведений для межведомственного документа; для документа заявителя оставьте пустым.",
	"7. Строку заголовков можно перенести ниже, над ней можно оставить название и примечания.",
}

func writeServicesInstructions(f *excelize.File, st styleSet) error {
	const sheet = "Инструкция"
	if err := addSheet(f, sheet, false); err != nil {
		return err
	}

	for i, line := range servicesInstructions {
		if err := f.SetCellStr(sheet, cellName(1, i+1), line); err != nil {
			return err
		}
	}

	if err := f.SetColWidth(sheet, "A", "A", 120); err != nil {
		return err
	}

	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}

	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}

	return f.SetCellStyle(sheet, "A2", cellName(1, len(servicesInstructions)), wrap)
}

// scientificNumber matches a registry number that Excel stored as a number
// and shows in exponent form, having lost its last digits.
var scientificNumber = regexp.MustCompile(`^\d(?:[.,]\d+)?[eE]\+?\d+$`)

// servicesReader holds the state of one ReadServices call.
type servicesReader struct {
	g        grid
	cols     map[int]int
	problems *problemList
	records  []ServiceRecord
	byCode   map[string]int
}

// ReadServices reads a services register in the layout WriteServicesTemplate
// writes: on the first sheet that has it, a header row (found among the
// first 60 rows) naming at least the registry number, the service name and
// the document, then one row per passport document. A row with an empty
// registry number continues the service above it, and rows with the same
// number anywhere in the sheet are one service. Missing or unreadable values
// become Problems, in Russian. The error is a *RejectError when the file
// fails the checks of lim or has no such header.
func ReadServices(r io.Reader, lim Limits) ([]ServiceRecord, []Problem, error) {
	lim = lim.withDefaults()
	data, err := readUpload(r, lim)
	if err != nil {
		return nil, nil, fmt.Errorf("read services register: %w", err)
	}

	wb, err := openUpload(data, lim)
	if err != nil {
		return nil, nil, fmt.Errorf("read services register: %w", err)
	}

	defer wb.close()
	for _, sheet := range wb.file.GetSheetList() {
		g, err := wb.readGrid(sheet)
		if err != nil {
			return nil, nil, fmt.Errorf("read services register: %w", err)
		}
		header, cols, ok := findServicesHeader(g)
		if !ok {
			continue
		}
		sr := &servicesReader{g: g, cols: cols, problems: &problemList{}, byCode: map[string]int{}}
		for row := header + 1; row < len(g.cells); row++ {
			sr.readRow(row)
		}
		return sr.records, sr.problems.items, nil
	}

	return nil, nil, fmt.Errorf("read services register: %w", reject(ErrNoTable,
		"Не найдена таблица услуг: ни на одном листе в первых %d строках нет заголовков «%s», «%s» и «%s». Заполните файл по шаблону.",
		headerSearchRows, serviceHeaders[svcCode], serviceHeaders[svcName], serviceHeaders[svcDocument]))
}

func findServicesHeader(g grid) (int, map[int]int, bool) {
	for row := 0; row < len(g.cells) && row < headerSearchRows; row++ {
		cols := map[int]int{}
		for col := range g.cells[row] {
			if kind := classifyServiceHeader(g.cell(row, col)); kind != 0 {
				if _, seen := cols[kind]; !seen {
					cols[kind] = col
				}
			}
		}
		_, hasCode := cols[svcCode]
		_, hasName := cols[svcName]
		_, hasDoc := cols[svcDocument]
		if hasCode && hasName && hasDoc {
			return row, cols, true
		}
	}

	return 0, nil, false
}

func (sr *servicesReader) field(row, kind int) string {
	col, ok := sr.cols[kind]
	if !ok {
		return ""
	}

	return sr.g.cell(row, col)
}

func (sr *servicesReader) addProblem(row, kind int, format string, args ...any) {
	col := 0
	if c, ok := sr.cols[kind]; ok {
		col = c + 1
	}

	sr.problems.add(sr.g.sheet, row+1, col, format, args...)
}

func (sr *servicesReader) readRow(row int) {
	if sr.g.blankRow(row) {
		return
	}

	code := sr.field(row, svcCode)
	var record *ServiceRecord
	switch {
	case code != "":
		record = sr.service(row, code)
	case len(sr.records) > 0:
		record = &sr.records[len(sr.records)-1]
		if !sr.continues(row, record) {
			return
		}
	default:
		sr.addProblem(row, svcCode, "Не указан реестровый номер услуги. Заполните его в первой строке каждой услуги.")
		return
	}

	if record == nil {
		return
	}

	if doc, ok := sr.document(row); ok {
		record.Documents = append(record.Documents, doc)
	}
}

// service returns the record of the registry number, creating it from the
// row on first sight; nil when the row cannot start one.
func (sr *servicesReader) service(row int, code string) *ServiceRecord {
	if scientificNumber.MatchString(code) {
		sr.addProblem(row, svcCode, "Реестровый номер «%s» сохранён как число и потерял цифры. Задайте столбцу текстовый формат и введите номер заново.", code)
		return nil
	}

	name, level, authority := sr.field(row, svcName), sr.field(row, svcLevel), sr.field(row, svcAuthority)
	if i, seen := sr.byCode[code]; seen {
		first := &sr.records[i]
		if name != "" && matchKey(name) != matchKey(first.Name) {
			sr.addProblem(row, svcName, "Реестровый номер %s уже указан в строке %d для услуги «%s». Исправьте номер или наименование.", code, first.Row, first.Name)
			return nil
		}
		return first
	}

	rec := ServiceRecord{Code: code, Name: name, AuthorityCode: authority, Row: row + 1}
	if name == "" {
		sr.addProblem(row, svcName, "Не указано наименование услуги с реестровым номером %s.", code)
	}

	switch {
	case level == "":
		sr.addProblem(row, svcLevel, "Не указан уровень услуги. Укажите «государственная» или «муниципальная».")
	case strings.HasPrefix(matchKey(level), "гос"):
		rec.Level = charts.ServiceState
	case strings.HasPrefix(matchKey(level), "муниц"):
		rec.Level = charts.ServiceMunicipal
	default:
		sr.addProblem(row, svcLevel, "Уровень услуги «%s» не распознан. Укажите «государственная» или «муниципальная».", level)
	}

	if authority == "" {
		sr.addProblem(row, svcAuthority, "Не указан код органа, предоставляющего услугу. Укажите код из реестра органов.")
	}

	sr.byCode[code] = len(sr.records)
	sr.records = append(sr.records, rec)
	return &sr.records[len(sr.records)-1]
}

// continues reports whether a row without a registry number belongs to the
// service above it, and flags one that names a different service.
func (sr *servicesReader) continues(row int, record *ServiceRecord) bool {
	if name := sr.field(row, svcName); name != "" && matchKey(name) != matchKey(record.Name) {
		sr.addProblem(row, svcCode, "Не указан реестровый номер услуги «%s». Строка без номера относится к услуге выше (строка %d), а наименование другое. Укажите номер.", name, record.Row)
		return false
	}

	return true
}

func (sr *servicesReader) document(row int) (charts.PassportDocument, bool) {
	name, source, kind := sr.field(row, svcDocument), sr.field(row, svcSource), sr.field(row, svcDataKind)
	if name == "" {
		if source != "" || kind != "" {
			sr.addProblem(row, svcDocument, "Указан источник документа, но не указано наименование документа. Заполните наименование или очистите строку.")
		}
		return charts.PassportDocument{}, false
	}

	doc := charts.PassportDocument{Name: name, DataKindCode: kind}
	key := matchKey(source)
	switch {
	case key == "":
		sr.addProblem(row, svcSource, "Не указан источник документа «%s». Укажите «заявитель» или «межведомственный».", name)
	case strings.HasPrefix(key, "заявител"):
		doc.Source = charts.SourceApplicant
	case strings.HasPrefix(key, "межвед") || key == "мв" || key == "смэв":
		doc.Source = charts.SourceInterdepartmental
	default:
		sr.addProblem(row, svcSource, "Источник документа «%s» не распознан. Укажите «заявитель» или «межведомственный».", source)
	}

	if doc.Source == charts.SourceApplicant && kind != "" {
		sr.addProblem(row, svcDataKind, "Для документа, который представляет заявитель, код вида сведений не нужен. Очистите ячейку или укажите источник «межведомственный».")
	}

	return doc, true
}
