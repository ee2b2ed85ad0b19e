package server

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pcii/storage"
)

// Geometry of the progress chart, in SVG user units.
const (
	timelineWidth  = 640
	timelineHeight = 280
	timelineLeft   = 64
	timelineRight  = 620
	timelineTop    = 20
	timelineBottom = 220
	timelineYTicks = 5
	timelineXTicks = 5
)

// timelineTick is an axis mark with its label.
type timelineTick struct {
	X, Y  int
	Label string
}

// timelineSeries is one polyline of the chart.
type timelineSeries struct {
	Label  string
	Class  string
	Points string
	// Last is the final cumulative count, shown in the legend.
	Last int
	// LegendX is the x coordinate of the series' legend entry.
	LegendX int
}

// timelineChart is the server-drawn line chart of the dashboard: charts
// past agreement and charts approved, cumulative by day.
type timelineChart struct {
	Width, Height     int
	Left, Right       int
	Top, Bottom       int
	XTicks, YTicks    []timelineTick
	Series            []timelineSeries
	Title             string
	XLabelX, XLabelY  int
	YLabelX, YLabelY  int
	FirstDay, LastDay string
	LegendY           int
}

// buildTimeline turns the daily counts into a chart, or returns nil when
// there are none.
func buildTimeline(points []storage.TimelinePoint) *timelineChart {
	type cumulative struct {
		day              time.Time
		agreed, approved int
	}
	var series []cumulative
	agreed, approved := 0, 0
	for _, p := range points {
		day, err := time.Parse(time.DateOnly, p.Day)
		if err != nil {
			continue
		}
		agreed += p.Agreed
		approved += p.Approved
		series = append(series, cumulative{day: day, agreed: agreed, approved: approved})
	}
	if len(series) == 0 {
		return nil
	}
	first, last := series[0].day, series[len(series)-1].day
	span := max(int(last.Sub(first).Hours()/24), 1)
	top := niceCeiling(max(agreed, approved, 1))

	x := func(d time.Time) int {
		return timelineLeft + int(d.Sub(first).Hours()/24)*(timelineRight-timelineLeft)/span
	}
	y := func(n int) int { return timelineBottom - n*(timelineBottom-timelineTop)/top }

	var agreedPts, approvedPts []string
	for _, p := range series {
		agreedPts = append(agreedPts, strconv.Itoa(x(p.day))+","+strconv.Itoa(y(p.agreed)))
		approvedPts = append(approvedPts, strconv.Itoa(x(p.day))+","+strconv.Itoa(y(p.approved)))
	}
	c := &timelineChart{Width: timelineWidth, Height: timelineHeight, Left: timelineLeft, Right: timelineRight,
		Top: timelineTop, Bottom: timelineBottom,
		FirstDay: first.Format("02.01.2006"), LastDay: last.Format("02.01.2006"),
		XLabelX: (timelineLeft + timelineRight) / 2, XLabelY: timelineBottom + 36,
		YLabelX: 16, YLabelY: (timelineTop + timelineBottom) / 2, LegendY: timelineHeight - 8,
		Series: []timelineSeries{
			{Label: "прошли согласование", Class: "agreed", Points: strings.Join(agreedPts, " "), Last: agreed,
				LegendX: timelineLeft},
			{Label: "утверждены комиссией", Class: "approved", Points: strings.Join(approvedPts, " "), Last: approved,
				LegendX: timelineLeft + 280},
		}}
	c.Title = fmt.Sprintf("Ход работы с %s по %s: прошли согласование — %d, утверждены — %d",
		c.FirstDay, c.LastDay, agreed, approved)
	for i := 0; i <= timelineYTicks; i++ {
		n := top * i / timelineYTicks
		c.YTicks = append(c.YTicks, timelineTick{X: timelineLeft, Y: y(n), Label: strconv.Itoa(n)})
	}
	ticks := min(timelineXTicks, span)
	for i := 0; i <= ticks; i++ {
		d := first.AddDate(0, 0, span*i/ticks)
		c.XTicks = append(c.XTicks, timelineTick{X: x(d), Y: timelineBottom, Label: d.Format("02.01.06")})
	}
	return c
}

// niceCeiling rounds n up to the next of 5, 10, 20, 50, 100, 200, 500 and
// so on, so the five y-axis ticks fall on round numbers.
func niceCeiling(n int) int {
	for base := 1; base < 1<<40; base *= 10 {
		for _, m := range []int{5, 10, 20} {
			if m*base >= n {
				return m * base
			}
		}
	}
	return n
}
