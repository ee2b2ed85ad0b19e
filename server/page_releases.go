package server

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gin-gonic/gin"

	"pcii/policies"
	"pcii/routing"
	"pcii/storage"
	"pcii/workflow"
)

// changesView is a release comparison cut to at most a page of routes in
// each list, with the full counts.
type changesView struct {
	Added        []routing.Route
	Removed      []routing.Route
	Changed      []routing.RouteChange
	Authorities  []string
	AddedTotal   int
	RemovedTotal int
	ChangedTotal int
	Empty        bool
	Limit        int
}

// Preview and diff pages list at most this many routes of each kind; the
// release file has all of them.
const (
	previewRoutes = 50
	diffRoutes    = 300
)

func cutChanges(c routing.Changes, limit int) changesView {
	return changesView{Added: c.Added[:min(len(c.Added), limit)], Removed: c.Removed[:min(len(c.Removed), limit)],
		Changed: c.Changed[:min(len(c.Changed), limit)], Authorities: c.Authorities,
		AddedTotal: len(c.Added), RemovedTotal: len(c.Removed), ChangedTotal: len(c.Changed),
		Empty: c.IsEmpty(), Limit: limit}
}

type releasesView struct {
	Releases   []storage.ReleaseSummary
	CanPublish bool
	// Preview is the release that publishing now would make.
	Preview *workflow.Publication
	// Changes is the preview's comparison with the latest release.
	Changes changesView
	// Problems lists what stops the next release from being published.
	Problems []releaseProblem
	Names    map[string]string
}

func (s *Server) releasesPage(c *gin.Context) error {
	v := releasesView{CanPublish: s.flow.CanAny(actor(c), policies.ObjRelease, policies.ActPublish)}
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		v.Releases, err = tx.Releases(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "releases", "Выпуски маршрутов", v)
	return nil
}

// releasePreviewPage shows the release that publishing now would make. It
// is a page of its own because the dry run builds and checks the whole
// release. On the demo region that takes about 100 ms (TestScreenshots logs
// it), too slow to repeat on every view of the list.
func (s *Server) releasePreviewPage(c *gin.Context) error {
	v := releasesView{CanPublish: true}
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	pub, err := s.flow.Publish(ctx(c), actor(c), true)
	var rerr *workflow.ReleaseError
	switch {
	case errors.As(err, &rerr):
		v.Problems = explainProblems(rerr.Problems, v.Name)
	case err != nil:
		return err
	default:
		v.Preview = &pub
		v.Changes = cutChanges(pub.Changes, previewRoutes)
	}
	s.render(c, http.StatusOK, "release_preview", "Предварительный просмотр выпуска", v)
	return nil
}

// Name returns the name of an authority code, or the code.
func (v releasesView) Name(code string) string {
	if n, ok := v.Names[code]; ok {
		return n
	}
	return code
}

func (s *Server) publishPage(c *gin.Context) error {
	pub, err := s.flow.Publish(ctx(c), actor(c), false)
	var rerr *workflow.ReleaseError
	if errors.As(err, &rerr) {
		s.logError(c, http.StatusUnprocessableEntity, err)
		return s.redirectWithFlash(c, "/releases/preview", "error",
			"Выпуск не опубликован: в маршрутах есть ошибки, они перечислены на странице.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/releases", "ok",
		fmt.Sprintf("Опубликован выпуск %d: %s.", pub.Serial, routesText(pub.Routes)))
}

type releaseDiffView struct {
	From, To int64
	Changes  changesView
	Releases []storage.ReleaseSummary
	Names    map[string]string
}

// Name returns the name of an authority code, or the code.
func (v releaseDiffView) Name(code string) string {
	if n, ok := v.Names[code]; ok {
		return n
	}
	return code
}

func (s *Server) releaseDiffPage(c *gin.Context) error {
	from, err := queryInt(c, "from", 0)
	if err != nil {
		return err
	}
	to, err := queryInt(c, "to", 0)
	if err != nil {
		return err
	}
	if to <= 0 {
		return badRequest("to", "give the newer release as ?to=N")
	}

	v := releaseDiffView{From: int64(from), To: int64(to)}
	var older, newer routing.Release
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if v.Releases, err = tx.Releases(ctx(c)); err != nil {
			return err
		}
		b, err := tx.ReleaseBySerial(ctx(c), v.To)
		if err != nil {
			return err
		}
		if newer, err = routing.Decode(b.Body); err != nil {
			return fmt.Errorf("decode release %d: %w", v.To, err)
		}
		if v.From == 0 {
			return nil
		}
		a, err := tx.ReleaseBySerial(ctx(c), v.From)
		if err != nil {
			return err
		}
		if older, err = routing.Decode(a.Body); err != nil {
			return fmt.Errorf("decode release %d: %w", v.From, err)
		}
		return nil
	})
	if err != nil {
		return err
	}

	v.Changes = cutChanges(routing.Compare(older, newer), diffRoutes)
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	s.render(c, http.StatusOK, "release_diff", fmt.Sprintf("Различия выпусков %d и %d", from, to), v)
	return nil
}

func (s *Server) reportsPage(c *gin.Context) error {
	s.render(c, http.StatusOK, "reports", "Отчёты", nil)
	return nil
}

// releaseProblem is a reason the release cannot be published, explained in
// Russian.
type releaseProblem struct {
	routing.Problem
	FieldLabel string
	Text       string
	// OtherChartID is the chart of the conflicting route, for a request
	// routed to two providers.
	OtherChartID int64
}

var releaseFieldLabels = map[string]string{
	"chart_id":             "Карта",
	"chart_revision":       "Редакция карты",
	"chart_sha256":         "Контрольная сумма редакции",
	"service_code":         "Услуга",
	"legal_basis":          "Правовое основание",
	"approval.approved_by": "Утверждение комиссией",
	"approval.approved_at": "Дата утверждения",
	"requester_code":       "Запрашивающий орган",
	"provider_code":        "Орган-поставщик",
	"data_kind_code":       "Вид сведений",
	"deadline_days":        "Срок ответа",
	"deadline_basis":       "Основание срока",
}

// releaseRules explain the messages of routing.Check; name returns the
// name of an authority code. The first matching rule wins.
var releaseRules = []struct {
	pattern *regexp.Regexp
	text    func(m []string, name func(string) string) string
}{
	{regexp.MustCompile(`authority "([^"]*)" is not in the registry`), func(m []string, name func(string) string) string {
		return "Органа с кодом " + m[1] + " нет в реестре органов. Добавьте его в реестр или исправьте карту."
	}},
	{regexp.MustCompile(`authority "([^"]*)" \(.*\) is inactive`), func(m []string, name func(string) string) string {
		return "Орган «" + name(m[1]) + "» отмечен как недействующий. Восстановите его в реестре или внесите изменения в карту."
	}},
	{regexp.MustCompile(`^data kind "([^"]*)" is not in the registry`), func(m []string, _ func(string) string) string {
		return "Вида сведений " + m[1] + " нет в реестре. Добавьте его или исправьте карту."
	}},
	{regexp.MustCompile(`^data kind "([^"]*)" belongs to provider "([^"]*)", not to provider "([^"]*)"`), func(m []string, name func(string) string) string {
		return "Вид сведений " + m[1] + " предоставляет «" + name(m[2]) + "», а не «" + name(m[3]) +
			"». Направьте запрос этому органу или выберите вид сведений выбранного поставщика."
	}},
	{regexp.MustCompile(`^data kind "([^"]*)" has withdrawn_on "([^"]*)"`), func(m []string, _ func(string) string) string {
		return "У вида сведений " + m[1] + " в реестре неверная дата вывода «" + m[2] + "». Исправьте запись реестра."
	}},
	{regexp.MustCompile(`^data kind "([^"]*)" is withdrawn on (\d{4}-\d{2}-\d{2}), on or before the release date (\d{4}-\d{2}-\d{2})`), func(m []string, _ func(string) string) string {
		return "Вид сведений " + m[1] + " выводится из эксплуатации " + russianDay(m[2]) + ", не позже даты выпуска " +
			russianDay(m[3]) + ". Внесите в карту версию, которая его заменяет."
	}},
	{regexp.MustCompile(`^route repeats route (\d+)`), func(m []string, _ func(string) string) string {
		return "Маршрут повторяет маршрут № " + m[1] + " выпуска. Оставьте один из них."
	}},
	{regexp.MustCompile(`are routed to provider "([^"]*)" here but to provider "([^"]*)" by route \d+ \(chart (\d+)\)`), func(m []string, name func(string) string) string {
		return "Тот же запрос (услуга, запрашивающий орган и вид сведений) направлен здесь органу «" + name(m[1]) +
			"», а в карте № " + m[3] + " — органу «" + name(m[2]) + "». Обмену нужен один поставщик на запрос: согласуйте карты."
	}},
	{regexp.MustCompile(`^deadline_days is (\d+), above the default of (\d+) working days`), func(m []string, _ func(string) string) string {
		return "Срок ответа " + m[1] + " рабочих дней больше " + m[2] + ", а основание не указано. Назовите акт, который устанавливает такой срок."
	}},
	{regexp.MustCompile(`^deadline_days is (-?\d+), expected`), func(m []string, _ func(string) string) string {
		return "Срок ответа " + m[1] + " — нужен срок не меньше 1 рабочего дня."
	}},
	{regexp.MustCompile(`^(requester_code|provider_code|data_kind_code|service_code|legal_basis) is empty`), func([]string, func(string) string) string {
		return "Поле не заполнено в утверждённой редакции карты."
	}},
	{regexp.MustCompile(`^approval\.`), func([]string, func(string) string) string {
		return "Нет сведений об утверждении редакции комиссией; утвердите карту заново."
	}},
	{regexp.MustCompile(`^chart_`), func([]string, func(string) string) string {
		return "Неверные реквизиты утверждённой редакции карты; сообщите администратору."
	}},
}

var otherChartPattern = regexp.MustCompile(`\(chart (\d+)\); the exchange needs one provider`)

// explainProblems translates the problems of a rejected release.
func explainProblems(problems []routing.Problem, name func(string) string) []releaseProblem {
	out := make([]releaseProblem, 0, len(problems))
	for _, p := range problems {
		rp := releaseProblem{Problem: p, FieldLabel: releaseFieldLabels[p.Field],
			Text: "Маршрут нарушает правила выпуска; проверьте это поле карты."}
		if rp.FieldLabel == "" {
			rp.FieldLabel = p.Field
		}
		for _, r := range releaseRules {
			if m := r.pattern.FindStringSubmatch(p.Message); m != nil {
				rp.Text = r.text(m, name)
				break
			}
		}
		if m := otherChartPattern.FindStringSubmatch(p.Message); m != nil {
			rp.OtherChartID, _ = strconv.ParseInt(m[1], 10, 64)
		}
		out = append(out, rp)
	}
	return out
}
