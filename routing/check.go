package routing

import (
	"fmt"
	"time"

	"pcii/charts"
)

// Registry looks up the authorities and data kinds that routes name. Check
// calls it many times per release, so an implementation backed by a database
// should load the registry into memory first, for example with
// NewMapRegistry.
type Registry interface {
	// Authority returns the authority with the code and whether it exists.
	Authority(code string) (charts.Authority, bool)
	// DataKind returns the data kind with the code and whether it exists.
	DataKind(code string) (charts.DataKind, bool)
}

// MapRegistry is an in-memory Registry.
type MapRegistry struct {
	authorities map[string]charts.Authority
	dataKinds   map[string]charts.DataKind
}

// NewMapRegistry returns a Registry of the given authorities and data kinds.
// A later entry with the same code replaces an earlier one.
func NewMapRegistry(authorities []charts.Authority, dataKinds []charts.DataKind) MapRegistry {
	reg := MapRegistry{
		authorities: make(map[string]charts.Authority, len(authorities)),
		dataKinds:   make(map[string]charts.DataKind, len(dataKinds)),
	}
	for _, a := range authorities {
		reg.authorities[a.Code] = a
	}
	for _, k := range dataKinds {
		reg.dataKinds[k.Code] = k
	}
	return reg
}

// Authority implements Registry.
func (r MapRegistry) Authority(code string) (charts.Authority, bool) {
	a, ok := r.authorities[code]
	return a, ok
}

// DataKind implements Registry.
func (r MapRegistry) DataKind(code string) (charts.DataKind, bool) {
	k, ok := r.dataKinds[code]
	return k, ok
}

// Problem is one reason a set of routes must not be published.
type Problem struct {
	// Index is the position of the route in the slice passed to Check.
	Index   int   `json:"index"`
	ChartID int64 `json:"chart_id"`
	// Field is the JSON name of the route field at fault, such as
	// "provider_code" or "approval.approved_by".
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	return fmt.Sprintf("route %d (chart %d): %s: %s", p.Index, p.ChartID, p.Field, p.Message)
}

// Check returns every problem that forbids publishing routes in a release
// dated on, in route order, or nil when there is none. A data kind counts as
// withdrawn when its withdrawn_on date is on or before the calendar date of
// on in on's location, so pass on in the time zone of the registry's dates.
func Check(routes []Route, reg Registry, on time.Time) []Problem {
	c := checker{reg: reg, releaseDate: on.Format(time.DateOnly)}
	firstByKey := make(map[RouteKey]int, len(routes))
	firstByRequest := make(map[requestKey]int, len(routes))

	for i, route := range routes {
		c.index, c.route = i, route
		c.checkIdentity()
		c.checkAuthority("requester_code", "requester", route.RequesterCode)
		c.checkAuthority("provider_code", "provider", route.ProviderCode)
		c.checkDataKind()
		c.checkTerms()

		if first, ok := firstByKey[route.Key()]; ok {
			c.add("data_kind_code", fmt.Sprintf("route repeats route %d: both have %s, keep one of them", first, route.Key()))
		} else {
			firstByKey[route.Key()] = i
		}

		request := requestKey{route.ServiceCode, route.RequesterCode, route.DataKindCode}
		if first, ok := firstByRequest[request]; !ok {
			firstByRequest[request] = i
		} else if other := routes[first]; other.ProviderCode != route.ProviderCode {
			c.add("provider_code", fmt.Sprintf(
				"service %q, requester %q and data kind %q are routed to provider %q here but to provider %q by route %d (chart %d); the exchange needs one provider per request",
				route.ServiceCode, route.RequesterCode, route.DataKindCode, route.ProviderCode, other.ProviderCode, first, other.ChartID))
		}
	}
	return c.problems
}

// requestKey is the lookup key of the exchange: service, requester and data
// kind.
type requestKey struct {
	serviceCode, requesterCode, dataKindCode string
}

type checker struct {
	reg         Registry
	releaseDate string
	index       int
	route       Route
	problems    []Problem
}

func (c *checker) add(field, message string) {
	c.problems = append(c.problems, Problem{Index: c.index, ChartID: c.route.ChartID, Field: field, Message: message})
}

func (c *checker) checkIdentity() {
	r := c.route
	if r.ChartID <= 0 {
		c.add("chart_id", fmt.Sprintf("chart_id is %d, expected the positive id of an approved chart", r.ChartID))
	}
	if r.ChartRevision < 1 {
		c.add("chart_revision", fmt.Sprintf("chart_revision is %d, expected the approved revision number, 1 or more", r.ChartRevision))
	}
	if !isSHA256Hex(r.ChartSHA256) {
		c.add("chart_sha256", fmt.Sprintf("chart_sha256 is %q, expected the 64 lowercase hex digits of the approved revision's SHA-256", r.ChartSHA256))
	}
	if r.ServiceCode == "" {
		c.add("service_code", "service_code is empty, expected the registry number of the chart's service")
	}
	if r.LegalBasis == "" {
		c.add("legal_basis", "legal_basis is empty, expected the acts that require the interaction")
	}
	if len(r.Approval.ApprovedBy) == 0 {
		c.add("approval.approved_by", "approval.approved_by is empty, expected the logins of the commission members who approved the chart")
	}
	if r.Approval.ApprovedAt.IsZero() {
		c.add("approval.approved_at", "approval.approved_at is missing, expected the time of the commission decision")
	}
}

func (c *checker) checkAuthority(field, role, code string) {
	if code == "" {
		c.add(field, fmt.Sprintf("%s is empty, expected the code of the %s authority", field, role))
		return
	}
	a, ok := c.reg.Authority(code)
	if !ok {
		c.add(field, fmt.Sprintf("%s authority %q is not in the registry of authorities; add it or fix the chart", role, code))
		return
	}
	if !a.Active {
		c.add(field, fmt.Sprintf("%s authority %q (%s) is inactive; reactivate it or revise the chart", role, code, a.Name))
	}
}

func (c *checker) checkDataKind() {
	r := c.route
	if r.DataKindCode == "" {
		c.add("data_kind_code", "data_kind_code is empty, expected the code of a data kind of the provider")
		return
	}
	kind, ok := c.reg.DataKind(r.DataKindCode)
	if !ok {
		c.add("data_kind_code", fmt.Sprintf("data kind %q is not in the registry of data kinds; add it or fix the chart", r.DataKindCode))
		return
	}
	if kind.ProviderCode != r.ProviderCode {
		c.add("data_kind_code", fmt.Sprintf("data kind %q belongs to provider %q, not to provider %q; route the request to %q or pick a data kind of %q",
			r.DataKindCode, kind.ProviderCode, r.ProviderCode, kind.ProviderCode, r.ProviderCode))
	}
	if kind.WithdrawnOn == "" {
		return
	}
	withdrawn, err := time.Parse(time.DateOnly, kind.WithdrawnOn)
	if err != nil {
		c.add("data_kind_code", fmt.Sprintf("data kind %q has withdrawn_on %q in the registry, expected a date such as 2006-01-02; fix the registry entry",
			r.DataKindCode, kind.WithdrawnOn))
		return
	}
	if withdrawnDate := withdrawn.Format(time.DateOnly); withdrawnDate <= c.releaseDate {
		c.add("data_kind_code", fmt.Sprintf("data kind %q is withdrawn on %s, on or before the release date %s; revise the chart to use the version that replaces it",
			r.DataKindCode, withdrawnDate, c.releaseDate))
	}
}

func (c *checker) checkTerms() {
	r := c.route
	if r.DeadlineDays < 1 {
		c.add("deadline_days", fmt.Sprintf("deadline_days is %d, expected a term of 1 or more working days", r.DeadlineDays))
	}
	if r.DeadlineDays > charts.DefaultDeadlineDays && r.DeadlineBasis == "" {
		c.add("deadline_basis", fmt.Sprintf("deadline_days is %d, above the default of %d working days, but deadline_basis is empty; name the act that sets the longer term",
			r.DeadlineDays, charts.DefaultDeadlineDays))
	}
}
