package workflow

import (
	"context"
	"fmt"
	"time"

	"pcii/calendar"
	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// PutCalendarException stores a transferred day off or working day; only
// the administrator may.
func (s *Service) PutCalendarException(ctx context.Context, a Actor, e calendar.Exception) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjRegistry, policies.ActManage); err != nil {
		return err
	}
	if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
		return &charts.ValidationError{Problems: []charts.FieldError{{Field: "date",
			Message: fmt.Sprintf("%q is not a date; write it as 2012-03-09", e.Date)}}}
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		if err := tx.PutCalendarException(ctx, e); err != nil {
			return err
		}
		kind := "day off"
		if e.Working {
			kind = "working day"
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "put", ObjectKind: "calendar", ObjectID: e.Date, Comment: kind + ": " + e.Name})
	})
}

// DeleteCalendarException removes the exception of a date.
func (s *Service) DeleteCalendarException(ctx context.Context, a Actor, day string) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjRegistry, policies.ActManage); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		if err := tx.DeleteCalendarException(ctx, day); err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "delete", ObjectKind: "calendar", ObjectID: day})
	})
}

// Calendar returns the production calendar with the stored exceptions.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	var cal *calendar.Calendar
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		cal, err = tx.Calendar(ctx)
		return err
	})
	return cal, err
}
