package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

// searchLimit is how many hits of each kind a search returns.
const searchLimit = 20

// apiSearch finds services, charts, authorities and data kinds whose name
// or code contains the text, ignoring case and reading ё as е.
func (s *Server) apiSearch(c *gin.Context) error {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		return badRequest("q", "give the text to search for as ?q=")
	}
	visibility := s.flow.Visibility(actor(c), charts.KindChart)
	out := gin.H{}
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		services, err := tx.Services(ctx(c), storage.ServiceFilter{Query: q, Limit: searchLimit})
		if err != nil {
			return err
		}
		hits, err := tx.SearchCharts(ctx(c), q, visibility, searchLimit)
		if err != nil {
			return err
		}
		auths, err := tx.Authorities(ctx(c), q)
		if err != nil {
			return err
		}
		kinds, err := tx.DataKinds(ctx(c), q, "")
		if err != nil {
			return err
		}
		out["services"], out["charts"] = nonNil(services), nonNil(hits)
		out["authorities"], out["data_kinds"] = nonNil(auths[:min(len(auths), searchLimit)]),
			nonNil(kinds[:min(len(kinds), searchLimit)])
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, out)
	return nil
}
