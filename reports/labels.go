package reports

import (
	"fmt"

	"pcii/charts"
)

// stateLabels holds the Russian labels of the workflow states. The labels are
// neuter so that they read well for a chart (карта) and a passport alike.
var stateLabels = map[string]string{
	string(charts.StateDraft):      "Разработка",
	string(charts.StateAgreement):  "Согласование",
	string(charts.StateReview):     "Экспертиза",
	string(charts.StateApproved):   "Утверждено",
	string(charts.StatePublished):  "Опубликовано",
	string(charts.StateSuperseded): "Заменено новой редакцией",
}

// StateLabel returns the Russian label of a workflow state such as "draft".
// A state it does not know, for example a label the caller already
// translated, is returned unchanged.
func StateLabel(state string) string {
	if label, ok := stateLabels[state]; ok {
		return label
	}

	return state
}

// Agreement statuses of one provider in one round of agreement.
const (
	AgreementPending           = "pending"
	AgreementAgreed            = "agreed"
	AgreementAgreedWithRemarks = "agreed_with_remarks"
	AgreementObjected          = "objected"
)

var agreementLabels = map[string]string{
	AgreementPending:           "ожидается",
	AgreementAgreed:            "согласовано",
	AgreementAgreedWithRemarks: "согласовано с замечаниями",
	AgreementObjected:          "возражения",
}

// AgreementLabel returns the Russian label of an agreement status. A status it
// does not know is returned unchanged.
func AgreementLabel(status string) string {
	if label, ok := agreementLabels[status]; ok {
		return label
	}

	return status
}

// Kinds of an OverdueLine.
const (
	OverdueAgreement = "agreement"
	OverdueReview    = "review"
)

var overdueLabels = map[string]string{
	OverdueAgreement: "Согласование",
	OverdueReview:    "Экспертиза",
}

func overdueLabel(kind string) string {
	if label, ok := overdueLabels[kind]; ok {
		return label
	}

	return kind
}

var serviceLevelLabels = map[string]string{
	charts.ServiceState:     "государственная",
	charts.ServiceMunicipal: "муниципальная",
}

func serviceLevelLabel(level string) string {
	if label, ok := serviceLevelLabels[level]; ok {
		return label
	}

	return level
}

func yesNo(b bool) string {
	if b {
		return "да"
	}

	return "нет"
}

// pluralForm picks the Russian plural form for n: one for 1, 21, 31…; few for
// 2–4, 22–24…; many for the rest, 11–14 included.
func pluralForm(n int, one, few, many string) string {
	if n < 0 {
		n = -n
	}

	if n%100 >= 11 && n%100 <= 14 {
		return many
	}

	switch n % 10 {
	case 1:
		return one
	case 2, 3, 4:
		return few
	}

	return many
}

// FormatTerm writes a term as a Russian phrase such as "5 рабочих дней",
// "1 календарный день" or "24 часа". A zero term is the empty string.
func FormatTerm(t charts.Term) string {
	if t == (charts.Term{}) {
		return ""
	}

	var unit string
	switch t.Unit {
	case charts.UnitWorkingDays:
		unit = pluralForm(t.Value, "рабочий день", "рабочих дня", "рабочих дней")
	case charts.UnitCalendarDays:
		unit = pluralForm(t.Value, "календарный день", "календарных дня", "календарных дней")
	case charts.UnitHours:
		unit = pluralForm(t.Value, "час", "часа", "часов")
	default:
		unit = t.Unit
	}

	return fmt.Sprintf("%d %s", t.Value, unit)
}
