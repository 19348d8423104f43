package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/ratelimit"
)

// retryableStatus lists the statuses worth another attempt: the server asked
// to slow down, or a gateway or the server is briefly unavailable. 500 is not
// among them: it usually means the request itself breaks the server.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// shouldRetry is the retry policy, a go-retryablehttp CheckRetry: it decides
// per attempt. It never returns an error: the loop hands back the last
// response or transport error unchanged.
func (c *Client) shouldRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl := callOf(ctx)
	if cl == nil || ctx.Err() != nil || !cl.replayable {
		return false, nil
	}
	if cl.noRetry && (err != nil || resp.StatusCode != http.StatusTooManyRequests) {
		// Only a 429 is resent: a refusal before any work, never applied.
		return false, nil
	}
	if err != nil {
		var ae *apierror.Error
		if errors.As(err, &ae) {
			// Our own gate refused: waiting longer is what it ruled out.
			return false, nil
		}
		if !cl.reached.Load() {
			// No token: the token cache has retried and backed off already;
			// another attempt would only ask the token endpoint again.
			return false, nil
		}
		if !cl.retrySafe && cl.wrote.Load() {
			// Sent, then the connection failed: the server may have applied
			// it. Never send a non-idempotent request twice.
			return false, nil
		}
		// go-retryablehttp knows the errors no retry can fix (bad scheme,
		// bad header, untrusted certificate, too many redirects).
		retry, _ := retryablehttp.ErrorPropagatedRetryPolicy(ctx, nil, err)
		return retry, nil
	}
	if !retryableStatus(resp.StatusCode) {
		return false, nil
	}
	if !cl.retrySafe && resp.StatusCode != http.StatusTooManyRequests {
		// A 429 is a refusal before any work, so even a non-idempotent
		// write is safe to send again; a gateway error may hide a success.
		return false, nil
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		if d, ok := ratelimit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && d > c.maxRateLimitWait {
			// The server wants a longer pause than the caller accepts
			// (WithMaxRateLimitWait): say so now instead of sleeping.
			return false, nil
		}
	}
	if int(cl.attempts.Load()) <= c.maxRetries {
		// Another attempt follows: keep what this response said (a vendor
		// Decoder may put a wait in the body) before the loop drains it.
		e := apierror.FromResponse(resp, c.vendor, c.decode)
		c.noteDecoded(e)
		cl.last.Store(e)
	}
	return true, nil
}

// retryWait is the go-retryablehttp Backoff: the server's Retry-After (header or
// decoded body) when it gave one, else exponential backoff with full jitter;
// always within [0, maxWait] (go-retryablehttp's own Retry-After handling
// overflows on huge values).
func (c *Client) retryWait(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := ratelimit.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return clamp(d, maxWait)
		}
		if resp.Request != nil {
			if cl := callOf(resp.Request.Context()); cl != nil {
				if last := cl.last.Load(); last != nil && last.RetryAfter > 0 {
					return clamp(last.RetryAfter, maxWait)
				}
			}
		}
	}
	return Jitter(minWait, maxWait, attemptNum)
}

// Jitter is exponential backoff with full jitter: a uniformly random wait in
// [0, min(maxWait, minWait*2^attempt)].
func Jitter(minWait, maxWait time.Duration, attempt int) time.Duration {
	ceiling := maxWait
	if attempt < 62 && minWait > 0 {
		if d := minWait << attempt; d > 0 && d>>attempt == minWait && d < maxWait {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

func clamp(d, maxWait time.Duration) time.Duration {
	return min(max(d, 0), maxWait)
}

// noteDecoded lets rate-limit state a vendor Decoder found in a body (e.g.
// Eryxon's rateLimitInfo) drive RateLimit() and the gate like headers do.
func (c *Client) noteDecoded(e *apierror.Error) {
	if e.RateLimit != (ratelimit.Info{}) {
		c.setRateLimit(e.RateLimit)
	}
}
