package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Layout of the summary sheet. The funnel table has a two-row header and
// three rows: state, municipal and their total. Below it a small table
// repeats the counts stage by stage for the bar chart.
const (
	summaryDateRow      = 2
	summaryGeneratedRow = 3
	summaryHeaderRow    = 5
	summaryFirstRow     = 7
	summaryTotalRow     = 9
	chartDataTitleRow   = 11
	chartDataHeaderRow  = 12
	chartDataFirstRow   = 13
)

// funnelStages are the stage names of the funnel, in order.
var funnelStages = [5]string{
	"Услуг",
	"С паспортом",
	"В межведомственном взаимодействии",
	"ТКМВ согласовано",
	"Утверждено комиссией",
}

// funnelCounts returns the counts of the funnel in stage order.
func funnelCounts(f Funnel) [5]int {
	return [5]int{f.Services, f.Passports, f.InInteraction, f.Agreed, f.Approved}
}

// writeFunnelHeader writes the two header rows of a funnel table at row and
// row+1. The leading headers come first, each merged over both rows, then
// the services count and a count and share pair for each later stage.
func writeFunnelHeader(sw *excelize.StreamWriter, st styleSet, row int, leading []string) error {
	top := make([]any, 0, len(leading)+9)
	bottom := make([]any, 0, len(leading)+9)
	for _, h := range leading {
		top = append(top, textCell(h, st.header))
		bottom = append(bottom, textCell("", st.header))
	}

	top = append(top, textCell(funnelStages[0], st.header))
	bottom = append(bottom, textCell("", st.header))
	for _, stage := range funnelStages[1:] {
		top = append(top, textCell(stage, st.header), textCell("", st.header))
		bottom = append(bottom, textCell("кол-во", st.header), textCell("доля", st.header))
	}

	if err := setRow(sw, row, top, excelize.RowOpts{Height: 45}); err != nil {
		return err
	}

	if err := setRow(sw, row+1, bottom); err != nil {
		return err
	}

	for i := range len(leading) + 1 {
		if err := sw.MergeCell(cellName(i+1, row), cellName(i+1, row+1)); err != nil {
			return fmt.Errorf("merge header cells on sheet %q: %w", sw.Sheet, err)
		}
	}

	for i := range 4 {
		col := len(leading) + 2 + 2*i
		if err := sw.MergeCell(cellName(col, row), cellName(col+1, row)); err != nil {
			return fmt.Errorf("merge header cells on sheet %q: %w", sw.Sheet, err)
		}
	}

	return nil
}

// funnelCells returns the nine cells of a funnel starting at column
// firstCol of row. With formulas set, each share is an IF formula over the
// neighbouring counts and stores its computed value as well, so readers that
// do not calculate show the same figure.
func funnelCells(fn Funnel, st styleSet, row, firstCol int, formulas bool) []any {
	counts := funnelCounts(fn)
	shares := fn.Shares()
	cells := []any{excelize.Cell{StyleID: st.number, Value: counts[0]}}
	for i := range 4 {
		cells = append(cells, excelize.Cell{StyleID: st.number, Value: counts[i+1]})
		cell := excelize.Cell{StyleID: st.percent, Value: shares[i]}
		if formulas {
			cell.Formula = shareFormula(row, firstCol, i)
		}
		cells = append(cells, cell)
	}

	return cells
}

// shareFormula returns the formula of share i (0 to 3) of a funnel whose
// services count is in column firstCol: the stage's count divided by the
// count of the stage before, 0 when that is 0.
func shareFormula(row, firstCol, i int) string {
	part := cellName(firstCol+1+2*i, row)
	whole := cellName(firstCol+2*i-1, row)
	if i == 0 {
		whole = cellName(firstCol, row)
	}

	return fmt.Sprintf("IF(%s=0,0,%s/%s)", whole, part, whole)
}

// totalCells returns the total row of a funnel table: SUM formulas over
// rows first to last and share formulas, each with its computed value.
func totalCells(total Funnel, st styleSet, row, firstCol, first, last int) []any {
	counts := funnelCounts(total)
	shares := total.Shares()
	sum := func(col int) string {
		return fmt.Sprintf("SUM(%s:%s)", cellName(col, first), cellName(col, last))
	}

	if last < first {
		sum = func(int) string { return "0" }
	}

	cells := []any{excelize.Cell{StyleID: st.totalNumber, Value: counts[0], Formula: sum(firstCol)}}
	for i := range 4 {
		col := firstCol + 1 + 2*i
		cells = append(cells,
			excelize.Cell{StyleID: st.totalNumber, Value: counts[i+1], Formula: sum(col)},
			excelize.Cell{StyleID: st.totalPercent, Value: shares[i], Formula: shareFormula(row, firstCol, i)},
		)
	}

	return cells
}

func writeSummary(f *excelize.File, st styleSet, p Progress) error {
	sheet := SheetSummary
	if err := addSheet(f, sheet, true); err != nil {
		return err
	}

	if err := addFunnelChart(f, sheet); err != nil {
		return err
	}

	meter := newWidthMeter(10)
	meter.add(0, "Муниципальные")
	meter.add(0, funnelStages[2])
	meter.add(1, dateTimeFormat)
	meter.add(1, "Государственные")
	meter.add(2, "Муниципальные")
	for i := 2; i < 10; i++ {
		meter.add(i, "кол-во")
	}

	layout := sheetLayout{headerFirst: summaryHeaderRow, headerLast: summaryHeaderRow + 1, widths: meter.widths()}
	sw, err := openStreamSheet(f, sheet, layout)
	if err != nil {
		return err
	}

	rows := []struct {
		row    int
		values []any
	}{
		{1, []any{textCell(progressTitle(p), st.title)}},
		{summaryDateRow, []any{textCell("Данные на", st.label), excelize.Cell{StyleID: st.date, Value: p.DataDate.In(p.Location)}}},
		{summaryGeneratedRow, []any{
			textCell("Сформирован", st.label),
			excelize.Cell{StyleID: st.dateTime, Value: p.GeneratedAt.In(p.Location)},
			textCell("часовой пояс "+p.Location.String(), 0),
		}},
	}

	for _, r := range rows {
		if err := setRow(sw, r.row, r.values); err != nil {
			return err
		}
	}

	if err := writeFunnelHeader(sw, st, summaryHeaderRow, []string{"Уровень"}); err != nil {
		return err
	}

	levels := []struct {
		name   string
		funnel Funnel
	}{
		{"Государственные", p.State},
		{"Муниципальные", p.Municipal},
	}

	for i, level := range levels {
		row := summaryFirstRow + i
		values := append([]any{textCell(level.name, st.text)}, funnelCells(level.funnel, st, row, 2, true)...)
		if err := setRow(sw, row, values); err != nil {
			return err
		}
	}

	total := p.State.Add(p.Municipal)
	values := append([]any{textCell("Итого", st.totalText)}, totalCells(total, st, summaryTotalRow, 2, summaryFirstRow, summaryTotalRow-1)...)
	if err := setRow(sw, summaryTotalRow, values); err != nil {
		return err
	}

	if err := writeChartData(sw, st, p); err != nil {
		return err
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", sheet, err)
	}

	return nil
}

// writeChartData writes the stage-by-stage table the bar chart reads. Each
// count is a formula that refers to the funnel table and stores its value.
func writeChartData(sw *excelize.StreamWriter, st styleSet, p Progress) error {
	if err := setRow(sw, chartDataTitleRow, []any{textCell("Данные для диаграммы", st.label)}); err != nil {
		return err
	}

	header := []any{textCell("Этап", st.header), textCell("Государственные", st.header), textCell("Муниципальные", st.header)}
	if err := setRow(sw, chartDataHeaderRow, header); err != nil {
		return err
	}

	state, municipal := funnelCounts(p.State), funnelCounts(p.Municipal)
	for i, stage := range funnelStages {
		col := 2
		if i > 0 {
			col = 1 + 2*i
		}
		values := []any{
			textCell(stage, st.text),
			excelize.Cell{StyleID: st.number, Value: state[i], Formula: cellName(col, summaryFirstRow)},
			excelize.Cell{StyleID: st.number, Value: municipal[i], Formula: cellName(col, summaryFirstRow+1)},
		}
		if err := setRow(sw, chartDataFirstRow+i, values); err != nil {
			return err
		}
	}

	return nil
}

// addFunnelChart adds a clustered bar chart of the chart data table. It must
// run before the sheet's StreamWriter starts, which then keeps the drawing.
func addFunnelChart(f *excelize.File, sheet string) error {
	q := quoteSheet(sheet)
	last := chartDataFirstRow + len(funnelStages) - 1
	categories := fmt.Sprintf("%s!$A$%d:$A$%d", q, chartDataFirstRow, last)
	series := func(col string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", q, col, chartDataHeaderRow),
			Categories: categories,
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, col, chartDataFirstRow, col, last),
		}
	}

	chart := &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{series("B"), series("C")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Воронка перехода на межведомственное взаимодействие"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
		Format:    excelize.GraphicOptions{AltText: "Воронка: услуги, паспорта, межведомственное взаимодействие, согласованные и утверждённые ТКМВ"},
	}

	if err := f.AddChart(sheet, fmt.Sprintf("E%d", chartDataTitleRow), chart); err != nil {
		return fmt.Errorf("add funnel chart to sheet %q: %w", sheet, err)
	}

	return nil
}
