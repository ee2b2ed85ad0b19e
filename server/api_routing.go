package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"pcii/routing"
	"pcii/storage"
)

const releaseCacheControl = "no-cache"

func (s *Server) apiPublish(c *gin.Context) error {
	dryRun := c.Query("dry_run") == "1" || c.Query("dry_run") == "true"
	pub, err := s.flow.Publish(ctx(c), actor(c), dryRun)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if dryRun {
		status = http.StatusOK
	} else {
		c.Header("Location", "/api/v1/routing/"+strconv.FormatInt(pub.Serial, 10))
	}
	c.JSON(status, pub)
	return nil
}

func (s *Server) apiLatestRelease(c *gin.Context) error {
	var rel storage.Release
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if at := c.Query("at"); at != "" {
			t, perr := time.Parse(time.RFC3339, at)
			if perr != nil {
				return badRequest("at", "at "+strconv.Quote(at)+" is not a time; write it as 2012-03-01T00:00:00Z")
			}
			rel, err = tx.ReleaseAt(ctx(c), t)
			return err
		}
		rel, err = tx.LatestRelease(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	s.writeRelease(c, rel.Body)
	return nil
}

// writeRelease serves release bytes exactly as stored.
func (s *Server) writeRelease(c *gin.Context, body []byte) {
	s.writeCacheable(c, "application/json", body)
}

func (s *Server) apiRelease(c *gin.Context) error {
	param := c.Param("serial")
	serialText, isSig := strings.CutSuffix(param, ".sig")
	serial, err := strconv.ParseInt(serialText, 10, 64)
	if err != nil || serial <= 0 {
		return &httpError{status: http.StatusNotFound, code: "not_found", field: "serial",
			message: "release " + strconv.Quote(param) + " does not exist; serials are positive numbers"}
	}
	var rel storage.Release
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		rel, err = tx.ReleaseBySerial(ctx(c), serial)
		return err
	})
	if err != nil {
		return err
	}
	if isSig {
		sig := routing.Signature{KeyID: rel.KeyID, Algorithm: "Ed25519", Signature: rel.Signature}
		c.Header("Cache-Control", releaseCacheControl)
		c.Data(http.StatusOK, "application/json", routing.EncodeSignature(sig))
		return nil
	}
	s.writeRelease(c, rel.Body)
	return nil
}

func (s *Server) apiReleaseDiff(c *gin.Context) error {
	to, err := pathID(c, "serial")
	if err != nil {
		return err
	}
	from, err := queryInt(c, "from", 0)
	if err != nil {
		return err
	}
	var older, newer routing.Release
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		b, err := tx.ReleaseBySerial(ctx(c), to)
		if err != nil {
			return err
		}
		if newer, err = routing.Decode(b.Body); err != nil {
			return err
		}
		if from == 0 {
			return nil
		}
		a, err := tx.ReleaseBySerial(ctx(c), int64(from))
		if err != nil {
			return err
		}
		older, err = routing.Decode(a.Body)
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, routing.Compare(older, newer))
	return nil
}

func (s *Server) apiReleases(c *gin.Context) error {
	var list []storage.ReleaseSummary
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.Releases(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"releases": nonNil(list)})
	return nil
}

func (s *Server) apiKeys(c *gin.Context) error {
	s.writeCacheable(c, "application/jwk-set+json", s.keys.JWKS())
	return nil
}

func (s *Server) apiKeysSignature(c *gin.Context) error {
	s.writeCacheable(c, "application/json", s.keys.JWKSSignature())
	return nil
}

func (s *Server) apiPointer(c *gin.Context) error {
	doc, err := s.pointers.current(c, s)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/json", doc)
	return nil
}

// pointerCache holds the signed freshness pointer, re-signed when a quarter
// of its lifetime has passed or a newer release exists.
type pointerCache struct {
	mu     sync.Mutex
	doc    []byte
	issued time.Time
	// sha256 is the hash of the release doc points to.
	sha256 string
}

func (p *pointerCache) current(c *gin.Context, s *Server) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.reissue(ctx(c), s, false)
}

// reissue returns the signed pointer to the latest release, signing a new
// one when forced, when the cached one is a quarter of its lifetime old,
// or when a newer release was published. p.mu must be held.
func (p *pointerCache) reissue(ctx context.Context, s *Server, force bool) ([]byte, error) {
	now := s.now()
	var rel storage.Release
	err := s.store.Read(ctx, func(tx *storage.Tx) error {
		var err error
		rel, err = tx.LatestRelease(ctx)
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		return nil, &httpError{status: http.StatusNotFound, code: "not_found",
			message: "no routing release has been published yet"}
	}
	if err != nil {
		return nil, err
	}
	if !force && p.doc != nil && p.sha256 == rel.SHA256 && now.Sub(p.issued) < s.cfg.PointerTTL/4 {
		return p.doc, nil
	}
	doc, err := routing.IssuePointer(s.keys, rel.Body, now, s.cfg.PointerTTL)
	if err != nil {
		return nil, err
	}
	p.doc, p.issued, p.sha256 = doc, now, rel.SHA256
	return doc, nil
}

// RefreshPointers re-signs the freshness pointer every quarter of its
// lifetime until ctx ends, so clients see a pointer that is fresh even when
// no client fetched it for a while. Requests re-sign a stale pointer too.
func (s *Server) RefreshPointers(ctx context.Context) {
	ticker := time.NewTicker(s.cfg.PointerTTL / 4)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		s.pointers.mu.Lock()
		_, err := s.pointers.reissue(ctx, s, true)
		s.pointers.mu.Unlock()
		var herr *httpError
		if err != nil && !errors.As(err, &herr) {
			s.log.Error("re-sign routing pointer failed", "error", err)
		}
	}
}
