package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// termForm is one deadline part as typed: value and unit.
type termForm struct {
	Value string
	Unit  string
}

// rowForm is one interaction row of the chart form, as typed.
type rowForm struct {
	// Name is the field prefix, such as "interactions[2]".
	Name                string
	Number              int
	RequestedDocument   string
	DataComposition     string
	RequesterCode       string
	ProviderCode        string
	DataKindCode        string
	DeadlineDays        string
	DeadlineBasis       string
	LegalBasis          string
	InformationResource string
	RequestForm         string
	RequestSample       string
	Parts               []termPart
	// Errors holds the problems of the row keyed by field name after the
	// prefix, such as "provider_code" or "deadline.total.value".
	Errors map[string]string
}

// termPart is a named deadline part of a row.
type termPart struct {
	Key   string
	Label string
	termForm
}

var deadlineParts = []struct{ key, label string }{
	{"total", "Общий срок"},
	{"send", "Направление запроса"},
	{"answer", "Подготовка ответа"},
	{"attach", "Приобщение ответа к делу"},
}

type amendmentForm struct {
	Name   string
	Act    string
	Change string
	Due    string
	Errors map[string]string
}

// chartForm is the whole chart form as typed.
type chartForm struct {
	ServiceCode  string
	LegalBasis   string
	Rows         []rowForm
	Amendments   []amendmentForm
	Note         string
	BaseRevision int
}

type conflictView struct {
	Revision int
	Changes  []changeView
}

type chartFormView struct {
	Form     chartForm
	Errors   fieldErrors
	Service  charts.Service
	DocID    int64
	Action   string
	Registry formRegistry
	// Template is an empty row named "interactions[__i__]" that the script
	// copies when a row is added.
	Template rowForm
	Conflict *conflictView
	Message  string
}

func newRow(i int, requester string) rowForm {
	r := rowForm{RequesterCode: requester, DeadlineDays: strconv.Itoa(charts.DefaultDeadlineDays)}
	r.setIndex(i)
	for _, p := range deadlineParts {
		r.Parts = append(r.Parts, termPart{Key: p.key, Label: p.label, termForm: termForm{Unit: charts.UnitWorkingDays}})
	}
	return r
}

func (r *rowForm) setIndex(i int) {
	r.Name = fmt.Sprintf("interactions[%d]", i)
	r.Number = i + 1
}

// chartFormOf fills the form from a stored body.
func chartFormOf(b charts.ChartBody, base int) chartForm {
	f := chartForm{ServiceCode: b.ServiceCode, LegalBasis: b.LegalBasis, BaseRevision: base}
	for i, in := range b.Interactions {
		r := newRow(i, in.RequesterCode)
		r.RequestedDocument, r.DataComposition = in.RequestedDocument, in.DataComposition
		r.ProviderCode, r.DataKindCode = in.ProviderCode, in.DataKindCode
		r.DeadlineDays, r.DeadlineBasis = strconv.Itoa(in.DeadlineDays), in.DeadlineBasis
		r.LegalBasis, r.InformationResource = in.LegalBasis, in.InformationResource
		r.RequestForm, r.RequestSample = in.RequestForm, in.RequestSample
		if d := in.Deadline; d != nil {
			terms := []charts.Term{d.Total, d.Send, d.Answer, d.Attach}
			for j, t := range terms {
				r.Parts[j].Value, r.Parts[j].Unit = strconv.Itoa(t.Value), t.Unit
			}
		}
		f.Rows = append(f.Rows, r)
	}
	for i, a := range b.Amendments {
		f.Amendments = append(f.Amendments, amendmentForm{Name: fmt.Sprintf("amendments[%d]", i),
			Act: a.Act, Change: a.Change, Due: a.Due})
	}
	return f
}

// parseChartForm reads the posted form. Rows are renumbered in order, so
// the paths in validation problems match the re-rendered inputs.
func parseChartForm(form url.Values) (chartForm, fieldErrors) {
	errs := fieldErrors{}
	f := chartForm{ServiceCode: form.Get("service_code"), LegalBasis: form.Get("legal_basis"),
		Note: form.Get("note")}
	f.BaseRevision, _ = strconv.Atoi(form.Get("base_revision"))
	for i, n := range rowIndexes(form, "interactions") {
		g := rowGetter{form: form, prefix: fmt.Sprintf("interactions[%d]", n)}
		r := newRow(i, g.get("requester_code"))
		r.RequestedDocument, r.DataComposition = g.get("requested_document"), g.get("data_composition")
		r.ProviderCode, r.DataKindCode = g.get("provider_code"), g.get("data_kind_code")
		r.DeadlineDays, r.DeadlineBasis = g.get("deadline_days"), g.get("deadline_basis")
		r.LegalBasis, r.InformationResource = g.get("legal_basis"), g.get("information_resource")
		r.RequestForm, r.RequestSample = g.get("request_form"), g.get("request_sample")
		for j, p := range deadlineParts {
			r.Parts[j].Value = g.get("deadline." + p.key + ".value")
			if u := g.get("deadline." + p.key + ".unit"); u != "" {
				r.Parts[j].Unit = u
			}
		}
		f.Rows = append(f.Rows, r)
	}
	for i, n := range rowIndexes(form, "amendments") {
		g := rowGetter{form: form, prefix: fmt.Sprintf("amendments[%d]", n)}
		f.Amendments = append(f.Amendments, amendmentForm{Name: fmt.Sprintf("amendments[%d]", i),
			Act: g.get("act"), Change: g.get("change"), Due: g.get("due")})
	}
	return f, errs
}

// body converts the form into a chart body, recording numbers that do not
// parse in errs.
func (f chartForm) body(errs fieldErrors) charts.ChartBody {
	b := charts.ChartBody{ServiceCode: f.ServiceCode, LegalBasis: f.LegalBasis,
		Interactions: []charts.Interaction{}}
	for _, r := range f.Rows {
		in := charts.Interaction{RequestedDocument: r.RequestedDocument, DataComposition: r.DataComposition,
			RequesterCode: r.RequesterCode, ProviderCode: r.ProviderCode, DataKindCode: r.DataKindCode,
			DeadlineDays: parseCount(r.DeadlineDays, r.Name+".deadline_days", errs), DeadlineBasis: r.DeadlineBasis,
			LegalBasis: r.LegalBasis, InformationResource: r.InformationResource,
			RequestForm: r.RequestForm, RequestSample: r.RequestSample}
		filled := false
		for _, p := range r.Parts {
			filled = filled || p.Value != ""
		}
		if filled {
			terms := make([]charts.Term, len(r.Parts))
			for j, p := range r.Parts {
				terms[j] = charts.Term{Value: parseCount(p.Value, r.Name+".deadline."+p.Key+".value", errs), Unit: p.Unit}
			}
			in.Deadline = &charts.Deadline{Total: terms[0], Send: terms[1], Answer: terms[2], Attach: terms[3]}
		}
		b.Interactions = append(b.Interactions, in)
	}
	for _, a := range f.Amendments {
		b.Amendments = append(b.Amendments, charts.ActAmendment{Act: a.Act, Change: a.Change, Due: a.Due})
	}
	return b
}

// attachErrors copies the problems into the rows they belong to.
func (f *chartForm) attachErrors(errs fieldErrors) {
	for i := range f.Rows {
		f.Rows[i].Errors = subErrors(errs, f.Rows[i].Name)
	}
	for i := range f.Amendments {
		f.Amendments[i].Errors = subErrors(errs, f.Amendments[i].Name)
	}
}

func subErrors(errs fieldErrors, prefix string) map[string]string {
	out := map[string]string{}
	for field, msg := range errs {
		if rest, ok := cutPrefix(field, prefix+"."); ok {
			out[rest] = msg
		} else if field == prefix {
			out[""] = msg
		}
	}
	return out
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return "", false
}

func (s *Server) newChartPage(c *gin.Context) error {
	code := c.Query("service")
	reg, svc, err := s.loadFormRegistry(c, code)
	if err != nil {
		return err
	}
	if !s.flow.Can(actor(c), svc.AuthorityCode, policies.ObjChart, policies.ActDraft) {
		return &httpError{status: http.StatusForbidden, code: "forbidden",
			message: "only specialists of " + svc.AuthorityCode + " may draft its charts"}
	}
	if id, ok, err := s.existingDocument(c, charts.KindChart, code); err != nil {
		return err
	} else if ok {
		return s.redirectWithFlash(c, fmt.Sprintf("/charts/%d", id), "error",
			"У этой услуги уже есть технологическая карта; внесите изменения в неё.")
	}
	f := chartForm{ServiceCode: svc.Code, Rows: []rowForm{newRow(0, svc.AuthorityCode)}}
	s.renderChartForm(c, http.StatusOK, chartFormView{Form: f, Errors: fieldErrors{}, Service: svc,
		Action: "/charts/new", Registry: reg})
	return nil
}

// existingDocument returns the id of the service's document of kind.
func (s *Server) existingDocument(c *gin.Context, kind charts.Kind, code string) (int64, bool, error) {
	var doc charts.Document
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		doc, err = tx.DocumentByService(ctx(c), kind, code)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		return 0, false, nil
	}
	return doc.ID, err == nil, err
}

func (s *Server) editChartPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.flow.Document(ctx(c), actor(c), charts.KindChart, id)
	if err != nil {
		return err
	}
	if ok, reason := s.canEdit(actor(c), d.Document); !ok {
		return s.redirectWithFlash(c, fmt.Sprintf("/charts/%d", id), "error", reason+".")
	}
	body, err := charts.DecodeChart([]byte(d.Current.Body))
	if err != nil {
		return fmt.Errorf("decode chart %d revision %d: %w", d.ID, d.Revision, err)
	}
	reg, svc, err := s.loadFormRegistry(c, d.ServiceCode)
	if err != nil {
		return err
	}
	f := chartFormOf(body, d.Revision)
	s.renderChartForm(c, http.StatusOK, chartFormView{Form: f, Errors: fieldErrors{}, Service: svc,
		DocID: id, Action: fmt.Sprintf("/charts/%d/edit", id), Registry: reg})
	return nil
}

// saveChartPage handles every button of the chart form: adding a row or
// an amendment re-renders the form, saving stores a revision.
func (s *Server) saveChartPage(c *gin.Context) error {
	var id int64
	action := "/charts/new"
	if c.Param("id") != "" {
		var err error
		if id, err = pathID(c, "id"); err != nil {
			return err
		}
		action = fmt.Sprintf("/charts/%d/edit", id)
	}
	if err := c.Request.ParseForm(); err != nil {
		return badRequest("", "could not read the form: "+err.Error())
	}
	form := c.Request.PostForm
	f, errs := parseChartForm(form)
	if id > 0 {
		// The service of an existing chart never changes; take it from the
		// stored document, not from the form.
		d, err := s.flow.Document(ctx(c), actor(c), charts.KindChart, id)
		if err != nil {
			return err
		}
		f.ServiceCode = d.ServiceCode
	}
	reg, svc, err := s.loadFormRegistry(c, f.ServiceCode)
	if err != nil {
		return err
	}
	v := chartFormView{Form: f, Errors: errs, Service: svc, DocID: id, Action: action, Registry: reg}

	switch {
	case form.Get("add_row") != "":
		v.Form.Rows = append(v.Form.Rows, newRow(len(v.Form.Rows), svc.AuthorityCode))
		s.renderChartForm(c, http.StatusOK, v)
		return nil
	case form.Get("add_amendment") != "":
		n := len(v.Form.Amendments)
		v.Form.Amendments = append(v.Form.Amendments, amendmentForm{Name: fmt.Sprintf("amendments[%d]", n)})
		s.renderChartForm(c, http.StatusOK, v)
		return nil
	}
	if over, err := strconv.Atoi(form.Get("overwrite")); err == nil && over > 0 {
		v.Form.BaseRevision = over
	}
	body := f.body(errs)
	if len(errs) > 0 {
		v.Message = "Исправьте отмеченные поля."
		s.renderChartForm(c, http.StatusUnprocessableEntity, v)
		return nil
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode chart form: %w", err)
	}
	doc, err := s.flow.SaveChart(ctx(c), actor(c), workflow.Save{ID: id, BaseRevision: v.Form.BaseRevision,
		Body: raw, Note: f.Note})
	if err == nil {
		msg := fmt.Sprintf("Сохранена редакция %d.", doc.Revision)
		if id > 0 && doc.Revision == v.Form.BaseRevision {
			msg = "Изменений нет; редакция не создана."
		}
		return s.redirectWithFlash(c, fmt.Sprintf("/charts/%d", doc.ID), "ok", msg)
	}
	return s.rejectedSave(c, charts.KindChart, id, err, &v.Errors, &v.Message, &v.Conflict, v.Form.BaseRevision,
		func(status int) { s.renderChartForm(c, status, v) })
}

// rejectedSave re-renders a document form after the workflow refused the
// save: validation problems go next to their fields, a stale base revision
// shows what the newer revision changed. Other errors become error pages.
func (s *Server) rejectedSave(c *gin.Context, kind charts.Kind, id int64, err error, errs *fieldErrors,
	message *string, conflictOut **conflictView, base int, render func(status int)) error {
	var verr *charts.ValidationError
	var cerr *workflow.ConflictError
	switch {
	case errors.As(err, &verr):
		for field, msg := range problemsOf(verr) {
			errs.add(field, msg)
		}
		*message = "Исправьте отмеченные поля."
		render(http.StatusUnprocessableEntity)
		return nil
	case errors.As(err, &cerr) && id > 0 && cerr.Revision > 0 && cerr.Revision != base:
		changes, derr := s.flow.Diff(ctx(c), actor(c), kind, id, base, cerr.Revision)
		if derr != nil {
			return derr
		}
		reg, rerr := s.registry(c)
		if rerr != nil {
			return rerr
		}
		*conflictOut = &conflictView{Revision: cerr.Revision, Changes: changeViews(changes, reg)}
		*message = fmt.Sprintf("Пока вы редактировали, сохранена редакция %d. Ваши правки не потеряны: "+
			"сравните изменения ниже и сохраните поверх новой редакции.", cerr.Revision)
		render(http.StatusConflict)
		return nil
	case errors.As(err, &cerr):
		*message = "Сохранить нельзя: документ на согласовании или экспертизе, отзовите его в черновик; " +
			"или у услуги уже есть такой документ."
		render(http.StatusConflict)
		return nil
	}
	return err
}

func (s *Server) renderChartForm(c *gin.Context, status int, v chartFormView) {
	v.Form.attachErrors(v.Errors)
	v.Template = newRow(0, v.Service.AuthorityCode)
	v.Template.Name, v.Template.Number = "interactions[__i__]", 0
	title := "Новая технологическая карта"
	if v.DocID > 0 {
		title = "Редактирование технологической карты"
	}
	s.render(c, status, "chart_form", title+": "+v.Service.Name, v)
}
