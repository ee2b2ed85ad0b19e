package server

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// rowView is one interaction row with the names behind its codes.
type rowView struct {
	Number int
	// Index is the 0-based row index that keys the row remarks.
	Index int
	charts.Interaction
	RequesterName string
	ProviderName  string
	KindName      string
	Highlight     bool
	// RemarkField shows the remark field of a pending provider's own row,
	// filled with RemarkInput and RemarkError after a rejected action.
	RemarkField bool
	RemarkInput string
	RemarkError string
	// Remarks are the providers' remarks on this row in the current round.
	Remarks []rowRemark
}

// rowRemark is one provider's remark on one interaction row.
type rowRemark struct {
	ProviderCode string
	ProviderName string
	Decision     string
	Text         string
}

// actionForm is the posted action form that the page shows again after a
// rejected action.
type actionForm struct {
	Comment      string
	CommentError string
	// Remarks are the posted row remarks keyed by row index as posted.
	Remarks map[string]string
	// Problems are the Russian validation messages keyed by field, such as
	// "comment" or "remarks[2]".
	Problems fieldErrors
}

type revisionView struct {
	charts.Revision
	State charts.State
}

type agreementView struct {
	storage.Agreement
	ProviderName string
}

type voteView struct {
	storage.Vote
	Current bool
}

// actionView is one action button with the reason it is disabled, if so.
type actionView struct {
	Name    string
	Label   string
	Enabled bool
	Reason  string
	// WithRemark makes the agree button demand a comment.
	WithRemark bool
	Primary    bool
}

// documentView is the part of the page data that charts and passports share.
type documentView struct {
	Detail   workflow.Detail
	Kind     charts.Kind
	Path     string
	Revision []revisionView
	Votes    []voteView
	Remarks  []storage.AuditEntry
	Actions  []actionView
	// Waiting names the providers whose agreement the chart awaits.
	Waiting      []string
	Comment      string
	CommentError string
	CanEdit      bool
	EditReason   string
	DiffFrom     int
	DiffTo       int
	Approvals    int
	Required     int
	Service      charts.Service
	Authority    string
	// Requisites is the approval reference of the approved revision.
	Requisites string
	// Meetings lists the meetings whose agenda has the document, for the
	// commission member's vote.
	Meetings []storage.Meeting
}

type chartView struct {
	documentView
	Body       charts.ChartBody
	Rows       []rowView
	Agreements []agreementView
	Highlight  string
	PassportID int64
	// RemarkRows is true when some row has a remark field.
	RemarkRows bool
}

// Document returns the shared part for the document partials.
func (v chartView) Document() documentView { return v.documentView }

func (s *Server) chartPage(c *gin.Context) error {
	return s.renderChart(c, http.StatusOK, actionForm{})
}

// renderChart shows the chart page; form refills the action form after a
// rejected action.
func (s *Server) renderChart(c *gin.Context, status int, form actionForm) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a := actor(c)
	d, err := s.flow.Document(ctx(c), a, charts.KindChart, id)
	if err != nil {
		return err
	}
	body, err := charts.DecodeChart([]byte(d.Current.Body))
	if err != nil {
		return fmt.Errorf("decode chart %d revision %d: %w", d.ID, d.Revision, err)
	}
	var reg *charts.Registry
	var passport charts.Document
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if reg, err = tx.Registry(ctx(c)); err != nil {
			return err
		}
		passport, err = tx.DocumentByService(ctx(c), charts.KindPassport, d.ServiceCode)
		if errors.Is(err, storage.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}

	v := chartView{documentView: s.documentView(c, d, reg), Body: body, PassportID: passport.ID}
	if err := s.fillMeetings(c, &v.documentView, d); err != nil {
		return err
	}
	v.Highlight = c.Query("highlight")
	if v.Highlight == "" && slices.Contains(d.Providers, a.Authority) {
		v.Highlight = a.Authority
	}
	canAgree := s.agreeReason(a, d) == ""
	for i, in := range body.Interactions {
		v.Rows = append(v.Rows, rowView{Number: i + 1, Index: i, Interaction: in,
			RequesterName: authorityName(reg, in.RequesterCode), ProviderName: authorityName(reg, in.ProviderCode),
			KindName: reg.DataKinds[in.DataKindCode].Name, Highlight: v.Highlight != "" && in.ProviderCode == v.Highlight,
			RemarkField: canAgree && in.ProviderCode == a.Authority})
		v.RemarkRows = v.RemarkRows || canAgree && in.ProviderCode == a.Authority
	}
	v.Comment, v.CommentError = form.Comment, fillRemarkFields(v.Rows, form)
	for _, ag := range d.Agreements {
		v.Agreements = append(v.Agreements, agreementView{Agreement: ag, ProviderName: authorityName(reg, ag.ProviderCode)})
		addRowRemarks(v.Rows, ag, d.Revision, authorityName(reg, ag.ProviderCode))
	}
	for _, p := range d.Pending {
		v.Waiting = append(v.Waiting, authorityName(reg, p))
	}
	v.Actions = s.chartActions(a, d, v.Waiting)
	title := "Технологическая карта: " + d.Service.Name
	s.render(c, status, "chart", title, v)
	return nil
}

// fillRemarkFields refills the remark fields of rows from a rejected form
// and returns the message for the comment field. A problem of a row without
// a remark field goes to the comment field, so none is lost.
func fillRemarkFields(rows []rowView, form actionForm) string {
	placed := map[string]bool{"comment": true}
	for i := range rows {
		if !rows[i].RemarkField {
			continue
		}
		field := "remarks[" + strconv.Itoa(rows[i].Index) + "]"
		rows[i].RemarkInput = form.Remarks[strconv.Itoa(rows[i].Index)]
		rows[i].RemarkError = form.Problems[field]
		placed[field] = true
	}
	if form.CommentError != "" {
		return form.CommentError
	}
	if msg := form.Problems["comment"]; msg != "" {
		return msg
	}
	for _, field := range slices.Sorted(maps.Keys(form.Problems)) {
		if !placed[field] {
			return form.Problems[field]
		}
	}
	return ""
}

// addRowRemarks shows the row remarks of ag under the rows of the shown
// revision. Remarks given on another revision are left out, because their
// indices number that revision's rows.
func addRowRemarks(rows []rowView, ag storage.Agreement, revision int, providerName string) {
	if ag.Revision != revision {
		return
	}
	for _, row := range slices.Sorted(maps.Keys(ag.Remarks)) {
		if row < 0 || row >= len(rows) {
			continue
		}
		rows[row].Remarks = append(rows[row].Remarks, rowRemark{ProviderCode: ag.ProviderCode,
			ProviderName: providerName, Decision: ag.Decision, Text: ag.Remarks[row]})
	}
}

// documentView fills the parts that charts and passports share.
func (s *Server) documentView(c *gin.Context, d workflow.Detail, reg *charts.Registry) documentView {
	a := actor(c)
	v := documentView{Detail: d, Kind: d.Kind, Path: "/" + string(d.Kind) + "s/" + fmt.Sprint(d.ID),
		Service: d.Service, Authority: authorityName(reg, d.AuthorityCode), Approvals: d.Approvals,
		Required: s.flow.Approvals(), DiffTo: d.Revision, DiffFrom: max(d.Revision-1, 1)}
	if d.Kind == charts.KindPassport {
		v.Required = 1
	}
	for i := len(d.Revisions) - 1; i >= 0; i-- {
		r := d.Revisions[i]
		v.Revision = append(v.Revision, revisionView{Revision: r, State: d.RevisionState(r.Number)})
	}
	for _, vote := range d.Votes {
		v.Votes = append(v.Votes, voteView{Vote: vote, Current: vote.Round == d.Round && vote.Revision == d.Revision})
	}
	for _, e := range d.Audit {
		if (e.Action == workflow.ActionObject || e.Action == workflow.ActionReturn) && e.Comment != "" {
			v.Remarks = append(v.Remarks, e)
		}
	}
	v.CanEdit, v.EditReason = s.canEdit(a, d.Document)
	return v
}

// canEdit reports whether the actor may save a new revision now, and why
// not.
func (s *Server) canEdit(a workflow.Actor, d charts.Document) (bool, string) {
	if !s.flow.Can(a, d.AuthorityCode, string(d.Kind), policies.ActDraft) {
		return false, "Редактировать может только специалист органа-разработчика"
	}
	switch d.State {
	case charts.StateAgreement, charts.StateReview:
		return false, "Документ на согласовании или экспертизе; отзовите его, чтобы редактировать"
	}
	return true, ""
}

func authorityName(reg *charts.Registry, code string) string {
	if a, ok := reg.Authorities[code]; ok {
		return a.Name
	}
	return code
}

// chartActions lists every action button of the chart page, each enabled
// only when the workflow would accept it from the actor.
func (s *Server) chartActions(a workflow.Actor, d workflow.Detail, waiting []string) []actionView {
	submit, withdraw := s.draftActions(a, d)
	agree := actionView{Name: workflow.ActionAgree, Label: "Согласовать", Primary: true}
	remark := actionView{Name: workflow.ActionAgree, Label: "Согласовать с замечанием", WithRemark: true}
	object := actionView{Name: workflow.ActionObject, Label: "Возразить"}
	reason := s.agreeReason(a, d)
	for _, act := range []*actionView{&agree, &remark, &object} {
		act.Enabled, act.Reason = reason == "", reason
	}
	approve, ret := s.voteActions(a, d, waiting)
	return []actionView{submit, withdraw, agree, remark, object, approve, ret}
}

// agreeReason returns why the actor may not agree to or object to the chart
// now, or "" when it may.
func (s *Server) agreeReason(a workflow.Actor, d workflow.Detail) string {
	switch {
	case !s.flow.Can(a, a.Authority, policies.ObjChart, policies.ActAgree):
		return "Согласовывает специалист органа-поставщика сведений"
	case d.State != charts.StateAgreement:
		return "Карта не на согласовании"
	case !slices.Contains(d.Providers, a.Authority):
		return "Ваш орган не является поставщиком сведений по этой карте"
	case !slices.Contains(d.Pending, a.Authority):
		return "Ваш орган уже согласовал эту редакцию"
	}
	return ""
}

// draftActions returns the submit and withdraw buttons of the drafting
// authority.
func (s *Server) draftActions(a workflow.Actor, d workflow.Detail) (actionView, actionView) {
	submit := actionView{Name: workflow.ActionSubmit, Label: "Отправить на согласование", Primary: true}
	if d.Kind == charts.KindPassport {
		submit.Label = "Отправить на экспертизу"
	}
	withdraw := actionView{Name: workflow.ActionWithdraw, Label: "Отозвать"}
	if !s.flow.Can(a, d.AuthorityCode, string(d.Kind), policies.ActDraft) {
		submit.Reason = "Отправляет специалист органа-разработчика"
		withdraw.Reason = "Отзывает специалист органа-разработчика"
		return submit, withdraw
	}
	switch {
	case d.State != charts.StateDraft:
		submit.Reason = "Отправить можно только черновик"
	case d.ApprovedRevision == d.Revision && d.ApprovedRevision > 0:
		submit.Reason = "Эта редакция уже утверждена; сохраните изменения, чтобы отправить новую"
	default:
		submit.Enabled = true
	}
	if d.State == charts.StateAgreement || d.State == charts.StateReview {
		withdraw.Enabled = true
	} else {
		withdraw.Reason = "Отозвать можно только документ на согласовании или экспертизе"
	}
	return submit, withdraw
}

// voteActions returns the approve and return buttons of the commission.
func (s *Server) voteActions(a workflow.Actor, d workflow.Detail, waiting []string) (actionView, actionView) {
	approve := actionView{Name: workflow.ActionApprove, Label: "Утвердить", Primary: true}
	ret := actionView{Name: workflow.ActionReturn, Label: "Вернуть на доработку"}
	reason := ""
	switch {
	case !s.flow.Can(a, d.AuthorityCode, string(d.Kind), policies.ActVote):
		reason = "Голосуют члены комиссии"
	case d.State == charts.StateAgreement && len(waiting) > 0:
		reason = "Ожидается согласование: " + strings.Join(waiting, ", ")
	case d.State != charts.StateReview:
		reason = "Документ не на экспертизе"
	case isAuthor(d, a.ID):
		reason = "Вы автор одной из редакций и не можете голосовать"
	case hasVoted(d, a.ID):
		reason = "Вы уже проголосовали по этой редакции"
	}
	approve.Enabled, approve.Reason = reason == "", reason
	ret.Enabled, ret.Reason = reason == "", reason
	return approve, ret
}

func isAuthor(d workflow.Detail, userID int64) bool {
	for _, r := range d.Revisions {
		if r.AuthorID == userID {
			return true
		}
	}
	return false
}

func hasVoted(d workflow.Detail, userID int64) bool {
	for _, v := range d.Votes {
		if v.MemberID == userID && v.Round == d.Round && v.Revision == d.Revision {
			return true
		}
	}
	return false
}

// actionDone is the flash message after each successful action.
var actionDone = map[string]string{
	workflow.ActionSubmit:   "Документ отправлен.",
	workflow.ActionWithdraw: "Документ отозван в черновик.",
	workflow.ActionAgree:    "Решение о согласовании записано.",
	workflow.ActionObject:   "Возражение записано, карта возвращена разработчику.",
	workflow.ActionApprove:  "Ваш голос «утвердить» записан.",
	workflow.ActionReturn:   "Документ возвращён на доработку.",
}

// actPage applies the action named in the path and redirects back to the
// document with a flash message. A rejected comment or row remark
// re-renders the page with the message next to its field.
func (s *Server) actPage(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		action := c.Param("action")
		if _, ok := actionDone[action]; !ok {
			return &httpError{status: http.StatusNotFound, code: "not_found", message: "unknown action " + action}
		}
		comment := strings.TrimSpace(c.PostForm("comment"))
		form := actionForm{Comment: comment, Remarks: c.PostFormMap("remarks")}
		back := fmt.Sprintf("/%ss/%d", kind, id)
		remarks, err := rowRemarks(form.Remarks)
		if err == nil && c.PostForm("with_remark") != "" && comment == "" && !anyRemark(remarks) {
			form.CommentError = "Напишите замечание к карте или к строкам своего органа"
			return s.rerenderDocument(c, kind, form)
		}
		if err == nil {
			_, err = s.flow.ActWithRemarks(ctx(c), actor(c), kind, id, action, comment, remarks, postedMeetingID(c))
		}
		var verr *charts.ValidationError
		switch {
		case errors.As(err, &verr):
			form.Problems = problemsOf(verr)
			return s.rerenderDocument(c, kind, form)
		case errors.Is(err, storage.ErrNotFound):
			return err
		case err != nil:
			status, _ := describe(err)
			if status >= http.StatusInternalServerError {
				return err
			}
			s.logError(c, status, err)
			return s.redirectWithFlash(c, back, "error", actionRejected(err))
		}
		if _, err := s.flow.Document(ctx(c), actor(c), kind, id); errors.Is(err, storage.ErrNotFound) {
			// An objection returns the chart to a draft the provider may
			// no longer read; its inbox is where the work goes on.
			back = "/inbox"
		}
		return s.redirectWithFlash(c, back, "ok", actionDone[action])
	}
}

func (s *Server) rerenderDocument(c *gin.Context, kind charts.Kind, form actionForm) error {
	if kind == charts.KindChart {
		return s.renderChart(c, http.StatusUnprocessableEntity, form)
	}
	msg := form.CommentError
	if msg == "" {
		msg = form.Problems["comment"]
	}
	if msg == "" {
		msg = "Неверный комментарий"
	}
	return s.renderPassport(c, http.StatusUnprocessableEntity, form.Comment, msg)
}

// anyRemark reports whether some row remark has text besides white space.
func anyRemark(remarks map[int]string) bool {
	for _, text := range remarks {
		if strings.TrimSpace(text) != "" {
			return true
		}
	}
	return false
}

// actionRejected explains in Russian why the workflow rejected an action.
func actionRejected(err error) string {
	var ferr *workflow.ForbiddenError
	if errors.As(err, &ferr) {
		return "Действие недоступно: у вас нет права на него для этого документа."
	}
	return "Действие не выполнено: документ уже в другом статусе или решение уже записано. Страница обновлена."
}
