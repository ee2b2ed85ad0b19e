package storage

import (
	"context"
	"fmt"
	"time"

	"pcii/calendar"
)

// Meeting is a commission meeting.
type Meeting struct {
	ID int64 `db:"id" json:"id"`
	// HeldOn is the date as 2006-01-02.
	HeldOn    string    `db:"held_on" json:"held_on"`
	Protocol  string    `db:"protocol" json:"protocol"`
	Title     string    `db:"title" json:"title"`
	CreatedBy *int64    `db:"created_by" json:"-"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// InsertMeeting stores a meeting and returns its id; a protocol number
// already used returns ErrDuplicate.
func (t *Tx) InsertMeeting(ctx context.Context, m Meeting) (int64, error) {
	var id int64
	err := t.get(ctx, &id, `INSERT INTO meetings (held_on, protocol, title, created_by, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, m.HeldOn, m.Protocol, m.Title, m.CreatedBy, m.CreatedAt)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("protocol %q: %w", m.Protocol, ErrDuplicate)
	}
	if err != nil {
		return 0, fmt.Errorf("insert meeting %q: %w", m.Protocol, err)
	}
	return id, nil
}

// Meeting returns the meeting with id, or ErrNotFound.
func (t *Tx) Meeting(ctx context.Context, id int64) (Meeting, error) {
	var m Meeting
	err := t.get(ctx, &m, `SELECT id, held_on, protocol, title, created_by, created_at
		FROM meetings WHERE id = ?`, id)
	if err != nil {
		return m, fmt.Errorf("meeting %d: %w", id, err)
	}
	return m, nil
}

// Meetings returns every meeting, the latest first.
func (t *Tx) Meetings(ctx context.Context) ([]Meeting, error) {
	var list []Meeting
	err := t.selectAll(ctx, &list, `SELECT id, held_on, protocol, title, created_by, created_at
		FROM meetings ORDER BY held_on DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return list, nil
}

// AddToAgenda appends a document to a meeting's agenda; a document already
// on it returns ErrDuplicate.
func (t *Tx) AddToAgenda(ctx context.Context, meetingID, documentID int64) error {
	_, err := t.exec(ctx, `INSERT INTO meeting_agenda (meeting_id, document_id, position)
		VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM meeting_agenda WHERE meeting_id = ?))`,
		meetingID, documentID, meetingID)
	if err != nil {
		return fmt.Errorf("add document %d to meeting %d: %w", documentID, meetingID, err)
	}
	return nil
}

// AgendaItem is a document on a meeting's agenda with the decisions taken
// on it in the meeting.
type AgendaItem struct {
	DocumentID  int64  `db:"document_id" json:"document_id"`
	Kind        string `db:"kind" json:"kind"`
	ServiceCode string `db:"service_code" json:"service_code"`
	ServiceName string `db:"service_name" json:"service_name"`
	State       string `db:"state" json:"state"`
	Revision    int    `db:"revision" json:"revision"`
	Approvals   int    `db:"approvals" json:"approvals"`
	Returns     int    `db:"returns" json:"returns"`
}

// Agenda returns a meeting's agenda in order.
func (t *Tx) Agenda(ctx context.Context, meetingID int64) ([]AgendaItem, error) {
	var list []AgendaItem
	err := t.selectAll(ctx, &list, `
		SELECT a.document_id, d.kind, d.service_code, s.name AS service_name, d.state, d.revision,
			(SELECT COUNT(*) FROM votes v WHERE v.document_id = d.id AND v.meeting_id = a.meeting_id
				AND v.decision = 'approve') AS approvals,
			(SELECT COUNT(*) FROM votes v WHERE v.document_id = d.id AND v.meeting_id = a.meeting_id
				AND v.decision = 'return') AS returns
		FROM meeting_agenda a
		JOIN documents d ON d.id = a.document_id
		JOIN services s ON s.code = d.service_code
		WHERE a.meeting_id = ?
		ORDER BY a.position`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("list agenda of meeting %d: %w", meetingID, err)
	}
	return list, nil
}

// OnAgenda reports whether the document is on the meeting's agenda.
func (t *Tx) OnAgenda(ctx context.Context, meetingID, documentID int64) (bool, error) {
	var n int
	err := t.get(ctx, &n, `SELECT COUNT(*) FROM meeting_agenda WHERE meeting_id = ? AND document_id = ?`,
		meetingID, documentID)
	if err != nil {
		return false, fmt.Errorf("check agenda of meeting %d: %w", meetingID, err)
	}
	return n > 0, nil
}

// ApprovalMeeting returns the meeting in which the last approving vote on
// revision of document id was cast, or ErrNotFound when it was cast
// outside a meeting.
func (t *Tx) ApprovalMeeting(ctx context.Context, id int64, revision int) (Meeting, error) {
	var m Meeting
	err := t.get(ctx, &m, `SELECT m.id, m.held_on, m.protocol, m.title, m.created_by, m.created_at
		FROM votes v JOIN meetings m ON m.id = v.meeting_id
		WHERE v.document_id = ? AND v.revision = ? AND v.decision = 'approve'
		ORDER BY v.cast_at DESC LIMIT 1`, id, revision)
	if err != nil {
		return m, fmt.Errorf("approval meeting of document %d revision %d: %w", id, revision, err)
	}
	return m, nil
}

// CalendarExceptions returns the production calendar's exceptions by date.
func (t *Tx) CalendarExceptions(ctx context.Context) ([]calendar.Exception, error) {
	var list []calendar.Exception
	if err := t.selectAll(ctx, &list, `SELECT day, working, name FROM calendar_exceptions ORDER BY day`); err != nil {
		return nil, fmt.Errorf("list calendar exceptions: %w", err)
	}
	return list, nil
}

// Calendar returns the production calendar with its stored exceptions.
func (t *Tx) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	list, err := t.CalendarExceptions(ctx)
	if err != nil {
		return nil, err
	}
	return calendar.New(list)
}

// PutCalendarException stores or replaces the exception of one date.
func (t *Tx) PutCalendarException(ctx context.Context, e calendar.Exception) error {
	_, err := t.exec(ctx, `INSERT INTO calendar_exceptions (day, working, name) VALUES (?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET working = excluded.working, name = excluded.name`,
		e.Date, e.Working, e.Name)
	if err != nil {
		return fmt.Errorf("store calendar exception %s: %w", e.Date, err)
	}
	return nil
}

// DeleteCalendarException removes the exception of one date, or returns
// ErrNotFound.
func (t *Tx) DeleteCalendarException(ctx context.Context, day string) error {
	res, err := t.exec(ctx, `DELETE FROM calendar_exceptions WHERE day = ?`, day)
	if err != nil {
		return fmt.Errorf("delete calendar exception %s: %w", day, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("calendar exception %s: %w", day, ErrNotFound)
	}
	return nil
}
