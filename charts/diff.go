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
// JSON names, such as "interactions[1].deadline_days". The index of a changed
// or added element is its place in the newer revision, and that of a removed
// element its place in the older.
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
// elements. Between two anchors, an old and a new element that share most
// of their fields are paired as changed; the rest are removed or added.
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
		pairs := pairSimilar(a, b, gapA, gapB)
		pairedA, pairedB := make(map[int]bool), make(map[int]bool)
		for _, p := range pairs {
			pairedA[p[0]], pairedB[p[1]] = true, true
		}
		for _, i := range gapA {
			if !pairedA[i] {
				*out = append(*out, Change{Path: fmt.Sprintf("%s[%d]", path, i), Op: OpRemoved, From: a[i]})
			}
		}
		for _, j := range gapB {
			if !pairedB[j] {
				*out = append(*out, Change{Path: fmt.Sprintf("%s[%d]", path, j), Op: OpAdded, To: b[j]})
				continue
			}
			for _, p := range pairs {
				if p[1] == j {
					diffValue(out, fmt.Sprintf("%s[%d]", path, j), a[p[0]], b[j])
				}
			}
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

// pairSimilar pairs elements of a (at indexes ia) with elements of b (at
// indexes ib) in order, each old element with the remaining new one that
// shares the largest part of its fields, if more than half. Scalars pair only in equal
// numbers of old and new, position by position.
func pairSimilar(a, b []any, ia, ib []int) [][2]int {
	var pairs [][2]int
	if !allObjects(a, ia) || !allObjects(b, ib) {
		for k := 0; k < len(ia) && k < len(ib); k++ {
			pairs = append(pairs, [2]int{ia[k], ib[k]})
		}
		return pairs
	}
	next := 0
	for _, i := range ia {
		best, bestScore := -1, 0.5
		for k := next; k < len(ib); k++ {
			if score := similarity(a[i].(map[string]any), b[ib[k]].(map[string]any)); score > bestScore {
				best, bestScore = k, score
			}
		}
		if best >= 0 {
			pairs = append(pairs, [2]int{i, ib[best]})
			next = best + 1
		}
	}
	return pairs
}

func allObjects(list []any, idx []int) bool {
	for _, i := range idx {
		if _, ok := list[i].(map[string]any); !ok {
			return false
		}
	}
	return true
}

// similarity returns the share of fields of x and y with equal values.
func similarity(x, y map[string]any) float64 {
	keys, same := 0, 0
	for k, v := range x {
		keys++
		if reflect.DeepEqual(v, y[k]) {
			same++
		}
	}
	for k := range y {
		if _, ok := x[k]; !ok {
			keys++
		}
	}
	if keys == 0 {
		return 0
	}
	return float64(same) / float64(keys)
}
