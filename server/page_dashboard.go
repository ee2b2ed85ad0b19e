package server

import (
	"net/http"
	"net/url"

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
}

// barWidth is the SVG width of the bar of all services.
const barWidth = 300

func (s *Server) dashboardPage(c *gin.Context) error {
	var counts []storage.FunnelCounts
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		counts, err = tx.Funnel(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "dashboard", "Сводка по переходу на межведомственное взаимодействие",
		dashboardView{Lines: funnelLines(counts)})
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
