package transport

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

// gate holds an attempt back while the client-side limiter (WithRateLimit)
// or the server's spent quota (the last response said Remaining=0) says so.
type gate struct {
	client *Client
	next   http.RoundTripper
}

// RoundTrip waits for the limiter and the server's reset, then sends.
func (g *gate) RoundTrip(req *http.Request) (*http.Response, error) {
	c := g.client
	ctx := req.Context()
	if c.spent.Load() {
		info := c.RateLimit()
		if wait := time.Until(info.Reset); info.HasRemaining && info.Remaining <= 0 && wait > 0 {
			if err := c.waitReset(ctx, wait, info); err != nil {
				closeBody(req)
				return nil, err
			}
		}
	}
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			closeBody(req)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// The limiter refuses a wait that would outlast the deadline. An
			// *apierror.Error: the retry layer must not retry it.
			return nil, &apierror.Error{Err: fmt.Errorf("%w: the client-side rate limit (WithRateLimit) allows no request before it", context.DeadlineExceeded)}
		}
	}
	return g.next.RoundTrip(req)
}

// waitReset sleeps until the server's window resets, or fails at once with
// ErrRateLimited when that is later than the caller can wait.
func (c *Client) waitReset(ctx context.Context, wait time.Duration, info RateLimitInfo) error {
	limit := c.maxRateLimitWait
	if dl, ok := ctx.Deadline(); ok {
		limit = min(limit, time.Until(dl))
	}
	if wait > limit {
		return &apierror.Error{
			Kind:       apierror.ErrRateLimited,
			Message:    fmt.Sprintf("rate limit spent until %s; request not sent", info.Reset.UTC().Format(time.RFC3339)),
			RetryAfter: wait,
			RateLimit:  info,
		}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// closeBody honours the RoundTripper contract: the request body is closed
// even when the request is not sent.
func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}
