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
	// The workbook is buffered so that a failure can still be sent as an
	// error response. The chart lines themselves stream from the database.
	var buf bytes.Buffer
	opts := reports.CollectOptions{Region: s.cfg.Region, Location: s.cfg.Location, Now: now}
	if err := reports.WriteFromStore(ctx(c), s.store, opts, &buf); err != nil {
		return err
	}
	name := fmt.Sprintf("progress-%s.xlsx", now.In(s.cfg.Location).Format("2006-01-02"))
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
	return nil
}
