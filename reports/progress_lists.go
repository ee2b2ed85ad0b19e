package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeFunnelList writes the funnel of each row, one line each, and a total
// line with SUM formulas.
func writeFunnelList(f *excelize.File, st styleSet, sheet, nameHeader string, rows []FunnelRow) error {
	if err := addSheet(f, sheet, false); err != nil {
		return err
	}

	const firstCol = 3
	meter := newWidthMeter(firstCol + 8)
	meter.addHeader(0, nameHeader)
	meter.add(1, "Код")
	meter.add(0, "Итого")
	var total Funnel
	for _, r := range rows {
		meter.add(0, r.Name)
		meter.add(1, r.Code)
		total = total.Add(r.Funnel)
	}

	for i := 2; i < firstCol+8; i++ {
		meter.add(i, "кол-во")
	}

	first, last := 3, 2+len(rows)
	layout := sheetLayout{
		headerFirst: 1,
		headerLast:  2,
		widths:      meter.widths(),
		filterRef:   "A2:" + cellName(firstCol+8, last),
	}

	sw, err := openStreamSheet(f, sheet, layout)
	if err != nil {
		return err
	}

	if err := writeFunnelHeader(sw, st, 1, []string{nameHeader, "Код"}); err != nil {
		return err
	}

	values := make([]any, 0, firstCol+8)
	for i, r := range rows {
		row := first + i
		values = append(values[:0], textCell(r.Name, st.wrap), textCell(r.Code, st.text))
		values = append(values, funnelCells(r.Funnel, st, row, firstCol, false)...)
		if err := setRow(sw, row, values); err != nil {
			return err
		}
	}

	totalRow := last + 1
	values = append([]any{textCell("Итого", st.totalText), textCell("", st.totalText)},
		totalCells(total, st, totalRow, firstCol, first, last)...)
	if err := setRow(sw, totalRow, values); err != nil {
		return err
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", sheet, err)
	}

	return nil
}

var chartListHeaders = []string{
	"№ ТКМВ",
	"Код услуги",
	"Наименование услуги",
	"Орган — разработчик ТКМВ",
	"Состояние",
	"Согласование поставщиками данных",
	"Решение комиссии (№ протокола)",
	"Дата решения",
	"Дней в текущем состоянии",
}

// agreementText joins the providers' agreements into one line such as
// "ФНС: согласовано 12.03.2012; ПФР: ожидается".
func agreementText(agreements []AgreementLine, loc *time.Location) string {
	var b strings.Builder
	for i, a := range agreements {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(a.ProviderName)
		b.WriteString(": ")
		b.WriteString(AgreementLabel(a.Status))
		if a.DecidedAt != nil {
			b.WriteString(" ")
			b.WriteString(a.DecidedAt.In(loc).Format("02.01.2006"))
		}
	}

	return b.String()
}

func writeChartList(f *excelize.File, st styleSet, p Progress) error {
	sheet := SheetCharts
	if err := addSheet(f, sheet, false); err != nil {
		return err
	}

	meter := newWidthMeter(len(chartListHeaders))
	for i, h := range chartListHeaders {
		meter.addHeader(i, h)
	}

	meter.add(7, "00.00.0000")
	sampled := 0
	err := p.eachChart(func(c ChartLine) error {
		meter.add(0, strconv.FormatInt(c.ID, 10))
		meter.add(1, c.ServiceCode)
		meter.add(2, c.ServiceName)
		meter.add(3, c.AuthorityName)
		meter.add(4, StateLabel(c.State))
		meter.add(5, agreementText(c.Agreements, p.Location))
		meter.add(6, c.Decision)
		if sampled++; sampled == widthSample {
			return errEnoughLines
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnoughLines) {
		return fmt.Errorf("measure sheet %q: %w", sheet, err)
	}

	layout := sheetLayout{
		headerFirst: 1,
		headerLast:  1,
		widths:      meter.widths(),
		filterRef:   "A1:" + cellName(len(chartListHeaders), 1+p.chartCount()),
	}

	sw, err := openStreamSheet(f, sheet, layout)
	if err != nil {
		return err
	}

	if err := writeHeaderRow(sw, st, 1, chartListHeaders); err != nil {
		return err
	}

	values := make([]any, len(chartListHeaders))
	i := 0
	err = p.eachChart(func(c ChartLine) error {
		values[0] = excelize.Cell{StyleID: st.text, Value: c.ID}
		values[1] = textCell(c.ServiceCode, st.text)
		values[2] = textCell(c.ServiceName, st.wrap)
		values[3] = textCell(c.AuthorityName, st.wrap)
		values[4] = textCell(StateLabel(c.State), st.text)
		values[5] = textCell(agreementText(c.Agreements, p.Location), st.wrap)
		values[6] = textCell(c.Decision, st.text)
		values[7] = dateCell(c.DecisionDate, p.Location, st)
		values[8] = excelize.Cell{StyleID: st.number, Value: c.DaysInState}
		i++
		return setRow(sw, 1+i, values)
	})
	if err != nil {
		return err
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", sheet, err)
	}

	return nil
}

// dateCell returns a date cell in loc, or an empty bordered cell for nil.
func dateCell(t *time.Time, loc *time.Location, st styleSet) excelize.Cell {
	if t == nil {
		return excelize.Cell{StyleID: st.text}
	}

	return excelize.Cell{StyleID: st.date, Value: t.In(loc)}
}

var overdueHeaders = []string{
	"Этап",
	"№ ТКМВ",
	"Наименование услуги",
	"Ожидается от",
	"Начало срока",
	"Срок",
	"Просрочка, рабочих дней",
}

func writeOverdueList(f *excelize.File, st styleSet, p Progress) error {
	sheet := SheetOverdue
	if err := addSheet(f, sheet, false); err != nil {
		return err
	}

	meter := newWidthMeter(len(overdueHeaders))
	for i, h := range overdueHeaders {
		meter.addHeader(i, h)
	}

	meter.add(4, "00.00.0000")
	meter.add(5, "00.00.0000")
	for _, o := range p.Overdue {
		meter.add(0, overdueLabel(o.Kind))
		meter.add(1, strconv.FormatInt(o.ChartID, 10))
		meter.add(2, o.ServiceName)
		meter.add(3, o.WaitingFor)
	}

	layout := sheetLayout{
		headerFirst: 1,
		headerLast:  1,
		widths:      meter.widths(),
		filterRef:   "A1:" + cellName(len(overdueHeaders), 1+len(p.Overdue)),
	}

	sw, err := openStreamSheet(f, sheet, layout)
	if err != nil {
		return err
	}

	if err := writeHeaderRow(sw, st, 1, overdueHeaders); err != nil {
		return err
	}

	values := make([]any, len(overdueHeaders))
	for i, o := range p.Overdue {
		values[0] = textCell(overdueLabel(o.Kind), st.text)
		values[1] = excelize.Cell{StyleID: st.text, Value: o.ChartID}
		values[2] = textCell(o.ServiceName, st.wrap)
		values[3] = textCell(o.WaitingFor, st.wrap)
		values[4] = excelize.Cell{StyleID: st.date, Value: o.Since.In(p.Location)}
		values[5] = excelize.Cell{StyleID: st.date, Value: o.Due.In(p.Location)}
		values[6] = excelize.Cell{StyleID: st.number, Value: o.WorkingDaysOverdue}
		if err := setRow(sw, 2+i, values); err != nil {
			return err
		}
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", sheet, err)
	}

	return nil
}

// writeHeaderRow writes one header row in the header style.
func writeHeaderRow(sw *excelize.StreamWriter, st styleSet, row int, headers []string) error {
	values := make([]any, len(headers))
	for i, h := range headers {
		values[i] = textCell(h, st.header)
	}

	return setRow(sw, row, values, excelize.RowOpts{Height: 45})
}

// widthSample is how many chart lines the column widths are measured on;
// the widths of a streamed list cannot wait for its last line.
const widthSample = 2000

// errEnoughLines stops the measuring pass over the chart lines.
var errEnoughLines = errors.New("enough lines measured")

// eachChart yields the chart lines from ChartLines, or from Charts.
func (p Progress) eachChart(yield func(ChartLine) error) error {
	if p.ChartLines != nil {
		return p.ChartLines(yield)
	}
	for _, c := range p.Charts {
		if err := yield(c); err != nil {
			return err
		}
	}
	return nil
}

func (p Progress) chartCount() int {
	if p.ChartLines != nil {
		return p.ChartCount
	}
	return len(p.Charts)
}
