package charts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Canonical returns the canonical JSON encoding of a document body and the
// hex SHA-256 of those bytes. The encoding is encoding/json's for the typed
// body: fields in declaration order, no HTML escaping, no trailing newline.
// Two bodies with equal content always hash the same.
func Canonical(body any) ([]byte, string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return nil, "", fmt.Errorf("encode body: %w", err)
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

// DecodeChart parses a chart body, rejecting unknown fields and trailing
// data with a FieldError that names the field.
func DecodeChart(raw []byte) (ChartBody, error) {
	var b ChartBody
	return b, decodeStrict(raw, &b)
}

// DecodePassport parses a passport body like DecodeChart.
func DecodePassport(raw []byte) (PassportBody, error) {
	var b PassportBody
	return b, decodeStrict(raw, &b)
}

func decodeStrict(raw []byte, dest any) error {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return &ValidationError{Problems: []FieldError{{Field: "body", Message: "is required"}}}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dest); err != nil {
		return &ValidationError{Problems: []FieldError{jsonProblem("body", err)}}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &ValidationError{Problems: []FieldError{{
			Field: "body", Message: "has data after the JSON object; send one object"}}}
	}
	return nil
}

// jsonProblem turns an encoding/json error into a FieldError under prefix.
func jsonProblem(prefix string, err error) FieldError {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := prefix
		if typeErr.Field != "" {
			field = prefix + "." + typeErr.Field
		}
		return FieldError{Field: field, Message: fmt.Sprintf("must be %s, got a JSON %s",
			jsonTypeName(typeErr.Type), typeErr.Value)}
	case errors.As(err, &syntaxErr):
		return FieldError{Field: prefix, Message: fmt.Sprintf("is not valid JSON at byte %d: %v",
			syntaxErr.Offset, err)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return FieldError{Field: prefix + "." + name, Message: "unknown field; remove it or check its spelling"}
	default:
		return FieldError{Field: prefix, Message: "is not valid JSON: " + err.Error()}
	}
}

// JSONProblem describes a request decoding error as a FieldError under
// prefix, for callers that decode their own envelopes.
func JSONProblem(prefix string, err error) FieldError { return jsonProblem(prefix, err) }

// jsonTypeName names the JSON value that decodes into t.
func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "a JSON array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Pointer:
		return jsonTypeName(t.Elem())
	}
	return t.String()
}
