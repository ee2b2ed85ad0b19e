package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"pcii/charts"
)

// ChartForm is one chart revision to be written in the standard form.
type ChartForm struct {
	ServiceCode   string
	ServiceName   string
	AuthorityName string
	Revision      int
	// Requisites is the approval reference (protocol number, date and
	// approving body), empty for a chart not yet approved.
	Requisites string
	Body       charts.ChartBody
	// AuthorityNames and DataKindNames return the name for a code, or ""
	// when unknown. Either may be nil. A code without a name is written as
	// the code itself.
	AuthorityNames func(code string) string
	DataKindNames  func(code string) string
}

// SheetChartForm is the sheet name of a chart in the standard form.
const SheetChartForm = "ТКМВ"

// Columns of the standard form's interaction table, 1-based. Column 7 of
// the form, the deadline, spans four sheet columns.
const (
	colRequisites = 1 + iota
	colDocument
	colComposition
	colRequester
	colProvider
	colDataKind
	colTermTotal
	colTermSend
	colTermAnswer
	colTermAttach
	colRequestForm
	colRequestSample
	colLegalBasis
	colResource
	colDeadlineBasis
	formColumns = colDeadlineBasis
)

// formHeaders are the top header cells of the interaction table by column.
// The first nine form columns are the standard ones. The last three carry
// the rest of an interaction, so a form read back loses nothing.
var formHeaders = map[int]string{
	colRequisites:    "Реквизиты актуальной ТКМВ",
	colDocument:      "Наименование запрашиваемого документа (сведения)",
	colComposition:   "Перечень и состав сведений",
	colRequester:     "Наименование органа, направляющего межведомственный запрос",
	colProvider:      "Наименование органа, в адрес которого направляется запрос",
	colDataKind:      "SID электронного сервиса / вид сведений",
	colTermTotal:     "Срок осуществления межведомственного взаимодействия",
	colRequestForm:   "Форма (шаблон) межведомственного запроса",
	colRequestSample: "Образец заполнения формы запроса",
	colLegalBasis:    "Правовое основание запроса",
	colResource:      "Базовый государственный информационный ресурс",
	colDeadlineBasis: "Акт, устанавливающий иной срок ответа",
}

// termHeaders are the four parts of the deadline in the second header row.
var termHeaders = map[int]string{
	colTermTotal:  "Общий срок",
	colTermSend:   "Направление запроса",
	colTermAnswer: "Подготовка ответа",
	colTermAttach: "Приобщение ответа к делу",
}

// formNumbers label the columns in the numbering row under the header.
var formNumbers = []string{"1", "2", "3", "4", "5", "6", "7.1", "7.2", "7.3", "7.4", "8", "9", "10", "11", "12"}

// Rows of the standard form as WriteChartForm lays it out.
const (
	formTitleRow  = 1
	formHeaderRow = 9
	formNumberRow = 11
	formFirstRow  = 12
)

// amendmentHeaders head the plan of amendments to legal acts.
var amendmentHeaders = []string{"№", "Нормативный правовой акт", "Вносимое изменение", "Срок"}

const amendmentsTitle = "План внесения изменений в нормативные правовые акты"

// WriteChartForm writes a chart revision in the standard form as an .xlsx
// workbook to w. A title block with the service, the revision and the
// approval requisites comes first. The interaction table follows under a
// merged two-row header that splits the deadline into its four parts, and
// the plan of amendments to legal acts ends the sheet when the chart has one.
func WriteChartForm(w io.Writer, form ChartForm) error {
	f := excelize.NewFile()
	if err := writeChartFormSheet(f, form); err != nil {
		_ = f.Close()
		return fmt.Errorf("write chart form of service %q: %w", form.ServiceCode, err)
	}

	title := "ТКМВ: " + form.ServiceName
	if err := f.SetDocProps(&excelize.DocProperties{Title: cleanText(title), Subject: "Технологическая карта межведомственного взаимодействия", Creator: reportCreator, Language: "ru-RU"}); err != nil {
		_ = f.Close()
		return fmt.Errorf("write chart form of service %q: set document properties: %w", form.ServiceCode, err)
	}

	return writeWorkbook(f, w)
}

func (form ChartForm) authorityName(code string) string {
	if form.AuthorityNames != nil {
		if name := form.AuthorityNames(code); name != "" {
			return name
		}
	}

	return code
}

// dataKindText returns "code — name", or the code alone when it has no name.
func (form ChartForm) dataKindText(code string) string {
	if form.DataKindNames != nil {
		if name := form.DataKindNames(code); name != "" && name != code {
			if code == "" {
				return name
			}
			return code + " — " + name
		}
	}

	return code
}

// interactionCells returns the interaction table cells of one request,
// indexed by column minus one.
func (form ChartForm) interactionCells(in charts.Interaction) []string {
	cells := make([]string, formColumns)
	cells[colRequisites-1] = form.Requisites
	cells[colDocument-1] = in.RequestedDocument
	cells[colComposition-1] = in.DataComposition
	cells[colRequester-1] = form.authorityName(in.RequesterCode)
	cells[colProvider-1] = form.authorityName(in.ProviderCode)
	cells[colDataKind-1] = form.dataKindText(in.DataKindCode)
	if in.Deadline != nil {
		cells[colTermTotal-1] = FormatTerm(in.Deadline.Total)
		cells[colTermSend-1] = FormatTerm(in.Deadline.Send)
		cells[colTermAnswer-1] = FormatTerm(in.Deadline.Answer)
		cells[colTermAttach-1] = FormatTerm(in.Deadline.Attach)
	} else if in.DeadlineDays > 0 {
		cells[colTermAnswer-1] = FormatTerm(charts.Term{Value: in.DeadlineDays, Unit: charts.UnitWorkingDays})
	}

	cells[colRequestForm-1] = in.RequestForm
	cells[colRequestSample-1] = in.RequestSample
	cells[colLegalBasis-1] = in.LegalBasis
	cells[colResource-1] = in.InformationResource
	cells[colDeadlineBasis-1] = in.DeadlineBasis
	return cells
}

func writeChartFormSheet(f *excelize.File, form ChartForm) error {
	st, err := newStyleSet(f)
	if err != nil {
		return err
	}

	if err := addSheet(f, SheetChartForm, true); err != nil {
		return err
	}

	rows := make([][]string, len(form.Body.Interactions))
	meter := newWidthMeter(formColumns)
	for col, h := range formHeaders {
		meter.add(col-1, "Приобщение")
		meter.addHeader(col-1, h)
	}

	for i, in := range form.Body.Interactions {
		rows[i] = form.interactionCells(in)
		for col, text := range rows[i] {
			meter.add(col, text)
		}
	}

	widths := meter.widths()
	widths[0] = max(widths[0], 24)
	layout := sheetLayout{headerFirst: formHeaderRow, headerLast: formNumberRow, widths: widths}
	sw, err := openStreamSheet(f, SheetChartForm, layout)
	if err != nil {
		return err
	}

	if err := writeFormTitle(sw, st, form); err != nil {
		return err
	}

	if err := writeFormHeader(sw, st); err != nil {
		return err
	}

	values := make([]any, formColumns)
	for i, cells := range rows {
		for col, text := range cells {
			values[col] = textCell(text, st.wrap)
		}
		if err := setRow(sw, formFirstRow+i, values); err != nil {
			return err
		}
	}

	if len(rows) > 1 {
		last := formFirstRow + len(rows) - 1
		if err := sw.MergeCell(cellName(colRequisites, formFirstRow), cellName(colRequisites, last)); err != nil {
			return fmt.Errorf("merge requisites cells: %w", err)
		}
	}

	if err := writeAmendments(sw, st, form.Body.Amendments, formFirstRow+len(rows)+1); err != nil {
		return err
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", SheetChartForm, err)
	}

	return nil
}

// formLabels are the labels of the title block, in row order from row 2.
var formLabels = []string{
	"Услуга:",
	"Реестровый номер услуги:",
	"Орган, предоставляющий услугу:",
	"Редакция:",
	"Реквизиты:",
	"Правовое основание:",
}

func writeFormTitle(sw *excelize.StreamWriter, st styleSet, form ChartForm) error {
	title := []any{textCell("Технологическая карта межведомственного взаимодействия", st.title)}
	if err := setRow(sw, formTitleRow, title, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}

	requisites := form.Requisites
	if requisites == "" {
		requisites = "ТКМВ не утверждена"
	}

	revision := ""
	if form.Revision > 0 {
		revision = strconv.Itoa(form.Revision)
	}

	values := []string{form.ServiceName, form.ServiceCode, form.AuthorityName, revision, requisites, form.Body.LegalBasis}
	for i, label := range formLabels {
		row := formTitleRow + 1 + i
		cells := []any{textCell(label, st.label), textCell(values[i], st.subtitle)}
		if err := setRow(sw, row, cells); err != nil {
			return err
		}
		if err := sw.MergeCell(cellName(2, row), cellName(formColumns, row)); err != nil {
			return fmt.Errorf("merge title cells: %w", err)
		}
	}

	return nil
}

func writeFormHeader(sw *excelize.StreamWriter, st styleSet) error {
	top := make([]any, formColumns)
	sub := make([]any, formColumns)
	numbers := make([]any, formColumns)
	for col := 1; col <= formColumns; col++ {
		top[col-1] = textCell(formHeaders[col], st.header)
		sub[col-1] = textCell(termHeaders[col], st.header)
		numbers[col-1] = textCell(formNumbers[col-1], st.header)
	}

	if err := setRow(sw, formHeaderRow, top, excelize.RowOpts{Height: 60}); err != nil {
		return err
	}

	if err := setRow(sw, formHeaderRow+1, sub, excelize.RowOpts{Height: 45}); err != nil {
		return err
	}

	if err := setRow(sw, formNumberRow, numbers); err != nil {
		return err
	}

	for col := 1; col <= formColumns; col++ {
		if col >= colTermTotal && col <= colTermAttach {
			continue
		}
		if err := sw.MergeCell(cellName(col, formHeaderRow), cellName(col, formHeaderRow+1)); err != nil {
			return fmt.Errorf("merge header cells: %w", err)
		}
	}

	if err := sw.MergeCell(cellName(colTermTotal, formHeaderRow), cellName(colTermAttach, formHeaderRow)); err != nil {
		return fmt.Errorf("merge deadline header: %w", err)
	}

	return nil
}

// writeAmendments writes the plan of amendments starting at row, if any.
func writeAmendments(sw *excelize.StreamWriter, st styleSet, amendments []charts.ActAmendment, row int) error {
	if len(amendments) == 0 {
		return nil
	}

	if err := setRow(sw, row, []any{textCell(amendmentsTitle, st.subtitle)}); err != nil {
		return err
	}

	header := make([]any, len(amendmentHeaders))
	for i, h := range amendmentHeaders {
		header[i] = textCell(h, st.header)
	}

	if err := setRow(sw, row+1, header); err != nil {
		return err
	}

	for i, a := range amendments {
		values := []any{
			excelize.Cell{StyleID: st.text, Value: i + 1},
			textCell(a.Act, st.wrap),
			textCell(a.Change, st.wrap),
			textCell(formatISODate(a.Due), st.text),
		}
		if err := setRow(sw, row+2+i, values); err != nil {
			return err
		}
	}

	return nil
}
