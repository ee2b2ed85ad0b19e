package demo_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/demo"
)

func TestRegionDeterministic(t *testing.T) {
	first := demo.Region()
	second := demo.Region()
	if diff := cmp.Diff(first, second); diff != "" {
		t.Fatalf("two calls of Region differ (-first +second):\n%s", diff)
	}
}

func TestRegionReturnsIndependentCopies(t *testing.T) {
	first := demo.Region()
	first.Authorities[0].Name = "изменено"
	first.Charts[0].Body.Interactions[0].DeadlineDays = 99
	first.Passports[0].Body.Documents[0].Name = "изменено"
	first.DataKinds[0].Name = "изменено"

	second := demo.Region()
	if second.Authorities[0].Name == "изменено" {
		t.Error("changing an authority of one dataset changed the next one")
	}
	if second.Charts[0].Body.Interactions[0].DeadlineDays == 99 {
		t.Error("changing a chart row of one dataset changed the next one")
	}
	if second.Passports[0].Body.Documents[0].Name == "изменено" {
		t.Error("changing a passport document of one dataset changed the next one")
	}
	if second.DataKinds[0].Name == "изменено" {
		t.Error("changing a data kind of one dataset changed the next one")
	}
}

func TestRegionName(t *testing.T) {
	if got := region().Region; got != "Самарская область" {
		t.Errorf("Region = %q, want Самарская область", got)
	}
}

func BenchmarkRegion(b *testing.B) {
	for b.Loop() {
		demo.Region()
	}
}
