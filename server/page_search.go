package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

type searchView struct {
	Query       string
	Services    []storage.ServiceListing
	Charts      []storage.ChartHit
	Authorities []charts.Authority
	DataKinds   []charts.DataKind
	// Limit is the number of hits shown of each kind.
	Limit int
	Empty bool
}

// searchPage finds services, charts, authorities and data kinds with the
// same queries as GET /api/v1/search: case-insensitive, ё read as е.
func (s *Server) searchPage(c *gin.Context) error {
	v := searchView{Query: strings.TrimSpace(c.Query("q")), Limit: searchLimit}
	if v.Query == "" {
		s.render(c, http.StatusOK, "search", "Поиск", v)
		return nil
	}
	visibility := s.flow.Visibility(actor(c), charts.KindChart)
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if v.Services, err = tx.Services(ctx(c), storage.ServiceFilter{Query: v.Query, Limit: searchLimit}); err != nil {
			return err
		}
		if v.Charts, err = tx.SearchCharts(ctx(c), v.Query, visibility, searchLimit); err != nil {
			return err
		}
		if v.Authorities, err = tx.Authorities(ctx(c), v.Query); err != nil {
			return err
		}
		v.DataKinds, err = tx.DataKinds(ctx(c), v.Query, "")
		return err
	})
	if err != nil {
		return err
	}
	v.Authorities = v.Authorities[:min(len(v.Authorities), searchLimit)]
	v.DataKinds = v.DataKinds[:min(len(v.DataKinds), searchLimit)]
	v.Empty = len(v.Services)+len(v.Charts)+len(v.Authorities)+len(v.DataKinds) == 0
	s.render(c, http.StatusOK, "search", "Поиск: "+v.Query, v)
	return nil
}
