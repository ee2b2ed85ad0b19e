package reports

import (
	"strings"
	"unicode"

	"pcii/charts"
)

// Matcher resolves the authority and data kind a department typed in a form,
// by code or by name. The importers call it for every non-empty cell of those
// columns; ok is false when nothing matches.
type Matcher interface {
	AuthorityByCodeOrName(s string) (charts.Authority, bool)
	DataKindByCodeOrName(s string) (charts.DataKind, bool)
}

// ListMatcher is a Matcher over lists held in memory. It compares codes and
// names without regard to case, spaces, quotation marks or ё versus е.
type ListMatcher struct {
	authorities map[string]charts.Authority
	dataKinds   map[string]charts.DataKind
}

// NewListMatcher indexes the authorities by code, name and short name and
// the data kinds by code, name and namespace. When two entries share a key
// the first one wins.
func NewListMatcher(authorities []charts.Authority, dataKinds []charts.DataKind) *ListMatcher {
	m := &ListMatcher{authorities: map[string]charts.Authority{}, dataKinds: map[string]charts.DataKind{}}
	for _, a := range authorities {
		for _, key := range []string{a.Code, a.Name, a.ShortName} {
			if k := matchKey(key); k != "" {
				if _, taken := m.authorities[k]; !taken {
					m.authorities[k] = a
				}
			}
		}
	}

	for _, d := range dataKinds {
		for _, key := range []string{d.Code, d.Name, d.Namespace} {
			if k := matchKey(key); k != "" {
				if _, taken := m.dataKinds[k]; !taken {
					m.dataKinds[k] = d
				}
			}
		}
	}

	return m
}

// AuthorityByCodeOrName returns the authority whose code, name or short name
// is s.
func (m *ListMatcher) AuthorityByCodeOrName(s string) (charts.Authority, bool) {
	a, ok := m.authorities[matchKey(s)]
	return a, ok
}

// DataKindByCodeOrName returns the data kind whose code, name or namespace
// is s.
func (m *ListMatcher) DataKindByCodeOrName(s string) (charts.DataKind, bool) {
	d, ok := m.dataKinds[matchKey(s)]
	return d, ok
}

// matchKey normalises text for comparison: lower case, ё as е, quotation
// marks dropped and runs of spaces as one.
func matchKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '«', '»', '"', '“', '”', '„':
			return -1
		case 'ё', 'Ё':
			return 'е'
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// candidates returns the ways a cell can name one thing: the whole text,
// then each part around " — ", " - " or a line break, so "SID0003944 —
// Выписка из ЕГРЮЛ" matches by its code or its name.
func candidates(s string) []string {
	s = strings.TrimSpace(s)
	out := []string{s}
	parts := strings.FieldsFunc(strings.NewReplacer(" — ", "\n", " – ", "\n", " - ", "\n", "/", "\n").Replace(s), func(r rune) bool { return r == '\n' })
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && p != s {
			out = append(out, p)
		}
	}

	return out
}
