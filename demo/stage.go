package demo

// Stage is the workflow position in which the loader leaves a chart plan.
type Stage string

// Chart plan stages.
const (
	// StageDraft is a chart saved and never submitted.
	StageDraft Stage = "draft"
	// StageObjected is a chart submitted for agreement that a provider
	// objected to, so it is back in draft with the objection as Remark.
	StageObjected Stage = "objected"
	// StageAgreement is a submitted chart that its first provider in row
	// order agreed while the other providers have not yet agreed or objected.
	StageAgreement Stage = "agreement"
	// StageReview is a chart that every provider agreed, now with the
	// commission.
	StageReview Stage = "review"
	// StageReturned is a chart that the commission returned to draft with
	// Remark.
	StageReturned Stage = "returned"
	// StageApproved is a chart the commission approved that is not yet in a
	// routing release.
	StageApproved Stage = "approved"
	// StagePublished is an approved chart in the routing release.
	StagePublished Stage = "published"
	// StageAmending is a published chart whose Amendment is saved as a
	// draft of revision 2.
	StageAmending Stage = "amending"
	// StageSuperseded is a published chart whose Amendment was approved and
	// published, so revision 1 is superseded.
	StageSuperseded Stage = "superseded"
)

// Stages lists every chart plan stage in workflow order.
var Stages = []Stage{
	StageDraft, StageObjected, StageAgreement, StageReview, StageReturned,
	StageApproved, StagePublished, StageAmending, StageSuperseded,
}

// Agreed reports whether every provider of a chart at this stage has agreed
// it: review and every stage after the commission's approval.
func (s Stage) Agreed() bool {
	return s == StageReview || s.Approved()
}

// Approved reports whether the commission has approved a revision of a chart
// at this stage.
func (s Stage) Approved() bool {
	switch s {
	case StageApproved, StagePublished, StageAmending, StageSuperseded:
		return true
	}
	return false
}

// Submitted reports whether a chart at this stage has been sent for
// agreement at least once.
func (s Stage) Submitted() bool {
	return s != StageDraft
}

// NeedsAmendment reports whether a chart plan at this stage carries revision
// 2 in ChartPlan.Amendment.
func (s Stage) NeedsAmendment() bool {
	return s == StageAmending || s == StageSuperseded
}

// PassportStage is the workflow position in which the loader leaves a
// passport plan.
type PassportStage string

// Passport plan stages.
const (
	PassportDraft    PassportStage = "draft"
	PassportReview   PassportStage = "review"
	PassportApproved PassportStage = "approved"
)
