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
func (in *inspector) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := in.next.RoundTrip(req)
	if err == nil && resp != nil && ratelimit.Present(resp.Header) {
		in.client.setRateLimit(ratelimit.FromHeaders(resp.Header, time.Now()))
	}
	return resp, err
}
