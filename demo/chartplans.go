package demo

import (
	"strings"

	"pcii/charts"
)

// actAmendmentCharts is how many state charts carry a plan of amendments to
// the regional act they depend on: the pilot region identified 45 regional
// acts to amend for the transition.
const actAmendmentCharts = 45

// buildCharts turns every plan that has a chart into a ChartPlan, in plan
// order.
func buildCharts(plans []*chartDraft, names map[string]string) []ChartPlan {
	amended := actAmendmentSet(plans)
	var list []ChartPlan
	for i, p := range plans {
		if p.stage == stageNone {
			continue
		}
		body := charts.ChartBody{
			ServiceCode:  p.item.Code,
			LegalBasis:   citeAct(act210FZ) + "; " + citeAct(regulationAct(p.item, names[p.item.AuthorityCode])),
			Interactions: append([]charts.Interaction(nil), p.rows...),
		}
		if amended[i] {
			body.Amendments = []charts.ActAmendment{actAmendment(p, names)}
		}
		plan := ChartPlan{
			Body:   body,
			Stage:  p.stage,
			Remark: chartRemark(p),
			Note:   chartNotes[p.ordinal%len(chartNotes)],
		}
		if p.stage.NeedsAmendment() {
			amendment := amendChart(p, body)
			plan.Amendment = &amendment
		}
		list = append(list, plan)
	}
	return list
}

// actAmendmentSet returns the positions in plans of the state charts, other
// than those of ФСС, whose regional regulation is to be amended, spread
// evenly over them.
func actAmendmentSet(plans []*chartDraft) map[int]bool {
	var candidates []int
	for i, p := range plans {
		if p.item.Level == charts.ServiceState && p.item.AuthorityCode != codeFSS {
			candidates = append(candidates, i)
		}
	}
	set := make(map[int]bool, actAmendmentCharts)
	for _, c := range spread(actAmendmentCharts, len(candidates)) {
		set[candidates[c]] = true
	}
	return set
}

// actAmendment plans the change to the service's administrative regulation
// that stops it from requiring the applicant to bring the documents that the
// chart requests.
func actAmendment(p *chartDraft, names map[string]string) charts.ActAmendment {
	docs := make([]string, len(p.rows))
	for i, row := range p.rows {
		docs[i] = lowerFirst(row.RequestedDocument)
	}
	due := "2012-03-30"
	if p.ordinal%2 == 1 {
		due = "2012-06-29"
	}
	return charts.ActAmendment{
		Act:    citeAct(regulationAct(p.item, names[p.item.AuthorityCode])),
		Change: "Исключить из перечня документов, представляемых заявителем, " + strings.Join(docs, "; ") + ". Указать, что они запрашиваются в порядке межведомственного информационного взаимодействия.",
		Due:    due,
	}
}

// chartRemark returns the plan's Remark: the first provider's objection for
// an objected chart, a commission remark for a returned one, and for every
// fifth agreed chart and every other chart in agreement the first provider's
// agreement remark.
func chartRemark(p *chartDraft) string {
	first := p.rows[0].ProviderCode
	switch {
	case p.stage == StageObjected:
		return providerObjections[first]
	case p.stage == StageReturned:
		return commissionReturns[p.ordinal%len(commissionReturns)]
	case p.stage == StageAgreement && p.ordinal%2 == 0:
		return providerAgreementRemarks[first]
	case p.stage.Agreed() && p.ordinal%5 == 2:
		return providerAgreementRemarks[first]
	}
	return ""
}

// amendChart returns revision 2 of the plan's chart, which changes the rows
// of one provider only. Every other plan shortens the provider's five-day
// answer terms to three days. The rest, and plans whose provider has no
// five-day row, add an item to the provider's data composition.
func amendChart(p *chartDraft, body charts.ChartBody) charts.ChartBody {
	amended := body
	amended.Interactions = make([]charts.Interaction, len(body.Interactions))
	copy(amended.Interactions, body.Interactions)
	amended.Amendments = append([]charts.ActAmendment(nil), body.Amendments...)

	providers := rowProviders(body.Interactions)
	target := providers[p.ordinal%len(providers)]
	shorten := p.ordinal%2 == 0 && hasDefaultDeadline(body.Interactions, target)
	for i := range amended.Interactions {
		row := &amended.Interactions[i]
		if row.ProviderCode != target {
			continue
		}
		if !shorten {
			row.DataComposition += ", дата, по состоянию на которую предоставлены сведения"
			continue
		}
		if row.DeadlineDays == charts.DefaultDeadlineDays {
			const shortened = 3
			row.DeadlineDays = shortened
			if row.Deadline != nil {
				parts := *row.Deadline
				parts.Answer.Value = shortened
				parts.Total.Value = shortened + 2
				row.Deadline = &parts
			}
		}
	}
	return amended
}

// hasDefaultDeadline reports whether a row of the provider has the default
// five-day answer term.
func hasDefaultDeadline(rows []charts.Interaction, provider string) bool {
	for _, row := range rows {
		if row.ProviderCode == provider && row.DeadlineDays == charts.DefaultDeadlineDays {
			return true
		}
	}
	return false
}

// rowProviders returns the distinct providers of rows in row order.
func rowProviders(rows []charts.Interaction) []string {
	var list []string
	seen := map[string]bool{}
	for _, row := range rows {
		if !seen[row.ProviderCode] {
			seen[row.ProviderCode] = true
			list = append(list, row.ProviderCode)
		}
	}
	return list
}

// lowerFirst lowers the first letter of a document name used inside a
// sentence, leaving abbreviations such as ЕГРП intact.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && strings.ToUpper(string(r[1])) == string(r[1]) {
		return s
	}
	return strings.ToLower(string(r[:1])) + string(r[1:])
}
