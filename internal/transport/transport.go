package transport

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/ratelimit"
)

// Version is the SDK version sent in the User-Agent.
const Version = "0.1.0"

// Defaults applied when the user did not choose.
const (
	DefaultMaxRetries       = 3
	DefaultMinWait          = 500 * time.Millisecond
	DefaultMaxWait          = 30 * time.Second
	DefaultMaxRateLimitWait = time.Minute
)

// Config is what a vendor package passes to New.
type Config struct {
	// Vendor names the API in the User-Agent, logs and errors ("sparetech").
	Vendor string
	// Settings are the user's options.
	Settings *clientopt.Settings
	// Auth wraps the inner RoundTripper with credentials, e.g.
	// func(next) { return auth.NewTransport(src, next, host) }. nil: no auth.
	Auth func(next http.RoundTripper) http.RoundTripper
	// DecodeError decodes the vendor's error envelope into *apierror.Error.
	DecodeError apierror.Decoder
	// Header is sent on every request unless the request sets it (e.g. Accept).
	Header http.Header
}

// Client is the configured stack.
type Client struct {
	http   *http.Client
	vendor string
	decode apierror.Decoder
	logger *slog.Logger
	base   http.RoundTripper

	// headers are set on every request that lacks them (User-Agent first).
	headers []headerDefault

	// inner is the chain below the retry loop.
	inner http.RoundTripper
	// checkRetry and backoff are the retry policy, in go-retryablehttp's shapes.
	checkRetry       retryablehttp.CheckRetry
	backoff          retryablehttp.Backoff
	maxRetries       int
	minWait, maxWait time.Duration

	limiter          *rate.Limiter
	maxRateLimitWait time.Duration

	mu   sync.Mutex
	last ratelimit.Info
	// spent mirrors "last said Remaining=0", so that the gate reads one
	// atomic instead of taking the lock on every attempt.
	spent atomic.Bool
}

type headerDefault struct {
	key   string // canonical
	value []string
}

// New builds the stack. Responses with status >= 400 and requests that got
// no response come back from the *http.Client as errors wrapping
// *apierror.Error (use AsError to unwrap *url.Error).
func New(cfg Config) (*Client, error) {
	s := cfg.Settings
	if s == nil {
		s = &clientopt.Settings{}
	}
	c := &Client{
		vendor:           cfg.Vendor,
		decode:           cfg.DecodeError,
		logger:           s.Logger,
		base:             baseTransport(s),
		maxRetries:       DefaultMaxRetries,
		minWait:          DefaultMinWait,
		maxWait:          DefaultMaxWait,
		maxRateLimitWait: DefaultMaxRateLimitWait,
	}
	if s.RetrySet {
		c.maxRetries, c.minWait, c.maxWait = max(s.MaxRetries, 0), max(s.MinWait, 0), max(s.MaxWait, 0)
		if c.maxWait < c.minWait {
			c.maxWait = c.minWait
		}
	}
	if s.MaxRateLimitWait > 0 {
		c.maxRateLimitWait = s.MaxRateLimitWait
	}
	if s.RatePerSecond > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(s.RatePerSecond), max(s.RateBurst, 1))
	}
	c.headers = defaultHeaders(cfg.Vendor, s.UserAgent, cfg.Header)

	// Inner layers, innermost first. None follows redirects: only the outer
	// *http.Client does, so that the auth layer sees every hop's host.
	var rt http.RoundTripper = &inspector{client: c, next: c.base}
	if cfg.Auth != nil {
		rt = cfg.Auth(rt)
	}
	rt = &gate{client: c, next: rt}
	rt = &attempt{client: c, next: rt}

	c.inner = rt
	c.checkRetry = c.shouldRetry
	c.backoff = c.retryWait

	outer := &http.Client{Transport: &front{client: c}}
	if hc := s.HTTPClient; hc != nil {
		outer.Timeout = hc.Timeout
		outer.CheckRedirect = hc.CheckRedirect
		outer.Jar = hc.Jar
	}
	c.http = outer
	return c, nil
}

// HTTPClient is the client to hand to a generated oapi client (HttpRequestDoer).
func (c *Client) HTTPClient() *http.Client { return c.http }

// RateLimit is the rate-limit state as of the last response that carried
// rate-limit headers (or the last NoteRateLimit, or a Decoder's finding);
// responses without them leave it unchanged. Safe for concurrent use.
func (c *Client) RateLimit() ratelimit.Info {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// NoteRateLimit records rate-limit state a vendor package found outside the
// headers (e.g. in a 2xx body): RateLimit() returns it and the quota gate
// acts on it, exactly as if a response had carried it in X-RateLimit-*.
// Error bodies need no call: what the Decoder sets in Error.RateLimit is used.
func (c *Client) NoteRateLimit(info ratelimit.Info) {
	if info != (ratelimit.Info{}) {
		c.setRateLimit(info)
	}
}

// setRateLimit records the rate-limit state of a response.
func (c *Client) setRateLimit(info ratelimit.Info) {
	c.mu.Lock()
	c.last = info
	c.spent.Store(info.HasRemaining && info.Remaining <= 0)
	c.mu.Unlock()
}

// CloseIdleConnections closes the idle connections of the base transport.
func (c *Client) CloseIdleConnections() {
	if ci, ok := c.base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}
