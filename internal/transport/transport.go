// Package transport builds the HTTP stack every vendor client uses:
// retries, rate limits, auth, logging and error decoding, in the order of
// ARCHITECTURE.md.
//
// CONTRACT STUB: the signatures below are binding; bodies are being written.
package transport

import (
	"context"
	"net/http"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/ratelimit"
)

// Version is the SDK version sent in the User-Agent.
const Version = "0.1.0"

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
	http *http.Client
}

// New builds the stack. Responses with status >= 400 and requests that got
// no response come back from the *http.Client as errors wrapping
// *apierror.Error (use AsError to unwrap *url.Error).
func New(cfg Config) (*Client, error) {
	base := http.DefaultTransport
	if cfg.Settings != nil && cfg.Settings.HTTPClient != nil && cfg.Settings.HTTPClient.Transport != nil {
		base = cfg.Settings.HTTPClient.Transport
	}
	rt := base
	if cfg.Auth != nil {
		rt = cfg.Auth(rt)
	}
	return &Client{http: &http.Client{Transport: rt}}, nil
}

// HTTPClient is the client to hand to a generated oapi client (HttpRequestDoer).
func (c *Client) HTTPClient() *http.Client { return c.http }

// RateLimit is the rate-limit state as of the last response.
func (c *Client) RateLimit() ratelimit.Info { return ratelimit.Info{} }

// NewTokenClient returns the *http.Client for a vendor's token endpoint: the
// user's base transport with User-Agent and logging, no auth and no retries
// (the token cache backs off on its own).
func NewTokenClient(vendor string, s *clientopt.Settings) *http.Client {
	if s != nil && s.HTTPClient != nil {
		return s.HTTPClient
	}
	return http.DefaultClient
}

// Idempotent marks a POST as safe to retry (the vendor makes it an upsert or
// the caller supplied an idempotency key).
func Idempotent(ctx context.Context) context.Context { return ctx }

// NoRetry marks a request that must never be sent twice, whatever its method.
func NoRetry(ctx context.Context) context.Context { return ctx }

// WithOp names the operation for errors and logs ("creation-intents.confirm").
func WithOp(ctx context.Context, op string) context.Context { return ctx }

// AsError unwraps *url.Error so that callers get *apierror.Error (or the
// original error) at the top.
func AsError(err error) error { return err }

// DecodeJSON decodes a 2xx response body into v, drains and closes the body.
// A body that is not JSON (HTML error page, truncated, wrong content type,
// too large) becomes an *apierror.Error matching apierror.ErrDecode.
func DecodeJSON(resp *http.Response, v any) error { panic("transport: not implemented yet") }

// Discard drains and closes a response body whose content is not needed
// ("OK" bodies), so that the connection is reused.
func Discard(resp *http.Response) { panic("transport: not implemented yet") }
