package server_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func TestChartGraph(t *testing.T) {
	env := newPageEnv(t)
	body := twoProviderChart()
	third := body.Interactions[0]
	third.DataKindCode, third.RequestedDocument, third.DeadlineDays = kindIncome, "Сведения о доходах", 3
	deadline := *third.Deadline
	deadline.Answer.Value = 3
	third.Deadline = &deadline
	body.Interactions = append(body.Interactions, third)
	id := env.saveChart(0, 0, body)

	spec := env.signIn("spec")
	_, doc := spec.get("/charts/" + strconv.FormatInt(id, 10))
	svg := doc.Find("figure.chart-graph svg.graph[role=img]")
	if svg.Length() != 1 {
		t.Fatal("the chart page has no graph")
	}
	if got := strings.TrimSpace(svg.Find("title#graph-title").Text()); got != "Схема взаимодействия: запросов — 3, поставщиков — 2" {
		t.Errorf("graph title %q", got)
	}
	var edges []string
	svg.Find("g.graph-edge").Each(func(_ int, g *goquery.Selection) {
		edges = append(edges, strings.TrimSpace(g.Find("text.graph-label").Text()))
	})
	// The rows of one provider are drawn next to each other.
	want := []string{"1. " + kindEGRUL + " · 5 раб. дн.", "3. " + kindIncome + " · 3 раб. дн.", "2. " + kindEGRP + " · 5 раб. дн."}
	if !cmp.Equal(edges, want) {
		t.Errorf("edge labels %q, want %q", edges, want)
	}
	var providers []string
	svg.Find("g.graph-node.provider").Each(func(_ int, g *goquery.Selection) {
		providers = append(providers, g.AttrOr("data-code", "")+": "+strings.TrimSpace(g.Find("title").Text()))
	})
	if want := []string{"FNS: Управление ФНС России по Самарской области", "ROSREESTR: Управление Росреестра по Самарской области"}; !cmp.Equal(providers, want) {
		t.Errorf("provider nodes %q, want %q", providers, want)
	}
	requester := svg.Find("g.graph-node.requester")
	if requester.Length() != 1 || requester.AttrOr("data-code", "") != "MINSOC" {
		t.Fatalf("%d requester nodes", requester.Length())
	}
	// The 78-character name of MINSOC is wrapped into lines of at most 34.
	lines := texts(requester.Find("text"))
	if len(lines) < 3 || strings.Join(lines, " ") != pageAuthorities[0].Name {
		t.Errorf("requester lines %q", lines)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 34 {
			t.Errorf("line %q has %d characters", l, n)
		}
	}
	// Every lane is a separate horizontal line, so labels do not overlap.
	ys := map[string]bool{}
	svg.Find("text.graph-label").Each(func(_ int, l *goquery.Selection) { ys[l.AttrOr("y", "")] = true })
	if len(ys) != 3 {
		t.Errorf("edge labels on %d distinct heights, want 3", len(ys))
	}
}
