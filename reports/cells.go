package reports

import (
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCellRunes is Excel's limit of characters in one cell.
const maxCellRunes = 32767

// textCell returns a cell that stores s as a string. The StreamWriter writes a
// string value as an inline string with no <f> element, so Excel shows text
// that starts with "=", "+", "-", "@", a tab or a carriage return as it is
// and never evaluates it. Characters that XML 1.0 forbids are dropped and the
// text is cut to Excel's limit, because either would make the file unreadable.
func textCell(s string, style int) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: cleanText(s)}
}

// cleanText removes characters that XML 1.0 cannot carry and cuts s to
// maxCellRunes runes.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if !xmlChar(r) {
			clean = false
			break
		}
	}

	if !clean {
		s = strings.Map(func(r rune) rune {
			if xmlChar(r) {
				return r
			}
			return -1
		}, s)
	}

	if utf8.RuneCountInString(s) > maxCellRunes {
		runes := []rune(s)
		s = string(runes[:maxCellRunes])
	}

	return s
}

// xmlChar reports whether XML 1.0 allows r in text. Invalid UTF-8 reaches
// here as U+FFFD, which XML allows.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}

	return true
}

// Column width bounds, in Excel's units (the width of one digit of the
// default font).
const (
	minColumnWidth = 6
	maxColumnWidth = 60
	// cyrillicWidthFactor allows for Cyrillic letters of Calibri 11 being
	// wider than its digits, by which Excel measures a column.
	cyrillicWidthFactor = 1.15
)

// widthMeter collects the longest line of every column, counted in runes, so
// that Cyrillic text (two bytes a letter in UTF-8) is not measured twice.
type widthMeter struct {
	runes []int
}

func newWidthMeter(columns int) *widthMeter {
	return &widthMeter{runes: make([]int, columns)}
}

// add records the text of a cell in the 0-based column col.
func (m *widthMeter) add(col int, s string) {
	if col < 0 || col >= len(m.runes) {
		return
	}

	for line := range strings.SplitSeq(s, "\n") {
		if n := utf8.RuneCountInString(line); n > m.runes[col] {
			m.runes[col] = n
		}
	}
}

// addHeader records a header that wraps at spaces, so only its longest word
// has to fit.
func (m *widthMeter) addHeader(col int, s string) {
	for word := range strings.FieldsSeq(s) {
		m.add(col, word)
	}
}

// widths returns the column widths, each between minColumnWidth and
// maxColumnWidth. Longer text wraps inside its cell.
func (m *widthMeter) widths() []float64 {
	out := make([]float64, len(m.runes))
	for i, n := range m.runes {
		w := float64(n)*cyrillicWidthFactor + 2
		w = max(w, minColumnWidth)
		w = min(w, maxColumnWidth)
		out[i] = float64(int(w*10+0.5)) / 10
	}

	return out
}

// cellName returns the A1 reference of the 1-based column and row. Both come
// from this package's own layouts, which stay far inside Excel's bounds.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return ""
	}

	return name
}

// columnName returns the letters of the 1-based column.
func columnName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return ""
	}

	return name
}

// quoteSheet returns the sheet name quoted for a formula or a defined name.
func quoteSheet(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}
