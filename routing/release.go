package routing

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// routeSizeHint is a generous estimate of the encoded size of one route in
// bytes, used to size the output buffer of Encode.
const routeSizeHint = 640

// Route is one approved interaction that the exchange may carry: a request
// from the requester to the provider for one data kind, taken from an
// approved chart revision.
type Route struct {
	ChartID       int64 `json:"chart_id"`
	ChartRevision int   `json:"chart_revision"`
	// ChartSHA256 is the lowercase hex SHA-256 of the approved chart
	// revision body.
	ChartSHA256   string `json:"chart_sha256"`
	ServiceCode   string `json:"service_code"`
	RequesterCode string `json:"requester_code"`
	ProviderCode  string `json:"provider_code"`
	DataKindCode  string `json:"data_kind_code"`
	// DeadlineDays is the provider's response term in working days.
	DeadlineDays int `json:"deadline_days"`
	// DeadlineBasis is the act that sets a term above
	// charts.DefaultDeadlineDays.
	DeadlineBasis string   `json:"deadline_basis,omitempty"`
	LegalBasis    string   `json:"legal_basis"`
	Approval      Approval `json:"approval"`
}

// Approval is the commission decision that approved a chart revision.
type Approval struct {
	// ApprovedBy lists the logins of the commission members who approved.
	ApprovedBy []string  `json:"approved_by"`
	ApprovedAt time.Time `json:"approved_at"`
	// Protocol is the number of the commission's meeting protocol.
	Protocol string `json:"protocol,omitempty"`
}

// Release is one published version of the routing table.
type Release struct {
	// Serial numbers releases 1, 2, 3 and so on without gaps.
	Serial      int64     `json:"serial"`
	GeneratedAt time.Time `json:"generated_at"`
	// PreviousSHA256 is SHA256Hex of the encoded release Serial-1, or empty
	// in release 1.
	PreviousSHA256 string  `json:"previous_sha256"`
	Routes         []Route `json:"routes"`
}

// RouteKey identifies a route across releases: a chart keeps its id from
// revision to revision, so a new revision of the same interaction is a change
// of one route, not a removal and an addition.
type RouteKey struct {
	ChartID       int64  `json:"chart_id"`
	RequesterCode string `json:"requester_code"`
	ProviderCode  string `json:"provider_code"`
	DataKindCode  string `json:"data_kind_code"`
}

// Key returns the route's RouteKey.
func (r Route) Key() RouteKey {
	return RouteKey{
		ChartID:       r.ChartID,
		RequesterCode: r.RequesterCode,
		ProviderCode:  r.ProviderCode,
		DataKindCode:  r.DataKindCode,
	}
}

func (k RouteKey) String() string {
	return fmt.Sprintf("chart %d, requester %q, provider %q, data kind %q",
		k.ChartID, k.RequesterCode, k.ProviderCode, k.DataKindCode)
}

// Encode returns the canonical bytes of r: the exact bytes that the registry
// stores, serves, hashes and signs. Encode does not modify r. The bytes are
// compact UTF-8 JSON with the fields in the order of the struct definitions
// and the routes sorted by compareRoutes. All times are in UTC truncated to
// whole seconds (2006-01-02T15:04:05Z). HTML characters are not escaped,
// empty lists are [] and the bytes end with a single newline.
//
// Encode rejects a serial below 1, a previous_sha256 that does not fit the
// serial, a zero generated_at and two routes with the same RouteKey, because
// such routes would have no defined order.
func Encode(r Release) ([]byte, error) {
	if err := validateHeader(r); err != nil {
		return nil, err
	}

	seen := make(map[RouteKey]bool, len(r.Routes))
	for _, route := range r.Routes {
		if seen[route.Key()] {
			return nil, fmt.Errorf("encode release %d: two routes with %s: keep one route per chart, requester, provider and data kind",
				r.Serial, route.Key())
		}
		seen[route.Key()] = true
	}

	canonical := canonicalRelease(r)

	b, err := marshalCanonicalSize(canonical, 256+routeSizeHint*len(canonical.Routes))
	if err != nil {
		return nil, fmt.Errorf("encode release %d: %w", r.Serial, err)
	}
	return b, nil
}

// Decode parses release bytes and validates the header fields that Encode
// validates. Unknown fields are ignored so that older clients keep working
// when the format gains a field. Decode does not check that b is canonical;
// the signature, not the form, authenticates the bytes.
func Decode(b []byte) (Release, error) {
	var r Release
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&r); err != nil {
		return Release{}, fmt.Errorf("decode release: invalid JSON: %w", err)
	}
	if dec.More() {
		return Release{}, errors.New("decode release: unexpected data after the release object")
	}
	if err := validateHeader(r); err != nil {
		return Release{}, fmt.Errorf("decode release: %w", err)
	}
	if r.Routes == nil {
		return Release{}, errors.New("decode release: field routes is missing or null, expected a list")
	}
	return r, nil
}

// SHA256Hex returns the lowercase hex SHA-256 digest of b.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// NextRelease returns the release that follows the release encoded in
// previous, with the given routes and generation time. A nil previous starts
// the chain with serial 1.
func NextRelease(previous []byte, routes []Route, generatedAt time.Time) (Release, error) {
	next := Release{Serial: 1, GeneratedAt: generatedAt, Routes: routes}
	if previous == nil {
		return next, nil
	}

	prev, err := Decode(previous)
	if err != nil {
		return Release{}, fmt.Errorf("next release: previous release: %w", err)
	}
	next.Serial = prev.Serial + 1
	next.PreviousSHA256 = SHA256Hex(previous)
	return next, nil
}

func validateHeader(r Release) error {
	if r.Serial < 1 {
		return fmt.Errorf("serial is %d, expected 1 or more", r.Serial)
	}
	if r.GeneratedAt.IsZero() {
		return fmt.Errorf("release %d: generated_at is missing", r.Serial)
	}
	if r.Serial == 1 && r.PreviousSHA256 != "" {
		return fmt.Errorf("release 1: previous_sha256 is %q, expected empty because release 1 starts the chain", r.PreviousSHA256)
	}
	if r.Serial > 1 && !isSHA256Hex(r.PreviousSHA256) {
		return fmt.Errorf("release %d: previous_sha256 is %q, expected 64 lowercase hex digits", r.Serial, r.PreviousSHA256)
	}
	return nil
}

// canonicalRelease returns a copy of r with sorted routes, UTC whole-second
// times and non-nil lists.
func canonicalRelease(r Release) Release {
	out := r
	out.GeneratedAt = canonicalTime(r.GeneratedAt)
	out.Routes = sortedRoutes(r.Routes)
	for i := range out.Routes {
		approval := &out.Routes[i].Approval
		approval.ApprovedAt = canonicalTime(approval.ApprovedAt)
		if approval.ApprovedBy == nil {
			approval.ApprovedBy = []string{}
		}
	}
	return out
}

func canonicalTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Second)
}

// compareRoutes orders routes by service, requester, data kind, provider,
// chart id and chart revision.
// Each key is compared only when the keys before it are equal, because
// cmp.Or would evaluate all of them.
func compareRoutes(a, b *Route) int {
	if c := strings.Compare(a.ServiceCode, b.ServiceCode); c != 0 {
		return c
	}
	if c := strings.Compare(a.RequesterCode, b.RequesterCode); c != 0 {
		return c
	}
	if c := strings.Compare(a.DataKindCode, b.DataKindCode); c != 0 {
		return c
	}
	if c := strings.Compare(a.ProviderCode, b.ProviderCode); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ChartID, b.ChartID); c != 0 {
		return c
	}
	return cmp.Compare(a.ChartRevision, b.ChartRevision)
}

// sortedRoutes returns a copy of routes sorted by compareRoutes. It sorts
// pointers and copies each value once, because swapping whole Route values
// during the sort costs more.
func sortedRoutes(routes []Route) []Route {
	ptrs := make([]*Route, len(routes))
	for i := range routes {
		ptrs[i] = &routes[i]
	}
	slices.SortFunc(ptrs, compareRoutes)
	sorted := make([]Route, len(routes))
	for i, p := range ptrs {
		sorted[i] = *p
	}
	return sorted
}

// marshalCanonical encodes v as compact JSON without HTML escaping and with
// one trailing newline, the form shared by releases, pointers, key sets and
// signature documents.
func marshalCanonical(v any) ([]byte, error) {
	return marshalCanonicalSize(v, 0)
}

// marshalCanonicalSize is marshalCanonical with a buffer of sizeHint bytes
// allocated up front.
func marshalCanonicalSize(v any, sizeHint int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func isSHA256Hex(s string) bool {
	if len(s) != sha256.Size*2 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
