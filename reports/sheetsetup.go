package reports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// sheetLayout is the page and view setup of one streamed sheet.
type sheetLayout struct {
	// headerFirst and headerLast are the 1-based rows of the table header:
	// rows above headerLast+1 stay frozen and repeat on every printed page.
	headerFirst, headerLast int
	widths                  []float64
	// filterRef is the range of the autofilter, header row included, or
	// empty for none.
	filterRef string
}

// addSheet creates a sheet, reusing the workbook's default first sheet for
// the first one, so the workbook has no stray empty sheet.
func addSheet(f *excelize.File, name string, first bool) error {
	if first {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return fmt.Errorf("rename the first sheet to %q: %w", name, err)
		}
		return nil
	}

	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("create sheet %q: %w", name, err)
	}

	return nil
}

// openStreamSheet applies the layout to an existing empty sheet and returns a
// StreamWriter for it. Settings the StreamWriter copies from the sheet when it
// starts (sheet properties, autofilter, page setup) are made first.
func openStreamSheet(f *excelize.File, sheet string, l sheetLayout) (*excelize.StreamWriter, error) {
	if l.filterRef != "" {
		if err := f.AutoFilter(sheet, l.filterRef, nil); err != nil {
			return nil, fmt.Errorf("set autofilter %s on sheet %q: %w", l.filterRef, sheet, err)
		}
	}

	if err := setLandscape(f, sheet); err != nil {
		return nil, err
	}

	if l.headerLast > 0 {
		titles := fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), l.headerFirst, l.headerLast)
		err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet})
		if err != nil {
			return nil, fmt.Errorf("set print titles of sheet %q: %w", sheet, err)
		}
	}

	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("start writing sheet %q: %w", sheet, err)
	}

	for i, w := range l.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, fmt.Errorf("set width of column %d on sheet %q: %w", i+1, sheet, err)
		}
	}

	if l.headerLast > 0 {
		top := cellName(1, l.headerLast+1)
		panes := &excelize.Panes{
			Freeze:      true,
			YSplit:      l.headerLast,
			TopLeftCell: top,
			ActivePane:  "bottomLeft",
			Selection:   []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		}
		if err := sw.SetPanes(panes); err != nil {
			return nil, fmt.Errorf("freeze header rows of sheet %q: %w", sheet, err)
		}
	}

	return sw, nil
}

// setLandscape sets A4 landscape pages that fit the sheet's width on one page.
func setLandscape(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("set fit to page on sheet %q: %w", sheet, err)
	}

	orientation, a4, wide, tall := "landscape", 9, 1, 0
	layout := &excelize.PageLayoutOptions{Orientation: &orientation, Size: &a4, FitToWidth: &wide, FitToHeight: &tall}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return fmt.Errorf("set landscape pages on sheet %q: %w", sheet, err)
	}

	return nil
}

// setRow writes one row and names the sheet and row when it fails.
func setRow(sw *excelize.StreamWriter, row int, values []any, opts ...excelize.RowOpts) error {
	if err := sw.SetRow(cellName(1, row), values, opts...); err != nil {
		return fmt.Errorf("write row %d of sheet %q: %w", row, sw.Sheet, err)
	}

	return nil
}

// writeWorkbook saves f to w and closes it.
func writeWorkbook(f *excelize.File, w io.Writer) error {
	if _, err := f.WriteTo(w); err != nil {
		_ = f.Close()
		return fmt.Errorf("write workbook: %w", err)
	}

	if err := f.Close(); err != nil {
		return fmt.Errorf("close workbook: %w", err)
	}

	return nil
}
