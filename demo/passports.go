package demo

import (
	"pcii/charts"
)

// buildPassports returns a passport plan for every service that has a
// passport, in register order. A service in interaction lists the documents
// that its chart rows request as obtained through interaction. Any other
// service lists the documents its template needs as brought by the applicant.
func buildPassports(items []*serviceItem, plans []*chartDraft, names map[string]string) []PassportPlan {
	planOf := make(map[string]*chartDraft, len(plans))
	for _, p := range plans {
		planOf[p.item.Code] = p
	}
	var list []PassportPlan
	for _, item := range items {
		if !item.hasPassport {
			continue
		}
		plan := planOf[item.Code]
		list = append(list, PassportPlan{
			Body:  passportBody(item, plan, names),
			Stage: passportStage(item, plan),
			Note:  passportNote(item, plan),
		})
	}
	return list
}

func passportBody(item *serviceItem, plan *chartDraft, names map[string]string) charts.PassportBody {
	t := item.template
	s := t.sector
	body := charts.PassportBody{
		ServiceCode:            item.Code,
		RegistryNumber:         item.Code,
		Name:                   item.Name,
		ShortName:              t.short,
		Level:                  item.Level,
		ProviderCode:           item.AuthorityCode,
		LegalActs:              passportActs(item, names),
		ApplicantCategories:    append([]string(nil), s.applicants...),
		RepresentativesAllowed: true,
		Channels:               channels(item),
		Result:                 &charts.ServiceResult{Positive: s.positive, Negative: s.negative, Form: s.form},
		Term:                   &charts.Term{Value: s.term.Value, Unit: s.term.Unit},
		RefusalGrounds:         append([]string(nil), s.refusals...),
		Fee:                    fee(t),
		Documents:              make([]charts.PassportDocument, 0, len(s.documents)+len(t.needs)),
	}
	for _, name := range s.documents {
		body.Documents = append(body.Documents, charts.PassportDocument{Name: name, Source: charts.SourceApplicant})
	}
	if plan != nil {
		body.ParticipantCodes = rowProviders(plan.rows)
		for _, row := range plan.rows {
			body.Documents = append(body.Documents, charts.PassportDocument{
				Name:         row.RequestedDocument,
				Source:       charts.SourceInterdepartmental,
				DataKindCode: row.DataKindCode,
			})
		}
		return body
	}
	for _, id := range t.needs {
		body.Documents = append(body.Documents, charts.PassportDocument{Name: lookupRequest(id).document, Source: charts.SourceApplicant})
	}
	return body
}

// passportActs returns 210-FZ, 131-FZ for a municipal service, the acts of
// the service's field and its administrative regulation.
func passportActs(item *serviceItem, names map[string]string) []charts.LegalAct {
	acts := []charts.LegalAct{act210FZ}
	if item.Level == charts.ServiceMunicipal {
		acts = append(acts, act131FZ)
	}
	acts = append(acts, item.template.sector.acts...)
	return append(acts, regulationAct(item, names[item.AuthorityCode]))
}

// channels returns the ways to request a service: every service is taken in
// person and at the МФЦ, most also through the portal or by post.
func channels(item *serviceItem) []string {
	switch item.ordinal % 3 {
	case 0:
		return []string{channelInPerson, channelMFC, channelPortal, channelPost}
	case 1:
		return []string{channelInPerson, channelMFC, channelPortal}
	}
	return []string{channelInPerson, channelMFC, channelPost}
}

var freeServiceBasis = citeArticle(act210FZ, "ч. 1 ст. 8")

// fee returns the service's fee. A free service cites article 8 of 210-FZ,
// by which services are free unless a federal law sets a fee.
func fee(t *serviceTemplate) *charts.Fee {
	amount := t.sector.fee
	if t.fee != "" {
		amount = t.fee
	}
	if t.free || amount == "" {
		return &charts.Fee{Amount: "", LegalBasis: freeServiceBasis}
	}
	return &charts.Fee{Amount: amount, LegalBasis: t.sector.feeBasis}
}

// passportStage returns where the passport ends up. The passport of a
// service whose chart was submitted is approved. Passports of services in
// interaction without a chart are in review, and those with a draft chart
// are in draft when the chart names a withdrawn data kind, otherwise in
// review or approved. Passports of other services are mostly approved.
func passportStage(item *serviceItem, plan *chartDraft) PassportStage {
	if plan == nil {
		switch {
		case item.ordinal%23 == 11:
			return PassportDraft
		case item.ordinal%10 == 7:
			return PassportReview
		}
		return PassportApproved
	}
	switch plan.stage {
	case stageNone:
		return PassportReview
	case StageDraft:
		if plan.withdrawn {
			return PassportDraft
		}
		if plan.ordinal%2 == 0 {
			return PassportReview
		}
	}
	return PassportApproved
}

func passportNote(item *serviceItem, plan *chartDraft) string {
	if plan != nil {
		return passportNotes[0]
	}
	others := passportNotes[1:]
	return others[item.ordinal%len(others)]
}
