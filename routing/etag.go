package routing

import "strings"

// ETag returns the strong entity tag of served bytes: the SHA-256 hex of b in
// double quotes. For a release it is the release's sha256 in quotes.
func ETag(b []byte) string {
	return `"` + SHA256Hex(b) + `"`
}

// MatchesIfNoneMatch reports whether an If-None-Match header value matches
// the current entity tag etag, so that the server must respond to a GET with
// 304 Not Modified. It follows RFC 9110 section 13.1.2: "*" matches any current
// representation, and otherwise the header is a comma-separated list of
// entity tags compared with etag by weak comparison, so W/"x" matches "x".
// An empty etag means there is no current representation and matches
// nothing. A malformed header matches nothing, so the server sends the full
// response, which is always safe.
func MatchesIfNoneMatch(header, etag string) bool {
	current, ok := opaqueTag(etag)
	if !ok {
		return false
	}
	header = strings.Trim(header, " \t")
	if header == "*" {
		return true
	}

	matched := false
	for header != "" {
		header = strings.TrimLeft(header, " \t")
		// RFC 9110 section 5.6.1 lets a recipient accept empty list elements.
		if strings.HasPrefix(header, ",") {
			header = header[1:]
			continue
		}

		tag, rest, ok := cutEntityTag(header)
		if !ok {
			return false
		}
		if tag == current {
			matched = true
		}

		rest = strings.TrimLeft(rest, " \t")
		if rest != "" && rest[0] != ',' {
			return false
		}
		header = rest
	}
	return matched
}

// opaqueTag returns the quoted opaque part of a single entity tag.
func opaqueTag(etag string) (string, bool) {
	tag, rest, ok := cutEntityTag(etag)
	if !ok || rest != "" {
		return "", false
	}
	return tag, true
}

// cutEntityTag splits the entity tag at the start of s, with an optional W/
// prefix, from the rest of s. The tag is returned in quotes without W/.
func cutEntityTag(s string) (tag, rest string, ok bool) {
	s = strings.TrimPrefix(s, "W/")
	if !strings.HasPrefix(s, `"`) {
		return "", "", false
	}
	end := strings.IndexByte(s[1:], '"')
	if end < 0 {
		return "", "", false
	}
	tag = s[:end+2]
	for i := 1; i < len(tag)-1; i++ {
		// etagc is %x21 / %x23-7E / obs-text, so no spaces or controls.
		if c := tag[i]; c < 0x21 || c == 0x7f {
			return "", "", false
		}
	}
	return tag, s[end+2:], true
}
