package demo

import (
	"strconv"
	"time"

	"pcii/charts"
)

// regulationFederalIssuer issues the administrative regulations of the
// services that the Social Insurance Fund's regional office provides.
const regulationFederalIssuer = "Министерство здравоохранения и социального развития Российской Федерации"

// regulationAct returns the administrative regulation of a service: an
// order of the regional ministry (of the federal ministry for ФСС), or a
// resolution of the municipal administration. Numbers grow with the
// service's position. Dates fall on working days of 2011 before the pilot
// region's report of 1 December 2011, the end of the demo's history.
func regulationAct(item *serviceItem, authorityName string) charts.LegalAct {
	if item.Level == charts.ServiceMunicipal {
		return charts.LegalAct{
			Type:   "Постановление",
			Number: strconv.Itoa(850 + 17*item.ordinal),
			Date:   actDate(item, 2011, time.April, 1),
			Issuer: authorityName,
			Title:  "Об утверждении административного регламента предоставления муниципальной услуги «" + item.Name + "»",
		}
	}
	act := charts.LegalAct{
		Type:   "Приказ",
		Number: strconv.Itoa(120 + 7*item.ordinal),
		Date:   actDate(item, 2011, time.January, 11),
		Issuer: authorityName,
		Title:  "Об утверждении административного регламента предоставления государственной услуги «" + item.Name + "»",
	}
	if item.AuthorityCode == codeFSS {
		act.Number = strconv.Itoa(1430+item.ordinal) + "н"
		act.Issuer = regulationFederalIssuer
	}
	return act
}

// actDate returns a working day from the given start to 25 November 2011,
// derived from the service's position so that services of one authority get
// different dates.
func actDate(item *serviceItem, year int, month time.Month, day int) string {
	start := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	end := time.Date(2011, time.November, 25, 0, 0, 0, 0, time.UTC)
	span := int(end.Sub(start).Hours()/24) + 1
	offset := (item.ordinal*37 + len(item.AuthorityCode)*11) % span
	date := start.AddDate(0, 0, offset)
	switch date.Weekday() {
	case time.Saturday:
		date = date.AddDate(0, 0, -1)
	case time.Sunday:
		date = date.AddDate(0, 0, 1)
	}
	return date.Format(time.DateOnly)
}
