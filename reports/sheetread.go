package reports

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// grid is the text of one sheet as read: cells[row][col], both 0-based.
type grid struct {
	sheet string
	cells [][]string
}

// cell returns the trimmed text at the 0-based row and column, or "".
func (g grid) cell(row, col int) string {
	if row < 0 || row >= len(g.cells) || col < 0 || col >= len(g.cells[row]) {
		return ""
	}

	return strings.TrimSpace(g.cells[row][col])
}

// blankRow reports whether the 0-based row has no text.
func (g grid) blankRow(row int) bool {
	if row < 0 || row >= len(g.cells) {
		return true
	}

	for _, c := range g.cells[row] {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}

	return true
}

// readGrid reads a sheet with the Rows iterator. It rejects a sheet longer
// than MaxRows and a workbook with more than MaxCells non-empty cells, stops
// after MaxBlankRows empty rows in a row, and fills every cell of a merged
// range with the text of its top-left cell.
func (wb *workbook) readGrid(sheet string) (grid, error) {
	rows, err := wb.file.Rows(sheet)
	if err != nil {
		return grid{}, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Не удалось прочитать лист «%s». Откройте файл в Excel и сохраните заново.", sheet)
	}

	defer rows.Close()
	g := grid{sheet: sheet}
	blank := 0
	for row := 1; rows.Next(); row++ {
		if row > wb.lim.MaxRows {
			return grid{}, reject(ErrTooManyRows, "Лист «%s» содержит больше %d строк. Разделите данные на несколько файлов.", sheet, wb.lim.MaxRows)
		}
		cols, err := rows.Columns()
		if err != nil {
			return grid{}, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Не удалось прочитать строку %d листа «%s». Откройте файл в Excel и сохраните заново.", row, sheet)
		}
		filled := 0
		for _, c := range cols {
			if strings.TrimSpace(c) != "" {
				filled++
			}
		}
		if filled == 0 {
			blank++
			if blank >= wb.lim.MaxBlankRows {
				break
			}
			g.cells = append(g.cells, nil)
			continue
		}
		blank = 0
		wb.cells += filled
		if wb.cells > wb.lim.MaxCells {
			return grid{}, reject(ErrTooManyCells, "Файл содержит больше %d заполненных ячеек. Разделите данные на несколько файлов.", wb.lim.MaxCells)
		}
		g.cells = append(g.cells, cols)
	}

	if err := rows.Error(); err != nil {
		return grid{}, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Не удалось прочитать лист «%s». Откройте файл в Excel и сохраните заново.", sheet)
	}

	for len(g.cells) > 0 && g.blankRow(len(g.cells)-1) {
		g.cells = g.cells[:len(g.cells)-1]
	}

	merges, err := wb.mergedRanges(sheet)
	if err != nil {
		return grid{}, err
	}

	if err := wb.fillMerges(&g, merges); err != nil {
		return grid{}, err
	}

	return g, nil
}

// cellRange is a merged range in 0-based rows and columns, ends included.
type cellRange struct {
	top, left, bottom, right int
}

// mergedRanges scans the worksheet part for its mergeCell elements. It reads
// the part as a byte stream, one tag at a time, because excelize's
// GetMergeCells would load the whole sheet into memory.
func (wb *workbook) mergedRanges(sheet string) ([]cellRange, error) {
	name := wb.sheetPaths[sheet]
	var part io.ReadCloser
	for _, zf := range wb.zip.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				return nil, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Не удалось прочитать лист «%s». Откройте файл в Excel и сохраните заново.", sheet)
			}
			part = rc
			break
		}
	}

	if part == nil {
		return nil, nil
	}

	defer part.Close()
	var ranges []cellRange
	br := bufio.NewReaderSize(part, 64<<10)
	for {
		segment, err := br.ReadSlice('>')
		if i := bytes.Index(segment, []byte("mergeCell ")); i >= 0 {
			if r, ok := parseMergeTag(segment[i:]); ok {
				ranges = append(ranges, r)
				if len(ranges) > wb.lim.MaxCells {
					return nil, reject(ErrTooManyCells, "Лист «%s» содержит слишком много объединённых ячеек. Снимите объединение и сохраните файл заново.", sheet)
				}
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			return ranges, nil
		}
		if err != nil {
			return nil, reject(fmt.Errorf("%w: %w", ErrBrokenWorkbook, err), "Не удалось распаковать лист «%s». Откройте файл в Excel и сохраните заново.", sheet)
		}
	}
}

func parseMergeTag(tag []byte) (cellRange, bool) {
	i := bytes.Index(tag, []byte(`ref=`))
	if i < 0 || i+5 > len(tag) {
		return cellRange{}, false
	}

	quote := tag[i+4]
	rest := tag[i+5:]
	end := bytes.IndexByte(rest, quote)
	if end < 0 {
		return cellRange{}, false
	}

	first, last, found := strings.Cut(string(rest[:end]), ":")
	if !found {
		last = first
	}

	left, top, err1 := excelize.CellNameToCoordinates(first)
	right, bottom, err2 := excelize.CellNameToCoordinates(last)
	if err1 != nil || err2 != nil {
		return cellRange{}, false
	}

	return cellRange{top: min(top, bottom) - 1, left: min(left, right) - 1, bottom: max(top, bottom) - 1, right: max(left, right) - 1}, true
}

// fillMerges copies the top-left text of each merged range into its other
// cells, within the rows and columns the sheet has data in. The copies count
// towards MaxCells.
func (wb *workbook) fillMerges(g *grid, merges []cellRange) error {
	width := 0
	for _, r := range g.cells {
		width = max(width, len(r))
	}

	for _, m := range merges {
		if m.top >= len(g.cells) || m.left >= width {
			continue
		}
		value := ""
		if m.left < len(g.cells[m.top]) {
			value = g.cells[m.top][m.left]
		}
		if strings.TrimSpace(value) == "" {
			continue
		}
		bottom, right := min(m.bottom, len(g.cells)-1), min(m.right, width-1)
		for row := m.top; row <= bottom; row++ {
			for len(g.cells[row]) <= right {
				g.cells[row] = append(g.cells[row], "")
			}
			for col := m.left; col <= right; col++ {
				if row == m.top && col == m.left {
					continue
				}
				g.cells[row][col] = value
				wb.cells++
			}
		}
		if wb.cells > wb.lim.MaxCells {
			return reject(ErrTooManyCells, "Файл содержит больше %d заполненных ячеек с учётом объединённых. Разделите данные на несколько файлов.", wb.lim.MaxCells)
		}
	}

	return nil
}
