package transport

import (
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/ratelimit"
)

// RateLimitInfo is the rate-limit state the stack tracks (apierror.RateLimit).
type RateLimitInfo = ratelimit.Info

// inspector is the innermost layer above the base transport: it records the
// rate-limit state every response carries.
type inspector struct {
	client *Client
	next   http.RoundTripper
}

// RoundTrip sends the request and reads the response's rate-limit headers.
// A 429 whose only signal is Retry-After counts as "nothing remains until
// then", with the wait clamped like the retry layer's (to [0, maxWait]), so
// that the gate holds other requests back instead of letting them collect
// 429s too.
func (in *inspector) RoundTrip(req *http.Request) (*http.Response, error) {
	if cl := callOf(req.Context()); cl != nil {
		cl.reached.Store(true)
	}
	resp, err := in.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	switch {
	case ratelimit.Present(resp.Header):
		in.client.setRateLimit(ratelimit.FromHeaders(resp.Header, time.Now()))
	case resp.StatusCode == http.StatusTooManyRequests:
		now := time.Now()
		if d, ok := ratelimit.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
			in.client.setRateLimit(ratelimit.Info{HasRemaining: true, Reset: now.Add(clamp(d, in.client.maxWait))})
		}
	}
	return resp, err
}
