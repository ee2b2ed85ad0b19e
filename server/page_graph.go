package server

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Geometry of the chart graph, in SVG user units: the requesting
// authorities sit in a column on the left, the providers on the right, and
// each interaction is an edge with its own horizontal lane between them.
const (
	graphWidth      = 960
	graphBoxWidth   = 250
	graphRightX     = graphWidth - graphBoxWidth - 8
	graphLeftX      = 8
	graphEdgeStartX = graphLeftX + graphBoxWidth
	graphLaneStartX = 340
	graphLaneEndX   = graphRightX - 6
	graphLabelX     = (graphLaneStartX + graphLaneEndX) / 2
	graphTop        = 36
	graphLane       = 30
	graphLine       = 15
	graphPadding    = 8
	graphGap        = 12
	// graphNameChars and graphNameLines bound an authority name in its box;
	// a longer name is cut with "…" and shown whole in the box's tooltip.
	graphNameChars = 34
	graphNameLines = 4
)

// graphNode is an authority's box.
type graphNode struct {
	Code   string
	Name   string
	Lines  []graphText
	X, Y   int
	Width  int
	Height int
}

// graphText is one line of text placed at X, Y.
type graphText struct {
	Text string
	X, Y int
}

// graphEdge is one interaction from a requester's box to a provider's box.
type graphEdge struct {
	Row    int
	FromX  int
	FromY  int
	BendX  int
	LaneX  int
	ToX    int
	Y      int
	Label  graphText
	Kind   string
	Days   int
	Target string
}

// chartGraph is the SVG picture of a chart's interactions.
type chartGraph struct {
	Width        int
	Height       int
	Requesters   []graphNode
	Providers    []graphNode
	Edges        []graphEdge
	Title        string
	HeadingLeft  graphText
	HeadingRight graphText
}

// Graph lays out the chart's rows as a graph, or returns nil for a chart
// without rows.
func (v chartView) Graph() *chartGraph {
	return layoutGraph(v.Rows)
}

func layoutGraph(rows []rowView) *chartGraph {
	if len(rows) == 0 {
		return nil
	}
	g := &chartGraph{Width: graphWidth}

	// Group the rows by provider in order of first appearance, so each
	// provider's lanes are adjacent and its box spans them.
	var providerOrder []string
	byProvider := map[string][]rowView{}
	names := map[string]string{}
	for _, r := range rows {
		if _, ok := byProvider[r.ProviderCode]; !ok {
			providerOrder = append(providerOrder, r.ProviderCode)
		}
		byProvider[r.ProviderCode] = append(byProvider[r.ProviderCode], r)
		names[r.ProviderCode] = r.ProviderName
	}

	y := graphTop
	var lanes []struct {
		row rowView
		y   int
	}
	for _, code := range providerOrder {
		group := byProvider[code]
		lines := wrapName(names[code])
		height := max(len(group)*graphLane, len(lines)*graphLine+2*graphPadding)
		node := graphNode{Code: code, Name: names[code], X: graphRightX, Y: y, Width: graphBoxWidth, Height: height}
		node.Lines = placeLines(lines, graphRightX+graphPadding, y, height)
		g.Providers = append(g.Providers, node)
		step := height / len(group)
		for i, r := range group {
			lanes = append(lanes, struct {
				row rowView
				y   int
			}{r, y + step*i + step/2})
		}
		y += height + graphGap
	}
	bottom := y - graphGap

	// Stack the requesters, usually one, in the middle of the lanes' span.
	var requesterOrder []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.RequesterCode] {
			seen[r.RequesterCode] = true
			requesterOrder = append(requesterOrder, r.RequesterCode)
			names[r.RequesterCode] = r.RequesterName
		}
	}
	total := 0
	heights := make([]int, len(requesterOrder))
	for i, code := range requesterOrder {
		heights[i] = len(wrapName(names[code]))*graphLine + 2*graphPadding
		total += heights[i]
	}
	total += graphGap * (len(requesterOrder) - 1)
	top := graphTop + max((bottom-graphTop-total)/2, 0)
	centers := map[string]int{}
	for i, code := range requesterOrder {
		node := graphNode{Code: code, Name: names[code], X: graphLeftX, Y: top, Width: graphBoxWidth, Height: heights[i]}
		node.Lines = placeLines(wrapName(names[code]), graphLeftX+graphPadding, top, heights[i])
		g.Requesters = append(g.Requesters, node)
		centers[code] = top + heights[i]/2
		top += heights[i] + graphGap
	}
	g.Height = max(bottom, top-graphGap) + graphPadding

	for _, l := range lanes {
		g.Edges = append(g.Edges, graphEdge{Row: l.row.Number, FromX: graphEdgeStartX, FromY: centers[l.row.RequesterCode],
			BendX: (graphEdgeStartX + graphLaneStartX) / 2, LaneX: graphLaneStartX, ToX: graphLaneEndX, Y: l.y,
			Kind: l.row.DataKindCode, Days: l.row.DeadlineDays, Target: fmt.Sprintf("row-%d", l.row.Number),
			Label: graphText{Text: fmt.Sprintf("%d. %s · %d раб. дн.", l.row.Number, l.row.DataKindCode, l.row.DeadlineDays),
				X: graphLabelX, Y: l.y - 5}})
	}
	g.HeadingLeft = graphText{Text: "Запрашивающий орган", X: graphLeftX, Y: 16}
	g.HeadingRight = graphText{Text: "Поставщики сведений", X: graphRightX, Y: 16}
	g.Title = fmt.Sprintf("Схема взаимодействия: запросов — %d, поставщиков — %d", len(rows), len(providerOrder))
	return g
}

// placeLines centres text lines vertically in a box of height starting at
// top.
func placeLines(lines []string, x, top, height int) []graphText {
	first := top + (height-len(lines)*graphLine)/2 + graphLine - 3
	out := make([]graphText, len(lines))
	for i, l := range lines {
		out[i] = graphText{Text: l, X: x, Y: first + i*graphLine}
	}
	return out
}

// wrapName breaks an authority name into lines of at most graphNameChars
// characters at spaces, keeping at most graphNameLines lines.
func wrapName(name string) []string {
	var lines []string
	var cur strings.Builder
	for _, word := range strings.Fields(name) {
		for utf8.RuneCountInString(word) > graphNameChars {
			r := []rune(word)
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
			lines = append(lines, string(r[:graphNameChars]))
			word = string(r[graphNameChars:])
		}
		switch {
		case cur.Len() == 0:
			cur.WriteString(word)
		case utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(word) <= graphNameChars:
			cur.WriteString(" " + word)
		default:
			lines = append(lines, cur.String())
			cur.Reset()
			cur.WriteString(word)
		}
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	if len(lines) == 0 {
		return []string{"—"}
	}
	if len(lines) > graphNameLines {
		lines = lines[:graphNameLines]
		last := []rune(lines[graphNameLines-1])
		if len(last) >= graphNameChars {
			last = last[:graphNameChars-1]
		}
		lines[graphNameLines-1] = string(last) + "…"
	}
	return lines
}
