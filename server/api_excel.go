package server

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/reports"
	"pcii/storage"
	"pcii/workflow"
)

// maxUpload is the largest uploaded workbook accepted, in bytes.
const maxUpload = 20 << 20

// writeXLSX sends a workbook as a download named name.
func writeXLSX(c *gin.Context, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
	return nil
}

// writeChartForm sends a revision of a chart in the standard form.
func (s *Server) writeChartForm(c *gin.Context, id int64, n int) error {
	d, err := s.flow.Document(ctx(c), actor(c), charts.KindChart, id)
	if err != nil {
		return err
	}
	rev, err := s.flow.RevisionBody(ctx(c), actor(c), charts.KindChart, id, n)
	if err != nil {
		return err
	}
	body, err := charts.DecodeChart([]byte(rev.Body))
	if err != nil {
		return err
	}
	var reg *charts.Registry
	var authority charts.Authority
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		if reg, err = tx.Registry(ctx(c)); err != nil {
			return err
		}
		authority, err = tx.Authority(ctx(c), d.AuthorityCode)
		return err
	})
	if err != nil {
		return err
	}
	req, err := s.flow.Requisites(ctx(c), id, n)
	if err != nil {
		return err
	}
	form := reports.ChartForm{ServiceCode: d.ServiceCode, ServiceName: d.Service.Name,
		AuthorityName: authority.Name, Revision: n, Body: body, Requisites: req,
		AuthorityNames: func(code string) string { return reg.Authorities[code].Name },
		DataKindNames:  func(code string) string { return reg.DataKinds[code].Name }}
	return writeXLSX(c, fmt.Sprintf("chart-%d-r%d.xlsx", id, n), func(w io.Writer) error {
		return reports.WriteChartForm(w, form)
	})
}

func (s *Server) apiRegistryExport(c *gin.Context) error {
	f := storage.ServiceFilter{Query: c.Query("q"), Level: c.Query("level"),
		AuthorityCode: c.Query("authority"), Limit: 1 << 30}
	var list []storage.ServiceListing
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.Services(ctx(c), f)
		return err
	})
	if err != nil {
		return err
	}
	lines := make([]reports.RegistryLine, len(list))
	for i, l := range list {
		lines[i] = reports.RegistryLine{Code: l.Code, Name: l.Name, Level: l.Level, AuthorityCode: l.AuthorityCode,
			AuthorityName: l.AuthorityName, PassportState: l.PassportState, InInteraction: l.InInteraction,
			ChartID: l.ChartID, ChartState: l.ChartState, Revision: l.ChartRevision}
	}
	return writeXLSX(c, "registry.xlsx", func(w io.Writer) error { return reports.WriteRegistry(w, lines) })
}

// uploadedWorkbook reads the multipart field "file".
func uploadedWorkbook(c *gin.Context) ([]byte, error) {
	fh, err := c.FormFile("file")
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large",
			field: "file", message: fmt.Sprintf("the upload is over %d MB; split the workbook", maxUpload>>20)}
	}
	if err != nil {
		return nil, badRequest("file", "send the workbook as the multipart form field \"file\"")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxUpload+1))
}

// workbookError describes a rejected workbook: every problem with its place,
// and a copy of the upload with an error column.
func workbookError(data []byte, problems []reports.Problem) error {
	annotated, err := reports.AnnotateErrors(data, problems)
	if err != nil {
		annotated = nil
	}
	return &workbookProblems{problems: problems, annotated: annotated}
}

type workbookProblems struct {
	problems  []reports.Problem
	annotated []byte
}

func (e *workbookProblems) Error() string {
	return fmt.Sprintf("workbook rejected: %d problems, first: %s", len(e.problems), e.problems[0].String())
}

type problemJSON struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  int    `json:"column"`
	Cell    string `json:"cell"`
	Message string `json:"message"`
}

func (e *workbookProblems) body() apiError {
	list := make([]problemJSON, len(e.problems))
	for i, p := range e.problems {
		list[i] = problemJSON{Sheet: p.Sheet, Row: p.Row, Column: p.Column, Cell: p.Cell, Message: p.Message}
	}
	return apiError{Code: "invalid_workbook", Message: e.Error(), Field: "file", Problems: list,
		AnnotatedWorkbook: base64.StdEncoding.EncodeToString(e.annotated)}
}

// readError maps a workbook the reports package rejected to a 422.
func readError(err error) error {
	var rej *reports.RejectError
	if errors.As(err, &rej) {
		return &httpError{status: http.StatusUnprocessableEntity, code: "invalid_workbook", field: "file",
			message: reports.UserMessage(err)}
	}
	return err
}

func (s *Server) apiChartImport(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.flow.Document(ctx(c), actor(c), charts.KindChart, id)
	if err != nil {
		return err
	}
	data, err := uploadedWorkbook(c)
	if err != nil {
		return err
	}
	base := d.Revision
	if v := c.PostForm("base_revision"); v != "" {
		if base, err = strconv.Atoi(v); err != nil {
			return badRequest("base_revision", "base_revision "+strconv.Quote(v)+" is not a number")
		}
	}
	var reg *charts.Registry
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		reg, err = tx.Registry(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	matcher := reports.NewListMatcher(reg.AuthorityList(), reg.DataKindList())
	body, problems, err := reports.ReadChartForm(bytes.NewReader(data), reports.DefaultLimits(), matcher)
	if err != nil {
		return readError(err)
	}
	if len(problems) > 0 {
		return workbookError(data, problems)
	}
	body.ServiceCode = d.ServiceCode
	raw, _, err := charts.Canonical(body)
	if err != nil {
		return err
	}
	note := c.PostForm("note")
	if note == "" {
		note = "Загружена из файла"
	}
	if _, err := s.flow.SaveChart(ctx(c), actor(c), workflow.Save{ID: id, BaseRevision: base, Body: raw, Note: note}); err != nil {
		return err
	}
	return s.writeDocument(c, http.StatusOK, charts.KindChart, id)
}

// apiServicesTemplate sends the blank workbook that the services import
// reads.
func (s *Server) apiServicesTemplate(c *gin.Context) error {
	return writeXLSX(c, "services-template.xlsx", reports.WriteServicesTemplate)
}

func (s *Server) apiServicesImport(c *gin.Context) error {
	data, err := uploadedWorkbook(c)
	if err != nil {
		return err
	}
	records, problems, err := reports.ReadServices(bytes.NewReader(data), reports.DefaultLimits())
	if err != nil {
		return readError(err)
	}
	if len(problems) > 0 {
		return workbookError(data, problems)
	}
	entries := make([]workflow.ServiceImport, len(records))
	for i, r := range records {
		entries[i] = workflow.ServiceImport{Service: r.Service(), Documents: r.Documents, Row: r.Row}
	}
	dryRun := c.Query("dry_run") == "1" || c.Query("dry_run") == "true"
	sum, err := s.flow.ImportServices(ctx(c), actor(c), entries, dryRun)
	var ierr *workflow.ImportError
	if errors.As(err, &ierr) {
		list := make([]reports.Problem, len(ierr.Problems))
		for i, p := range ierr.Problems {
			list[i] = reports.Problem{Sheet: reports.SheetServices, Row: p.Row, Message: p.Field + ": " + p.Message}
		}
		return workbookError(data, list)
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, sum)
	return nil
}
