package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"pcii/charts"
)

// bindJSON decodes the request body into dest, rejecting unknown fields,
// trailing data and bodies over the size limit with an error that names
// the problem.
func bindJSON(c *gin.Context, dest any) error {
	raw, err := io.ReadAll(c.Request.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large",
			message: fmt.Sprintf("request body is over %d bytes; send a smaller document", tooBig.Limit)}
	}
	if err != nil {
		return badRequest("", "could not read the request body: "+err.Error())
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return badRequest("", "request body is empty; send a JSON object")
	}
	// A cross-site form can post text/plain but not application/json, so
	// requiring the type also keeps forged logins out.
	if ct := c.ContentType(); ct != "application/json" {
		return &httpError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type",
			message: fmt.Sprintf("Content-Type %q is not accepted; send the body as application/json", ct)}
	}
	if !utf8.Valid(raw) {
		return badRequest("", "request body is not valid UTF-8; send UTF-8 JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dest); err != nil {
		p := charts.JSONProblem("", err)
		field := p.Field
		if len(field) > 0 && field[0] == '.' {
			field = field[1:]
		}
		return badRequest(field, "invalid JSON: "+p.Message)
	}
	if dec.More() {
		return badRequest("", "request body has data after the JSON object; send one object")
	}
	return nil
}

// pathID parses the path parameter name as a positive integer.
func pathID(c *gin.Context, name string) (int64, error) {
	v, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, &httpError{status: http.StatusNotFound, code: "not_found",
			field: name, message: fmt.Sprintf("%s %q is not a positive number", name, c.Param(name))}
	}
	return v, nil
}

// queryInt parses an optional query parameter as a non-negative integer.
func queryInt(c *gin.Context, name string, def int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, badRequest(name, fmt.Sprintf("%s %q must be a non-negative whole number", name, s))
	}
	return v, nil
}
