package charts

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// Change operations.
const (
	OpAdded   = "added"
	OpRemoved = "removed"
	OpChanged = "changed"
)

// Change is one field-level difference between two revisions. Path uses the
// JSON names, such as "interactions[1].deadline_days"; for a changed or added
// array element the index is the element's place in the newer revision, for
// a removed one its place in the older.
type Change struct {
	Path string `json:"path"`
	Op   string `json:"op"`
	From any    `json:"from,omitempty"`
	To   any    `json:"to,omitempty"`
}

// Diff compares two canonical bodies field by field. Array elements are
// aligned on equal elements first, so inserting a row reports one added row
// rather than every later row changed.
func Diff(from, to []byte) ([]Change, error) {
	var a, b any
	if err := json.Unmarshal(from, &a); err != nil {
		return nil, fmt.Errorf("decode older body: %w", err)
	}
	if err := json.Unmarshal(to, &b); err != nil {
		return nil, fmt.Errorf("decode newer body: %w", err)
	}
	var out []Change
	diffValue(&out, "", a, b)
	return out, nil
}

func diffValue(out *[]Change, path string, a, b any) {
	switch av := a.(type) {
	case map[string]any:
		if bv, ok := b.(map[string]any); ok {
			diffObject(out, path, av, bv)
			return
		}
	case []any:
		if bv, ok := b.([]any); ok {
			diffArray(out, path, av, bv)
			return
		}
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, Change{Path: path, Op: OpChanged, From: a, To: b})
	}
}

func diffObject(out *[]Change, path string, a, b map[string]any) {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := k
		if path != "" {
			p = path + "." + k
		}
		av, inA := a[k]
		bv, inB := b[k]
		switch {
		case !inA:
			*out = append(*out, Change{Path: p, Op: OpAdded, To: bv})
		case !inB:
			*out = append(*out, Change{Path: p, Op: OpRemoved, From: av})
		default:
			diffValue(out, p, av, bv)
		}
	}
}

// diffArray aligns a and b on their longest common subsequence of equal
// elements; the unmatched elements between two anchors are paired in order
// as changed, and the rest are added or removed.
func diffArray(out *[]Change, path string, a, b []any) {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if reflect.DeepEqual(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}

	var gapA, gapB []int
	flush := func() {
		k := 0
		for ; k < len(gapA) && k < len(gapB); k++ {
			diffValue(out, fmt.Sprintf("%s[%d]", path, gapB[k]), a[gapA[k]], b[gapB[k]])
		}
		for _, i := range gapA[k:] {
			*out = append(*out, Change{Path: fmt.Sprintf("%s[%d]", path, i), Op: OpRemoved, From: a[i]})
		}
		for _, j := range gapB[k:] {
			*out = append(*out, Change{Path: fmt.Sprintf("%s[%d]", path, j), Op: OpAdded, To: b[j]})
		}
		gapA, gapB = gapA[:0], gapB[:0]
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case reflect.DeepEqual(a[i], b[j]):
			flush()
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			gapA = append(gapA, i)
			i++
		default:
			gapB = append(gapB, j)
			j++
		}
	}
	for ; i < n; i++ {
		gapA = append(gapA, i)
	}
	for ; j < m; j++ {
		gapB = append(gapB, j)
	}
	flush()
}

// ChangedProviders returns the provider authorities whose rows differ
// between two chart bodies: a row of theirs was added, removed or edited.
// The agreements of the other providers carry over to the newer revision.
func ChangedProviders(from, to ChartBody) map[string]bool {
	rows := func(b ChartBody) map[string][]string {
		m := make(map[string][]string)
		for _, in := range b.Interactions {
			enc, _, err := Canonical(in)
			if err != nil {
				// An Interaction always encodes; treat the impossible as a change.
				enc = []byte(fmt.Sprint(in))
			}
			m[in.ProviderCode] = append(m[in.ProviderCode], string(enc))
		}
		for _, list := range m {
			sort.Strings(list)
		}
		return m
	}
	a, b := rows(from), rows(to)
	changed := make(map[string]bool)
	for p, ra := range a {
		if !reflect.DeepEqual(ra, b[p]) {
			changed[p] = true
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			changed[p] = true
		}
	}
	return changed
}

// Providers returns the distinct provider codes of a chart body other than
// the drafting authority, in row order.
func Providers(b ChartBody, drafter string) []string {
	seen := map[string]bool{drafter: true}
	var out []string
	for _, in := range b.Interactions {
		if !seen[in.ProviderCode] {
			seen[in.ProviderCode] = true
			out = append(out, in.ProviderCode)
		}
	}
	return out
}
