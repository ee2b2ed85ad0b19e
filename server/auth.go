package server

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/accounts"
	"pcii/storage"
	"pcii/workflow"
)

const (
	sessionCookie = "pcii_session"
	userKey       = "user"
	loginKey      = "login"
	sessionKey    = "session"
)

// identify finds the user behind a bearer token or a session cookie. A
// request with neither goes on anonymous; one with an invalid credential is
// treated the same, so a stale cookie leads to the login page.
func (s *Server) identify(c *gin.Context) {
	if auth := c.GetHeader("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			s.abortJSON(c, errUnauthorized)
			return
		}
		var u storage.User
		err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
			var err error
			u, err = tx.UserByToken(ctx(c), accounts.HashSecret(strings.TrimSpace(token)))
			return err
		})
		if err != nil || u.Disabled {
			s.abortJSON(c, errUnauthorized)
			return
		}
		s.setUser(c, u)
		c.Next()
		return
	}

	secret, err := c.Cookie(sessionCookie)
	if err == nil && secret != "" {
		if sess, u, ok := s.session(c, secret); ok {
			c.Set(sessionKey, sess)
			s.setUser(c, u)
		}
	}
	c.Next()
}

func (s *Server) setUser(c *gin.Context, u storage.User) {
	c.Set(userKey, u)
	c.Set(loginKey, u.Login)
}

// session loads a live session and moves its idle deadline. An expired or
// idle session is deleted.
func (s *Server) session(c *gin.Context, secret string) (storage.Session, storage.User, bool) {
	var sess storage.Session
	var u storage.User
	hash := accounts.HashSecret(secret)
	now := s.now()
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if sess, err = tx.SessionByHash(ctx(c), hash); err != nil {
			return err
		}
		u, err = tx.UserByID(ctx(c), sess.UserID)
		return err
	})
	if err != nil {
		return sess, u, false
	}
	if u.Disabled || now.After(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle {
		s.writeQuietly(c, func(tx *storage.Tx) error { return tx.DeleteSession(ctx(c), hash) })
		return sess, u, false
	}
	// Refresh the idle deadline at most once a minute, to spare a write.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		s.writeQuietly(c, func(tx *storage.Tx) error { return tx.TouchSession(ctx(c), hash, now) })
	}
	return sess, u, true
}

func (s *Server) writeQuietly(c *gin.Context, fn func(*storage.Tx) error) {
	if err := s.store.Write(ctx(c), fn); err != nil {
		s.log.Warn("session update failed", "request_id", requestID(c), "error", err)
	}
}

// currentUser returns the signed-in user, if any.
func currentUser(c *gin.Context) (storage.User, bool) {
	v, ok := c.Get(userKey)
	if !ok {
		return storage.User{}, false
	}
	return v.(storage.User), true
}

func actor(c *gin.Context) workflow.Actor {
	u, _ := currentUser(c)
	return workflow.ActorOf(u)
}

// requireUser responds with 401 to anonymous API requests.
func (s *Server) requireUser(c *gin.Context) {
	if _, ok := currentUser(c); !ok {
		s.abortJSON(c, errUnauthorized)
		return
	}
	c.Next()
}

// checkCSRF requires the session's CSRF token on every state-changing
// request that a session cookie authenticates. Bearer-token clients are not
// exposed to cross-site requests and need none.
func (s *Server) checkCSRF(c *gin.Context) {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		c.Next()
		return
	}
	v, ok := c.Get(sessionKey)
	if !ok {
		c.Next()
		return
	}
	want := v.(storage.Session).CSRFToken
	got := c.GetHeader("X-CSRF-Token")
	if got == "" {
		got = c.PostForm("csrf_token")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		s.abortJSON(c, &httpError{status: http.StatusForbidden, code: "csrf",
			message: "missing or wrong CSRF token; reload the page and try again"})
		return
	}
	c.Next()
}

// csrfToken returns the session's CSRF token for forms.
func csrfToken(c *gin.Context) string {
	if v, ok := c.Get(sessionKey); ok {
		return v.(storage.Session).CSRFToken
	}
	return ""
}

// signIn checks the credentials, opens a new session and sets its cookie.
// A new session id is issued at every sign-in.
func (s *Server) signIn(c *gin.Context, login, password string) (storage.User, storage.Session, error) {
	now := s.now()
	if err := s.checkLoginAllowed(c, login, now); err != nil {
		return storage.User{}, storage.Session{}, err
	}
	u, err := accounts.Authenticate(ctx(c), s.store, login, password)
	if errors.Is(err, accounts.ErrBadCredentials) {
		s.recordLoginFailure(c, login, now)
		return u, storage.Session{}, &httpError{status: http.StatusUnauthorized, code: "bad_credentials",
			field: "password", message: "wrong login or password"}
	}
	if err != nil {
		return u, storage.Session{}, err
	}
	secret := accounts.NewSecret()
	sess := storage.Session{IDHash: accounts.HashSecret(secret), UserID: u.ID,
		CSRFToken: accounts.NewSecret(), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionMax)}
	if old, err := c.Cookie(sessionCookie); err == nil && old != "" {
		s.writeQuietly(c, func(tx *storage.Tx) error { return tx.DeleteSession(ctx(c), accounts.HashSecret(old)) })
	}
	err = s.store.Write(ctx(c), func(tx *storage.Tx) error {
		if err := tx.InsertSession(ctx(c), sess); err != nil {
			return err
		}
		id := u.ID
		return tx.Audit(ctx(c), storage.AuditEntry{At: now, ActorID: &id, ActorLogin: u.Login,
			Action: "login", ObjectKind: "user", ObjectID: u.Login})
	})
	if err != nil {
		return u, sess, err
	}
	s.logins.recordSuccess(login, c.RemoteIP())
	s.setCookie(c, sessionCookie, secret, int(s.cfg.SessionMax.Seconds()))
	c.Set(sessionKey, sess)
	s.setUser(c, u)
	return u, sess, nil
}

func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies || c.Request.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// signOut deletes the session and its cookie.
func (s *Server) signOut(c *gin.Context) error {
	if secret, err := c.Cookie(sessionCookie); err == nil && secret != "" {
		err := s.store.Write(ctx(c), func(tx *storage.Tx) error {
			return tx.DeleteSession(ctx(c), accounts.HashSecret(secret))
		})
		if err != nil {
			return err
		}
	}
	s.setCookie(c, sessionCookie, "", -1)
	return nil
}
