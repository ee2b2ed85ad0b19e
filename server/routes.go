package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/policies"
)

// maxJSONBody is the largest JSON request body accepted, in bytes: a chart
// of 200 rows of long texts stays well under it.
const maxJSONBody = 2 << 20

// routes is the whole route table with the authorization each group needs.
// Finer checks, such as the authority a chart belongs to, are made by the
// workflow for each document.
func (s *Server) routes() {
	r := s.engine
	r.HandleMethodNotAllowed = true
	r.Use(s.logRequests, s.recoverPanics, securityHeaders)
	r.NoRoute(s.notFound)
	r.NoMethod(s.api(func(c *gin.Context) error {
		return &httpError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
			message: c.Request.Method + " is not allowed on " + c.Request.URL.Path}
	}))

	api := r.Group("/api/v1", limitBody, s.identify, s.checkCSRF)
	api.POST("/login", s.api(s.apiLogin))
	api.POST("/logout", s.api(s.apiLogout))
	api.GET("/openapi.json", s.api(s.apiOpenAPI))

	authed := api.Group("", s.requireUser)
	authed.GET("/me", s.api(s.apiMe))

	registry := authed.Group("", s.allow(policies.ObjRegistry, policies.ActRead))
	registry.GET("/services", s.api(s.apiServices))
	registry.GET("/services/:code", s.api(s.apiService))
	registry.GET("/authorities", s.api(s.apiAuthorities))
	registry.GET("/data-kinds", s.api(s.apiDataKinds))
	registry.GET("/services.xlsx", s.api(s.apiRegistryExport))
	registry.GET("/services/template.xlsx", s.api(s.apiServicesTemplate))
	registry.GET("/search", s.api(s.apiSearch))
	authed.POST("/services/import", s.allow(policies.ObjRegistry, policies.ActManage), s.api(s.apiServicesImport))

	for _, kind := range []documentRoutes{chartRoutes, passportRoutes} {
		g := authed.Group("/"+kind.path, s.allow(string(kind.kind), policies.ActRead))
		g.GET("", s.api(s.apiListDocuments(kind.kind)))
		g.POST("", s.api(s.apiCreateDocument(kind.kind)))
		g.GET("/:id", s.api(s.apiDocument(kind.kind)))
		g.PUT("/:id", s.api(s.apiSaveDocument(kind.kind)))
		g.GET("/:id/revisions", s.api(s.apiRevisions(kind.kind)))
		g.GET("/:id/revisions/:n", s.api(s.apiRevision(kind.kind)))
		g.GET("/:id/diff", s.api(s.apiDiff(kind.kind)))
		g.POST("/:id/actions/:action", s.api(s.apiAct(kind.kind)))
		if kind.kind == charts.KindChart {
			g.POST("/:id/import", s.api(s.apiChartImport))
		}
	}

	routing := authed.Group("/routing", s.allow(policies.ObjRelease, policies.ActRead))
	routing.GET("", s.api(s.apiLatestRelease))
	routing.GET("/releases", s.api(s.apiReleases))
	routing.POST("/releases", s.api(s.apiPublish))
	routing.GET("/keys", s.api(s.apiKeys))
	routing.GET("/keys.sig", s.api(s.apiKeysSignature))
	routing.GET("/pointer", s.api(s.apiPointer))
	routing.GET("/:serial", s.api(s.apiRelease))
	routing.GET("/:serial/diff", s.api(s.apiReleaseDiff))

	meetings := authed.Group("/meetings", s.allow(policies.ObjMeeting, policies.ActRead))
	meetings.GET("", s.api(s.apiMeetings))
	meetings.POST("", s.api(s.apiCreateMeeting))
	meetings.GET("/:id", s.api(s.apiMeeting))
	meetings.POST("/:id/agenda", s.api(s.apiAddToAgenda))
	meetings.GET("/:id/protocol.xlsx", s.api(s.apiProtocolXLSX))

	authed.GET("/calendar", s.api(s.apiCalendar))
	calendarAdmin := authed.Group("/calendar", s.allow(policies.ObjRegistry, policies.ActManage))
	calendarAdmin.PUT("/:day", s.api(s.apiPutCalendarDay))
	calendarAdmin.DELETE("/:day", s.api(s.apiDeleteCalendarDay))

	reports := authed.Group("/reports", s.allow(policies.ObjReport, policies.ActRead))
	reports.GET("/progress.xlsx", s.api(s.apiProgressReport))

	s.pageRoutes(r)
}

// allow admits users whose role may do act on obj for some authority.
func (s *Server) allow(obj, act string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !s.flow.CanAny(actor(c), obj, act) {
			s.abortJSON(c, &httpError{status: http.StatusForbidden, code: "forbidden",
				message: "role " + actor(c).Role + " may not " + act + " " + obj})
			return
		}
		c.Next()
	}
}

func (s *Server) notFound(c *gin.Context) {
	if isPagePath(c.Request.URL.Path) {
		s.pageNotFound(c)
		return
	}
	s.abortJSON(c, &httpError{status: http.StatusNotFound, code: "not_found",
		message: "no such page or endpoint: " + c.Request.URL.Path})
}
