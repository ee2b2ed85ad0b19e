package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// SheetProtocol is the sheet name of a meeting protocol.
const SheetProtocol = "Протокол"

// ProtocolItem is one document the meeting considered.
type ProtocolItem struct {
	// Kind is "chart" or "passport".
	Kind        string
	DocumentID  int64
	ServiceCode string
	ServiceName string
	Revision    int
	Approvals   int
	Returns     int
	// State is the document's workflow state after the meeting.
	State string
}

// ProtocolData is a commission meeting and its decisions.
type ProtocolData struct {
	Protocol string
	// HeldOn is the meeting's date as 02.01.2006.
	HeldOn string
	Title  string
	Items  []ProtocolItem
}

var protocolHeaders = []string{"№ п/п", "Документ", "Реестровый номер", "Наименование услуги",
	"Редакция", "За утверждение", "На доработку", "Решение"}

// WriteProtocol writes a meeting protocol as an .xlsx workbook: the
// protocol's number and date, then one row per agenda item with the votes
// cast in the meeting and the decision.
func WriteProtocol(w io.Writer, p ProtocolData) error {
	f := excelize.NewFile()
	if err := writeProtocolSheet(f, p); err != nil {
		_ = f.Close()
		return fmt.Errorf("write protocol %s: %w", p.Protocol, err)
	}
	return writeWorkbook(f, w)
}

func writeProtocolSheet(f *excelize.File, p ProtocolData) error {
	st, err := newStyleSet(f)
	if err != nil {
		return err
	}
	if err := addSheet(f, SheetProtocol, true); err != nil {
		return err
	}
	const headerRow = 4
	meter := newWidthMeter(len(protocolHeaders))
	for i, h := range protocolHeaders {
		meter.addHeader(i, h)
	}
	rows := make([][]string, len(p.Items))
	for i, item := range p.Items {
		rows[i] = protocolTexts(i, item)
		for col, text := range rows[i] {
			meter.add(col, text)
		}
	}
	layout := sheetLayout{headerFirst: headerRow, headerLast: headerRow, widths: meter.widths(),
		filterRef: "A4:" + cellName(len(protocolHeaders), headerRow+len(p.Items))}
	sw, err := openStreamSheet(f, SheetProtocol, layout)
	if err != nil {
		return err
	}
	title := "Протокол заседания комиссии № " + p.Protocol + " от " + p.HeldOn
	if err := setRow(sw, 1, []any{textCell(title, st.title)}); err != nil {
		return err
	}
	if p.Title != "" {
		if err := setRow(sw, 2, []any{textCell(p.Title, st.subtitle)}); err != nil {
			return err
		}
	}
	if err := writeHeaderRow(sw, st, headerRow, protocolHeaders); err != nil {
		return err
	}
	for i, item := range p.Items {
		values := make([]any, len(protocolHeaders))
		for col, text := range rows[i] {
			values[col] = textCell(text, st.text)
		}
		values[0] = excelize.Cell{StyleID: st.number, Value: i + 1}
		values[3] = textCell(rows[i][3], st.wrap)
		values[4] = excelize.Cell{StyleID: st.number, Value: item.Revision}
		values[5] = excelize.Cell{StyleID: st.number, Value: item.Approvals}
		values[6] = excelize.Cell{StyleID: st.number, Value: item.Returns}
		if err := setRow(sw, headerRow+1+i, values); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("finish sheet %q: %w", SheetProtocol, err)
	}
	return nil
}

func protocolTexts(i int, item ProtocolItem) []string {
	kind := "ТКМВ № " + strconv.FormatInt(item.DocumentID, 10)
	if item.Kind == "passport" {
		kind = "Паспорт услуги № " + strconv.FormatInt(item.DocumentID, 10)
	}
	decision := "Рассмотрение продолжается"
	switch {
	case item.Returns > 0:
		decision = "Возвращено на доработку"
	case item.State == "approved" || item.State == "published":
		decision = "Утверждено"
	}
	return []string{strconv.Itoa(i + 1), kind, item.ServiceCode, item.ServiceName,
		strconv.Itoa(item.Revision), strconv.Itoa(item.Approvals), strconv.Itoa(item.Returns), decision}
}
