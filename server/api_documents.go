package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
	"pcii/workflow"
)

// documentRoutes ties a document kind to its path.
type documentRoutes struct {
	kind charts.Kind
	path string
}

var (
	chartRoutes    = documentRoutes{kind: charts.KindChart, path: "charts"}
	passportRoutes = documentRoutes{kind: charts.KindPassport, path: "passports"}
)

// documentJSON is a document as the API returns it.
type documentJSON struct {
	ID                int64               `json:"id"`
	Kind              charts.Kind         `json:"kind"`
	ServiceCode       string              `json:"service_code"`
	AuthorityCode     string              `json:"authority_code"`
	State             charts.State        `json:"state"`
	Revision          int                 `json:"revision"`
	SHA256            string              `json:"sha256,omitempty"`
	ApprovedRevision  int                 `json:"approved_revision"`
	PublishedRevision int                 `json:"published_revision"`
	Remark            string              `json:"remark,omitempty"`
	StateChangedAt    string              `json:"state_changed_at"`
	Body              json.RawMessage     `json:"body,omitempty"`
	Providers         []string            `json:"providers,omitempty"`
	Pending           []string            `json:"pending,omitempty"`
	Agreements        []storage.Agreement `json:"agreements,omitempty"`
	// CarriedOver lists the providers whose agreement of the approved
	// revision carried over to this amendment.
	CarriedOver       []string       `json:"carried_over,omitempty"`
	Votes             []storage.Vote `json:"votes,omitempty"`
	Approvals         int            `json:"approvals"`
	ApprovalsRequired int            `json:"approvals_required"`
	Revisions         []revisionJSON `json:"revisions,omitempty"`
}

type revisionJSON struct {
	charts.Revision
	State charts.State `json:"state,omitempty"`
}

func headJSON(d charts.Document) documentJSON {
	return documentJSON{ID: d.ID, Kind: d.Kind, ServiceCode: d.ServiceCode, AuthorityCode: d.AuthorityCode,
		State: d.State, Revision: d.Revision, ApprovedRevision: d.ApprovedRevision,
		PublishedRevision: d.PublishedRevision, Remark: d.Remark,
		StateChangedAt: d.StateChangedAt.UTC().Format("2006-01-02T15:04:05Z")}
}

func (s *Server) detailJSON(d workflow.Detail) documentJSON {
	out := headJSON(d.Document)
	out.SHA256 = d.Current.SHA256
	out.Body = json.RawMessage(d.Current.Body)
	out.Providers, out.Pending = d.Providers, d.Pending
	out.Agreements, out.Votes = d.Agreements, d.Votes
	out.Approvals, out.ApprovalsRequired = d.Approvals, s.flow.Approvals()
	if d.Kind == charts.KindPassport {
		out.ApprovalsRequired = 1
	}
	for _, a := range d.Agreements {
		if a.CarriedFrom > 0 {
			out.CarriedOver = append(out.CarriedOver, a.ProviderCode)
		}
	}
	for _, r := range d.Revisions {
		out.Revisions = append(out.Revisions, revisionJSON{Revision: r, State: d.RevisionState(r.Number)})
	}
	return out
}

func (s *Server) apiListDocuments(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		limit, err := queryInt(c, "limit", 100)
		if err != nil {
			return err
		}
		before, err := queryInt(c, "before", 0)
		if err != nil {
			return err
		}
		state := charts.State(c.Query("state"))
		if state != "" && !validState(state) {
			return badRequest("state", "unknown state "+strconv.Quote(string(state))+
				"; use draft, agreement, review, approved or published")
		}
		f := storage.DocumentFilter{Kind: kind, State: state, AuthorityCode: c.Query("authority"),
			ProviderCode: c.Query("provider"), Before: int64(before), Limit: min(max(limit, 1), maxPage)}
		list, err := s.flow.List(ctx(c), actor(c), f)
		if err != nil {
			return err
		}
		out := make([]documentJSON, len(list))
		for i, d := range list {
			out[i] = headJSON(d)
		}
		page := gin.H{string(kind) + "s": out}
		if len(list) == f.Limit {
			page["next"] = list[len(list)-1].ID
		}
		c.JSON(http.StatusOK, page)
		return nil
	}
}

func validState(s charts.State) bool {
	switch s {
	case charts.StateDraft, charts.StateAgreement, charts.StateReview, charts.StateApproved,
		charts.StatePublished:
		return true
	}
	return false
}

type saveRequest struct {
	BaseRevision int             `json:"base_revision"`
	Body         json.RawMessage `json:"body"`
	Note         string          `json:"note"`
}

func (s *Server) apiCreateDocument(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		var in saveRequest
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		doc, err := s.save(c, kind, workflow.Save{Body: in.Body, Note: in.Note})
		if err != nil {
			return err
		}
		return s.writeDocument(c, http.StatusCreated, kind, doc.ID)
	}
}

func (s *Server) apiSaveDocument(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		var in saveRequest
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		if in.BaseRevision <= 0 {
			return badRequest("base_revision", "is required: the revision number the edit started from")
		}
		_, err = s.save(c, kind, workflow.Save{ID: id, BaseRevision: in.BaseRevision, Body: in.Body, Note: in.Note})
		if err != nil {
			return err
		}
		return s.writeDocument(c, http.StatusOK, kind, id)
	}
}

func (s *Server) save(c *gin.Context, kind charts.Kind, in workflow.Save) (charts.Document, error) {
	if kind == charts.KindChart {
		return s.flow.SaveChart(ctx(c), actor(c), in)
	}
	return s.flow.SavePassport(ctx(c), actor(c), in)
}

func (s *Server) writeDocument(c *gin.Context, status int, kind charts.Kind, id int64) error {
	d, err := s.flow.Document(ctx(c), actor(c), kind, id)
	if err != nil {
		return err
	}
	c.JSON(status, s.detailJSON(d))
	return nil
}

func (s *Server) apiDocument(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		return s.writeDocument(c, http.StatusOK, kind, id)
	}
}

func (s *Server) apiRevisions(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		d, err := s.flow.Document(ctx(c), actor(c), kind, id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"revisions": s.detailJSON(d).Revisions})
		return nil
	}
}

func (s *Server) apiRevision(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		param, isXLSX := strings.CutSuffix(c.Param("n"), ".xlsx")
		c.Params = append(c.Params, gin.Param{Key: "revision", Value: param})
		n, err := pathID(c, "revision")
		if err != nil {
			return err
		}
		if isXLSX {
			if kind != charts.KindChart {
				return &httpError{status: http.StatusNotFound, code: "not_found",
					message: "only charts have a standard form in Excel"}
			}
			return s.writeChartForm(c, id, int(n))
		}
		rev, err := s.flow.RevisionBody(ctx(c), actor(c), kind, id, int(n))
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"id": id, "revision": rev.Number, "sha256": rev.SHA256,
			"author": rev.AuthorLogin, "created_at": rev.CreatedAt, "note": rev.Note,
			"body": json.RawMessage(rev.Body)})
		return nil
	}
}

func (s *Server) apiDiff(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		from, err := queryInt(c, "from", 0)
		if err != nil {
			return err
		}
		to, err := queryInt(c, "to", 0)
		if err != nil {
			return err
		}
		if from <= 0 || to <= 0 {
			return badRequest("from", "give both revisions to compare: ?from=N&to=M")
		}
		changes, err := s.flow.Diff(ctx(c), actor(c), kind, id, from, to)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"id": id, "from": from, "to": to, "changes": changes})
		return nil
	}
}

func (s *Server) apiAct(kind charts.Kind) handler {
	return func(c *gin.Context) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		var in struct {
			Comment string `json:"comment"`
			// Remarks maps 0-based interaction row indices, as strings, to
			// a provider's remark on that row.
			Remarks map[string]string `json:"remarks"`
			// MeetingID names the commission meeting a vote is cast in.
			MeetingID int64 `json:"meeting_id"`
		}
		if c.Request.ContentLength != 0 {
			if err := bindJSON(c, &in); err != nil {
				return err
			}
		}
		remarks, err := rowRemarks(in.Remarks)
		if err != nil {
			return err
		}
		doc, err := s.flow.ActWithRemarks(ctx(c), actor(c), kind, id, c.Param("action"), in.Comment, remarks,
			in.MeetingID)
		if err != nil {
			return err
		}
		err = s.writeDocument(c, http.StatusOK, kind, id)
		if errors.Is(err, storage.ErrNotFound) {
			// An objection returns the chart to a draft that the provider
			// may no longer read, so the response carries only its head.
			c.JSON(http.StatusOK, headJSON(doc))
			return nil
		}
		return err
	}
}

// rowRemarks converts the string keys of posted row remarks to row indices.
func rowRemarks(posted map[string]string) (map[int]string, error) {
	if len(posted) == 0 {
		return nil, nil
	}
	out := make(map[int]string, len(posted))
	var problems []charts.FieldError
	for key, text := range posted {
		row, err := strconv.Atoi(key)
		if err != nil || strconv.Itoa(row) != key {
			problems = append(problems, charts.FieldError{Field: "remarks[" + key + "]",
				Message: "is not a row index; use the 0-based number of an interaction row"})
			continue
		}
		out[row] = text
	}
	if len(problems) > 0 {
		slices.SortFunc(problems, func(a, b charts.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return nil, &charts.ValidationError{Problems: problems}
	}
	return out, nil
}
