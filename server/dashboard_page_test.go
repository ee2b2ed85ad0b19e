package server_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

func TestDashboardByAuthorityAndMunicipality(t *testing.T) {
	env := newPageEnv(t)
	chartInReview(env)
	off := env.signIn("off")
	_, doc := off.get("/")
	rows := map[string][]string{}
	doc.Find("table.funnel-by-authority tr.funnel-row").Each(func(_ int, r *goquery.Selection) {
		rows[r.AttrOr("data-code", "")] = texts(r.Find("td .figure"))
	})
	want := map[string][]string{"MINSOC": {"3", "0", "0", "1", "0"}, "ADM-SAMARA": {"1", "0", "0", "0", "0"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("figures by authority (-want +got):\n%s", diff)
	}
	link := doc.Find("table.funnel-by-authority tr[data-code='MINSOC'] td a.figure").Eq(3).AttrOr("href", "")
	if link != "/services?authority=MINSOC&stage=agreed" {
		t.Errorf("agreed link of MINSOC %q", link)
	}
	_, list := off.get(link)
	if got := texts(list.Find("tr.service td.service-name")); !cmp.Equal(got, []string{pageServices[0].Name}) {
		t.Errorf("services behind the link %q", got)
	}
	muni := doc.Find("table.funnel-by-municipality tr.funnel-row")
	if got := strings.TrimSpace(muni.Find("th").Text()); got != "городской округ Самара" {
		t.Errorf("municipality row %q", got)
	}
	if got := muni.Find("td a.figure").First().AttrOr("href", ""); got != "/services?authority=ADM-SAMARA" {
		t.Errorf("municipality link %q", got)
	}
}

func TestDashboardTimeline(t *testing.T) {
	env := newPageEnv(t)
	off := env.signIn("off")
	_, doc := off.get("/")
	if doc.Find("section.timeline svg").Length() != 0 || doc.Find("section.timeline p.empty").Length() != 1 {
		t.Error("the timeline without data is not the empty message")
	}
	id := chartInReview(env)
	env.clock.add(48 * 3600e9)
	env.act("com1", charts.KindChart, id, "approve", "")
	env.act("com2", charts.KindChart, id, "approve", "")

	off = env.signIn("off") // the clock has moved past the session's idle limit
	_, doc = off.get("/")
	svg := doc.Find("section.timeline svg.line-chart[role=img]")
	if got := strings.TrimSpace(svg.Find("title").Text()); got != "Ход работы с 03.10.2011 по 05.10.2011: прошли согласование — 1, утверждены — 1" {
		t.Errorf("timeline title %q", got)
	}
	if got := texts(svg.Find("text.axis-label")); !cmp.Equal(got, []string{"Дата", "Карт, нарастающим итогом"}) {
		t.Errorf("axis labels %q", got)
	}
	var points []string
	svg.Find("polyline.series").Each(func(_ int, p *goquery.Selection) { points = append(points, p.AttrOr("points", "")) })
	// Agreed: 1 on both days; approved: 0 on 3 October, 1 on 5 October, on
	// a y axis from 0 to 5.
	if want := []string{"64,180 620,180", "64,220 620,180"}; !cmp.Equal(points, want) {
		t.Errorf("series points %q, want %q", points, want)
	}
}
