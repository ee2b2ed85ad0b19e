package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

func TestSheetName(t *testing.T) {
	long := strings.Repeat("Министерство", 5)
	tests := []struct {
		name string
		used []string
		in   string
		want string
	}{
		{"plain", nil, "Самара", "Самара"},
		{"forbidden characters", nil, "ГО: Самара/Тольятти [2012]?*", "ГО Самара Тольятти 2012"},
		{"apostrophes at ends", nil, "'Сызрань'", "Сызрань"},
		{"empty", nil, "  ", "Лист"},
		{"only forbidden", nil, "[]:*", "Лист"},
		{"long", nil, long, string([]rune(long)[:31])},
		{"taken ignoring case", []string{"самара"}, "САМАРА", "САМАРА (2)"},
		{"second copy", []string{"самара", "самара (2)"}, "Самара", "Самара (3)"},
		{"long taken", []string{strings.ToLower(string([]rune(long)[:31]))}, long, string([]rune(long)[:27]) + " (2)"},
		{"reserved", nil, "history", "history 1"},
		{"control characters", nil, "Карты\x00\x01", "Карты"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			used := map[string]bool{}
			for _, u := range tt.used {
				used[u] = true
			}
			got := SheetName(tt.in, used)
			if got != tt.want {
				t.Errorf("SheetName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !used[strings.ToLower(got)] {
				t.Errorf("SheetName did not record %q as used", got)
			}
			if n := utf8.RuneCountInString(got); n > 31 {
				t.Errorf("SheetName(%q) has %d runes, want at most 31", tt.in, n)
			}
			f := excelize.NewFile()
			defer f.Close()
			if _, err := f.NewSheet(got); err != nil {
				t.Errorf("excelize rejects sheet name %q: %v", got, err)
			}
		})
	}
}
