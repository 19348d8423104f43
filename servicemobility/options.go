package servicemobility

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// Option configures NewClient.
type Option = clientopt.Option

// WithBaseURL replaces the baseURL given to NewClient (for options that come
// from shared configuration), e.g. "https://custom.servicemobility.com" or a
// servicemobilitytest server's URL().
func WithBaseURL(u string) Option { return clientopt.WithBaseURL(u) }

// WithTokenURL sets the full URL of Create JWT, overriding
// WithCreateJWTPath (for a tenant whose login lives on another host).
func WithTokenURL(u string) Option { return clientopt.WithTokenURL(u) }

// WithHTTPClient makes c's Transport the base of the client's HTTP stack
// (proxies, custom TLS, test transports); its Timeout bounds each call.
func WithHTTPClient(c *http.Client) Option { return clientopt.WithHTTPClient(c) }

// WithRetry sets how often and how long idempotent requests are retried on
// 429, 502, 503, 504 and connection errors; max 0 disables retries. A parts
// order is a POST, resent only after a 429: resending could order twice.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return clientopt.WithRetry(max, minWait, maxWait)
}

// WithRateLimit turns on a client-side limiter of perSecond requests with
// the given burst. ServiceMobility publishes no rate limit; off by default.
func WithRateLimit(perSecond float64, burst int) Option {
	return clientopt.WithRateLimit(perSecond, burst)
}

// WithMaxRateLimitWait caps how long a request waits for a server-side
// rate-limit reset before failing with ErrRateLimited.
func WithMaxRateLimitWait(d time.Duration) Option { return clientopt.WithMaxRateLimitWait(d) }

// WithLogger logs requests to l. Silent by default; the password, the JWT
// and the customer code are never logged.
func WithLogger(l *slog.Logger) Option { return clientopt.WithLogger(l) }

// WithUserAgent prepends product to the SDK's User-Agent.
func WithUserAgent(product string) Option { return clientopt.WithUserAgent(product) }

// WithTokenStore keeps the JWT in st, so that a restarted process (or
// another replica) reuses it until it expires instead of logging in again.
func WithTokenStore(st auth.Store) Option { return clientopt.WithTokenStore(st) }

// WithInsecureHTTP allows the JWT, the login and the customer code over
// plain http to a non-loopback host (loopback is always allowed).
func WithInsecureHTTP() Option { return clientopt.WithInsecureHTTP() }

type vendorKey int

const (
	keyCreateJWTPath vendorKey = iota
	keyCustomerCode
)

// DefaultCreateJWTPath is where Create JWT is documented. Whether it sits
// under /seiapi/v3 on a given tenant is not published.
const DefaultCreateJWTPath = "/createjwt"

// WithCreateJWTPath sets the path of Create JWT below the base URL (default
// DefaultCreateJWTPath), e.g. "/seiapi/v3/createjwt".
func WithCreateJWTPath(p string) Option {
	return func(s *clientopt.Settings) { s.SetVendor(keyCreateJWTPath, p) }
}

type customerCode struct{ id, code string }

// WithCustomerCode selects the legacy CCT authentication: the customerid
// and customercode query parameters on every request instead of a JWT. CCT
// gives full admin access; ServicePower prefers JWTs. The code is redacted
// from logs and errors. Give NewClient an empty Login with it.
func WithCustomerCode(customerID, code string) Option {
	return func(s *clientopt.Settings) { s.SetVendor(keyCustomerCode, customerCode{customerID, code}) }
}
