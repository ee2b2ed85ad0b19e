package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/calendar"
	"pcii/charts"
	"pcii/storage"
)

// The calendar page shows the years from minCalendarYear to
// maxCalendarYear; the statutory rules of package calendar are only
// written for this century.
const (
	minCalendarYear = 2000
	maxCalendarYear = 2100
)

var monthNames = [...]string{"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август",
	"Сентябрь", "Октябрь", "Ноябрь", "Декабрь"}

// Kinds of a day in the calendar grid; each is also a CSS class.
const (
	dayWorking    = "working"
	dayWeekend    = "weekend"
	dayHoliday    = "holiday"
	dayMoved      = "moved"
	dayExtraOff   = "exception-off"
	dayExtraWork  = "exception-working"
	dayOutOfMonth = ""
)

// calendarDay is one cell of a month grid; Number is 0 for the cells
// before the 1st and after the last day.
type calendarDay struct {
	Number int
	Date   string
	Kind   string
	// Note explains a day that is not an ordinary working day or weekend.
	Note string
}

type calendarMonth struct {
	Name        string
	Weeks       [][]calendarDay
	WorkingDays int
}

type exceptionForm struct {
	Date    string
	Working string
	Name    string
}

type calendarView struct {
	Tabs        []adminTab
	Year        int
	Prev, Next  int
	Months      []calendarMonth
	WorkingDays int
	Exceptions  []calendar.Exception
	Form        exceptionForm
	Errors      fieldErrors
	Message     string
	Kinds       []option
}

var exceptionKinds = []option{{"0", "выходным"}, {"1", "рабочим"}}

func (s *Server) adminCalendarPage(c *gin.Context) error {
	year, err := queryInt(c, "year", s.now().In(s.cfg.Location).Year())
	if err != nil {
		return err
	}
	return s.renderCalendar(c, http.StatusOK, year, exceptionForm{Working: "0"}, fieldErrors{}, "")
}

func (s *Server) renderCalendar(c *gin.Context, status, year int, f exceptionForm, errs fieldErrors, msg string) error {
	if year < minCalendarYear || year > maxCalendarYear {
		return badRequest("year", fmt.Sprintf("year %d is outside %d–%d", year, minCalendarYear, maxCalendarYear))
	}
	var cal *calendar.Calendar
	var all []calendar.Exception
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if all, err = tx.CalendarExceptions(ctx(c)); err != nil {
			return err
		}
		cal, err = calendar.New(all)
		return err
	})
	if err != nil {
		return err
	}
	v := calendarView{Tabs: adminTabs("/admin/calendar"), Year: year, Prev: year - 1, Next: year + 1,
		Form: f, Errors: errs, Message: msg, Kinds: exceptionKinds}
	if v.Prev < minCalendarYear {
		v.Prev = 0
	}
	if v.Next > maxCalendarYear {
		v.Next = 0
	}
	prefix := strconv.Itoa(year) + "-"
	exceptions := map[string]calendar.Exception{}
	for _, e := range all {
		if strings.HasPrefix(e.Date, prefix) {
			v.Exceptions = append(v.Exceptions, e)
			exceptions[e.Date] = e
		}
	}
	for m := time.January; m <= time.December; m++ {
		month := calendarGrid(cal, exceptions, year, m)
		v.WorkingDays += month.WorkingDays
		v.Months = append(v.Months, month)
	}
	s.render(c, status, "admin_calendar", fmt.Sprintf("Производственный календарь на %d год", year), v)
	return nil
}

// calendarGrid lays out one month in weeks from Monday to Sunday.
func calendarGrid(cal *calendar.Calendar, exceptions map[string]calendar.Exception, year int, m time.Month) calendarMonth {
	out := calendarMonth{Name: monthNames[m-1]}
	first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	// Go numbers Sunday 0; the grid starts on Monday.
	lead := (int(first.Weekday()) + 6) % 7
	week := make([]calendarDay, lead, 7)
	for d := first; d.Month() == m; d = d.AddDate(0, 0, 1) {
		day := classifyDay(cal, exceptions, d)
		if day.Kind == dayWorking || day.Kind == dayExtraWork {
			out.WorkingDays++
		}
		week = append(week, day)
		if len(week) == 7 {
			out.Weeks = append(out.Weeks, week)
			week = make([]calendarDay, 0, 7)
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, calendarDay{Kind: dayOutOfMonth})
		}
		out.Weeks = append(out.Weeks, week)
	}
	return out
}

// classifyDay returns why a date is a working day or a day off. A weekday
// off without a holiday or an exception is a holiday moved from a day off,
// the only other case that calendar.IsWorkday handles.
func classifyDay(cal *calendar.Calendar, exceptions map[string]calendar.Exception, d time.Time) calendarDay {
	day := calendarDay{Number: d.Day(), Date: d.Format(time.DateOnly)}
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	holiday := calendar.Holiday(d)
	switch e, ok := exceptions[day.Date]; {
	case ok && e.Working:
		day.Kind, day.Note = dayExtraWork, exceptionNote("рабочий день", e.Name)
	case ok:
		day.Kind, day.Note = dayExtraOff, exceptionNote("выходной день", e.Name)
	case holiday != "":
		day.Kind, day.Note = dayHoliday, holiday
	case cal.IsWorkday(d):
		day.Kind = dayWorking
	case weekend:
		day.Kind = dayWeekend
	default:
		day.Kind, day.Note = dayMoved, "перенесённый праздничный день"
	}
	return day
}

func exceptionNote(kind, name string) string {
	if name == "" {
		return kind + " по решению администратора"
	}
	return kind + ": " + name
}

func (s *Server) adminPutCalendarDay(c *gin.Context) error {
	f := exceptionForm{Date: strings.TrimSpace(c.PostForm("date")), Working: c.PostForm("working"),
		Name: strings.TrimSpace(c.PostForm("name"))}
	year := s.now().In(s.cfg.Location).Year()
	if t, err := time.Parse(time.DateOnly, f.Date); err == nil {
		year = t.Year()
	}
	errs := fieldErrors{}
	if f.Working != "0" && f.Working != "1" {
		errs.add("working", "Выберите значение из списка")
	}
	if len([]rune(f.Name)) > maxExceptionName {
		errs.add("name", fmt.Sprintf("Слишком длинный текст: допускается не более %d символов", maxExceptionName))
	}
	if year < minCalendarYear || year > maxCalendarYear {
		errs.add("date", fmt.Sprintf("Укажите дату с %d по %d год", minCalendarYear, maxCalendarYear))
	}
	if len(errs) == 0 {
		err := s.flow.PutCalendarException(ctx(c), actor(c),
			calendar.Exception{Date: f.Date, Working: f.Working == "1", Name: f.Name})
		var verr *charts.ValidationError
		switch {
		case errors.As(err, &verr):
			errs = adminProblems(verr)
		case err != nil:
			return err
		default:
			return s.redirectWithFlash(c, fmt.Sprintf("/admin/calendar?year=%d", year), "ok",
				"Исключение на "+russianDay(f.Date)+" сохранено.")
		}
	}
	return s.renderCalendar(c, http.StatusUnprocessableEntity, year, f, errs, "Исправьте отмеченные поля.")
}

// maxExceptionName is the longest name of a calendar exception accepted,
// in characters.
const maxExceptionName = 200

func (s *Server) adminDeleteCalendarDay(c *gin.Context) error {
	day := c.Param("day")
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return &httpError{status: http.StatusNotFound, code: "not_found", message: fmt.Sprintf("%q is not a date", day)}
	}
	back := fmt.Sprintf("/admin/calendar?year=%d", t.Year())
	err = s.flow.DeleteCalendarException(ctx(c), actor(c), day)
	if errors.Is(err, storage.ErrNotFound) {
		return s.redirectWithFlash(c, back, "error", "Исключения на "+russianDay(day)+" уже нет.")
	}
	if err != nil {
		return err
	}
	return s.redirectWithFlash(c, back, "ok", "Исключение на "+russianDay(day)+" удалено.")
}

// russianDay writes 2006-01-02 as 02.01.2006, or returns d when it is not
// a date.
func russianDay(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("02.01.2006")
}
