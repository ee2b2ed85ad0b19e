// Package server serves pcii's JSON API and pages over HTTP with gin. The
// handlers are thin: they bind the request, call one method of workflow or
// storage, and render the response. The rules live in those packages.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/routing"
	"pcii/storage"
	"pcii/workflow"
)

// Config wires a Server.
type Config struct {
	Store    *storage.Store
	Workflow *workflow.Service
	Keys     *routing.KeyStore
	Logger   *slog.Logger
	// Region names the region in reports, such as "Самарская область".
	Region string
	// Location is the region's time zone for dates in pages and reports.
	Location *time.Location
	// SecureCookies marks cookies Secure; set it when serving over TLS.
	SecureCookies bool
	// SessionIdle ends a session after this long without a request.
	SessionIdle time.Duration
	// SessionMax ends a session this long after sign-in, whatever its use.
	SessionMax time.Duration
	// PointerTTL is how long a signed freshness pointer stays valid.
	PointerTTL time.Duration
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
}

// Server is the HTTP front of pcii.
type Server struct {
	cfg       Config
	store     *storage.Store
	flow      *workflow.Service
	keys      *routing.KeyStore
	log       *slog.Logger
	now       func() time.Time
	engine    *gin.Engine
	pointers  pointerCache
	gzipCache gzipCache
	logins    loginLimiter
}

// New builds the server and its route table.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = 2 * time.Hour
	}
	if cfg.SessionMax <= 0 {
		cfg.SessionMax = 12 * time.Hour
	}
	if cfg.PointerTTL <= 0 {
		cfg.PointerTTL = 24 * time.Hour
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{cfg: cfg, store: cfg.Store, flow: cfg.Workflow, keys: cfg.Keys, log: cfg.Logger,
		now: cfg.Now, engine: gin.New()}
	s.routes()
	return s
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.engine.ServeHTTP(w, r)
}

// ctx returns the request's context.
func ctx(c *gin.Context) context.Context { return c.Request.Context() }
