package charts_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

// FuzzDecodeValidateChart checks that any input either fails decoding or
// validation with a *charts.ValidationError naming a field, or survives a
// round trip through its canonical form unchanged.
func FuzzDecodeValidateChart(f *testing.F) {
	valid, _, err := charts.Canonical(validChart())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`{"service_code":"63001","legal_basis":"x","interactions":null}`))
	f.Add([]byte(`{"service_code":"63001","interactions":[{"deadline":{"total":{"value":-1,"unit":"years"}}}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		body, err := charts.DecodeChart(raw)
		if err != nil {
			requireFieldProblems(t, "DecodeChart", err)
			return
		}
		if err := charts.ValidateChart(body, testService, testRegistry); err != nil {
			requireFieldProblems(t, "ValidateChart", err)
		}
		canonical, sum, err := charts.Canonical(body)
		if err != nil {
			t.Fatalf("Canonical of a decoded chart: %v", err)
		}
		again, err := charts.DecodeChart(canonical)
		if err != nil {
			t.Fatalf("DecodeChart of the canonical form %q: %v", canonical, err)
		}
		if d := cmp.Diff(body, again); d != "" {
			t.Fatalf("canonical round trip changed the chart (-decoded +re-decoded):\n%s", d)
		}
		if _, sum2, _ := charts.Canonical(again); sum2 != sum {
			t.Fatalf("canonical hash %s, then %s for the same chart", sum, sum2)
		}
	})
}

func requireFieldProblems(t *testing.T, step string, err error) {
	t.Helper()
	var verr *charts.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("%s: error %T %v, want *charts.ValidationError", step, err, err)
	}
	if len(verr.Problems) == 0 {
		t.Fatalf("%s: validation error without problems", step)
	}
	for _, p := range verr.Problems {
		if p.Field == "" || p.Message == "" {
			t.Fatalf("%s: problem %+v lacks a field or message", step, p)
		}
	}
}

// FuzzDiff checks that Diff never panics, finds no change between equal
// documents and at least one between different ones.
func FuzzDiff(f *testing.F) {
	valid, _, err := charts.Canonical(validChart())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid, valid)
	f.Add([]byte(`{"a":[1,2,3]}`), []byte(`{"a":[1,3]}`))
	f.Add([]byte(`{"a":{"b":null}}`), []byte(`{"a":[]}`))
	f.Add([]byte(`[{"x":1},{"x":1}]`), []byte(`[{"x":1}]`))
	f.Fuzz(func(t *testing.T, older, newer []byte) {
		changes, err := charts.Diff(older, newer)
		var a, b any
		validOlder := json.Unmarshal(older, &a) == nil
		validNewer := json.Unmarshal(newer, &b) == nil
		if !validOlder || !validNewer {
			if err == nil {
				t.Fatalf("Diff(%q, %q) accepted invalid JSON", older, newer)
			}
			return
		}
		if err != nil {
			t.Fatalf("Diff(%q, %q): %v", older, newer, err)
		}
		equal := reflect.DeepEqual(a, b)
		if equal && len(changes) > 0 {
			t.Fatalf("Diff of equal documents %q and %q: %+v", older, newer, changes)
		}
		if !equal && len(changes) == 0 {
			t.Fatalf("Diff(%q, %q) found no change between different documents", older, newer)
		}
		for _, c := range changes {
			switch c.Op {
			case charts.OpAdded, charts.OpRemoved, charts.OpChanged:
			default:
				t.Fatalf("change %+v has unknown op", c)
			}
		}
	})
}
