package reports

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"pcii/charts"
)

// headerSearchRows is how far down a sheet the importers look for the
// header row of a table.
const headerSearchRows = 60

// formLayout is the position of the standard form's table on one sheet.
// Row and column indexes are 0-based, and a form column that the sheet lacks
// has no entry in cols.
type formLayout struct {
	headerRow int
	dataRow   int
	cols      map[int]int
	// split is set when the deadline has its four parts in separate
	// columns; otherwise cols[colTermAnswer] is the only deadline column.
	split bool
}

// classifyFormHeader returns the form column a header cell names, or 0.
func classifyFormHeader(text string) int {
	t := matchKey(text)
	switch {
	case t == "":
		return 0
	case strings.Contains(t, "реквизиты"):
		return colRequisites
	case strings.Contains(t, "иной срок") || strings.Contains(t, "основание срока"):
		return colDeadlineBasis
	case strings.Contains(t, "в адрес"):
		return colProvider
	case strings.Contains(t, "направляющ"):
		return colRequester
	case strings.Contains(t, "запрашиваемого документа") || strings.Contains(t, "наименование документа"):
		return colDocument
	case strings.Contains(t, "состав сведений") || strings.Contains(t, "перечень сведений"):
		return colComposition
	case strings.Contains(t, "sid") || strings.Contains(t, "вид сведений") || strings.Contains(t, "электронного сервиса"):
		return colDataKind
	case strings.Contains(t, "образец"):
		return colRequestSample
	case strings.Contains(t, "шаблон") || strings.HasPrefix(t, "форма"):
		return colRequestForm
	case strings.Contains(t, "правовое основание"):
		return colLegalBasis
	case strings.Contains(t, "информационный ресурс"):
		return colResource
	case strings.HasPrefix(t, "срок"):
		return colTermTotal
	}

	return 0
}

// classifyTermHeader returns the deadline part a sub-header names, or 0.
func classifyTermHeader(text string) int {
	t := matchKey(text)
	switch {
	case strings.Contains(t, "общий"):
		return colTermTotal
	case strings.Contains(t, "приобщ"):
		return colTermAttach
	case strings.Contains(t, "направлени"):
		return colTermSend
	case strings.Contains(t, "подготовк") || strings.Contains(t, "ответ"):
		return colTermAnswer
	}

	return 0
}

// findFormLayout looks for the header row of the interaction table: the
// first row among the first headerSearchRows that names the requested
// document, the provider and the requester or the data kind.
func findFormLayout(g grid) (formLayout, bool) {
	for row := 0; row < len(g.cells) && row < headerSearchRows; row++ {
		cols := map[int]int{}
		var termCols []int
		for col := range g.cells[row] {
			kind := classifyFormHeader(g.cell(row, col))
			if kind == 0 {
				continue
			}
			if kind == colTermTotal {
				termCols = append(termCols, col)
			}
			if _, seen := cols[kind]; !seen {
				cols[kind] = col
			}
		}
		_, hasDoc := cols[colDocument]
		_, hasProvider := cols[colProvider]
		_, hasRequester := cols[colRequester]
		_, hasKind := cols[colDataKind]
		if !hasDoc || !hasProvider || !hasRequester && !hasKind {
			continue
		}
		l := formLayout{headerRow: row, dataRow: row + 1, cols: cols}
		delete(l.cols, colTermTotal)
		l.readTermColumns(g, termCols)
		l.skipHeaderRows(g)
		return l, true
	}

	return formLayout{}, false
}

// readTermColumns finds the four deadline parts in the row under the
// header, below the deadline header and right of it when the header is a
// merged cell. Without them the deadline is one column, read as the term of
// the provider's answer.
func (l *formLayout) readTermColumns(g grid, termCols []int) {
	if len(termCols) == 0 {
		return
	}

	sub := l.headerRow + 1
	first := termCols[0]
	for col := first; col < first+4 && col < len(g.cells[min(sub, len(g.cells)-1)]); col++ {
		if part := classifyTermHeader(g.cell(sub, col)); part != 0 {
			if _, seen := l.cols[part]; !seen {
				l.cols[part] = col
				l.split = true
			}
		}
	}

	if l.split {
		l.dataRow = sub + 1
		return
	}

	l.cols[colTermAnswer] = first
}

var formNumberPattern = regexp.MustCompile(`^\d{1,2}(?:\.\d)?\.?$`)

// skipHeaderRows moves dataRow past rows that continue a header merged over
// several rows and past the row that numbers the columns 1, 2, 3 …
func (l *formLayout) skipHeaderRows(g grid) {
	docCol := l.cols[colDocument]
	header := g.cell(l.headerRow, docCol)
	for l.dataRow < len(g.cells) && g.cell(l.dataRow, docCol) == header {
		l.dataRow++
	}

	if l.dataRow < len(g.cells) && numberingRow(g, l.dataRow) {
		l.dataRow++
	}
}

func numberingRow(g grid, row int) bool {
	filled := 0
	for col := range g.cells[row] {
		text := g.cell(row, col)
		if text == "" {
			continue
		}
		if !formNumberPattern.MatchString(text) {
			return false
		}
		filled++
	}

	return filled >= 3
}

// chartReader holds the state of one ReadChartForm call.
type chartReader struct {
	g        grid
	l        formLayout
	m        Matcher
	problems *problemList
}

// ReadChartForm reads a chart filled in the standard form, as WriteChartForm
// writes it or as a department keeps it. The sheet may have title rows and
// notes around the table and merged header cells. The header row may be
// anywhere in the first 60 rows of any sheet, with or without a row of
// column numbers under it, and the deadline may be one column or four.
// Authorities and data kinds are resolved through m by code or by name. A deadline of only the answer
// term in working days gives DeadlineDays and a nil Deadline; an empty
// deadline gives the default 5 working days. Cells that cannot be read or
// matched become Problems, in Russian. The error is a *RejectError when the
// file fails the checks of lim or holds no such table.
func ReadChartForm(r io.Reader, lim Limits, m Matcher) (charts.ChartBody, []Problem, error) {
	lim = lim.withDefaults()
	data, err := readUpload(r, lim)
	if err != nil {
		return charts.ChartBody{}, nil, fmt.Errorf("read chart form: %w", err)
	}

	wb, err := openUpload(data, lim)
	if err != nil {
		return charts.ChartBody{}, nil, fmt.Errorf("read chart form: %w", err)
	}

	defer wb.close()
	for _, sheet := range wb.file.GetSheetList() {
		g, err := wb.readGrid(sheet)
		if err != nil {
			return charts.ChartBody{}, nil, fmt.Errorf("read chart form: %w", err)
		}
		l, ok := findFormLayout(g)
		if !ok {
			continue
		}
		cr := &chartReader{g: g, l: l, m: m, problems: &problemList{}}
		body := cr.read()
		return body, cr.problems.items, nil
	}

	return charts.ChartBody{}, nil, fmt.Errorf("read chart form: %w", reject(ErrNoTable,
		"Не найдена таблица ТКМВ: ни на одном листе в первых %d строках нет заголовков «%s» и «%s». Заполните карту по шаблону.",
		headerSearchRows, formHeaders[colDocument], formHeaders[colProvider]))
}

func (cr *chartReader) read() charts.ChartBody {
	body := charts.ChartBody{
		ServiceCode: cr.titleValue("реестровый номер"),
		LegalBasis:  cr.titleValue("правовое основание"),
	}

	row := cr.l.dataRow
	for ; row < len(cr.g.cells); row++ {
		if cr.amendmentsStart(row) {
			body.Amendments = cr.readAmendments(row + 1)
			break
		}
		if in, ok := cr.readInteraction(row); ok {
			body.Interactions = append(body.Interactions, in)
		}
	}

	if len(body.Interactions) == 0 {
		cr.problems.add(cr.g.sheet, cr.l.dataRow+1, 0, "В таблице ТКМВ нет ни одной строки взаимодействия. Заполните строки под заголовком таблицы.")
	}

	return body
}

// titleValue returns the value of a title block label above the table: the
// text after the colon in the label's cell or the next filled cell right of
// it.
func (cr *chartReader) titleValue(label string) string {
	for row := 0; row < cr.l.headerRow; row++ {
		for col := range cr.g.cells[row] {
			text := cr.g.cell(row, col)
			if !strings.HasPrefix(matchKey(text), label) {
				continue
			}
			if _, after, ok := strings.Cut(text, ":"); ok && strings.TrimSpace(after) != "" {
				return strings.TrimSpace(after)
			}
			for next := col + 1; next < len(cr.g.cells[row]); next++ {
				if value := cr.g.cell(row, next); value != "" {
					return value
				}
			}
		}
	}

	return ""
}

func (cr *chartReader) amendmentsStart(row int) bool {
	for col := range cr.g.cells[row] {
		if strings.HasPrefix(matchKey(cr.g.cell(row, col)), "план внесения изменений") {
			return true
		}
	}

	return false
}

// field returns the text of a form column in row, "" when the column is
// absent.
func (cr *chartReader) field(row, formCol int) string {
	col, ok := cr.l.cols[formCol]
	if !ok {
		return ""
	}

	return cr.g.cell(row, col)
}

// tableCols are the form columns that make a row an interaction.
var tableCols = []int{colDocument, colComposition, colRequester, colProvider, colDataKind, colTermTotal, colTermSend, colTermAnswer, colTermAttach, colRequestForm, colRequestSample}

// noteRow reports whether a row is a note or a section title rather than an
// interaction: empty in the table columns, starting with "Примечание" or
// "*", or one text merged across the table.
func (cr *chartReader) noteRow(row int) bool {
	var texts []string
	for _, c := range tableCols {
		if text := cr.field(row, c); text != "" {
			texts = append(texts, text)
		}
	}

	if len(texts) == 0 {
		return true
	}

	first := matchKey(texts[0])
	if strings.HasPrefix(first, "примечани") || strings.HasPrefix(first, "*") {
		return true
	}

	if len(texts) < 3 {
		return false
	}

	for _, t := range texts[1:] {
		if t != texts[0] {
			return false
		}
	}

	return true
}

func (cr *chartReader) readInteraction(row int) (charts.Interaction, bool) {
	if cr.noteRow(row) {
		return charts.Interaction{}, false
	}

	in := charts.Interaction{
		RequestedDocument:   cr.field(row, colDocument),
		DataComposition:     cr.field(row, colComposition),
		RequestForm:         cr.field(row, colRequestForm),
		RequestSample:       cr.field(row, colRequestSample),
		LegalBasis:          cr.field(row, colLegalBasis),
		InformationResource: cr.field(row, colResource),
		DeadlineBasis:       cr.field(row, colDeadlineBasis),
	}

	if in.RequestedDocument == "" {
		cr.addProblem(row, colDocument, "Не заполнено «%s». Укажите документ или сведения, которые запрашиваются.", formHeaders[colDocument])
	}

	in.RequesterCode = cr.authority(row, colRequester, "направляющего запрос")
	in.ProviderCode = cr.authority(row, colProvider, "в адрес которого направляется запрос")
	in.DataKindCode = cr.dataKind(row, in.ProviderCode)
	cr.readDeadline(row, &in)
	return in, true
}

// addProblem records a problem at the cell of a form column in row.
func (cr *chartReader) addProblem(row, formCol int, format string, args ...any) {
	col := 0
	if c, ok := cr.l.cols[formCol]; ok {
		col = c + 1
	}

	cr.problems.add(cr.g.sheet, row+1, col, format, args...)
}

func (cr *chartReader) authority(row, formCol int, role string) string {
	text := cr.field(row, formCol)
	if text == "" {
		cr.addProblem(row, formCol, "Не указан орган, %s. Укажите код органа или его наименование, как в реестре органов.", role)
		return ""
	}

	for _, c := range candidates(text) {
		if a, ok := cr.m.AuthorityByCodeOrName(c); ok {
			return a.Code
		}
	}

	cr.addProblem(row, formCol, "Орган «%s» не найден в реестре органов. Укажите код органа или его полное наименование, как в реестре.", text)
	return ""
}

func (cr *chartReader) dataKind(row int, providerCode string) string {
	text := cr.field(row, colDataKind)
	if text == "" {
		cr.addProblem(row, colDataKind, "Не указан SID электронного сервиса или вид сведений. Укажите код, например SID0003944 или VS00648v001_PFR001.")
		return ""
	}

	for _, c := range candidates(text) {
		kind, ok := cr.m.DataKindByCodeOrName(c)
		if !ok {
			continue
		}
		if providerCode != "" && kind.ProviderCode != "" && kind.ProviderCode != providerCode {
			cr.addProblem(row, colDataKind, "Вид сведений «%s» предоставляет орган с кодом %s, а запрос направлен органу с кодом %s. Исправьте поставщика или вид сведений.", text, kind.ProviderCode, providerCode)
		}
		return kind.Code
	}

	cr.addProblem(row, colDataKind, "Вид сведений «%s» не найден в реестре видов сведений. Укажите SID или код вида сведений, как в реестре.", text)
	return ""
}

// readDeadline fills the deadline of in from its columns.
func (cr *chartReader) readDeadline(row int, in *charts.Interaction) {
	parse := func(formCol int) charts.Term {
		text := cr.field(row, formCol)
		if text == "" {
			return charts.Term{}
		}
		term, err := ParseTerm(text)
		if err != nil {
			cr.addProblem(row, formCol, "%v.", err)
		}
		return term
	}

	d := charts.Deadline{Answer: parse(colTermAnswer)}
	if cr.l.split {
		d.Total, d.Send, d.Attach = parse(colTermTotal), parse(colTermSend), parse(colTermAttach)
	}

	onlyAnswer := d.Total == (charts.Term{}) && d.Send == (charts.Term{}) && d.Attach == (charts.Term{})
	switch {
	case d == (charts.Deadline{}):
		in.DeadlineDays = charts.DefaultDeadlineDays
	case onlyAnswer && d.Answer.Unit == charts.UnitWorkingDays:
		in.DeadlineDays = d.Answer.Value
	default:
		in.Deadline = &d
		if d.Answer.Unit == charts.UnitWorkingDays {
			in.DeadlineDays = d.Answer.Value
		}
		// NOTE: an answer term in calendar days or hours leaves DeadlineDays
		// at 0, because it has no exact number of working days.
	}

	if in.DeadlineDays > charts.DefaultDeadlineDays && in.DeadlineBasis == "" {
		cr.addProblem(row, colTermAnswer, "Срок ответа %d рабочих дней больше %d: укажите в столбце «%s» акт, который устанавливает такой срок, или сократите срок.",
			in.DeadlineDays, charts.DefaultDeadlineDays, formHeaders[colDeadlineBasis])
	}
}

// readAmendments reads the plan of amendments whose header is in one of the
// three rows from start.
func (cr *chartReader) readAmendments(start int) []charts.ActAmendment {
	header, act, change, due := -1, -1, -1, -1
	for row := start; row < start+3 && row < len(cr.g.cells) && header < 0; row++ {
		for col := range cr.g.cells[row] {
			t := matchKey(cr.g.cell(row, col))
			switch {
			case strings.Contains(t, "акт"):
				act = col
			case strings.Contains(t, "изменени"):
				change = col
			case strings.HasPrefix(t, "срок"):
				due = col
			}
		}
		if act >= 0 && change >= 0 {
			header = row
		} else {
			act, change, due = -1, -1, -1
		}
	}

	if header < 0 {
		cr.problems.add(cr.g.sheet, start, 0, "Под заголовком «%s» нет таблицы со столбцами «%s» и «%s». Добавьте строку заголовков.", amendmentsTitle, amendmentHeaders[1], amendmentHeaders[2])
		return nil
	}

	var out []charts.ActAmendment
	for row := header + 1; row < len(cr.g.cells); row++ {
		a := charts.ActAmendment{Act: cr.g.cell(row, act), Change: cr.g.cell(row, change)}
		dueText := ""
		if due >= 0 {
			dueText = cr.g.cell(row, due)
		}
		if a.Act == "" && a.Change == "" && dueText == "" {
			continue
		}
		if a.Act == "" {
			cr.problems.add(cr.g.sheet, row+1, act+1, "Не указан нормативный правовой акт. Укажите вид, номер и дату акта.")
		}
		if dueText != "" {
			date, ok := parseDate(dueText)
			if !ok {
				cr.problems.add(cr.g.sheet, row+1, due+1, "Срок «%s» не является датой. Укажите дату в виде ДД.ММ.ГГГГ.", dueText)
			}
			a.Due = date
		}
		out = append(out, a)
	}

	return out
}
