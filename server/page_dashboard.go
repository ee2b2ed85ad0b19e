package server

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

// funnelStage is one figure of a funnel line with its link and share.
type funnelStage struct {
	Label string
	Count int
	// Share is the count as a percentage of the stage before it.
	Share string
	Href  string
	// Width is the bar length in SVG units, scaled to the services count.
	Width int
	Y     int
}

// funnelLine is the funnel of one service level, or of all of them.
type funnelLine struct {
	Label  string
	Stages []funnelStage
}

type dashboardView struct {
	Lines []funnelLine
	// ByAuthority and ByMunicipality are the same figures per providing
	// authority and per municipality.
	ByAuthority    []funnelRow
	ByMunicipality []funnelRow
	Timeline       *timelineChart
}

// barWidth is the SVG width of the bar of all services.
const barWidth = 300

func (s *Server) dashboardPage(c *gin.Context) error {
	var counts []storage.FunnelCounts
	var auths []charts.Authority
	var timeline []storage.TimelinePoint
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if counts, err = tx.Funnel(ctx(c)); err != nil {
			return err
		}
		if auths, err = tx.Authorities(ctx(c), ""); err != nil {
			return err
		}
		timeline, err = tx.Timeline(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	v := dashboardView{Lines: funnelLines(counts), Timeline: buildTimeline(timeline)}
	v.ByAuthority, v.ByMunicipality = funnelRows(counts, auths)
	s.render(c, http.StatusOK, "dashboard", "Сводка по переходу на межведомственное взаимодействие", v)
	return nil
}

// funnelLines sums the per-authority counts into the state, municipal and
// total lines.
func funnelLines(counts []storage.FunnelCounts) []funnelLine {
	levels := []struct{ level, label string }{
		{charts.ServiceState, "Государственные услуги"},
		{charts.ServiceMunicipal, "Муниципальные услуги"},
		{"", "Всего"},
	}
	lines := make([]funnelLine, 0, len(levels))
	for _, l := range levels {
		var sum storage.FunnelCounts
		for _, c := range counts {
			if l.level == "" || c.Level == l.level {
				sum.Services += c.Services
				sum.Passports += c.Passports
				sum.InInteraction += c.InInteraction
				sum.Agreed += c.Agreed
				sum.Approved += c.Approved
			}
		}
		figures := []struct {
			label, stage string
			count        int
		}{
			{"Услуг всего", "", sum.Services},
			{"С паспортом", storage.StagePassport, sum.Passports},
			{"Переведены на взаимодействие", storage.StageInteraction, sum.InInteraction},
			{"Карты согласованы", storage.StageAgreed, sum.Agreed},
			{"Карты утверждены", storage.StageApproved, sum.Approved},
		}
		line := funnelLine{Label: l.label}
		prev := 0
		for i, f := range figures {
			q := url.Values{}
			if l.level != "" {
				q.Set("level", l.level)
			}
			if f.stage != "" {
				q.Set("stage", f.stage)
			}
			st := funnelStage{Label: f.label, Count: f.count, Href: "/services?" + q.Encode(), Y: i * 28}
			if i > 0 {
				st.Share = percent(f.count, prev)
			}
			if sum.Services > 0 {
				st.Width = max(f.count*barWidth/sum.Services, 1)
			}
			prev = f.count
			line.Stages = append(line.Stages, st)
		}
		lines = append(lines, line)
	}
	return lines
}

// funnelRow is the funnel of one authority or municipality as a table row.
type funnelRow struct {
	Code   string
	Name   string
	Stages []funnelStage
	// Authorities counts the authorities summed into a municipality's row.
	Authorities int
}

// funnelRows sums the funnel counts per authority and per municipality.
// Each figure of an authority links to its services at that stage. A
// municipality's figures link the same way when one authority provides
// its services, which holds for the administrations of the demo region.
func funnelRows(counts []storage.FunnelCounts, auths []charts.Authority) (byAuthority, byMunicipality []funnelRow) {
	reg := charts.NewRegistry(auths, nil)
	byCode := reg.Authorities
	sums := map[string]*storage.FunnelCounts{}
	var order []string
	for _, c := range counts {
		sum, ok := sums[c.AuthorityCode]
		if !ok {
			sum = &storage.FunnelCounts{AuthorityCode: c.AuthorityCode}
			sums[c.AuthorityCode] = sum
			order = append(order, c.AuthorityCode)
		}
		addCounts(sum, c)
	}
	sort.Slice(order, func(i, j int) bool { return authorityName(reg, order[i]) < authorityName(reg, order[j]) })

	muniSums := map[string]*storage.FunnelCounts{}
	muniCodes := map[string][]string{}
	var muniOrder []string
	for _, code := range order {
		sum := sums[code]
		byAuthority = append(byAuthority, funnelRow{Code: code, Name: authorityName(reg, code),
			Stages: rowStages(*sum, url.Values{"authority": {code}})})
		m := byCode[code].Municipality
		if m == "" {
			continue
		}
		if _, ok := muniSums[m]; !ok {
			muniSums[m] = &storage.FunnelCounts{}
			muniOrder = append(muniOrder, m)
		}
		addCounts(muniSums[m], *sum)
		muniCodes[m] = append(muniCodes[m], code)
	}
	sort.Strings(muniOrder)
	for _, m := range muniOrder {
		var q url.Values
		if len(muniCodes[m]) == 1 {
			q = url.Values{"authority": {muniCodes[m][0]}}
		}
		byMunicipality = append(byMunicipality, funnelRow{Name: m, Stages: rowStages(*muniSums[m], q),
			Authorities: len(muniCodes[m])})
	}
	return byAuthority, byMunicipality
}

func addCounts(sum *storage.FunnelCounts, c storage.FunnelCounts) {
	sum.Services += c.Services
	sum.Passports += c.Passports
	sum.InInteraction += c.InInteraction
	sum.Agreed += c.Agreed
	sum.Approved += c.Approved
}

// rowStages returns the five figures of a row with their shares; with a
// nil filter the figures have no links.
func rowStages(sum storage.FunnelCounts, filter url.Values) []funnelStage {
	figures := []struct {
		stage string
		count int
	}{
		{"", sum.Services}, {storage.StagePassport, sum.Passports}, {storage.StageInteraction, sum.InInteraction},
		{storage.StageAgreed, sum.Agreed}, {storage.StageApproved, sum.Approved},
	}
	out := make([]funnelStage, 0, len(figures))
	prev := 0
	for i, f := range figures {
		st := funnelStage{Count: f.count}
		if i > 0 {
			st.Share = percent(f.count, prev)
		}
		if filter != nil {
			q := url.Values{}
			for k, v := range filter {
				q[k] = v
			}
			if f.stage != "" {
				q.Set("stage", f.stage)
			}
			st.Href = "/services?" + q.Encode()
		}
		prev = f.count
		out = append(out, st)
	}
	return out
}
