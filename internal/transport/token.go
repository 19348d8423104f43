package transport

import (
	"context"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// NewTokenClient returns the *http.Client for a vendor's token endpoint: the
// user's base transport with User-Agent and logging, no auth and no retries
// (the token cache backs off on its own). Responses of every status come
// back as responses, so that the auth package can read OAuth error bodies.
func NewTokenClient(vendor string, s *clientopt.Settings) *http.Client {
	if s == nil {
		s = &clientopt.Settings{}
	}
	c := &Client{vendor: vendor, logger: s.Logger, base: baseTransport(s)}
	c.headers = defaultHeaders(vendor, s.UserAgent, nil)
	hc := &http.Client{Transport: &tokenTransport{client: c}}
	if s.HTTPClient != nil {
		hc.Timeout = s.HTTPClient.Timeout
	}
	// Token requests carry secrets in their bodies (client secrets,
	// passwords): a 307/308 would replay them to wherever it points. A
	// redirect comes back as the response, which the grant reports.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if hc.Timeout == 0 {
		// A token request that hangs would hold every caller waiting on the
		// token cache; bound it even when the user set no timeout.
		hc.Timeout = DefaultTokenTimeout
	}
	return hc
}

// DefaultTokenTimeout bounds a token request when the user's HTTP client
// sets no timeout.
const DefaultTokenTimeout = 30 * time.Second

// tokenTransport adds User-Agent and a request id, and logs the attempt
// (method, host, path, status: never the form body, which holds secrets).
type tokenTransport struct {
	client *Client
}

// RoundTrip sends the token request once.
func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.client
	cl := &call{Context: req.Context(), client: c, op: "token"}
	id := req.Header.Get(requestIDHeader)
	newID := ""
	if id == "" {
		id = newRequestID(&cl.idBuf)
		newID = id
	}
	cl.requestID = id
	r2 := req.WithContext(context.Context(cl))
	r2.Header = prepareHeader(req.Header, c.headers, newID, cl.headerVals[:0])
	start := time.Now()
	resp, err := c.base.RoundTrip(r2)
	if c.logger != nil {
		logAttempt(req.Context(), c.logger, c.vendor, cl, r2, 1, resp, err, time.Since(start))
	}
	return resp, err
}

// CloseIdleConnections closes the base transport's idle connections.
func (t *tokenTransport) CloseIdleConnections() { t.client.CloseIdleConnections() }
