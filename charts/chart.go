// Package charts defines pcii's versioned documents: process charts of
// interdepartmental interaction and service passports. It owns their bodies,
// validation against the registry, canonical hashing and field-level diffs.
package charts

import (
	"time"
)

// DefaultDeadlineDays is the term, in working days, for the response to an
// interdepartmental request under article 7.2 of federal law 210-FZ, unless
// another act sets a different one.
const DefaultDeadlineDays = 5

// ChartBody is the content of one chart revision in the standard form.
type ChartBody struct {
	ServiceCode string `json:"service_code"`
	// LegalBasis names the acts that require the interaction for the service.
	LegalBasis   string        `json:"legal_basis"`
	Interactions []Interaction `json:"interactions"`
	// Amendments is the plan of changes to legal acts the chart depends on.
	Amendments []ActAmendment `json:"amendments,omitempty"`
}

// Interaction is one row of a chart's interaction table: one request from the
// requesting authority to the provider.
type Interaction struct {
	RequestedDocument string `json:"requested_document"`
	DataComposition   string `json:"data_composition"`
	RequesterCode     string `json:"requester_code"`
	ProviderCode      string `json:"provider_code"`
	DataKindCode      string `json:"data_kind_code"`
	// DeadlineDays is the term for the provider's response in working days.
	DeadlineDays int `json:"deadline_days"`
	// DeadlineBasis is the act that sets a term above DefaultDeadlineDays.
	DeadlineBasis string `json:"deadline_basis,omitempty"`
	// Deadline details the term in its four parts; nil when only
	// DeadlineDays is known.
	Deadline   *Deadline `json:"deadline,omitempty"`
	LegalBasis string    `json:"legal_basis"`
	// InformationResource is the basic state information resource the data
	// come from.
	InformationResource string `json:"information_resource,omitempty"`
	RequestForm         string `json:"request_form,omitempty"`
	RequestSample       string `json:"request_sample,omitempty"`
}

// Deadline is the term of an interaction split into its four parts.
type Deadline struct {
	Total  Term `json:"total"`
	Send   Term `json:"send"`
	Answer Term `json:"answer"`
	Attach Term `json:"attach"`
}

// Term is a duration with its unit, one of the Unit constants.
type Term struct {
	Value int    `json:"value"`
	Unit  string `json:"unit"`
}

// Units of a Term.
const (
	UnitWorkingDays  = "working_days"
	UnitCalendarDays = "calendar_days"
	UnitHours        = "hours"
)

// ActAmendment is one planned change to a legal act.
type ActAmendment struct {
	Act    string `json:"act"`
	Change string `json:"change"`
	// Due is a date in the form 2006-01-02.
	Due string `json:"due"`
}

// Kind is the type of a document: chart or passport.
type Kind string

// Document kinds.
const (
	KindChart    Kind = "chart"
	KindPassport Kind = "passport"
)

// State is a document's place in the workflow.
type State string

// Workflow states. Passports use Draft, Review and Approved only.
const (
	StateDraft      State = "draft"
	StateAgreement  State = "agreement"
	StateReview     State = "review"
	StateApproved   State = "approved"
	StatePublished  State = "published"
	StateSuperseded State = "superseded"
	// StateRetired is a chart the commission withdrew from the exchange.
	StateRetired State = "retired"
)

// Document is a versioned chart or passport: the head of its revisions.
type Document struct {
	ID          int64  `db:"id" json:"id"`
	Kind        Kind   `db:"kind" json:"kind"`
	ServiceCode string `db:"service_code" json:"service_code"`
	// AuthorityCode is the drafting authority: the data consumer of a chart,
	// the providing authority of a passport's service.
	AuthorityCode string `db:"authority_code" json:"authority_code"`
	State         State  `db:"state" json:"state"`
	// Revision is the number of the latest revision.
	Revision int `db:"revision" json:"revision"`
	// ApprovedRevision is the latest revision the commission approved, or 0.
	ApprovedRevision int `db:"approved_revision" json:"approved_revision"`
	// PublishedRevision is the revision in force on the exchange, or 0.
	PublishedRevision int `db:"published_revision" json:"published_revision"`
	// Round counts submissions; agreements and votes belong to one round.
	Round int `db:"round" json:"round"`
	// InInteraction is set on a passport that lists a document obtained
	// through interdepartmental interaction.
	InInteraction bool `db:"in_interaction" json:"-"`
	// Retiring marks a review round that decides on retiring the chart.
	Retiring       bool      `db:"retiring" json:"retiring,omitempty"`
	Remark         string    `db:"remark" json:"remark,omitempty"`
	StateChangedAt time.Time `db:"state_changed_at" json:"state_changed_at"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
	UpdatedAt      time.Time `db:"updated_at" json:"updated_at"`
}

// Revision is one immutable saved version of a document.
type Revision struct {
	DocumentID  int64     `db:"document_id" json:"-"`
	Number      int       `db:"number" json:"number"`
	Body        string    `db:"body" json:"-"`
	SHA256      string    `db:"sha256" json:"sha256"`
	AuthorID    int64     `db:"author_id" json:"-"`
	AuthorLogin string    `db:"author_login" json:"author"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
	Note        string    `db:"note" json:"note"`
}
