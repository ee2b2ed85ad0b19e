package demo

import (
	"strconv"
	"strings"

	"pcii/charts"
)

// buildRows fills the plan's interaction table in row order.
func buildRows(p *chartDraft) {
	ids := p.orderedNeeds()
	p.rows = make([]charts.Interaction, len(ids))
	for i, id := range ids {
		r := lookupRequest(id)
		kind := p.kindFor(r)
		row := charts.Interaction{
			RequestedDocument:   r.document,
			DataComposition:     r.composition,
			RequesterCode:       p.item.AuthorityCode,
			ProviderCode:        r.provider(),
			DataKindCode:        kind,
			DeadlineDays:        r.days,
			DeadlineBasis:       r.daysBasis,
			Deadline:            deadlineParts(r.days, p.ordinal+i),
			LegalBasis:          r.rowBasis,
			InformationResource: r.resource,
			RequestForm:         requestForm(kind),
		}
		if (p.ordinal+i)%5 != 4 {
			row.RequestSample = "Образец заполнения запроса — приложение " + strconv.Itoa(i+1) + " к технологической карте"
		}
		p.rows[i] = row
	}
}

// deadlineParts splits an answer term of days working days into the four
// parts of the chart's deadline column. The variant picks how the request is
// sent and the answer attached. Variants 6, 13, ... return nil, as charts
// that state only the answer term do. The request goes out on the first day
// and the answer is attached by the next working day, so the total is the
// answer term plus two working days.
func deadlineParts(days, variant int) *charts.Deadline {
	total := charts.Term{Value: days + 2, Unit: charts.UnitWorkingDays}
	answer := charts.Term{Value: days, Unit: charts.UnitWorkingDays}
	nextDay := charts.Term{Value: 1, Unit: charts.UnitWorkingDays}
	switch variant % 7 {
	case 0, 3:
		return &charts.Deadline{Total: total, Send: charts.Term{Value: 4, Unit: charts.UnitHours}, Answer: answer, Attach: nextDay}
	case 1, 4:
		return &charts.Deadline{Total: total, Send: nextDay, Answer: answer, Attach: nextDay}
	case 2, 5:
		return &charts.Deadline{Total: total, Send: nextDay, Answer: answer, Attach: charts.Term{Value: 1, Unit: charts.UnitCalendarDays}}
	}
	return nil
}

// requestForm names the request form of a data kind: the electronic service
// of SMEV 2 by its SID or the SMEV 3 data kind by its registry code.
func requestForm(kind string) string {
	if strings.HasPrefix(kind, "SID") {
		return "Электронная форма запроса к электронному сервису " + kind + " СМЭВ"
	}
	return "Электронная форма запроса по виду сведений " + kind + " СМЭВ"
}
