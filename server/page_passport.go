package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// passportDocView is one document of a passport with the chart rows that
// obtain it.
type passportDocView struct {
	charts.PassportDocument
	KindName string
	// Covered is set when a row of the service's chart requests the data
	// kind.
	Covered bool
}

type passportView struct {
	documentView
	Body         charts.PassportBody
	ProviderName string
	Participants []string
	Documents    []passportDocView
	// Uncovered lists the documents obtained through interaction that no
	// chart row requests yet.
	Uncovered []passportDocView
	ChartID   int64
	ChartSeen bool
}

// Document returns the shared part for the document partials.
func (v passportView) Document() documentView { return v.documentView }

func (s *Server) passportPage(c *gin.Context) error {
	return s.renderPassport(c, http.StatusOK, "", "")
}

func (s *Server) renderPassport(c *gin.Context, status int, comment, commentError string) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a := actor(c)
	d, err := s.flow.Document(ctx(c), a, charts.KindPassport, id)
	if err != nil {
		return err
	}
	body, err := charts.DecodePassport([]byte(d.Current.Body))
	if err != nil {
		return fmt.Errorf("decode passport %d revision %d: %w", d.ID, d.Revision, err)
	}
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	chartID, exists, err := s.existingDocument(c, charts.KindChart, d.ServiceCode)
	if err != nil {
		return err
	}
	// The chart's rows count only when the user may read the chart, so the
	// page does not reveal another authority's draft.
	kinds := map[string]bool{}
	chartSeen := false
	if exists {
		chart, err := s.flow.Document(ctx(c), a, charts.KindChart, chartID)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return err
		default:
			chartSeen = true
			cb, err := charts.DecodeChart([]byte(chart.Current.Body))
			if err != nil {
				return fmt.Errorf("decode chart %d revision %d: %w", chart.ID, chart.Revision, err)
			}
			for _, in := range cb.Interactions {
				kinds[in.DataKindCode] = true
			}
		}
	}

	v := passportView{documentView: s.documentView(c, d, reg), Body: body,
		ProviderName: authorityName(reg, body.ProviderCode), ChartSeen: chartSeen}
	if chartSeen {
		v.ChartID = chartID
	}
	if err := s.fillMeetings(c, &v.documentView, d); err != nil {
		return err
	}
	v.Comment, v.CommentError = comment, commentError
	for _, p := range body.ParticipantCodes {
		v.Participants = append(v.Participants, authorityName(reg, p))
	}
	for _, doc := range body.Documents {
		dv := passportDocView{PassportDocument: doc, KindName: reg.DataKinds[doc.DataKindCode].Name,
			Covered: doc.DataKindCode != "" && kinds[doc.DataKindCode]}
		v.Documents = append(v.Documents, dv)
		if doc.Source == charts.SourceInterdepartmental && !dv.Covered {
			v.Uncovered = append(v.Uncovered, dv)
		}
	}
	submit, withdraw := s.draftActions(a, d)
	approve, ret := s.voteActions(a, d, nil)
	v.Actions = []actionView{submit, withdraw, approve, ret}
	s.render(c, status, "passport", "Паспорт услуги: "+d.Service.Name, v)
	return nil
}

// passportForm is the passport form as typed.
type passportForm struct {
	ServiceCode            string
	RegistryNumber         string
	Name                   string
	ShortName              string
	Level                  string
	ProviderCode           string
	ParticipantCodes       []string
	LegalActs              []legalActForm
	ApplicantCategories    []string
	RepresentativesAllowed bool
	Channels               []string
	ResultPositive         string
	ResultNegative         string
	ResultForm             string
	TermValue              string
	TermUnit               string
	RefusalGrounds         string
	FeeAmount              string
	FeeBasis               string
	Documents              []passportDocForm
	Note                   string
	BaseRevision           int
}

type legalActForm struct {
	Name                              string
	Type, Number, Date, Issuer, Title string
	Errors                            map[string]string
}

type passportDocForm struct {
	Name     string
	DocName  string
	Source   string
	DataKind string
	Errors   map[string]string
}

var categoryOptions = []option{
	{"individuals", "физические лица"}, {"legal_entities", "юридические лица"},
	{"entrepreneurs", "индивидуальные предприниматели"},
}

var channelOptions = []option{
	{"in_person", "лично"}, {"mfc", "через МФЦ"}, {"portal", "через портал"}, {"post", "почтой"},
}

type passportFormView struct {
	Form       passportForm
	Errors     fieldErrors
	Service    charts.Service
	DocID      int64
	Action     string
	Registry   formRegistry
	Conflict   *conflictView
	Message    string
	Categories []option
	Channels   []option
	Sources    []option
	// DocTemplate is the empty document row that the script copies.
	DocTemplate passportDocForm
}

func passportFormOf(b charts.PassportBody, base int) passportForm {
	f := passportForm{ServiceCode: b.ServiceCode, RegistryNumber: b.RegistryNumber, Name: b.Name,
		ShortName: b.ShortName, Level: b.Level, ProviderCode: b.ProviderCode, ParticipantCodes: b.ParticipantCodes,
		ApplicantCategories: b.ApplicantCategories, RepresentativesAllowed: b.RepresentativesAllowed,
		Channels: b.Channels, RefusalGrounds: strings.Join(b.RefusalGrounds, "\n"), BaseRevision: base,
		TermUnit: charts.UnitWorkingDays}
	if r := b.Result; r != nil {
		f.ResultPositive, f.ResultNegative, f.ResultForm = r.Positive, r.Negative, r.Form
	}
	if t := b.Term; t != nil {
		f.TermValue, f.TermUnit = strconv.Itoa(t.Value), t.Unit
	}
	if fee := b.Fee; fee != nil {
		f.FeeAmount, f.FeeBasis = fee.Amount, fee.LegalBasis
	}
	for i, a := range b.LegalActs {
		f.LegalActs = append(f.LegalActs, legalActForm{Name: fmt.Sprintf("legal_acts[%d]", i),
			Type: a.Type, Number: a.Number, Date: a.Date, Issuer: a.Issuer, Title: a.Title})
	}
	for i, d := range b.Documents {
		f.Documents = append(f.Documents, passportDocForm{Name: fmt.Sprintf("documents[%d]", i),
			DocName: d.Name, Source: d.Source, DataKind: d.DataKindCode})
	}
	return f
}

func parsePassportForm(form url.Values) passportForm {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := passportForm{ServiceCode: get("service_code"), RegistryNumber: get("registry_number"),
		Name: get("name"), ShortName: get("short_name"), Level: get("level"), ProviderCode: get("provider_code"),
		ParticipantCodes: form["participant_codes"], ApplicantCategories: form["applicant_categories"],
		RepresentativesAllowed: get("representatives_allowed") != "", Channels: form["channels"],
		ResultPositive: get("result.positive"), ResultNegative: get("result.negative"),
		ResultForm: get("result.form"), TermValue: get("term.value"), TermUnit: get("term.unit"),
		RefusalGrounds: get("refusal_grounds"), FeeAmount: get("fee.amount"), FeeBasis: get("fee.legal_basis"),
		Note: get("note")}
	f.BaseRevision, _ = strconv.Atoi(get("base_revision"))
	for i, n := range rowIndexes(form, "legal_acts") {
		g := rowGetter{form: form, prefix: fmt.Sprintf("legal_acts[%d]", n)}
		f.LegalActs = append(f.LegalActs, legalActForm{Name: fmt.Sprintf("legal_acts[%d]", i), Type: g.get("type"),
			Number: g.get("number"), Date: g.get("date"), Issuer: g.get("issuer"), Title: g.get("title")})
	}
	for i, n := range rowIndexes(form, "documents") {
		g := rowGetter{form: form, prefix: fmt.Sprintf("documents[%d]", n)}
		f.Documents = append(f.Documents, passportDocForm{Name: fmt.Sprintf("documents[%d]", i),
			DocName: g.get("name"), Source: g.get("source"), DataKind: g.get("data_kind_code")})
	}
	return f
}

func (f passportForm) body(errs fieldErrors) charts.PassportBody {
	b := charts.PassportBody{ServiceCode: f.ServiceCode, RegistryNumber: f.RegistryNumber, Name: f.Name,
		ShortName: f.ShortName, Level: f.Level, ProviderCode: f.ProviderCode, ParticipantCodes: f.ParticipantCodes,
		LegalActs: []charts.LegalAct{}, ApplicantCategories: f.ApplicantCategories,
		RepresentativesAllowed: f.RepresentativesAllowed, Channels: f.Channels, Documents: []charts.PassportDocument{}}
	if f.ResultPositive != "" || f.ResultNegative != "" || f.ResultForm != "" {
		b.Result = &charts.ServiceResult{Positive: f.ResultPositive, Negative: f.ResultNegative, Form: f.ResultForm}
	}
	if f.TermValue != "" {
		b.Term = &charts.Term{Value: parseCount(f.TermValue, "term.value", errs), Unit: f.TermUnit}
	}
	if f.FeeAmount != "" || f.FeeBasis != "" {
		b.Fee = &charts.Fee{Amount: f.FeeAmount, LegalBasis: f.FeeBasis}
	}
	for _, line := range strings.Split(f.RefusalGrounds, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.RefusalGrounds = append(b.RefusalGrounds, line)
		}
	}
	for _, a := range f.LegalActs {
		b.LegalActs = append(b.LegalActs, charts.LegalAct{Type: a.Type, Number: a.Number, Date: a.Date,
			Issuer: a.Issuer, Title: a.Title})
	}
	for _, d := range f.Documents {
		doc := charts.PassportDocument{Name: d.DocName, Source: d.Source}
		if d.Source == charts.SourceInterdepartmental {
			doc.DataKindCode = d.DataKind
		}
		b.Documents = append(b.Documents, doc)
	}
	return b
}

func (s *Server) newPassportPage(c *gin.Context) error {
	code := c.Query("service")
	reg, svc, err := s.loadFormRegistry(c, code)
	if err != nil {
		return err
	}
	if !s.flow.Can(actor(c), svc.AuthorityCode, policies.ObjPassport, policies.ActDraft) {
		return &httpError{status: http.StatusForbidden, code: "forbidden",
			message: "only specialists of " + svc.AuthorityCode + " may draft its passports"}
	}
	if id, ok, err := s.existingDocument(c, charts.KindPassport, code); err != nil {
		return err
	} else if ok {
		return s.redirectWithFlash(c, fmt.Sprintf("/passports/%d", id), "error",
			"У этой услуги уже есть паспорт; внесите изменения в него.")
	}
	f := passportForm{ServiceCode: svc.Code, Name: svc.Name, Level: svc.Level, ProviderCode: svc.AuthorityCode,
		TermUnit:  charts.UnitWorkingDays,
		Documents: []passportDocForm{{Name: "documents[0]", Source: charts.SourceApplicant}}}
	s.renderPassportForm(c, http.StatusOK, passportFormView{Form: f, Errors: fieldErrors{}, Service: svc,
		Action: "/passports/new", Registry: reg})
	return nil
}

func (s *Server) editPassportPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.flow.Document(ctx(c), actor(c), charts.KindPassport, id)
	if err != nil {
		return err
	}
	if ok, reason := s.canEdit(actor(c), d.Document); !ok {
		return s.redirectWithFlash(c, fmt.Sprintf("/passports/%d", id), "error", reason+".")
	}
	body, err := charts.DecodePassport([]byte(d.Current.Body))
	if err != nil {
		return fmt.Errorf("decode passport %d revision %d: %w", d.ID, d.Revision, err)
	}
	reg, svc, err := s.loadFormRegistry(c, d.ServiceCode)
	if err != nil {
		return err
	}
	s.renderPassportForm(c, http.StatusOK, passportFormView{Form: passportFormOf(body, d.Revision),
		Errors: fieldErrors{}, Service: svc, DocID: id, Action: fmt.Sprintf("/passports/%d/edit", id), Registry: reg})
	return nil
}

func (s *Server) savePassportPage(c *gin.Context) error {
	var id int64
	action := "/passports/new"
	if c.Param("id") != "" {
		var err error
		if id, err = pathID(c, "id"); err != nil {
			return err
		}
		action = fmt.Sprintf("/passports/%d/edit", id)
	}
	if err := c.Request.ParseForm(); err != nil {
		return badRequest("", "could not read the form: "+err.Error())
	}
	form := c.Request.PostForm
	f := parsePassportForm(form)
	if id > 0 {
		d, err := s.flow.Document(ctx(c), actor(c), charts.KindPassport, id)
		if err != nil {
			return err
		}
		f.ServiceCode = d.ServiceCode
	}
	reg, svc, err := s.loadFormRegistry(c, f.ServiceCode)
	if err != nil {
		return err
	}
	v := passportFormView{Form: f, Errors: fieldErrors{}, Service: svc, DocID: id, Action: action, Registry: reg}
	switch {
	case form.Get("add_act") != "":
		v.Form.LegalActs = append(v.Form.LegalActs, legalActForm{Name: fmt.Sprintf("legal_acts[%d]", len(f.LegalActs))})
		s.renderPassportForm(c, http.StatusOK, v)
		return nil
	case form.Get("add_document") != "":
		v.Form.Documents = append(v.Form.Documents, passportDocForm{Name: fmt.Sprintf("documents[%d]", len(f.Documents)),
			Source: charts.SourceApplicant})
		s.renderPassportForm(c, http.StatusOK, v)
		return nil
	}
	if over, err := strconv.Atoi(form.Get("overwrite")); err == nil && over > 0 {
		v.Form.BaseRevision = over
	}
	body := f.body(v.Errors)
	if len(v.Errors) > 0 {
		v.Message = "Исправьте отмеченные поля."
		s.renderPassportForm(c, http.StatusUnprocessableEntity, v)
		return nil
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode passport form: %w", err)
	}
	doc, err := s.flow.SavePassport(ctx(c), actor(c), workflow.Save{ID: id, BaseRevision: v.Form.BaseRevision,
		Body: raw, Note: f.Note})
	if err == nil {
		msg := fmt.Sprintf("Сохранена редакция %d.", doc.Revision)
		if id > 0 && doc.Revision == v.Form.BaseRevision {
			msg = "Изменений нет; редакция не создана."
		}
		return s.redirectWithFlash(c, fmt.Sprintf("/passports/%d", doc.ID), "ok", msg)
	}
	return s.rejectedSave(c, charts.KindPassport, id, err, &v.Errors, &v.Message, &v.Conflict, v.Form.BaseRevision,
		func(status int) { s.renderPassportForm(c, status, v) })
}

func (s *Server) renderPassportForm(c *gin.Context, status int, v passportFormView) {
	for i := range v.Form.LegalActs {
		v.Form.LegalActs[i].Errors = subErrors(v.Errors, v.Form.LegalActs[i].Name)
	}
	for i := range v.Form.Documents {
		v.Form.Documents[i].Errors = subErrors(v.Errors, v.Form.Documents[i].Name)
	}
	v.Categories, v.Channels = categoryOptions, channelOptions
	v.DocTemplate = passportDocForm{Name: "documents[__i__]", Source: charts.SourceApplicant}
	v.Sources = []option{{charts.SourceApplicant, sourceLabel(charts.SourceApplicant)},
		{charts.SourceInterdepartmental, sourceLabel(charts.SourceInterdepartmental)}}
	title := "Новый паспорт услуги"
	if v.DocID > 0 {
		title = "Редактирование паспорта услуги"
	}
	s.render(c, status, "passport_form", title+": "+v.Service.Name, v)
}

// Has reports whether list contains value; templates use it for checked
// boxes and selected options.
func (passportFormView) Has(list []string, value string) bool { return slices.Contains(list, value) }

// Label returns the Russian label of an option value.
func (passportView) Label(options string, value string) string {
	list := categoryOptions
	if options == "channels" {
		list = channelOptions
	}
	for _, o := range list {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}
