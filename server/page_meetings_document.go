package server

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

// fillMeetings adds to a document page the approval requisites of the
// approved revision and, for a commission member who may vote on it, the
// meetings whose agenda lists the document.
func (s *Server) fillMeetings(c *gin.Context, v *documentView, d workflow.Detail) error {
	if d.ApprovedRevision > 0 {
		req, err := s.flow.Requisites(ctx(c), d.ID, d.ApprovedRevision)
		if err != nil {
			return err
		}
		v.Requisites = req
	}
	if !s.flow.Can(actor(c), d.AuthorityCode, string(d.Kind), policies.ActVote) {
		return nil
	}
	return s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		v.Meetings, err = tx.MeetingsOfDocument(ctx(c), d.ID)
		return err
	})
}

// postedMeetingID reads the meeting a vote is cast in from the action
// form; 0, a missing or a malformed value mean outside a meeting, and the
// workflow rejects a meeting whose agenda lacks the document.
func postedMeetingID(c *gin.Context) int64 {
	id, err := strconv.ParseInt(c.PostForm("meeting_id"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// Day writes a meeting date 2006-01-02 as 02.01.2006.
func (documentView) Day(d string) string { return russianDay(d) }
