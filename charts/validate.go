package charts

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrInvalid marks a document that failed validation; the wrapping
// ValidationError lists every problem.
var ErrInvalid = errors.New("invalid document")

// FieldError is one validation problem at a JSON path such as
// "interactions[2].provider_code".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError lists every problem found in a document.
type ValidationError struct {
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

type problems []FieldError

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}

// Registry is the lookup that validation needs: authorities and data kinds by
// code.
type Registry struct {
	Authorities map[string]Authority
	DataKinds   map[string]DataKind
	// Today is the date (2006-01-02) on which data kinds withdrawn on or
	// before it are rejected; empty skips that check.
	Today string
}

// NewRegistry indexes authorities and data kinds by code.
func NewRegistry(auths []Authority, kinds []DataKind) *Registry {
	r := &Registry{
		Authorities: make(map[string]Authority, len(auths)),
		DataKinds:   make(map[string]DataKind, len(kinds)),
	}
	for _, a := range auths {
		r.Authorities[a.Code] = a
	}
	for _, d := range kinds {
		r.DataKinds[d.Code] = d
	}
	return r
}

// AuthorityList returns the registry's authorities ordered by code.
func (r *Registry) AuthorityList() []Authority {
	out := make([]Authority, 0, len(r.Authorities))
	for _, a := range r.Authorities {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Authority) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// DataKindList returns the registry's data kinds ordered by code.
func (r *Registry) DataKindList() []DataKind {
	out := make([]DataKind, 0, len(r.DataKinds))
	for _, d := range r.DataKinds {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b DataKind) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// Limits on text fields, in characters.
const (
	maxShortText = 500
	maxLongText  = 10000
	maxRows      = 200
)

// ValidateChart checks a chart body for the service against the registry
// and returns a *ValidationError listing every problem, or nil.
func ValidateChart(b ChartBody, svc Service, reg *Registry) error {
	var p problems
	if b.ServiceCode == "" {
		p.add("service_code", "is required")
	} else if b.ServiceCode != svc.Code {
		p.add("service_code", "%q does not match the chart's service %q", b.ServiceCode, svc.Code)
	}
	checkText(&p, "legal_basis", b.LegalBasis, maxLongText, true)
	if len(b.Interactions) == 0 {
		p.add("interactions", "add at least one interaction row")
	}
	if len(b.Interactions) > maxRows {
		p.add("interactions", "has %d rows, at most %d are allowed", len(b.Interactions), maxRows)
	}
	type rowKey struct{ requester, provider, kind string }
	seen := make(map[rowKey]int, len(b.Interactions))
	for i, in := range b.Interactions {
		field := fmt.Sprintf("interactions[%d]", i)
		validateInteraction(&p, field, in, reg)
		if in.RequesterCode != "" && in.RequesterCode != svc.AuthorityCode {
			p.add(field+".requester_code", "%q is not the authority that provides the service; requests are sent by %q",
				in.RequesterCode, svc.AuthorityCode)
		}
		key := rowKey{in.RequesterCode, in.ProviderCode, in.DataKindCode}
		if j, ok := seen[key]; ok && in.DataKindCode != "" {
			p.add(field+".data_kind_code", "%q from %q repeats interactions[%d]; merge the two rows",
				in.DataKindCode, in.ProviderCode, j)
		} else {
			seen[key] = i
		}
	}
	for i, a := range b.Amendments {
		field := fmt.Sprintf("amendments[%d]", i)
		checkText(&p, field+".act", a.Act, maxShortText, true)
		checkText(&p, field+".change", a.Change, maxLongText, true)
		checkDate(&p, field+".due", a.Due, true)
	}
	return p.err()
}

func validateInteraction(p *problems, field string, in Interaction, reg *Registry) {
	checkText(p, field+".requested_document", in.RequestedDocument, maxShortText, true)
	checkText(p, field+".data_composition", in.DataComposition, maxLongText, true)
	checkText(p, field+".legal_basis", in.LegalBasis, maxLongText, true)
	checkText(p, field+".deadline_basis", in.DeadlineBasis, maxLongText, false)
	checkText(p, field+".information_resource", in.InformationResource, maxShortText, false)
	checkText(p, field+".request_form", in.RequestForm, maxLongText, false)
	checkText(p, field+".request_sample", in.RequestSample, maxLongText, false)

	checkAuthority(p, field+".requester_code", in.RequesterCode, reg)
	provider := checkAuthority(p, field+".provider_code", in.ProviderCode, reg)
	if in.RequesterCode != "" && in.RequesterCode == in.ProviderCode {
		p.add(field+".provider_code", "%q requests from itself; name the authority that holds the data",
			in.ProviderCode)
	}

	switch kind, ok := reg.DataKinds[in.DataKindCode]; {
	case in.DataKindCode == "":
		p.add(field+".data_kind_code", "is required")
	case !ok:
		p.add(field+".data_kind_code", "unknown data kind %q", in.DataKindCode)
	case provider && kind.ProviderCode != in.ProviderCode:
		p.add(field+".data_kind_code", "data kind %q belongs to %q, not to provider %q",
			in.DataKindCode, kind.ProviderCode, in.ProviderCode)
	case reg.Today != "" && kind.WithdrawnOn != "" && kind.WithdrawnOn <= reg.Today:
		p.add(field+".data_kind_code", "data kind %q was withdrawn on %s; choose its current version",
			in.DataKindCode, kind.WithdrawnOn)
	}

	switch {
	case in.DeadlineDays <= 0:
		p.add(field+".deadline_days", "must be a positive number of working days, got %d", in.DeadlineDays)
	case in.DeadlineDays > DefaultDeadlineDays && strings.TrimSpace(in.DeadlineBasis) == "":
		p.add(field+".deadline_basis", "is required when deadline_days (%d) exceeds the legal %d working days",
			in.DeadlineDays, DefaultDeadlineDays)
	}
	if in.Deadline != nil {
		validateDeadline(p, field+".deadline", *in.Deadline, in.DeadlineDays)
	}
}

func validateDeadline(p *problems, field string, d Deadline, answerDays int) {
	parts := []struct {
		name string
		term Term
	}{{"total", d.Total}, {"send", d.Send}, {"answer", d.Answer}, {"attach", d.Attach}}
	for _, part := range parts {
		f := field + "." + part.name
		if part.term.Value < 0 {
			p.add(f+".value", "must not be negative, got %d", part.term.Value)
		}
		switch part.term.Unit {
		case UnitWorkingDays, UnitCalendarDays, UnitHours:
		default:
			p.add(f+".unit", "unknown unit %q; use working_days, calendar_days or hours", part.term.Unit)
		}
	}
	if d.Total.Value <= 0 {
		p.add(field+".total.value", "is required: the whole term of the interaction")
	} else {
		sum := 0
		for _, part := range []Term{d.Send, d.Answer, d.Attach} {
			if part.Unit == d.Total.Unit {
				sum += part.Value
			}
		}
		// NOTE: parts in another unit than the total are not converted, so
		// they are left out of this sum.
		if sum > d.Total.Value {
			p.add(field+".total.value", "is %d but the parts in the same unit add up to %d; "+
				"make the total at least their sum", d.Total.Value, sum)
		}
	}
	if d.Answer.Unit == UnitWorkingDays && d.Answer.Value != answerDays {
		p.add(field+".answer.value", "is %d working days but deadline_days is %d; make them equal",
			d.Answer.Value, answerDays)
	}
}

func checkAuthority(p *problems, field, code string, reg *Registry) bool {
	if code == "" {
		p.add(field, "is required")
		return false
	}
	a, ok := reg.Authorities[code]
	if !ok {
		p.add(field, "unknown authority %q", code)
		return false
	}
	if !a.Active {
		p.add(field, "authority %q is inactive", code)
		return false
	}
	return true
}

func checkText(p *problems, field, s string, max int, required bool) {
	if required && strings.TrimFunc(s, invisible) == "" {
		p.add(field, "is required")
		return
	}
	if !utf8.ValidString(s) {
		p.add(field, "is not valid UTF-8 text")
		return
	}
	if i := strings.IndexFunc(s, forbiddenRune); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		p.add(field, "contains the control character U+%04X at byte %d; remove it", r, i)
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		p.add(field, "has %d characters, at most %d are allowed", n, max)
	}
}

// CheckText checks a free text field as documents' fields are checked:
// required, valid UTF-8, no control characters, at most max characters. It
// returns nil when the text passes.
func CheckText(field, s string, max int, required bool) *FieldError {
	var p problems
	checkText(&p, field, s, max, required)
	if len(p) == 0 {
		return nil
	}
	return &p[0]
}

// FoldKey returns s folded for comparison as Fold does, with the invisible
// characters removed, so "12-К" and "12-к\u200b" compare equal.
func FoldKey(s string) string {
	return Fold(strings.Map(func(r rune) rune {
		if invisible(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// invisible reports whether r shows nothing: white space and the
// zero-width characters.
func invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

// forbiddenRune reports whether r has no place in a document's text: C0 and
// C1 control characters other than tab and line breaks, and the bidirectional
// overrides and isolates, which can make a text read differently from what
// it holds.
func forbiddenRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func checkDate(p *problems, field, s string, required bool) {
	if s == "" {
		if required {
			p.add(field, "is required")
		}
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		p.add(field, "%q is not a date; write it as 2012-07-01", s)
	}
}

// ValidatePassport checks a passport body for the service and returns a
// *ValidationError listing every problem, or nil.
func ValidatePassport(b PassportBody, svc Service, reg *Registry) error {
	var p problems
	if b.ServiceCode == "" {
		p.add("service_code", "is required")
	} else if b.ServiceCode != svc.Code {
		p.add("service_code", "%q does not match the passport's service %q", b.ServiceCode, svc.Code)
	}
	checkText(&p, "name", b.Name, maxShortText*2, true)
	checkText(&p, "short_name", b.ShortName, maxShortText, false)
	if b.Level != "" && b.Level != ServiceState && b.Level != ServiceMunicipal {
		p.add("level", "unknown level %q; use state or municipal", b.Level)
	}
	if b.ProviderCode == "" {
		p.add("provider_code", "is required: the code of the authority that provides the service")
	} else {
		checkAuthority(&p, "provider_code", b.ProviderCode, reg)
	}
	for i, code := range b.ParticipantCodes {
		checkAuthority(&p, fmt.Sprintf("participant_codes[%d]", i), code, reg)
	}
	for i, act := range b.LegalActs {
		field := fmt.Sprintf("legal_acts[%d]", i)
		checkText(&p, field+".type", act.Type, maxShortText, true)
		checkText(&p, field+".number", act.Number, maxShortText, true)
		checkDate(&p, field+".date", act.Date, true)
		checkText(&p, field+".issuer", act.Issuer, maxShortText, true)
	}
	checkEnum(&p, "applicant_categories", b.ApplicantCategories,
		"individuals", "legal_entities", "entrepreneurs")
	checkEnum(&p, "channels", b.Channels, "in_person", "mfc", "portal", "post")
	for i, d := range b.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		checkText(&p, field+".name", d.Name, maxShortText, true)
		switch d.Source {
		case SourceApplicant:
		case SourceInterdepartmental:
			if d.DataKindCode != "" {
				if _, ok := reg.DataKinds[d.DataKindCode]; !ok {
					p.add(field+".data_kind_code", "unknown data kind %q", d.DataKindCode)
				}
			}
		default:
			p.add(field+".source", "unknown source %q; use applicant or interdepartmental", d.Source)
		}
	}
	return p.err()
}

func checkEnum(p *problems, field string, values []string, allowed ...string) {
	for i, v := range values {
		ok := false
		for _, a := range allowed {
			ok = ok || v == a
		}
		if !ok {
			p.add(fmt.Sprintf("%s[%d]", field, i), "unknown value %q; use one of %s",
				v, strings.Join(allowed, ", "))
		}
	}
}
