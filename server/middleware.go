package server

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

const requestIDKey = "request_id"

func requestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// logRequests assigns each request an id, returns it in the X-Request-Id
// header and logs the request when it ends.
func (s *Server) logRequests(c *gin.Context) {
	b := make([]byte, 8)
	rand.Read(b)
	id := hex.EncodeToString(b)
	c.Set(requestIDKey, id)
	c.Header("X-Request-Id", id)
	start := time.Now()

	c.Next()

	s.log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request",
		slog.String("request_id", id), slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path), slog.Int("status", c.Writer.Status()),
		slog.Duration("duration", time.Since(start)), slog.String("login", c.GetString(loginKey)))
}

// recoverPanics turns a panic into a logged 500 with the request id.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic", "request_id", requestID(c), "path", c.Request.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.abortJSON(c, fmt.Errorf("panic: %v", v))
		}
	}()
	c.Next()
}

// securityHeaders sets headers that keep pages from being framed, sniffed
// or made to run inline scripts.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "+
		"img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	c.Next()
}

// limitBody caps request bodies: uploads at maxUpload, everything else at
// maxJSONBody. A handler reading past the cap gets an error that becomes
// 413.
func limitBody(c *gin.Context) {
	limit := int64(maxJSONBody)
	if strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		limit = maxUpload + 1<<20 // the form's own overhead
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	c.Next()
}
