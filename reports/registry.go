package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// RegistryLine is one service of the registry export with the state of its
// passport and chart.
type RegistryLine struct {
	// Code is the registry number of the service.
	Code string
	Name string
	// Level is charts.ServiceState or charts.ServiceMunicipal.
	Level         string
	AuthorityCode string
	AuthorityName string
	// PassportState is the passport's workflow state, empty without a
	// passport.
	PassportState string
	InInteraction bool
	// ChartID is 0 for a service that has no chart.
	ChartID    int64
	ChartState string
	// Revision is the chart's latest revision number.
	Revision int
}

// SheetRegistry is the sheet name of the registry export.
const SheetRegistry = "Реестр услуг"

var registryHeaders = []string{
	"Реестровый номер",
	"Наименование услуги",
	"Уровень",
	"Код органа",
	"Орган, предоставляющий услугу",
	"Паспорт услуги",
	"В межведомственном взаимодействии",
	"№ ТКМВ",
	"Состояние ТКМВ",
	"Редакция ТКМВ",
}

// WriteRegistry writes the registry export, one streamed row per service,
// as an .xlsx workbook to w. A service without a passport shows "нет" in the
// passport column, and one without a chart leaves the chart columns empty.
func WriteRegistry(w io.Writer, lines []RegistryLine) error {
	f := excelize.NewFile()
	if err := writeRegistrySheet(f, lines); err != nil {
		_ = f.Close()
		return fmt.Errorf("write registry export: %w", err)
	}

	return writeWorkbook(f, w)
}

func registryTexts(l RegistryLine) []string {
	passport := "нет"
	if l.PassportState != "" {
		passport = StateLabel(l.PassportState)
	}

	chartID, revision := "", ""
	if l.ChartID != 0 {
		chartID = strconv.FormatInt(l.ChartID, 10)
		revision = strconv.Itoa(l.Revision)
	}

	return []string{
		l.Code, l.Name, serviceLevelLabel(l.Level), l.AuthorityCode, l.AuthorityName,
		passport, yesNo(l.InInteraction), chartID, StateLabel(l.ChartState), revision,
	}
}

func writeRegistrySheet(f *excelize.File, lines []RegistryLine) error {
	st, err := newStyleSet(f)
	if err != nil {
		return err
	}

	if err := addSheet(f, SheetRegistry, true); err != nil {
		return err
	}

	meter := newWidthMeter(len(registryHeaders))
	for i, h := range registryHeaders {
		meter.addHeader(i, h)
	}

	for _, l := range lines {
		for i, text := range registryTexts(l) {
			meter.add(i, text)
		}
	}

	layout := sheetLayout{
		headerFirst: 1,
		headerLast:  1,
		widths:      meter.widths(),
		filterRef:   "A1:" + cellName(len(registryHeaders), 1+len(lines)),
	}

	sw, err := openStreamSheet(f, SheetRegistry, layout)
	if err != nil {
		return err
	}

	if err := writeHeaderRow(sw, st, 1, registryHeaders); err != nil {
		return err
	}

	values := make([]any, len(registryHeaders))
	for i, l := range lines {
		texts := registryTexts(l)
		for col, text := range texts {
			values[col] = textCell(text, st.text)
		}
		values[1] = textCell(texts[1], st.wrap)
		values[4] = textCell(texts[4], st.wrap)
		if l.ChartID != 0 {
			values[7] = excelize.Cell{StyleID: st.text, Value: l.ChartID}
			values[9] = excelize.Cell{StyleID: st.number, Value: l.Revision}
		}
		if err := setRow(sw, 2+i, values); err != nil {
			return err
		}
	}

	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", SheetRegistry, err)
	}

	return nil
}
