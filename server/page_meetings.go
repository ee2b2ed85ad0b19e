package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// agendaCandidates is the number of documents of each kind under review
// that the add-to-agenda select offers, newest first.
const agendaCandidates = 200

type meetingsView struct {
	Meetings  []storage.Meeting
	Next      string
	First     string
	CanManage bool
	Form      workflow.NewMeeting
	Errors    fieldErrors
	Message   string
}

func (s *Server) meetingsPage(c *gin.Context) error {
	today := s.now().In(s.cfg.Location).Format(time.DateOnly)
	return s.renderMeetings(c, http.StatusOK, workflow.NewMeeting{HeldOn: today}, fieldErrors{}, "")
}

// renderMeetings shows one page of meetings, latest first, before the key
// in ?before_day= and ?before=, with the create form for the secretary.
func (s *Server) renderMeetings(c *gin.Context, status int, f workflow.NewMeeting, errs fieldErrors, msg string) error {
	beforeDay := c.Query("before_day")
	beforeID, err := queryInt(c, "before", 0)
	if err != nil {
		return err
	}
	v := meetingsView{CanManage: s.flow.CanAny(actor(c), policies.ObjMeeting, policies.ActManage),
		Form: f, Errors: errs, Message: msg}
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		v.Meetings, err = tx.MeetingsPage(ctx(c), beforeDay, int64(beforeID), defaultPageLimit+1)
		return err
	})
	if err != nil {
		return err
	}
	if len(v.Meetings) > defaultPageLimit {
		v.Meetings = v.Meetings[:defaultPageLimit]
		last := v.Meetings[defaultPageLimit-1]
		v.Next = fmt.Sprintf("/meetings?before_day=%s&before=%d", url.QueryEscape(last.HeldOn), last.ID)
	}
	if beforeDay != "" {
		v.First = "/meetings"
	}
	s.render(c, status, "meetings", "Заседания комиссии", v)
	return nil
}

func (s *Server) createMeetingPage(c *gin.Context) error {
	f := workflow.NewMeeting{HeldOn: strings.TrimSpace(c.PostForm("held_on")),
		Protocol: strings.TrimSpace(c.PostForm("protocol")), Title: strings.TrimSpace(c.PostForm("title"))}
	m, err := s.flow.CreateMeeting(ctx(c), actor(c), f)
	var verr *charts.ValidationError
	switch {
	case errors.As(err, &verr):
		return s.renderMeetings(c, http.StatusUnprocessableEntity, f, meetingProblems(verr), "Исправьте отмеченные поля.")
	case errors.Is(err, workflow.ErrConflict):
		errs := fieldErrors{"protocol": "Протокол с таким номером уже есть; укажите другой номер"}
		return s.renderMeetings(c, http.StatusUnprocessableEntity, f, errs, "Исправьте отмеченные поля.")
	case err != nil:
		return err
	}
	return s.redirectWithFlash(c, fmt.Sprintf("/meetings/%d", m.ID), "ok",
		"Заседание создано. Добавьте в повестку документы на экспертизе.")
}

// meetingProblems translates the problems of a rejected meeting form.
func meetingProblems(verr *charts.ValidationError) fieldErrors {
	out := fieldErrors{}
	for _, p := range verr.Problems {
		switch p.Field {
		case "protocol":
			out.add(p.Field, "Укажите номер протокола, не длиннее 50 символов")
		default:
			out.add(p.Field, fieldMessage(p))
		}
	}
	return out
}

// agendaRow is one document on a meeting's agenda.
type agendaRow struct {
	storage.AgendaItem
	Href      string
	KindLabel string
}

// agendaCandidate is a document under review that can join the agenda;
// Value is "kind:id".
type agendaCandidate struct {
	Value string
	Label string
}

type meetingView struct {
	Meeting     storage.Meeting
	HeldOn      string
	Agenda      []agendaRow
	Approvals   int
	Returns     int
	CanManage   bool
	Candidates  []agendaCandidate
	Selected    string
	Error       string
	ProtocolURL string
}

func (s *Server) meetingPage(c *gin.Context) error {
	return s.renderMeeting(c, http.StatusOK, "", "")
}

func (s *Server) renderMeeting(c *gin.Context, status int, selected, problem string) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a := actor(c)
	p, err := s.flow.MeetingProtocol(ctx(c), a, id)
	if err != nil {
		return err
	}
	v := meetingView{Meeting: p.Meeting, HeldOn: russianDay(p.Meeting.HeldOn), Selected: selected, Error: problem,
		CanManage:   s.flow.CanAny(a, policies.ObjMeeting, policies.ActManage),
		ProtocolURL: fmt.Sprintf("/api/v1/meetings/%d/protocol.xlsx", id)}
	onAgenda := map[int64]bool{}
	for _, item := range p.Agenda {
		onAgenda[item.DocumentID] = true
		v.Approvals += item.Approvals
		v.Returns += item.Returns
		v.Agenda = append(v.Agenda, agendaRow{AgendaItem: item, Href: fmt.Sprintf("/%ss/%d", item.Kind, item.DocumentID),
			KindLabel: kindLabel(charts.Kind(item.Kind))})
	}
	if v.CanManage {
		if v.Candidates, err = s.agendaCandidates(c, onAgenda); err != nil {
			return err
		}
	}
	s.render(c, status, "meeting", fmt.Sprintf("Заседание комиссии: протокол № %s от %s", p.Meeting.Protocol, v.HeldOn), v)
	return nil
}

// agendaCandidates lists the charts and passports under review that are
// not on the agenda yet, with their services' names.
func (s *Server) agendaCandidates(c *gin.Context, onAgenda map[int64]bool) ([]agendaCandidate, error) {
	var docs []charts.Document
	for _, kind := range []charts.Kind{charts.KindChart, charts.KindPassport} {
		list, err := s.flow.List(ctx(c), actor(c), storage.DocumentFilter{Kind: kind, State: charts.StateReview,
			Limit: agendaCandidates})
		if err != nil {
			return nil, err
		}
		for _, d := range list {
			if !onAgenda[d.ID] {
				docs = append(docs, d)
			}
		}
	}
	codes := make([]string, len(docs))
	for i, d := range docs {
		codes[i] = d.ServiceCode
	}
	var services map[string]charts.Service
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		services, err = tx.ServicesByCode(ctx(c), codes)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]agendaCandidate, 0, len(docs))
	for _, d := range docs {
		out = append(out, agendaCandidate{Value: fmt.Sprintf("%s:%d", d.Kind, d.ID),
			Label: fmt.Sprintf("%s № %d, редакция %d — %s", kindLabel(d.Kind), d.ID, d.Revision,
				services[d.ServiceCode].Name)})
	}
	return out, nil
}

func kindLabel(k charts.Kind) string {
	if k == charts.KindPassport {
		return "паспорт"
	}
	return "карта"
}

func (s *Server) addToAgendaPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	value := c.PostForm("document")
	kind, docID, ok := parseAgendaValue(value)
	if !ok {
		return s.renderMeeting(c, http.StatusUnprocessableEntity, value, "Выберите документ из списка")
	}
	err = s.flow.AddToAgenda(ctx(c), actor(c), id, kind, docID)
	back := fmt.Sprintf("/meetings/%d", id)
	switch {
	case errors.Is(err, workflow.ErrConflict):
		s.logError(c, http.StatusConflict, err)
		return s.redirectWithFlash(c, back, "error",
			"Документ не добавлен: он уже в повестке или больше не на экспертизе.")
	case errors.Is(err, storage.ErrNotFound):
		// A missing meeting makes renderMeeting return the 404 page.
		return s.renderMeeting(c, http.StatusUnprocessableEntity, value, "Документ не найден; выберите документ из списка")
	case err != nil:
		return err
	}
	return s.redirectWithFlash(c, back, "ok", fmt.Sprintf("Документ № %d добавлен в повестку.", docID))
}

// parseAgendaValue reads "chart:12" or "passport:7" from the agenda form.
func parseAgendaValue(v string) (charts.Kind, int64, bool) {
	kind, rawID, found := strings.Cut(v, ":")
	if !found || (kind != string(charts.KindChart) && kind != string(charts.KindPassport)) {
		return "", 0, false
	}
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, false
	}
	return charts.Kind(kind), id, true
}

// Day writes a meeting date 2006-01-02 as 02.01.2006.
func (meetingsView) Day(d string) string { return russianDay(d) }
