// Package calendar counts working days under the Russian production
// calendar. It applies weekends, the public holidays of article 112 of the
// Labour Code and the rule that moves a holiday falling on a day off to the
// next working day. The transfers that the Government sets each year are
// entered by the administrator as exceptions.
package calendar

import (
	"fmt"
	"time"
)

// Exception overrides one date: a transferred day off, or a Saturday or
// Sunday made a working day.
type Exception struct {
	// Date is in the form 2006-01-02.
	Date    string `db:"day" json:"date"`
	Working bool   `db:"working" json:"working"`
	Name    string `db:"name" json:"name"`
}

// Calendar decides which dates are working days. The zero value applies the
// statutory holidays and has no exceptions.
type Calendar struct {
	exceptions map[string]Exception
}

// New returns a calendar with the given exceptions; a later exception for
// the same date replaces an earlier one.
func New(exceptions []Exception) (*Calendar, error) {
	c := &Calendar{exceptions: make(map[string]Exception, len(exceptions))}
	for _, e := range exceptions {
		if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
			return nil, fmt.Errorf("calendar exception %q: not a date, write it as 2012-03-09", e.Date)
		}
		c.exceptions[e.Date] = e
	}
	return c, nil
}

// Holiday returns the name of the statutory public holiday on the date, or
// "". Since 2013 the New Year holidays are 1–6 and 8 January; before, 1–5
// January.
func Holiday(d time.Time) string {
	y, m, day := d.Date()
	switch {
	case m == time.January && day == 7:
		return "Рождество Христово"
	case m == time.January && (day <= 5 || (y >= 2013 && (day == 6 || day == 8))):
		return "Новогодние каникулы"
	case m == time.February && day == 23:
		return "День защитника Отечества"
	case m == time.March && day == 8:
		return "Международный женский день"
	case m == time.May && day == 1:
		return "Праздник Весны и Труда"
	case m == time.May && day == 9:
		return "День Победы"
	case m == time.June && day == 12:
		return "День России"
	case m == time.November && day == 4:
		return "День народного единства"
	}
	return ""
}

func isWeekend(d time.Time) bool {
	return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
}

// IsWorkday reports whether the calendar date of t, in t's location, is a
// working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	if e, ok := c.exception(t); ok {
		return e.Working
	}
	if isWeekend(t) || Holiday(t) != "" {
		return false
	}
	return !c.movedHoliday(t)
}

func (c *Calendar) exception(t time.Time) (Exception, bool) {
	if c == nil || c.exceptions == nil {
		return Exception{}, false
	}
	e, ok := c.exceptions[t.Format(time.DateOnly)]
	return e, ok
}

// movedHoliday reports whether t is the working day that takes a holiday
// which fell on a day off. The January holidays do not move this way:
// the Government transfers them by decree, entered as exceptions.
func (c *Calendar) movedHoliday(t time.Time) bool {
	// Walk back over the days off before t: any non-January holiday among
	// them that fell on a weekend moves to the first working day, which is
	// t when t itself is the first weekday after them.
	moved := 0
	for d := t.AddDate(0, 0, -1); ; d = d.AddDate(0, 0, -1) {
		if e, ok := c.exception(d); ok && e.Working {
			break
		}
		weekend := isWeekend(d)
		holiday := Holiday(d) != ""
		if !weekend && !holiday {
			break
		}
		if weekend && holiday && d.Month() != time.January {
			moved++
		}
	}
	// NOTE: two holidays moved onto the same run of days off would move to
	// two working days; the statutory dates never fall that close.
	return moved > 0
}

// AddWorkingDays returns the date n working days after t, keeping t's
// clock time; with n <= 0 it returns t.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if c.IsWorkday(t) {
			n--
		}
	}
	return t
}

// WorkingDaysBetween returns the number of working days after from, up to
// and including to; 0 when to is not after from.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}
