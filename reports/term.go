package reports

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"pcii/charts"
)

var (
	termPattern   = regexp.MustCompile(`^(?:(?:в течение|не более|не позднее|не позже|до)\s+)?(\d{1,4})\s*(.*?)[.\s]*$`)
	workingUnit   = regexp.MustCompile(`^(?:рабоч\p{L}*\s*(?:дн\p{L}*|день)|р\.?\s*д\.?|раб\.?\s*дн\.?|рд)(?:\s.*)?$`)
	calendarUnit  = regexp.MustCompile(`^(?:календарн\p{L}*\s*(?:дн\p{L}*|день)|к\.?\s*д\.?|кал\.?\s*дн\.?|кд)(?:\s.*)?$`)
	hourUnit      = regexp.MustCompile(`^(?:час\p{L}*|ч\.?)(?:\s.*)?$`)
	plainDaysUnit = regexp.MustCompile(`^(?:дн\p{L}*|день|дня|д\.?)(?:\s.*)?$`)
)

// ParseTerm reads a term as departments write it: "5 рабочих дней",
// "3 календарных дня", "24 часа" or abbreviations such as "5 р.д." and
// "2 ч.", optionally after "в течение" or "не более". A bare number such as
// "5" is taken as working days, the unit article 7.2 of 210-FZ uses. Words
// after the unit, such as "со дня получения запроса", are ignored. It
// returns an error in Russian for text it cannot read and for "5 дней",
// which does not say whether the days are working or calendar ones.
func ParseTerm(s string) (charts.Term, error) {
	text := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "ё", "е")), " "))
	m := termPattern.FindStringSubmatch(text)
	if m == nil {
		return charts.Term{}, fmt.Errorf("срок «%s» не распознан: укажите число и единицу, например «5 рабочих дней», «3 календарных дня» или «24 часа»", s)
	}

	value, err := strconv.Atoi(m[1])
	if err != nil {
		return charts.Term{}, fmt.Errorf("срок «%s» не распознан: %w", s, err)
	}

	unit := strings.TrimSpace(m[2])
	switch {
	case unit == "" || workingUnit.MatchString(unit):
		return charts.Term{Value: value, Unit: charts.UnitWorkingDays}, nil
	case calendarUnit.MatchString(unit):
		return charts.Term{Value: value, Unit: charts.UnitCalendarDays}, nil
	case hourUnit.MatchString(unit):
		return charts.Term{Value: value, Unit: charts.UnitHours}, nil
	case plainDaysUnit.MatchString(unit):
		return charts.Term{}, fmt.Errorf("в сроке «%s» не указано, рабочие или календарные дни: напишите, например, «%d рабочих дней» или «%d календарных дней»", s, value, value)
	}

	return charts.Term{}, fmt.Errorf("единица срока «%s» не распознана: используйте рабочие дни, календарные дни или часы, например «5 рабочих дней»", s)
}
