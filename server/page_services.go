package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
)

type servicesView struct {
	Query       string
	Level       string
	Authority   string
	Stage       string
	Authorities []charts.Authority
	Services    []storage.ServiceListing
	// Next is the link to the next page, or "" on the last one.
	Next string
	// First is the link back to the first page when this is a later one.
	First    string
	CanDraft bool
	UserAuth string
}

var stageOptions = []option{
	{"", "все"},
	{storage.StagePassport, "с паспортом"},
	{storage.StageInteraction, "переведены на взаимодействие"},
	{storage.StageAgreed, "карта согласована"},
	{storage.StageApproved, "карта утверждена"},
}

// StageOptions lists the choices of the stage filter.
func (servicesView) StageOptions() []option { return stageOptions }

func (s *Server) servicesPage(c *gin.Context) error {
	v := servicesView{Query: c.Query("q"), Level: c.Query("level"), Authority: c.Query("authority"),
		Stage: c.Query("stage"), UserAuth: actor(c).Authority,
		CanDraft: s.flow.CanAny(actor(c), policies.ObjChart, policies.ActDraft)}
	if v.Level != "" && v.Level != charts.ServiceState && v.Level != charts.ServiceMunicipal {
		return badRequest("level", "unknown level "+v.Level)
	}
	if !storage.ValidStage(v.Stage) {
		return badRequest("stage", "unknown stage "+v.Stage)
	}
	f := storage.ServiceFilter{Query: v.Query, Level: v.Level, AuthorityCode: v.Authority,
		After: c.Query("after"), Limit: defaultPageLimit + 1}
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if v.Services, err = tx.ServicesAtStage(ctx(c), f, v.Stage); err != nil {
			return err
		}
		v.Authorities, err = tx.Authorities(ctx(c), "")
		return err
	})
	if err != nil {
		return err
	}
	q := url.Values{}
	for _, kv := range [][2]string{{"q", v.Query}, {"level", v.Level}, {"authority", v.Authority}, {"stage", v.Stage}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if len(v.Services) > defaultPageLimit {
		v.Services = v.Services[:defaultPageLimit]
		next := url.Values{}
		for k, vals := range q {
			next[k] = vals
		}
		next.Set("after", v.Services[len(v.Services)-1].Code)
		v.Next = "/services?" + next.Encode()
	}
	if f.After != "" {
		v.First = "/services?" + q.Encode()
	}
	s.render(c, http.StatusOK, "services", "Реестр услуг", v)
	return nil
}
