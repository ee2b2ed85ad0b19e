package reports

import (
	"strconv"
	"strings"
	"time"
)

// formatISODate turns a date in the form 2006-01-02 into the Russian
// 02.01.2006. Text in any other form is returned unchanged.
func formatISODate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}

	return t.Format("02.01.2006")
}

// dateLayouts are the date forms the importers accept: Russian, ISO, and
// the forms excelize uses to show date cells with Excel's built-in formats.
var dateLayouts = []string{"02.01.2006", "2.1.2006", "02.01.06", time.DateOnly, "01-02-06", "1-2-06", "01/02/2006"}

// parseDate reads a date cell and returns it in the form 2006-01-02. A plain
// number is taken as an Excel date serial in the 1900 date system.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}

	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial >= 1 && serial < 2958466 {
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		return base.AddDate(0, 0, int(serial)).Format(time.DateOnly), true
	}

	return "", false
}
