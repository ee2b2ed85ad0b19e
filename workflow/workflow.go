// Package workflow moves charts and passports through drafting, agreement by
// the providers, commission review, approval and publication. Each method is
// one transaction that checks the actor's rights through the policies,
// applies the change and appends it to the audit log.
package workflow

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// Errors that callers map to HTTP statuses. A *ConflictError also matches
// ErrConflict, and a *charts.ValidationError matches charts.ErrInvalid.
var (
	ErrNotFound  = storage.ErrNotFound
	ErrForbidden = errors.New("forbidden")
	ErrConflict  = errors.New("conflict")
)

// ConflictError explains why an action cannot be taken in the document's
// current state.
type ConflictError struct {
	Message string
	// Revision is the document's latest revision, for a stale save.
	Revision int
}

func (e *ConflictError) Error() string { return e.Message }

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (e *ConflictError) Unwrap() error { return ErrConflict }

func conflict(format string, args ...any) error {
	return &ConflictError{Message: fmt.Sprintf(format, args...)}
}

// ForbiddenError names the right that the actor lacks.
type ForbiddenError struct{ Message string }

func (e *ForbiddenError) Error() string { return e.Message }

// Unwrap makes errors.Is(err, ErrForbidden) hold.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

func forbidden(format string, args ...any) error {
	return &ForbiddenError{Message: fmt.Sprintf(format, args...)}
}

// Actor is the signed-in user an action is taken by.
type Actor struct {
	ID        int64
	Login     string
	Role      string
	Authority string
}

// ActorOf returns the actor for a stored user.
func ActorOf(u storage.User) Actor {
	return Actor{ID: u.ID, Login: u.Login, Role: u.Role, Authority: u.Authority()}
}

func (a Actor) subject() policies.Subject {
	return policies.Subject{Login: a.Login, Role: a.Role, Authority: a.Authority}
}

// Config sets the workflow's rules.
type Config struct {
	// Approvals is how many commission members must approve a chart; 2 when
	// zero.
	Approvals int
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
	// Location is the region's time zone, in which a data kind's
	// withdrawal date is compared with a release's date; UTC when nil.
	Location *time.Location
	Logger   *slog.Logger
}

// Service runs the workflow over a store.
type Service struct {
	store     *storage.Store
	authz     *policies.Authorizer
	approvals int
	now       func() time.Time
	loc       *time.Location
	log       *slog.Logger
	signer    Signer
}

// New returns a workflow service.
func New(store *storage.Store, authz *policies.Authorizer, cfg Config) *Service {
	s := &Service{store: store, authz: authz, approvals: cfg.Approvals, now: cfg.Now, loc: cfg.Location,
		log: cfg.Logger}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.approvals <= 0 {
		s.approvals = 2
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Approvals returns the number of approvals a chart needs.
func (s *Service) Approvals() int { return s.approvals }

// Can reports whether the actor may do act on obj for the authority domain.
func (s *Service) Can(a Actor, domain, obj, act string) bool {
	ok, err := s.authz.Allow(a.subject(), domain, obj, act)
	if err != nil {
		s.log.Error("authorization failed", "login", a.Login, "object", obj, "action", act, "error", err)
		return false
	}
	return ok
}

// CanAny reports whether the actor may do act on obj for some authority.
func (s *Service) CanAny(a Actor, obj, act string) bool {
	ok, err := s.authz.AllowAny(a.subject(), obj, act)
	if err != nil {
		s.log.Error("authorization failed", "login", a.Login, "object", obj, "action", act, "error", err)
		return false
	}
	return ok
}

func (s *Service) require(a Actor, domain, obj, act string) error {
	if !s.Can(a, domain, obj, act) {
		return forbidden("role %s may not %s %s for authority %s", a.Role, act, obj, domain)
	}
	return nil
}

func (s *Service) audit(a Actor, action string, d charts.Document, from charts.State, comment string) storage.AuditEntry {
	id := a.ID
	return storage.AuditEntry{
		At: s.now(), ActorID: &id, ActorLogin: a.Login, Action: action,
		ObjectKind: string(d.Kind), ObjectID: fmt.Sprint(d.ID), Revision: d.Revision,
		FromState: string(from), ToState: string(d.State), Comment: comment,
	}
}
