package server

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

// reviewWorkingDays is the term of the commission's review, in working
// days after the document entered review.
const reviewWorkingDays = 10

// queueItem is one document of a work queue.
type queueItem struct {
	charts.Document
	ServiceName string
	Href        string
	// Decided is set in the inbox when the viewer's authority has already
	// given its decision in the current round.
	Decided  bool
	Decision string
	Due      time.Time
	Overdue  bool
	// DiffHref compares the revision under review with the approved one.
	DiffHref string
}

type queueView struct {
	Items []queueItem
	Next  string
}

type reviewView struct {
	Charts    queueView
	Passports queueView
}

func (s *Server) inboxPage(c *gin.Context) error {
	a := actor(c)
	before, err := queryInt(c, "before", 0)
	if err != nil {
		return err
	}
	list, err := s.flow.List(ctx(c), a, storage.DocumentFilter{Kind: charts.KindChart, State: charts.StateAgreement,
		ProviderCode: a.Authority, Before: int64(before), Limit: defaultPageLimit + 1})
	if err != nil {
		return err
	}
	v, ids := queuePage(list, "/inbox")
	var services map[string]charts.Service
	var agreements map[int64][]storage.Agreement
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if services, err = tx.ServicesByCode(ctx(c), serviceCodes(v.Items)); err != nil {
			return err
		}
		agreements, err = tx.CurrentAgreementsOf(ctx(c), ids)
		return err
	})
	if err != nil {
		return err
	}
	for i := range v.Items {
		it := &v.Items[i]
		it.ServiceName = services[it.ServiceCode].Name
		it.Href = fmt.Sprintf("/charts/%d?highlight=%s", it.ID, a.Authority)
		for _, ag := range agreements[it.ID] {
			if ag.ProviderCode == a.Authority {
				it.Decided, it.Decision = true, ag.Decision
			}
		}
	}
	s.render(c, http.StatusOK, "inbox", "Входящие на согласование", v)
	return nil
}

// queuePage cuts a list fetched with one extra item into a page and the
// link to the next one.
func queuePage(list []charts.Document, path string) (queueView, []int64) {
	var v queueView
	if len(list) > defaultPageLimit {
		list = list[:defaultPageLimit]
		v.Next = fmt.Sprintf("%s?before=%d", path, list[len(list)-1].ID)
	}
	ids := make([]int64, len(list))
	for i, d := range list {
		v.Items = append(v.Items, queueItem{Document: d})
		ids[i] = d.ID
	}
	return v, ids
}

func serviceCodes(items []queueItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ServiceCode
	}
	return out
}

func (s *Server) reviewPage(c *gin.Context) error {
	a := actor(c)
	// Due dates count the working days of the stored production calendar,
	// so the administrator's transfers of days off move them.
	cal, err := s.flow.Calendar(ctx(c))
	if err != nil {
		return err
	}
	var v reviewView
	var all []queueItem
	for _, kind := range []charts.Kind{charts.KindChart, charts.KindPassport} {
		param := string(kind) + "_before"
		before, err := queryInt(c, param, 0)
		if err != nil {
			return err
		}
		list, err := s.flow.List(ctx(c), a, storage.DocumentFilter{Kind: kind, State: charts.StateReview,
			Before: int64(before), Limit: defaultPageLimit + 1})
		if err != nil {
			return err
		}
		q, _ := queuePage(list, "/review")
		if q.Next != "" {
			q.Next = fmt.Sprintf("/review?%s=%d", param, q.Items[len(q.Items)-1].ID)
		}
		now := s.now()
		for i := range q.Items {
			it := &q.Items[i]
			it.Href = fmt.Sprintf("/%ss/%d", kind, it.ID)
			it.Due = cal.AddWorkingDays(it.StateChangedAt.In(s.cfg.Location), reviewWorkingDays)
			it.Overdue = now.After(it.Due)
			if it.ApprovedRevision > 0 && it.ApprovedRevision != it.Revision {
				it.DiffHref = fmt.Sprintf("/%ss/%d/diff?from=%d&to=%d", kind, it.ID, it.ApprovedRevision, it.Revision)
			}
		}
		if kind == charts.KindChart {
			v.Charts = q
		} else {
			v.Passports = q
		}
		all = append(all, q.Items...)
	}
	var services map[string]charts.Service
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		services, err = tx.ServicesByCode(ctx(c), serviceCodes(all))
		return err
	})
	if err != nil {
		return err
	}
	for _, q := range []*queueView{&v.Charts, &v.Passports} {
		for i := range q.Items {
			q.Items[i].ServiceName = services[q.Items[i].ServiceCode].Name
		}
	}
	s.render(c, http.StatusOK, "review", "Экспертиза комиссии", v)
	return nil
}
