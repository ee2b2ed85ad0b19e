package server

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"pcii/reports"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (s *Server) apiProgressReport(c *gin.Context) error {
	now := s.now()
	p, err := reports.Collect(ctx(c), s.store, reports.CollectOptions{Region: s.cfg.Region,
		Location: s.cfg.Location, Now: now})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := reports.WriteProgress(&buf, p); err != nil {
		return err
	}
	name := fmt.Sprintf("progress-%s.xlsx", now.In(s.cfg.Location).Format("2006-01-02"))
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
	return nil
}
