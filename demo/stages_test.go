package demo_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
	"pcii/demo"
)

func TestChartFunnelFigures(t *testing.T) {
	d := region()
	ix := newIndex(d)
	got := map[string]int{}
	for _, c := range d.Charts {
		level := ix.level(c)
		got[level+" charts"]++
		if c.Stage.Agreed() {
			got[level+" agreed"]++
		}
		if c.Stage.Approved() {
			got[level+" approved"]++
		}
	}
	want := map[string]int{
		"state charts":       112,
		"state agreed":       112,
		"state approved":     106,
		"municipal charts":   491,
		"municipal agreed":   411,
		"municipal approved": 371,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("chart figures (-want +got):\n%s", diff)
	}
}

func TestStagesOccurAtBothLevels(t *testing.T) {
	d := region()
	ix := newIndex(d)
	got := map[string]map[demo.Stage]int{}
	for _, c := range d.Charts {
		level := ix.level(c)
		if got[level] == nil {
			got[level] = map[demo.Stage]int{}
		}
		got[level][c.Stage]++
	}
	for _, stage := range demo.Stages {
		if n := got[charts.ServiceMunicipal][stage]; n < 3 {
			t.Errorf("%d municipal charts at stage %s, want at least 3", n, stage)
		}
		n := got[charts.ServiceState][stage]
		switch {
		case stage.Agreed() && n < 3:
			t.Errorf("%d state charts at stage %s, want at least 3", n, stage)
		case !stage.Agreed() && n != 0:
			t.Errorf("%d state charts at stage %s, want none because all state charts are agreed", n, stage)
		}
	}
	for level, stages := range got {
		for stage := range stages {
			if !slices.Contains(demo.Stages, stage) {
				t.Errorf("%s chart at unknown stage %q", level, stage)
			}
		}
	}
}

func TestStageProviders(t *testing.T) {
	d := region()
	ix := newIndex(d)
	for _, c := range d.Charts {
		if c.Stage != demo.StageAgreement && c.Stage != demo.StageObjected {
			continue
		}
		if n := externalProviders(c.Body, ix.authorityOf(c)); n < 2 {
			t.Errorf("%s at stage %s has %d providers besides its authority, want at least 2", c.Body.ServiceCode, c.Stage, n)
		}
	}
}

func TestStageRemarks(t *testing.T) {
	agreedWithRemark := 0
	for _, c := range region().Charts {
		switch c.Stage {
		case demo.StageObjected, demo.StageReturned:
			if c.Remark == "" {
				t.Errorf("%s at stage %s has no remark", c.Body.ServiceCode, c.Stage)
			}
		case demo.StageDraft:
			if c.Remark != "" {
				t.Errorf("%s never submitted but has remark %q", c.Body.ServiceCode, c.Remark)
			}
		}
		if c.Stage.Agreed() && c.Remark != "" {
			agreedWithRemark++
		}
	}
	if agreedWithRemark == 0 {
		t.Error("no agreed chart carries an agreement remark")
	}
}

// TestWithdrawnKindsOnlyInDrafts checks that only charts never submitted
// name withdrawn data kind versions, and that some do.
func TestWithdrawnKindsOnlyInDrafts(t *testing.T) {
	d := region()
	ix := newIndex(d)
	drafts := 0
	for _, c := range d.Charts {
		bodies := []charts.ChartBody{c.Body}
		if c.Amendment != nil {
			bodies = append(bodies, *c.Amendment)
		}
		for _, body := range bodies {
			for _, row := range body.Interactions {
				if ix.kinds[row.DataKindCode].WithdrawnOn == "" {
					continue
				}
				if c.Stage != demo.StageDraft {
					t.Errorf("%s at stage %s requests withdrawn data kind %s", c.Body.ServiceCode, c.Stage, row.DataKindCode)
				}
				drafts++
			}
		}
	}
	if drafts == 0 {
		t.Error("no draft chart names a withdrawn data kind")
	}
}

// TestWalkThroughAuthorities checks the stages a demo finds as each
// specialist. State charts are all agreed, so the ministry has only agreed
// stages; Samara has every stage.
func TestWalkThroughAuthorities(t *testing.T) {
	d := region()
	ix := newIndex(d)
	stages := map[string]map[demo.Stage]bool{}
	for _, c := range d.Charts {
		a := ix.authorityOf(c)
		if stages[a] == nil {
			stages[a] = map[demo.Stage]bool{}
		}
		stages[a][c.Stage] = true
	}
	tests := []struct {
		authority string
		want      []demo.Stage
	}{
		{"MINSOC63", []demo.Stage{demo.StageReview, demo.StageApproved, demo.StagePublished, demo.StageAmending, demo.StageSuperseded}},
		{"ADM-SAMARA", demo.Stages},
		{"ADM-TOLYATTI", []demo.Stage{demo.StageDraft, demo.StageAgreement, demo.StageReview, demo.StagePublished}},
	}
	for _, tt := range tests {
		t.Run(tt.authority, func(t *testing.T) {
			for _, stage := range tt.want {
				if !stages[tt.authority][stage] {
					t.Errorf("no chart of %s at stage %s", tt.authority, stage)
				}
			}
		})
	}
}

// TestProvidersHaveChartsToAgree checks that the demo provider accounts
// find charts in agreement that they have not agreed yet. The loader agrees
// the first provider in row order, so a provider waits when it comes later.
func TestProvidersHaveChartsToAgree(t *testing.T) {
	d := region()
	ix := newIndex(d)
	waiting := map[string]int{}
	samaraWaitingForFNS := 0
	for _, c := range d.Charts {
		if c.Stage != demo.StageAgreement {
			continue
		}
		for _, p := range providers(c.Body)[1:] {
			waiting[p]++
			if p == "FNS63" && ix.authorityOf(c) == "ADM-SAMARA" {
				samaraWaitingForFNS++
			}
		}
	}
	for _, provider := range []string{"FNS63", "ROSREESTR63"} {
		if waiting[provider] < 3 {
			t.Errorf("%d charts wait for %s to agree, want at least 3", waiting[provider], provider)
		}
	}
	if samaraWaitingForFNS == 0 {
		t.Error("no chart of Samara waits for ФНС to agree")
	}
}
