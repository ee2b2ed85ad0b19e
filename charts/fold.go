package charts

import "strings"

// Fold normalizes text for search: lower case in Cyrillic and Latin, and ё
// read as е, as Russian readers do. A search for "елка" finds "Ёлка".
func Fold(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "ё", "е")
}
