package server

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/storage"
)

// Sign-in throttling: maxLoginFailures wrong passwords for one login from
// one client address within loginFailureWindow lock that login for
// loginLockout, for every client address.
//
// NOTE: anyone who has a login name can keep its owner from signing in by
// sending five wrong passwords every 15 minutes. Sessions already open keep
// working. Behind a reverse proxy every client has the proxy's address.
const (
	maxLoginFailures   = 5
	loginFailureWindow = 15 * time.Minute
	loginLockout       = 15 * time.Minute
	// maxTrackedPairs bounds the memory that a flood of wrong logins from
	// many addresses can take. Past it, the oldest failure series is
	// forgotten first.
	maxTrackedPairs = 10000
)

// failureSeries counts the failed sign-ins of one login from one address
// since first.
type failureSeries struct {
	first time.Time
	count int
}

// loginLimiter tracks failed sign-ins in memory. Its zero value is ready
// to use. The counters reset when the process restarts.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[loginPair]*failureSeries
	// lockedUntil maps a login to the end of its lockout.
	lockedUntil map[string]time.Time
}

type loginPair struct {
	login string
	ip    string
}

// lockoutError is the 429 response to a sign-in of a locked login.
func lockoutError(login string, until, now time.Time) *httpError {
	minutes := int(math.Ceil(until.Sub(now).Minutes()))
	return &httpError{status: http.StatusTooManyRequests, code: "too_many_attempts", field: "login",
		message: fmt.Sprintf("too many failed sign-ins for %q; try again in %d minutes or ask an administrator",
			login, minutes)}
}

// lockedUntilTime returns the end of the login's lockout, or the zero time
// when the login is not locked at now.
func (l *loginLimiter) lockedUntilTime(login string, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	until, ok := l.lockedUntil[login]
	if !ok {
		return time.Time{}
	}
	if !now.Before(until) {
		delete(l.lockedUntil, login)
		return time.Time{}
	}
	return until
}

// recordFailure counts a wrong password and returns the end of the lockout
// that this failure starts, or the zero time when it starts none.
func (l *loginLimiter) recordFailure(login, ip string, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failures == nil {
		l.failures = make(map[loginPair]*failureSeries)
		l.lockedUntil = make(map[string]time.Time)
	}
	key := loginPair{login: login, ip: ip}
	series := l.failures[key]
	if series == nil || now.Sub(series.first) > loginFailureWindow {
		if series == nil && len(l.failures) >= maxTrackedPairs {
			l.forgetOldest(now)
		}
		series = &failureSeries{first: now}
		l.failures[key] = series
	}
	series.count++
	if series.count < maxLoginFailures {
		return time.Time{}
	}
	delete(l.failures, key)
	until := now.Add(loginLockout)
	l.lockedUntil[login] = until
	return until
}

// forgetOldest drops the expired failure series, or the oldest one when
// none has expired. The caller holds l.mu.
func (l *loginLimiter) forgetOldest(now time.Time) {
	var oldest loginPair
	var oldestFirst time.Time
	for key, series := range l.failures {
		if now.Sub(series.first) > loginFailureWindow {
			delete(l.failures, key)
			continue
		}
		if oldestFirst.IsZero() || series.first.Before(oldestFirst) {
			oldest, oldestFirst = key, series.first
		}
	}
	if len(l.failures) >= maxTrackedPairs {
		delete(l.failures, oldest)
	}
}

// recordSuccess clears the failures of the login from the address.
func (l *loginLimiter) recordSuccess(login, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, loginPair{login: login, ip: ip})
}

// checkLoginAllowed returns the 429 error for a sign-in of a locked login,
// or nil. Rejected attempts are logged, not audited, so a client cannot
// grow the audit log by retrying during a lockout.
func (s *Server) checkLoginAllowed(c *gin.Context, login string, now time.Time) error {
	until := s.logins.lockedUntilTime(login, now)
	if until.IsZero() {
		return nil
	}
	s.log.Warn("sign-in rejected during lockout", "request_id", requestID(c), "login", login,
		"client_ip", c.RemoteIP(), "locked_until", until)
	c.Header("Retry-After", strconv.Itoa(int(math.Ceil(until.Sub(now).Seconds()))))
	return lockoutError(login, until, now)
}

// recordLoginFailure counts a wrong password and audits it, together with
// the lockout it may start. The client address is the TCP peer: a
// X-Forwarded-For header is not trusted, because a client could send a new
// one with every guess to dodge the counter.
func (s *Server) recordLoginFailure(c *gin.Context, login string, now time.Time) {
	ip := c.RemoteIP()
	until := s.logins.recordFailure(login, ip, now)
	s.writeQuietly(c, func(tx *storage.Tx) error {
		err := tx.Audit(ctx(c), storage.AuditEntry{At: now, ActorLogin: login, Action: "login_failed",
			ObjectKind: "user", ObjectID: login, Comment: "from " + ip})
		if err != nil || until.IsZero() {
			return err
		}
		return tx.Audit(ctx(c), storage.AuditEntry{At: now, ActorLogin: login, Action: "login_locked",
			ObjectKind: "user", ObjectID: login, Comment: fmt.Sprintf("%d failed sign-ins from %s; locked until %s",
				maxLoginFailures, ip, until.UTC().Format(time.RFC3339))})
	})
	if !until.IsZero() {
		s.log.Warn("login locked", "request_id", requestID(c), "login", login, "client_ip", ip,
			"locked_until", until)
	}
}
