package auth

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

// renewTime is when t is due for renewal: its expiry minus the leeway minus
// a jitter of up to half the leeway, so that many clients (or replicas) do
// not renew in step. The leeway shrinks to a quarter of a short token's
// lifetime; for a token of unknown lifetime (restored, no IssuedAt) to a
// quarter of what is left. Zero when t has no expiry.
func (c *cache) renewTime(t *Token) time.Time {
	if t.Expiry.IsZero() {
		return time.Time{}
	}
	lifetime := t.Expiry.Sub(t.IssuedAt)
	if t.IssuedAt.IsZero() || lifetime <= 0 {
		lifetime = time.Until(t.Expiry)
	}
	leeway := min(c.leeway, lifetime/4)
	if leeway <= 0 {
		return t.Expiry
	}
	jitter := time.Duration(rand.Int64N(int64(leeway/2) + 1))
	return t.Expiry.Add(-leeway - jitter)
}

// backoff is the wait after n failures in a row: MinBackoff doubling up to
// MaxBackoff.
func (c *cache) backoff(n int) time.Duration {
	d := c.minBackoff
	for i := 1; i < n && d < c.maxBackoff; i++ {
		d *= 2
	}
	return min(d, c.maxBackoff)
}

// retryAfterOf finds a Retry-After in a token request's error, from our own
// RetrieveError or from a vendor grant's *apierror.Error.
func retryAfterOf(err error) (time.Duration, bool) {
	var re *RetrieveError
	if errors.As(err, &re) && re.RetryAfter > 0 {
		return re.RetryAfter, true
	}
	var ae *apierror.Error
	if errors.As(err, &ae) && ae.RetryAfter > 0 {
		return ae.RetryAfter, true
	}
	return 0, false
}
