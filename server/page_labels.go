package server

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"

	"pcii/charts"
	"pcii/policies"
	"pcii/reports"
)

// templateFuncs returns the helpers the page templates call.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"stateLabel":    func(s any) string { return stateLabel(fmt.Sprint(s)) },
		"roleLabel":     roleLabel,
		"levelLabel":    levelLabel,
		"unitLabel":     unitLabel,
		"term":          termText,
		"routes":        routesText,
		"workingDays":   func(n int) string { return reports.FormatTerm(charts.Term{Value: n, Unit: charts.UnitWorkingDays}) },
		"decisionLabel": decisionLabel,
		"voteLabel":     voteLabel,
		"sourceLabel":   sourceLabel,
		"percent":       percent,
		"add":           func(a, b int) int { return a + b },
		"short":         shortHash,
		"units":         func() []option { return unitOptions },
		"dict":          dict,
		"dec":           func(n int64) int64 { return n - 1 },
	}
}

// option is one choice of a select.
type option struct {
	Value string
	Label string
}

var unitOptions = []option{
	{charts.UnitWorkingDays, "рабочих дней"},
	{charts.UnitCalendarDays, "календарных дней"},
	{charts.UnitHours, "часов"},
}

func roleLabel(role string) string {
	switch role {
	case policies.RoleSpecialist:
		return "специалист органа"
	case policies.RoleCommission:
		return "член комиссии"
	case policies.RoleSecretary:
		return "секретарь комиссии"
	case policies.RoleOfficial:
		return "должностное лицо"
	case policies.RoleAdmin:
		return "администратор"
	case policies.RoleExchange:
		return "система обмена"
	}
	return role
}

func stateLabel(state string) string {
	switch charts.State(state) {
	case charts.StateDraft:
		return "черновик"
	case charts.StateAgreement:
		return "на согласовании"
	case charts.StateReview:
		return "на экспертизе в комиссии"
	case charts.StateApproved:
		return "утверждён"
	case charts.StatePublished:
		return "опубликован"
	case charts.StateSuperseded:
		return "заменён"
	case "":
		return "нет"
	}
	return state
}

func levelLabel(level string) string {
	switch level {
	case charts.ServiceState:
		return "государственная"
	case charts.ServiceMunicipal:
		return "муниципальная"
	case charts.LevelFederal:
		return "федеральный"
	case charts.LevelRegional:
		return "региональный"
	}
	return level
}

func unitLabel(unit string) string {
	for _, o := range unitOptions {
		if o.Value == unit {
			return o.Label
		}
	}
	return unit
}

func decisionLabel(decision string) string {
	switch decision {
	case "agreed":
		return "согласовано"
	case "objected":
		return "возражение"
	}
	return decision
}

func voteLabel(decision string) string {
	switch decision {
	case "approve":
		return "утвердить"
	case "return":
		return "вернуть на доработку"
	}
	return decision
}

func sourceLabel(source string) string {
	switch source {
	case charts.SourceApplicant:
		return "заявитель"
	case charts.SourceInterdepartmental:
		return "межведомственное взаимодействие"
	}
	return source
}

// percent returns part as a percentage of total rounded half up, as the
// Excel report's 0% format shows it, or "—" when total is zero.
func percent(part, total int) string {
	if total == 0 {
		return "—"
	}
	return strconv.Itoa((part*200+total)/(2*total)) + "%"
}

// routesText writes a number of routes with the Russian plural form.
func routesText(n int) string {
	return strconv.Itoa(n) + " " + plural(n, "маршрут", "маршрута", "маршрутов")
}

// plural picks the Russian form of a noun for the count n: one, few, many.
func plural(n int, one, few, many string) string {
	n %= 100
	switch {
	case n >= 11 && n <= 14:
		return many
	case n%10 == 1:
		return one
	case n%10 >= 2 && n%10 <= 4:
		return few
	}
	return many
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// fieldRules translate the English validation messages of package charts
// and workflow into the Russian shown next to a field. The first rule whose
// pattern matches wins; unmatched messages get a generic text.
var fieldRules = []struct {
	pattern *regexp.Regexp
	text    func(m []string) string
}{
	{regexp.MustCompile(`say what must be reworked`), func([]string) string {
		return "Укажите, что нужно доработать"
	}},
	{regexp.MustCompile(`^is required when deadline_days \((\d+)\)`), func(m []string) string {
		return "Обязательно, если срок превышает " + strconv.Itoa(charts.DefaultDeadlineDays) + " рабочих дней"
	}},
	{regexp.MustCompile(`^is required`), func([]string) string { return "Заполните это поле" }},
	{regexp.MustCompile(`^has (\d+) characters, at most (\d+)`), func(m []string) string {
		return "Слишком длинный текст: " + m[1] + " символов, допускается не более " + m[2]
	}},
	{regexp.MustCompile(`^has more than (\d+) characters`), func(m []string) string {
		return "Слишком длинный текст: допускается не более " + m[1] + " символов"
	}},
	{regexp.MustCompile(`^has (\d+) rows, at most (\d+)`), func(m []string) string {
		return "Слишком много строк: " + m[1] + ", допускается не более " + m[2]
	}},
	{regexp.MustCompile(`^add at least one interaction row`), func([]string) string {
		return "Добавьте хотя бы одну строку взаимодействия"
	}},
	{regexp.MustCompile(`^unknown authority`), func([]string) string { return "Выберите орган из списка" }},
	{regexp.MustCompile(`^authority .* is inactive`), func([]string) string {
		return "Орган не действует; выберите другой"
	}},
	{regexp.MustCompile(`requests from itself`), func([]string) string {
		return "Орган не может запрашивать сведения у самого себя"
	}},
	{regexp.MustCompile(`^unknown data kind`), func([]string) string { return "Выберите вид сведений из списка" }},
	{regexp.MustCompile(`^data kind .* belongs to`), func([]string) string {
		return "Этот вид сведений предоставляет другой орган; выберите вид сведений выбранного поставщика"
	}},
	{regexp.MustCompile(`repeats interactions\[(\d+)\]`), func(m []string) string {
		n, _ := strconv.Atoi(m[1])
		return "Повторяет строку " + strconv.Itoa(n+1) + "; объедините строки"
	}},
	{regexp.MustCompile(`^must be a positive number`), func([]string) string {
		return "Укажите срок в рабочих днях, больше нуля"
	}},
	{regexp.MustCompile(`^must not be negative`), func([]string) string { return "Не может быть отрицательным" }},
	{regexp.MustCompile(`^unknown unit`), func([]string) string { return "Выберите единицу из списка" }},
	{regexp.MustCompile(`working days but deadline_days is (\d+)`), func(m []string) string {
		return "Срок ответа должен совпадать со сроком в рабочих днях (" + m[1] + ")"
	}},
	{regexp.MustCompile(`is not a date`), func([]string) string { return "Неверная дата; формат 2012-07-01" }},
	{regexp.MustCompile(`^unknown (source|level|value)`), func([]string) string { return "Выберите значение из списка" }},
	{regexp.MustCompile(`^unknown service`), func([]string) string { return "Услуга не найдена в реестре" }},
	{regexp.MustCompile(`^is not a whole number`), func([]string) string { return "Введите целое число" }},
	{regexp.MustCompile(`is not a row of your authority`), func([]string) string {
		return "Эта строка не относится к вашему органу"
	}},
	{regexp.MustCompile(`^is not a row index`), func([]string) string { return "Неверный номер строки" }},
	{regexp.MustCompile(`^only the agree and object actions`), func([]string) string {
		return "Замечания к строкам записываются только при согласовании или возражении"
	}},
}

// fieldMessage returns the Russian text for a validation problem.
func fieldMessage(p charts.FieldError) string {
	for _, r := range fieldRules {
		if m := r.pattern.FindStringSubmatch(p.Message); m != nil {
			return r.text(m)
		}
	}
	return "Неверное значение"
}

// fieldErrors indexes validation problems by field path, in Russian.
type fieldErrors map[string]string

// add records msg for field, keeping the first message of each field.
func (f fieldErrors) add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

func problemsOf(verr *charts.ValidationError) fieldErrors {
	out := fieldErrors{}
	for _, p := range verr.Problems {
		out.add(p.Field, fieldMessage(p))
	}
	return out
}

// dict builds a map from alternating keys and values, so a template can
// pass several values to a partial.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments %d", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

// termText writes a term with its unit in Russian, such as "1 рабочий день";
// it takes a charts.Term or a *charts.Term, and writes "" for nil.
func termText(v any) string {
	switch t := v.(type) {
	case charts.Term:
		return reports.FormatTerm(t)
	case *charts.Term:
		if t != nil {
			return reports.FormatTerm(*t)
		}
	}
	return ""
}
