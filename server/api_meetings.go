package server

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/calendar"
	"pcii/charts"
	"pcii/reports"
	"pcii/storage"
	"pcii/workflow"
)

func (s *Server) apiMeetings(c *gin.Context) error {
	var list []storage.Meeting
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.Meetings(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"meetings": nonNil(list)})
	return nil
}

func (s *Server) apiCreateMeeting(c *gin.Context) error {
	var in workflow.NewMeeting
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	m, err := s.flow.CreateMeeting(ctx(c), actor(c), in)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, m)
	return nil
}

func (s *Server) apiMeeting(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.flow.MeetingProtocol(ctx(c), actor(c), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"meeting": p.Meeting, "agenda": nonNil(p.Agenda)})
	return nil
}

func (s *Server) apiAddToAgenda(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		Kind       charts.Kind `json:"kind"`
		DocumentID int64       `json:"document_id"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Kind == "" {
		in.Kind = charts.KindChart
	}
	if in.Kind != charts.KindChart && in.Kind != charts.KindPassport {
		return badRequest("kind", fmt.Sprintf("unknown kind %q; use chart or passport", in.Kind))
	}
	if err := s.flow.AddToAgenda(ctx(c), actor(c), id, in.Kind, in.DocumentID); err != nil {
		return err
	}
	return s.apiMeeting(c)
}

func (s *Server) apiProtocolXLSX(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.flow.MeetingProtocol(ctx(c), actor(c), id)
	if err != nil {
		return err
	}
	data := reports.ProtocolData{Protocol: p.Meeting.Protocol, Title: p.Meeting.Title, HeldOn: p.Meeting.HeldOn}
	if t, err := time.Parse(time.DateOnly, p.Meeting.HeldOn); err == nil {
		data.HeldOn = t.Format("02.01.2006")
	}
	for _, a := range p.Agenda {
		data.Items = append(data.Items, reports.ProtocolItem{Kind: a.Kind, DocumentID: a.DocumentID,
			ServiceCode: a.ServiceCode, ServiceName: a.ServiceName, Revision: a.Revision,
			Approvals: a.Approvals, Returns: a.Returns, State: a.State})
	}
	name := "protocol-" + strings.Map(safeFileRune, p.Meeting.Protocol) + ".xlsx"
	return writeXLSX(c, name, func(w io.Writer) error { return reports.WriteProtocol(w, data) })
}

// safeFileRune keeps letters and digits of a protocol number in a file
// name and replaces the rest.
func safeFileRune(r rune) rune {
	if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' {
		return r
	}
	return '_'
}

func (s *Server) apiCalendar(c *gin.Context) error {
	var list []calendar.Exception
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.CalendarExceptions(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"exceptions": nonNil(list)})
	return nil
}

func (s *Server) apiPutCalendarDay(c *gin.Context) error {
	var in struct {
		Working *bool  `json:"working"`
		Name    string `json:"name"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Working == nil {
		return badRequest("working", "is required: true for a working day, false for a day off")
	}
	e := calendar.Exception{Date: c.Param("day"), Working: *in.Working, Name: strings.TrimSpace(in.Name)}
	if err := s.flow.PutCalendarException(ctx(c), actor(c), e); err != nil {
		return err
	}
	c.JSON(http.StatusOK, e)
	return nil
}

func (s *Server) apiDeleteCalendarDay(c *gin.Context) error {
	if err := s.flow.DeleteCalendarException(ctx(c), actor(c), c.Param("day")); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
