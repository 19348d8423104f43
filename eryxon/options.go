package eryxon

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// Option configures NewClient.
type Option = clientopt.Option

// WithBaseURL sets the API root: the Supabase functions root of the
// deployment, e.g. "https://<project>.supabase.co/functions/v1", or an
// eryxontest server's URL(). It is required: Eryxon is self-hostable, so
// there is no default.
func WithBaseURL(u string) Option { return clientopt.WithBaseURL(u) }

// WithHTTPClient makes c's Transport the base of the client's HTTP stack
// (proxies, custom TLS, test transports). Its Timeout is not used: give each
// call a context deadline instead.
func WithHTTPClient(c *http.Client) Option { return clientopt.WithHTTPClient(c) }

// WithRetry sets how often and how long retryable requests are retried on
// 429, 502, 503, 504 and connection errors; max 0 disables retries. GETs,
// Sync (PUT, an upsert), BulkSync and ERP sync (upserts keyed by
// external_source and external_id) are retryable; a 500 is never retried.
// Every retry spends one request of the plan's daily budget.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return clientopt.WithRetry(max, minWait, maxWait)
}

// WithRateLimit turns on a client-side limiter of perSecond requests with
// the given burst. Eryxon limits requests per day, not per second; use this
// to spread a large sync.
func WithRateLimit(perSecond float64, burst int) Option {
	return clientopt.WithRateLimit(perSecond, burst)
}

// WithMaxRateLimitWait caps how long a request waits for the daily budget to
// reset. Eryxon's window is 24 hours, so a 429 usually asks for a wait of
// hours: when the wait is longer than d the call fails at once with
// ErrRateLimited, and the error's RateLimit.Reset says when to come back.
func WithMaxRateLimitWait(d time.Duration) Option { return clientopt.WithMaxRateLimitWait(d) }

// WithLogger logs requests and retries to l. Silent by default; the API key
// is always redacted.
func WithLogger(l *slog.Logger) Option { return clientopt.WithLogger(l) }

// WithUserAgent prepends product to the SDK's User-Agent.
func WithUserAgent(product string) Option { return clientopt.WithUserAgent(product) }

// WithInsecureHTTP allows the API key over plain http to a non-loopback host
// (a self-hosted deployment without TLS). Loopback, as used by eryxontest,
// is always allowed.
func WithInsecureHTTP() Option { return clientopt.WithInsecureHTTP() }
