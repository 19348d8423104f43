package sparetech

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// Option configures NewClient.
type Option = clientopt.Option

// WithBaseURL sets the v1 API root, e.g. "https://sync.sparetech.io/v1" or a
// sparetechtest server's URL(). It overrides the environment's v1 root. When
// u ends in "/v1", the v2 root is u with "/v2" in its place; otherwise set
// the v2 root with WithBaseURLV2 (v2 calls fail with ErrInvalidInput until
// then). The token endpoint defaults to u + "/oauth/token".
func WithBaseURL(u string) Option { return clientopt.WithBaseURL(u) }

// WithTokenURL sets the token endpoint: /oauth/token, or /auth with
// WithLegacyAuth. The default is derived from the v1 root.
func WithTokenURL(u string) Option { return clientopt.WithTokenURL(u) }

// WithHTTPClient makes c's Transport the base of the client's HTTP stack
// (for proxies, custom TLS, or test transports). Its Timeout is not used:
// give each call a context deadline instead.
func WithHTTPClient(c *http.Client) Option { return clientopt.WithHTTPClient(c) }

// WithRetry sets how often and how long idempotent requests (the GETs) are
// retried on 429, 502, 503, 504 and connection errors; max 0 disables
// retries. Confirm, reject and material writes are resent only after a 429.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return clientopt.WithRetry(max, minWait, maxWait)
}

// WithRateLimit turns on a client-side limiter of perSecond requests with
// the given burst. SPARETECH publishes no request rate limit; it is off by default.
func WithRateLimit(perSecond float64, burst int) Option {
	return clientopt.WithRateLimit(perSecond, burst)
}

// WithMaxRateLimitWait caps how long a request waits for a server-side
// rate-limit reset before failing with ErrRateLimited.
func WithMaxRateLimitWait(d time.Duration) Option { return clientopt.WithMaxRateLimitWait(d) }

// WithLogger logs requests and retries to l. Silent by default; secrets
// (client secret, tokens) are always redacted.
func WithLogger(l *slog.Logger) Option { return clientopt.WithLogger(l) }

// WithUserAgent prepends product to the SDK's User-Agent.
func WithUserAgent(product string) Option { return clientopt.WithUserAgent(product) }

// WithTokenStore keeps the access token in st, so that a restarted process
// (or another replica) reuses it instead of spending one of the day's
// rationed tokens. auth.NewFileStore is a ready-made store.
func WithTokenStore(st auth.Store) Option { return clientopt.WithTokenStore(st) }

// WithInsecureHTTP allows credentials and tokens over plain http to a
// non-loopback host (loopback, as used by sparetechtest, is always allowed).
func WithInsecureHTTP() Option { return clientopt.WithInsecureHTTP() }

type vendorKey int

const (
	keyEnvironment vendorKey = iota
	keyBaseURLV2
	keyLegacyAuth
)

// WithEnvironment selects Production (the default) or Sandbox, with their v1
// and v2 roots and token endpoint. WithBaseURL and WithBaseURLV2 override it.
func WithEnvironment(env Environment) Option {
	return func(s *clientopt.Settings) { s.SetVendor(keyEnvironment, env) }
}

// WithBaseURLV2 sets the v2 root used by MaterialsV2 and IntentsV2, e.g.
// "https://sync.sparetech.io/v2".
func WithBaseURLV2(u string) Option {
	return func(s *clientopt.Settings) { s.SetVendor(keyBaseURLV2, u) }
}

// WithLegacyAuth fetches tokens from the deprecated JSON endpoint /auth
// instead of /oauth/token. Use it only for a tenant whose /oauth/token does
// not work: the vendor marks /auth deprecated.
func WithLegacyAuth() Option {
	return func(s *clientopt.Settings) { s.SetVendor(keyLegacyAuth, true) }
}
