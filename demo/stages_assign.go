package demo

import (
	"fmt"
	"math/rand/v2"

	"pcii/charts"
)

// stageQuota is how many plans of a level end up at a stage.
type stageQuota struct {
	stage Stage
	count int
}

// State charts: all 112 agreed, 106 of them approved by the commission.
var stateQuotas = []stageQuota{
	{StageReview, 6},
	{StageApproved, 10},
	{StageAmending, 6},
	{StageSuperseded, 6},
	{StagePublished, 84},
}

// Municipal charts: 411 of 503 agreed; the other 92 are in draft, objected,
// in agreement, returned or not drafted yet. Restrictive stages come first
// so that they get the plans they need.
var municipalQuotas = []stageQuota{
	{StageAgreement, 24},
	{StageObjected, 12},
	{stageNone, 12},
	{StageDraft, 30},
	{StageReturned, 14},
	{StageReview, 40},
	{StageApproved, 60},
	{StageAmending, 15},
	{StageSuperseded, 15},
	{StagePublished, 281},
}

// requiredStage makes an authority have at least one plan at a stage, so a
// demo walk-through as its specialist finds one.
type requiredStage struct {
	authority string
	stage     Stage
}

var requiredStages = []requiredStage{
	{codeMinsoc, StageReview},
	{codeMinsoc, StageApproved},
	{codeMinsoc, StagePublished},
	{codeMinsoc, StageAmending},
	{codeMinsoc, StageSuperseded},
	{codeSamara, StageDraft},
	{codeSamara, StageObjected},
	{codeSamara, StageAgreement},
	{codeSamara, StageAgreement},
	{codeSamara, StageReview},
	{codeSamara, StageReturned},
	{codeSamara, StageApproved},
	{codeSamara, StagePublished},
	{codeSamara, StageAmending},
	{codeSamara, StageSuperseded},
	{codeSamara, stageNone},
	{codeTolyatti, StageAgreement},
	{codeTolyatti, StageDraft},
	{codeTolyatti, StageReview},
}

// withdrawnDrafts is how many draft plans name withdrawn data kind versions.
const withdrawnDrafts = 2

// assignStages chooses the stage of every plan. Plans are visited in a
// shuffled order drawn from a fixed seed, so stages spread over authorities
// and every call chooses the same. It panics when the quotas cannot be met,
// which only a change to the catalogs or quotas can cause.
func assignStages(plans []*chartDraft) {
	var state, municipal []*chartDraft
	for _, p := range plans {
		if p.item.Level == charts.ServiceState {
			state = append(state, p)
		} else {
			municipal = append(municipal, p)
		}
	}
	rng := rand.New(rand.NewPCG(63, 20111201))
	assignLevel(shuffle(state, rng), stateQuotas)
	assignLevel(shuffle(municipal, rng), municipalQuotas)
	markWithdrawnDrafts(plans)
}

func shuffle(plans []*chartDraft, rng *rand.Rand) []*chartDraft {
	order := rng.Perm(len(plans))
	shuffled := make([]*chartDraft, len(plans))
	for i, j := range order {
		shuffled[i] = plans[j]
	}
	return shuffled
}

func assignLevel(plans []*chartDraft, quotas []stageQuota) {
	remaining := make(map[Stage]int, len(quotas))
	for _, q := range quotas {
		remaining[q.stage] = q.count
	}
	for _, r := range requiredStages {
		if _, ok := remaining[r.stage]; !ok || !levelHas(plans, r.authority) {
			continue
		}
		p := firstEligible(plans, r.stage, r.authority)
		if p == nil || remaining[r.stage] == 0 {
			panic(fmt.Sprintf("demo: no plan of %s can be left at stage %s", r.authority, r.stage))
		}
		p.stage, p.staged = r.stage, true
		remaining[r.stage]--
	}
	for _, q := range quotas {
		for remaining[q.stage] > 0 {
			p := firstEligible(plans, q.stage, "")
			if p == nil {
				panic(fmt.Sprintf("demo: %d plans short for stage %s", remaining[q.stage], q.stage))
			}
			p.stage, p.staged = q.stage, true
			remaining[q.stage]--
		}
	}
	for _, p := range plans {
		if !p.staged {
			panic("demo: stage quotas do not cover plan " + p.item.Code)
		}
	}
}

func levelHas(plans []*chartDraft, authority string) bool {
	for _, p := range plans {
		if p.item.AuthorityCode == authority {
			return true
		}
	}
	return false
}

// firstEligible returns the first unstaged plan that can be left at the
// stage, of the given authority unless authority is empty.
func firstEligible(plans []*chartDraft, stage Stage, authority string) *chartDraft {
	for _, p := range plans {
		if p.staged || (authority != "" && p.item.AuthorityCode != authority) {
			continue
		}
		if eligible(p, stage) {
			return p
		}
	}
	return nil
}

// eligible reports whether a plan can be left at the stage. A chart in
// agreement or objected to needs at least two providers besides its drafting
// authority. A chart in agreement also needs ФНС among them, so that ФНС is
// still to agree after the first provider.
func eligible(p *chartDraft, stage Stage) bool {
	providers := p.providers()
	switch stage {
	case StageObjected:
		return len(providers) >= 2
	case StageAgreement:
		if len(providers) < 2 {
			return false
		}
		for _, code := range providers {
			if code == codeFNS {
				return true
			}
		}
		return false
	}
	return true
}

// markWithdrawnDrafts makes the first draft plans that request a data kind
// with a withdrawn version name that version, so the demo shows charts
// that need updating before submission.
func markWithdrawnDrafts(plans []*chartDraft) {
	marked := 0
	for _, p := range plans {
		if p.stage == StageDraft && p.hasNeed(reqPension, reqEGRIP) {
			p.withdrawn = true
			marked++
			if marked == withdrawnDrafts {
				return
			}
		}
	}
	panic("demo: too few draft plans request a data kind with a withdrawn version")
}
