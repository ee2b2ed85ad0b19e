package calendar_test

import (
	"testing"
	"time"

	"pcii/calendar"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestIsWorkday(t *testing.T) {
	// 2012: the Government moved Saturday 11 March's work to Friday 9
	// March, and 5 May and 12 May were working Saturdays.
	cal, err := calendar.New([]calendar.Exception{
		{Date: "2012-03-09", Working: false, Name: "Перенос с 11 марта"},
		{Date: "2012-03-11", Working: true, Name: "Рабочее воскресенье"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day  string
		want bool
	}{
		{"2011-11-03", true},  // Thursday
		{"2011-11-04", false}, // День народного единства, Friday
		{"2011-11-05", false}, // Saturday
		{"2011-11-07", true},
		{"2012-01-05", false}, // Новогодние каникулы before 2013
		{"2012-01-06", true},  // Friday, a working day in 2012 without a decree
		{"2013-01-08", false}, // Новогодние каникулы from 2013
		{"2012-03-08", false},
		{"2012-03-09", false}, // exception: transferred day off
		{"2012-03-11", true},  // exception: working Sunday
		{"2012-06-12", false},
		// 2011-05-01 fell on a Sunday, so Monday 2 May was off.
		{"2011-05-02", false},
		{"2011-05-03", true},
		// 2015-05-09 fell on a Saturday, so Monday 11 May was off.
		{"2015-05-11", false},
	}
	for _, tt := range tests {
		if got := cal.IsWorkday(date(tt.day)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	var cal calendar.Calendar
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2011-10-31", 5, "2011-11-08"}, // skips 4–6 November
		{"2011-11-28", 5, "2011-12-05"},
		{"2011-11-28", 0, "2011-11-28"},
	}
	for _, tt := range tests {
		got := cal.AddWorkingDays(date(tt.from), tt.n).Format(time.DateOnly)
		if got != tt.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
	if n := cal.WorkingDaysBetween(date("2011-10-31"), date("2011-11-08")); n != 5 {
		t.Errorf("WorkingDaysBetween = %d, want 5", n)
	}
}

func TestNewRejectsBadDate(t *testing.T) {
	if _, err := calendar.New([]calendar.Exception{{Date: "09.03.2012"}}); err == nil {
		t.Error("a date in the wrong form was accepted")
	}
}
