package server

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"pcii/routing"
)

// writeCacheable serves immutable-by-content bytes with a strong ETag, the
// SHA-256 of the bytes, and responds 304 to a matching If-None-Match. A
// client that accepts gzip gets the compressed form under its own strong
// ETag (the same hash with a "-gzip" suffix), because strong validators must
// differ between representations. Either tag in If-None-Match matches.
func (s *Server) writeCacheable(c *gin.Context, contentType string, body []byte) {
	identity := routing.ETag(body)
	gzipTag := strings.TrimSuffix(identity, `"`) + `-gzip"`
	useGzip := acceptsGzip(c.GetHeader("Accept-Encoding")) && len(body) >= minGzipBytes

	h := c.Writer.Header()
	h.Set("Cache-Control", releaseCacheControl)
	h.Add("Vary", "Accept-Encoding")
	tag := identity
	if useGzip {
		tag = gzipTag
	}
	h.Set("ETag", tag)
	inm := c.GetHeader("If-None-Match")
	if inm != "" && (routing.MatchesIfNoneMatch(inm, identity) || routing.MatchesIfNoneMatch(inm, gzipTag)) {
		c.Status(http.StatusNotModified)
		return
	}
	if !useGzip {
		c.Data(http.StatusOK, contentType, body)
		return
	}
	h.Set("Content-Encoding", "gzip")
	c.Data(http.StatusOK, contentType, s.gzipCache.compress(identity, body))
}

// minGzipBytes is the size under which compression saves too little to
// be worth a second representation.
const minGzipBytes = 256

func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// gzipCache keeps the compressed form of recently served bodies, keyed by
// their ETag. gzip output with a zero header time is the same for the same
// input, so the cache changes nothing a client can observe.
type gzipCache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

// maxGzipEntries bounds the cache; releases are few and served mostly in
// their latest version.
const maxGzipEntries = 16

func (g *gzipCache) compress(key string, body []byte) []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	if b, ok := g.entries[key]; ok {
		return b
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if g.entries == nil || len(g.entries) >= maxGzipEntries {
		g.entries = make(map[string][]byte)
	}
	g.entries[key] = buf.Bytes()
	return buf.Bytes()
}
