package gks

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// Option configures NewClient.
type Option = clientopt.Option

// WithBaseURL sets the GKS4 API root, e.g. "https://gks4.example.com" or a
// gkstest server's URL(). It is required: Simutek does not publish the API
// host. The operation paths (/api/v1/...) are appended to it; a root that
// already ends in /api/v1 is accepted.
func WithBaseURL(u string) Option { return clientopt.WithBaseURL(u) }

// WithTokenURL sets the token endpoint; the default is DefaultTokenURL
// (https://id.simutek.se/connect/token).
func WithTokenURL(u string) Option { return clientopt.WithTokenURL(u) }

// WithHTTPClient makes c's Transport the base of the client's HTTP stack
// (for proxies, custom TLS, or test transports). It is also used for the
// token endpoint. Its Timeout is not used: give each call a context deadline.
func WithHTTPClient(c *http.Client) Option { return clientopt.WithHTTPClient(c) }

// WithRetry sets how often and how long reads (Get, List) are retried on
// 429, 502, 503, 504 and connection errors; max 0 disables retries.
// Creates are resent only after a 429, whatever this says.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return clientopt.WithRetry(max, minWait, maxWait)
}

// WithRateLimit turns on a client-side limiter of perSecond requests with
// the given burst. GKS4 publishes no rate limit; it is off by default.
func WithRateLimit(perSecond float64, burst int) Option {
	return clientopt.WithRateLimit(perSecond, burst)
}

// WithMaxRateLimitWait caps how long a request waits for a server-side
// rate-limit reset before failing with ErrRateLimited.
func WithMaxRateLimitWait(d time.Duration) Option { return clientopt.WithMaxRateLimitWait(d) }

// WithLogger logs requests and retries to l. Silent by default; the client
// secret and tokens are always redacted.
func WithLogger(l *slog.Logger) Option { return clientopt.WithLogger(l) }

// WithUserAgent prepends product to the SDK's User-Agent.
func WithUserAgent(product string) Option { return clientopt.WithUserAgent(product) }

// WithTokenStore keeps the access token in st, so that a restarted process
// or another replica reuses it. auth.NewFileStore is a ready-made store.
func WithTokenStore(st auth.Store) Option { return clientopt.WithTokenStore(st) }

// WithInsecureHTTP allows the token over plain http to a non-loopback host
// (loopback, as used by gkstest, is always allowed).
func WithInsecureHTTP() Option { return clientopt.WithInsecureHTTP() }

type vendorKey int

const (
	keyScopes vendorKey = iota
	keySalesOrderPath
)

// WithScopes sends a scope parameter in token requests. Simutek publishes no
// scopes and its examples send none, so by default none is sent.
func WithScopes(scopes ...string) Option {
	scopes = append([]string(nil), scopes...)
	return func(s *clientopt.Settings) { s.SetVendor(keyScopes, scopes) }
}

// WithSalesOrderPath overrides the path sales orders are posted to, relative
// to the base URL (e.g. "/api/v1/orders"). Simutek does not publish it; the
// default, /api/v1/salesorders, is an assumption (see the package doc).
func WithSalesOrderPath(p string) Option {
	return func(s *clientopt.Settings) { s.SetVendor(keySalesOrderPath, p) }
}
