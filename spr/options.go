package spr

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// Option configures NewClient.
type Option = clientopt.Option

// WithBaseURL sets the site root, default "https://sprautomotive.com". The
// client adds "/{locale}/api/..." to it, so pass the root, not an API path;
// a root with a path (a proxy prefix) keeps that path.
func WithBaseURL(u string) Option { return clientopt.WithBaseURL(u) }

// WithTokenURL sets the OAuth token endpoint, default "<site root>/oauth/token".
func WithTokenURL(u string) Option { return clientopt.WithTokenURL(u) }

// WithHTTPClient makes c's Transport the base of the client's HTTP stack
// (proxies, TLS settings, test transports). Retries, auth and rate limits are
// layered on top of it.
func WithHTTPClient(c *http.Client) Option { return clientopt.WithHTTPClient(c) }

// WithRetry sets how often a failed idempotent request (every SPR call is a
// GET) is retried and the bounds of the backoff; max 0 disables retries.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return clientopt.WithRetry(max, minWait, maxWait)
}

// WithRateLimit turns on a client-side limiter of perSecond requests with the
// given burst. Off by default.
func WithRateLimit(perSecond float64, burst int) Option {
	return clientopt.WithRateLimit(perSecond, burst)
}

// WithMaxRateLimitWait caps how long a request waits for the server's rate-limit
// window to reset before it fails with ErrRateLimited.
func WithMaxRateLimitWait(d time.Duration) Option { return clientopt.WithMaxRateLimitWait(d) }

// WithLogger logs requests, retries and token renewals to l. Silent by
// default; tokens, passwords and client secrets are never logged.
func WithLogger(l *slog.Logger) Option { return clientopt.WithLogger(l) }

// WithUserAgent prepends product to the SDK's User-Agent.
func WithUserAgent(product string) Option { return clientopt.WithUserAgent(product) }

// WithTokenStore keeps the access and refresh tokens in st instead of memory.
// SPR rotates refresh tokens: every refresh kills the previous pair, so a
// process that restarts, or several replicas sharing one user, must share a
// Store (auth.NewFileStore, or your own on Redis or a database) to resume
// without logging in again.
func WithTokenStore(st auth.Store) Option { return clientopt.WithTokenStore(st) }

// WithInsecureHTTP allows tokens to travel over plain http to a host that is
// not the loopback interface (a local proxy). Never use it on the internet.
func WithInsecureHTTP() Option { return clientopt.WithInsecureHTTP() }
