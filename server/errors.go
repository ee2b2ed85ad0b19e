package server

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
	"pcii/workflow"
)

// apiError is the one JSON shape of every error response.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Problems lists every problem when there is more than one.
	Problems any `json:"problems,omitempty"`
	// Revision is the latest revision, on a conflicting save.
	Revision int `json:"revision,omitempty"`
	// AnnotatedWorkbook is a rejected upload with an error column, in
	// base64.
	AnnotatedWorkbook string `json:"annotated_workbook,omitempty"`
	// RequestID identifies the request in the server log.
	RequestID string `json:"request_id,omitempty"`
}

// httpError is an error with a chosen status, code and message, for request
// problems found in the server itself.
type httpError struct {
	status  int
	code    string
	field   string
	message string
}

func (e *httpError) Error() string { return e.message }

func badRequest(field, message string) error {
	return &httpError{status: http.StatusBadRequest, code: "bad_request", field: field, message: message}
}

var errUnauthorized = &httpError{status: http.StatusUnauthorized, code: "unauthorized",
	message: "sign in or send an API token as Authorization: Bearer TOKEN"}

// describe maps an error to its HTTP status and JSON body. Unknown errors
// are internal: their text goes to the log, never to the user.
func describe(err error) (int, apiError) {
	var herr *httpError
	var verr *charts.ValidationError
	var rerr *workflow.ReleaseError
	var cerr *workflow.ConflictError
	var ferr *workflow.ForbiddenError
	var werr *workbookProblems
	switch {
	case errors.As(err, &werr):
		return http.StatusUnprocessableEntity, werr.body()
	case errors.As(err, &herr):
		return herr.status, apiError{Code: herr.code, Message: herr.message, Field: herr.field}
	case errors.As(err, &verr):
		body := apiError{Code: "invalid", Message: verr.Error()}
		if len(verr.Problems) > 0 {
			body.Field = verr.Problems[0].Field
			body.Problems = verr.Problems
		}
		return http.StatusUnprocessableEntity, body
	case errors.As(err, &rerr):
		body := apiError{Code: "release_rejected", Message: rerr.Error(), Problems: rerr.Problems}
		if len(rerr.Problems) > 0 {
			body.Field = rerr.Problems[0].Field
		}
		return http.StatusUnprocessableEntity, body
	case errors.As(err, &cerr):
		return http.StatusConflict, apiError{Code: "conflict", Message: cerr.Message, Revision: cerr.Revision}
	case errors.As(err, &ferr):
		return http.StatusForbidden, apiError{Code: "forbidden", Message: ferr.Message}
	case errors.Is(err, storage.ErrNotFound):
		return http.StatusNotFound, apiError{Code: "not_found", Message: "not found"}
	case errors.Is(err, storage.ErrDuplicate):
		return http.StatusConflict, apiError{Code: "conflict", Message: "already exists"}
	}
	return http.StatusInternalServerError, apiError{Code: "internal",
		Message: "internal error; the server log has the details under the request id"}
}

// handler is a gin handler that returns an error.
type handler func(c *gin.Context) error

// api adapts h to gin, writing its error as JSON.
func (s *Server) api(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.abortJSON(c, err)
		}
	}
}

func (s *Server) abortJSON(c *gin.Context, err error) {
	status, body := describe(err)
	body.RequestID = requestID(c)
	s.logError(c, status, err)
	c.AbortWithStatusJSON(status, body)
}

func (s *Server) logError(c *gin.Context, status int, err error) {
	level := slog.LevelWarn
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	s.log.Log(c.Request.Context(), level, "request failed", "request_id", requestID(c),
		"method", c.Request.Method, "path", c.Request.URL.Path, "status", status, "error", err)
}
