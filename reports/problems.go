package reports

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// Problem is one thing wrong in an uploaded workbook. Row and Column are
// 1-based, 0 when the problem is not tied to one. Cell is the A1 reference
// when both are set. Message is in Russian, for the user, and explains how
// to fix the problem.
type Problem struct {
	Sheet   string
	Row     int
	Column  int
	Cell    string
	Message string
}

// String returns the problem with its place, in Russian.
func (p Problem) String() string {
	switch {
	case p.Cell != "":
		return fmt.Sprintf("Лист «%s», ячейка %s: %s", p.Sheet, p.Cell, p.Message)
	case p.Row > 0:
		return fmt.Sprintf("Лист «%s», строка %d: %s", p.Sheet, p.Row, p.Message)
	case p.Sheet != "":
		return fmt.Sprintf("Лист «%s»: %s", p.Sheet, p.Message)
	}

	return p.Message
}

// maxProblems bounds the problems one import reports; a file with more is
// usually in another layout altogether.
const maxProblems = 1_000

// problemList collects problems up to maxProblems.
type problemList struct {
	items []Problem
	full  bool
}

// add records a problem at the 1-based row and column; either may be 0.
func (l *problemList) add(sheet string, row, col int, format string, args ...any) {
	if l.full {
		return
	}

	if len(l.items) == maxProblems {
		l.items = append(l.items, Problem{Sheet: sheet, Message: fmt.Sprintf("Найдено больше %d ошибок, остальные не показаны. Проверьте, что файл заполнен по шаблону.", maxProblems)})
		l.full = true
		return
	}

	p := Problem{Sheet: sheet, Row: row, Column: col, Message: fmt.Sprintf(format, args...)}
	if row > 0 && col > 0 {
		p.Cell = cellName(col, row)
	}

	l.items = append(l.items, p)
}

// errorColumnHeader heads the column AnnotateErrors adds.
const errorColumnHeader = "Ошибки"

// AnnotateErrors returns a copy of the uploaded workbook with the problems
// written into it. Each sheet that has problems on its rows gets a column
// "Ошибки" right of its data with the messages of each row, and the cells
// the problems point at are filled red. A sheet "Ошибки" at the end lists
// every problem, those not tied to a row included, and opens first. The
// original must pass the same checks as an import.
func AnnotateErrors(original []byte, problems []Problem) ([]byte, error) {
	lim := DefaultLimits()
	wb, err := openUpload(original, lim)
	if err != nil {
		return nil, fmt.Errorf("annotate workbook: %w", err)
	}

	defer wb.close()
	st, err := newStyleSet(wb.file)
	if err != nil {
		return nil, fmt.Errorf("annotate workbook: %w", err)
	}

	bySheet := map[string][]Problem{}
	for _, p := range problems {
		if _, ok := wb.sheetPaths[p.Sheet]; ok && p.Row > 0 {
			bySheet[p.Sheet] = append(bySheet[p.Sheet], p)
		}
	}

	for _, sheet := range wb.file.GetSheetList() {
		if len(bySheet[sheet]) == 0 {
			continue
		}
		if err := annotateSheet(wb, st, sheet, bySheet[sheet]); err != nil {
			return nil, fmt.Errorf("annotate sheet %q: %w", sheet, err)
		}
	}

	if err := addProblemSheet(wb.file, st, problems); err != nil {
		return nil, fmt.Errorf("annotate workbook: %w", err)
	}

	var out bytes.Buffer
	if _, err := wb.file.WriteTo(&out); err != nil {
		return nil, fmt.Errorf("annotate workbook: write: %w", err)
	}

	return out.Bytes(), nil
}

func annotateSheet(wb *workbook, st styleSet, sheet string, problems []Problem) error {
	g, err := wb.readGrid(sheet)
	if err != nil {
		return err
	}

	width := 0
	for _, r := range g.cells {
		width = max(width, len(r))
	}

	errCol := width + 1
	f := wb.file
	messages := map[int][]string{}
	firstRow := problems[0].Row
	for _, p := range problems {
		firstRow = min(firstRow, p.Row)
		text := p.Message
		if p.Cell != "" {
			text = p.Cell + ": " + p.Message
		}
		messages[p.Row] = append(messages[p.Row], text)
	}

	if header := headerRowAbove(g, firstRow); header > 0 {
		if err := f.SetCellStr(sheet, cellName(errCol, header), errorColumnHeader); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(errCol, header), cellName(errCol, header), st.problemH); err != nil {
			return err
		}
	}

	rows := make([]int, 0, len(messages))
	for row := range messages {
		rows = append(rows, row)
	}

	slices.Sort(rows)
	for _, row := range rows {
		ref := cellName(errCol, row)
		if err := f.SetCellStr(sheet, ref, cleanText(joinLines(messages[row]))); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, ref, ref, st.problem); err != nil {
			return err
		}
	}

	if err := f.SetColWidth(sheet, columnName(errCol), columnName(errCol), maxColumnWidth); err != nil {
		return err
	}

	return markProblemCells(f, sheet, problems)
}

// headerRowAbove returns the 1-based row above firstRow with the most
// filled cells among the first 100, taken as the table header; 0 if none.
func headerRowAbove(g grid, firstRow int) int {
	best, bestCount := 0, 0
	for row := 0; row < firstRow-1 && row < 100; row++ {
		count := 0
		if row < len(g.cells) {
			for _, c := range g.cells[row] {
				if c != "" {
					count++
				}
			}
		}
		if count > bestCount {
			best, bestCount = row+1, count
		}
	}

	return best
}

// markProblemCells fills each cell a problem points at red, keeping the
// rest of the cell's style.
func markProblemCells(f *excelize.File, sheet string, problems []Problem) error {
	marked := map[int]int{}
	for _, p := range problems {
		ref := problemRef(p)
		if ref == "" {
			continue
		}
		styleID, err := f.GetCellStyle(sheet, ref)
		if err != nil {
			return err
		}
		newID, ok := marked[styleID]
		if !ok {
			style, err := f.GetStyle(styleID)
			if err != nil {
				return err
			}
			style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}
			if newID, err = f.NewStyle(style); err != nil {
				return err
			}
			marked[styleID] = newID
		}
		if err := f.SetCellStyle(sheet, ref, ref, newID); err != nil {
			return err
		}
	}

	return nil
}

// problemRef returns the cell a problem points at, from Row and Column or
// else from Cell, or "" when neither names a valid cell.
func problemRef(p Problem) string {
	if p.Row > 0 && p.Column > 0 && p.Row <= excelize.TotalRows && p.Column <= excelize.MaxColumns {
		return cellName(p.Column, p.Row)
	}

	if _, _, err := excelize.CellNameToCoordinates(p.Cell); err == nil {
		return p.Cell
	}

	return ""
}

func joinLines(lines []string) string {
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(l)
	}

	return b.String()
}

// addProblemSheet appends the sheet that lists every problem and makes it
// the one that opens first.
func addProblemSheet(f *excelize.File, st styleSet, problems []Problem) error {
	used := map[string]bool{}
	for _, s := range f.GetSheetList() {
		SheetName(s, used)
	}

	sheet := SheetName(errorColumnHeader, used)
	index, err := f.NewSheet(sheet)
	if err != nil {
		return fmt.Errorf("create sheet %q: %w", sheet, err)
	}

	sorted := slices.Clone(problems)
	slices.SortStableFunc(sorted, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Sheet, b.Sheet), cmp.Compare(a.Row, b.Row), cmp.Compare(a.Column, b.Column))
	})
	headers := []string{"Лист", "Строка", "Ячейка", "Что исправить"}
	for i, h := range headers {
		if err := f.SetCellStr(sheet, cellName(i+1, 1), h); err != nil {
			return err
		}
	}

	if err := f.SetCellStyle(sheet, "A1", cellName(len(headers), 1), st.header); err != nil {
		return err
	}

	for i, p := range sorted {
		row := i + 2
		if err := f.SetCellStr(sheet, cellName(1, row), cleanText(p.Sheet)); err != nil {
			return err
		}
		if p.Row > 0 {
			if err := f.SetCellInt(sheet, cellName(2, row), int64(p.Row)); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, cellName(3, row), p.Cell); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cellName(4, row), cleanText(p.Message)); err != nil {
			return err
		}
	}

	widths := map[string]float64{"A": 24, "B": 8, "C": 8, "D": maxColumnWidth * 1.5}
	for col, w := range widths {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}

	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	f.SetActiveSheet(index)
	return nil
}
