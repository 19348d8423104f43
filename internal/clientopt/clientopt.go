package clientopt

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/auth"
)

// Settings is what the shared options configure. Vendor-specific options keep
// their values in Vendor under a key of their own.
type Settings struct {
	// BaseURL is the API root (WithBaseURL); empty means the vendor's default.
	BaseURL string
	// TokenURL is the OAuth token endpoint (WithTokenURL); empty means the vendor's default.
	TokenURL string
	// HTTPClient's Transport becomes the base of the stack and its Timeout,
	// CheckRedirect and Jar apply to every call (WithHTTPClient).
	HTTPClient *http.Client
	// RetrySet is true when WithRetry was given; otherwise the transport defaults apply.
	RetrySet bool
	// MaxRetries is how many times a failed request is sent again (0: never).
	MaxRetries int
	// MinWait and MaxWait bound the backoff: attempt i waits a random time in
	// [0, min(MaxWait, MinWait*2^i)], and a server's Retry-After is clamped to MaxWait.
	MinWait time.Duration
	MaxWait time.Duration
	// RatePerSecond > 0 turns the client-side limiter on.
	RatePerSecond float64
	// RateBurst is how many requests may go out at once before the limiter
	// paces them (at least 1).
	RateBurst int
	// MaxRateLimitWait caps how long a request waits for a server-side rate-limit
	// reset before failing with ErrRateLimited; 0 means the transport default.
	MaxRateLimitWait time.Duration
	// Logger receives one record per attempt; nil is silent.
	Logger *slog.Logger
	// UserAgent is a product prefixed to the SDK's User-Agent ("myerp/1.2").
	UserAgent string
	// AllowInsecureHTTP lets tokens travel over plain http to a non-loopback host.
	AllowInsecureHTTP bool
	// TokenStore persists OAuth tokens; nil means in memory.
	TokenStore auth.Store
	vendor     map[any]any
}

// Option configures a client.
type Option func(*Settings)

// Apply builds Settings from opts, skipping nil options.
func Apply(opts []Option) *Settings {
	s := &Settings{}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return s
}

// SetVendor stores a vendor-specific option value under key.
func (s *Settings) SetVendor(key, value any) {
	if s.vendor == nil {
		s.vendor = make(map[any]any)
	}
	s.vendor[key] = value
}

// VendorValue returns the vendor-specific option stored under key.
func VendorValue[T any](s *Settings, key any) (T, bool) {
	v, ok := s.vendor[key].(T)
	return v, ok
}

// WithBaseURL sets the API root.
func WithBaseURL(u string) Option { return func(s *Settings) { s.BaseURL = u } }

// WithTokenURL sets the token endpoint.
func WithTokenURL(u string) Option { return func(s *Settings) { s.TokenURL = u } }

// WithHTTPClient makes c's Transport the base of the stack.
func WithHTTPClient(c *http.Client) Option { return func(s *Settings) { s.HTTPClient = c } }

// WithRetry sets the retry policy; max 0 disables retries.
func WithRetry(max int, minWait, maxWait time.Duration) Option {
	return func(s *Settings) {
		s.RetrySet, s.MaxRetries, s.MinWait, s.MaxWait = true, max, minWait, maxWait
	}
}

// WithRateLimit turns on a client-side limiter.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(s *Settings) { s.RatePerSecond, s.RateBurst = perSecond, burst }
}

// WithMaxRateLimitWait caps the wait for a server-side rate-limit reset.
func WithMaxRateLimitWait(d time.Duration) Option {
	return func(s *Settings) { s.MaxRateLimitWait = d }
}

// WithLogger sets the logger; the default is silent.
func WithLogger(l *slog.Logger) Option { return func(s *Settings) { s.Logger = l } }

// WithUserAgent sets a product prefixed to the SDK's User-Agent.
func WithUserAgent(product string) Option { return func(s *Settings) { s.UserAgent = product } }

// WithInsecureHTTP allows credentials over plain http to non-loopback hosts.
func WithInsecureHTTP() Option { return func(s *Settings) { s.AllowInsecureHTTP = true } }

// WithTokenStore persists OAuth tokens (and rotated refresh tokens) in st.
func WithTokenStore(st auth.Store) Option { return func(s *Settings) { s.TokenStore = st } }
