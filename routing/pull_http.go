package routing

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// fetcher sends the GET requests of one pull.
type fetcher struct {
	base     string
	token    string
	client   *http.Client
	maxBytes int64
}

// response is a fetched document: status is http.StatusOK with body, or
// http.StatusNotModified without one.
type response struct {
	status int
	body   []byte
	url    string
}

// get fetches base+path. A non-empty etag is sent as If-None-Match, and only
// then is a 304 Not Modified response accepted.
func (f fetcher) get(ctx context.Context, path, etag string) (response, error) {
	url := f.base + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return response{}, fmt.Errorf("GET %s: %w", url, err)
	}
	if f.token != "" {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	req.Header.Set("Accept", "application/json")

	resp, err := f.client.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified && etag != "":
		return response{status: resp.StatusCode, url: url}, nil
	case resp.StatusCode != http.StatusOK:
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return response{}, fmt.Errorf("GET %s: status %s%s: %s",
			url, resp.Status, statusHint(resp.StatusCode), strings.TrimSpace(string(snippet)))
	}

	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return response{}, fmt.Errorf("GET %s: read body: %w", url, err)
	}
	if int64(len(body)) > f.maxBytes {
		return response{}, fmt.Errorf("GET %s: body is larger than the limit of %d bytes; raise PullOptions.MaxBodyBytes if the release is that large", url, f.maxBytes)
	}
	return response{status: resp.StatusCode, body: body, url: url}, nil
}

// getBody fetches base+path unconditionally.
func (f fetcher) getBody(ctx context.Context, path string) ([]byte, error) {
	resp, err := f.get(ctx, path, "")
	if err != nil {
		return nil, err
	}
	return resp.body, nil
}

func statusHint(code int) string {
	switch code {
	case http.StatusUnauthorized, http.StatusForbidden:
		return " (check the bearer token)"
	case http.StatusNotFound:
		return " (check the registry URL)"
	}
	return ""
}
