package demo

import (
	"pcii/charts"
)

// chartDraft is the plan of one service in interaction before it becomes a
// ChartPlan: its rows, where it ends up and which data kind versions it
// names.
type chartDraft struct {
	item *serviceItem
	// ordinal is the position of the plan among the plans of its level,
	// from 0.
	ordinal int
	stage   Stage
	// staged is set once assignStages has chosen the stage.
	staged bool
	// withdrawn makes the plan name withdrawn data kind versions where its
	// requests have one; only draft plans do.
	withdrawn bool
	rows      []charts.Interaction
}

// stageNone marks a service in interaction that has no chart yet.
const stageNone Stage = "none"

// planInteractions returns a plan for every service in interaction, state
// ones first, in register order.
func planInteractions(items []*serviceItem) []*chartDraft {
	var plans []*chartDraft
	ordinals := map[string]int{}
	for _, item := range items {
		if !item.interacting {
			continue
		}
		plans = append(plans, &chartDraft{item: item, ordinal: ordinals[item.Level]})
		ordinals[item.Level]++
	}
	return plans
}

// providers returns the distinct providers of the plan's requests in
// template order, leaving out the requesting authority.
func (p *chartDraft) providers() []string {
	var list []string
	seen := map[string]bool{p.item.AuthorityCode: true}
	for _, id := range p.item.template.needs {
		code := lookupRequest(id).provider()
		if !seen[code] {
			seen[code] = true
			list = append(list, code)
		}
	}
	return list
}

// hasNeed reports whether the plan's service makes one of the requests.
func (p *chartDraft) hasNeed(ids ...string) bool {
	for _, need := range p.item.template.needs {
		for _, id := range ids {
			if need == id {
				return true
			}
		}
	}
	return false
}

// kindFor returns the data kind version the plan requests for r.
func (p *chartDraft) kindFor(r *request) string {
	switch {
	case p.withdrawn && r.withdrawnKind != "":
		return r.withdrawnKind
	case p.ordinal%3 == 0 && r.olderKind != "":
		return r.olderKind
	}
	return r.kind
}

// orderedNeeds returns the plan's requests in row order. A chart left in
// agreement puts the rows of ФНС last, because the loader agrees the first
// provider in row order and ФНС should still have the chart to agree. The
// other rows rotate so that different providers come first.
func (p *chartDraft) orderedNeeds() []string {
	needs := p.item.template.needs
	if p.stage != StageAgreement {
		return needs
	}
	var others, fns []string
	for _, id := range needs {
		if lookupRequest(id).provider() == codeFNS {
			fns = append(fns, id)
		} else {
			others = append(others, id)
		}
	}
	shift := p.ordinal % len(others)
	ordered := append([]string(nil), others[shift:]...)
	ordered = append(ordered, others[:shift]...)
	return append(ordered, fns...)
}
