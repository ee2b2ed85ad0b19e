package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

// NewMeeting describes a commission meeting to create.
type NewMeeting struct {
	// HeldOn is the date as 2006-01-02.
	HeldOn   string `json:"held_on"`
	Protocol string `json:"protocol"`
	Title    string `json:"title"`
}

// CreateMeeting records a commission meeting; only the secretary may.
func (s *Service) CreateMeeting(ctx context.Context, a Actor, m NewMeeting) (storage.Meeting, error) {
	if err := s.require(a, policies.AnyDomain, policies.ObjMeeting, policies.ActManage); err != nil {
		return storage.Meeting{}, err
	}
	var problems []charts.FieldError
	if _, err := time.Parse(time.DateOnly, m.HeldOn); err != nil {
		problems = append(problems, charts.FieldError{Field: "held_on",
			Message: fmt.Sprintf("%q is not a date; write it as 2011-11-29", m.HeldOn)})
	}
	m.Protocol = strings.TrimSpace(m.Protocol)
	if p := charts.CheckText("protocol", m.Protocol, 50, true); p != nil {
		problems = append(problems, *p)
	}
	if p := charts.CheckText("title", m.Title, 500, false); p != nil {
		problems = append(problems, *p)
	}
	if len(problems) > 0 {
		return storage.Meeting{}, &charts.ValidationError{Problems: problems}
	}
	meeting := storage.Meeting{HeldOn: m.HeldOn, Protocol: m.Protocol, Title: strings.TrimSpace(m.Title),
		CreatedBy: &a.ID, CreatedAt: s.now()}
	err := s.store.Write(ctx, func(tx *storage.Tx) error {
		// Protocol numbers are unique as people read them: "12-К" and
		// "12-к" are one number.
		existing, err := tx.Meetings(ctx)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if charts.FoldKey(e.Protocol) == charts.FoldKey(m.Protocol) {
				return conflict("protocol %s already exists as %s; number this meeting's protocol anew",
					m.Protocol, e.Protocol)
			}
		}
		id, err := tx.InsertMeeting(ctx, meeting)
		if errors.Is(err, storage.ErrDuplicate) {
			return conflict("protocol %s already exists; number this meeting's protocol anew", m.Protocol)
		}
		if err != nil {
			return err
		}
		meeting.ID = id
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "create", ObjectKind: "meeting", ObjectID: fmt.Sprint(id), Comment: "протокол " + m.Protocol})
	})
	return meeting, err
}

// AddToAgenda puts a document under review on a meeting's agenda.
func (s *Service) AddToAgenda(ctx context.Context, a Actor, meetingID int64, kind charts.Kind, id int64) error {
	if err := s.require(a, policies.AnyDomain, policies.ObjMeeting, policies.ActManage); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *storage.Tx) error {
		if _, err := tx.Meeting(ctx, meetingID); err != nil {
			return err
		}
		doc, err := s.readable(ctx, tx, a, kind, id)
		if err != nil {
			return err
		}
		if doc.State != charts.StateReview {
			return conflict("%s %d is in %s; only documents under review go on an agenda", kind, id, doc.State)
		}
		err = tx.AddToAgenda(ctx, meetingID, id)
		if errors.Is(err, storage.ErrDuplicate) {
			return conflict("%s %d is already on the agenda of meeting %d", kind, id, meetingID)
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, storage.AuditEntry{At: s.now(), ActorID: &a.ID, ActorLogin: a.Login,
			Action: "agenda", ObjectKind: "meeting", ObjectID: fmt.Sprint(meetingID),
			Comment: fmt.Sprintf("%s %d", kind, id)})
	})
}

// Protocol is a meeting with its agenda and decisions.
type Protocol struct {
	Meeting storage.Meeting
	Agenda  []storage.AgendaItem
}

// MeetingProtocol returns a meeting with its agenda, for roles that read
// meetings.
func (s *Service) MeetingProtocol(ctx context.Context, a Actor, id int64) (Protocol, error) {
	var p Protocol
	if !s.CanAny(a, policies.ObjMeeting, policies.ActRead) {
		return p, forbidden("role %s may not read meetings", a.Role)
	}
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		if p.Meeting, err = tx.Meeting(ctx, id); err != nil {
			return err
		}
		p.Agenda, err = tx.Agenda(ctx, id)
		return err
	})
	return p, err
}

// Requisites returns the approval reference of revision n of a document.
// It names the protocol of the meeting that approved it, or the date of
// the last approving vote, and is "" when n was not approved.
func (s *Service) Requisites(ctx context.Context, id int64, n int) (string, error) {
	var out string
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		out, err = requisites(ctx, tx, id, n)
		return err
	})
	return out, err
}

func requisites(ctx context.Context, tx *storage.Tx, id int64, n int) (string, error) {
	m, err := tx.ApprovalMeeting(ctx, id, n)
	if err == nil {
		return fmt.Sprintf("Протокол заседания комиссии № %s от %s", m.Protocol, russianDate(m.HeldOn)), nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return "", err
	}
	votes, err := tx.ApprovalVotes(ctx, id, n)
	if err != nil || len(votes) == 0 {
		return "", err
	}
	last := votes[len(votes)-1].CastAt
	return "Утверждена комиссией " + last.Format("02.01.2006"), nil
}

// russianDate writes 2006-01-02 as 02.01.2006.
func russianDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("02.01.2006")
}
