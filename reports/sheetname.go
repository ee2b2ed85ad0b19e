package reports

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxSheetNameRunes is Excel's limit on the length of a sheet name.
const maxSheetNameRunes = 31

// SheetName turns user text into a valid sheet name that is not yet in used,
// and records it there. Excel compares sheet names without regard to case, so
// used is keyed by the lower-case name. The result has at most 31 runes, none
// of : \ / ? * [ ], no apostrophe at either end, and is never empty ("Лист"
// is used for a name with no usable characters). A name already taken gets
// a suffix " (2)", " (3)" and so on, cutting the text to make room. A nil used
// only cleans the name.
func SheetName(s string, used map[string]bool) string {
	base := cleanSheetName(s)
	name := base
	for n := 2; used != nil && used[strings.ToLower(name)]; n++ {
		suffix := " (" + strconv.Itoa(n) + ")"
		name = trimSheetName(truncateRunes(base, maxSheetNameRunes-utf8.RuneCountInString(suffix))) + suffix
	}

	if used != nil {
		used[strings.ToLower(name)] = true
	}

	return name
}

func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			return ' '
		}
		if r < 0x20 || !xmlChar(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = trimSheetName(truncateRunes(trimSheetName(s), maxSheetNameRunes))
	if s == "" {
		return "Лист"
	}

	// Excel keeps the name "History" for its own change-tracking sheet.
	if strings.EqualFold(s, "History") {
		return s + " 1"
	}

	return s
}

// trimSheetName removes spaces and apostrophes from both ends, because Excel
// rejects a name that starts or ends with an apostrophe.
func trimSheetName(s string) string {
	return strings.Trim(s, "' ")
}

func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}

	if utf8.RuneCountInString(s) <= n {
		return s
	}

	return string([]rune(s)[:n])
}
