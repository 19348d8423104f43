// Package auth provides the token sources every vendor client authenticates
// with: OAuth client credentials, password (with rotating refresh tokens),
// static API keys and vendor-specific token endpoints, all behind one cache.
//
// CONTRACT STUB: the signatures below are binding; bodies are being written.
package auth

import (
	"context"
	"net/http"
	"time"
)

// Token is an access token with its optional refresh token and expiry.
// Its String, GoString and LogValue methods redact every secret.
type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
	// Expiry is when the access token stops working; zero means unknown
	// (the token is used until the server rejects it).
	Expiry time.Time
}

// Source hands out a valid token.
type Source interface {
	Token(ctx context.Context) (*Token, error)
}

// Invalidator is implemented by sources that can drop a token the server
// rejected, so that the next Token call fetches a new one.
type Invalidator interface {
	Invalidate(t *Token)
}

// Store persists tokens across restarts and replicas.
type Store interface {
	Load(ctx context.Context) (*Token, error) // (nil, nil) when empty
	Save(ctx context.Context, t *Token) error
}

// ClientAuth says where the client id and secret go in a token request.
type ClientAuth int

const (
	// InParams sends client_id and client_secret as form fields.
	InParams ClientAuth = iota
	// InHeader sends them as HTTP Basic authorization.
	InHeader
	// InBoth sends both (SPARETECH's two descriptions disagree).
	InBoth
)

// Config configures an OAuth grant.
type Config struct {
	TokenURL, ClientID, ClientSecret string
	Scopes                           []string
	ClientAuth                       ClientAuth
	HTTPClient                       *http.Client // for the token endpoint
	Store                            Store        // nil: memory
	OnToken                          func(*Token) // called after every new token
}

// Grant obtains a new token. current is the cached or stored token, possibly
// expired, possibly nil; a grant that can refresh uses current.RefreshToken.
type Grant func(ctx context.Context, current *Token) (*Token, error)

// CacheOptions configures NewCachedSource.
type CacheOptions struct {
	Store   Store
	OnToken func(*Token)
	// Leeway is how long before Expiry a token is renewed (default 30 s, with jitter).
	Leeway time.Duration
}

// NewCachedSource puts grant behind the shared token cache: single-flight
// refresh, early renewal, Store restore and save, backoff after failures.
// The returned Source also implements Invalidator.
func NewCachedSource(grant Grant, opts CacheOptions) Source { panic("auth: not implemented yet") }

// ClientCredentials is the OAuth client-credentials grant.
func ClientCredentials(cfg Config) Source { panic("auth: not implemented yet") }

// Password is the OAuth password grant followed by refresh_token grants.
func Password(cfg Config, username, password string) Source { panic("auth: not implemented yet") }

// Static is a fixed token, such as an API key.
func Static(token string) Source { panic("auth: not implemented yet") }

// NewMemoryStore returns an in-memory Store.
func NewMemoryStore() Store { panic("auth: not implemented yet") }

// NewFileStore returns a Store in a file written with 0600 permissions and
// replaced atomically.
func NewFileStore(path string) Store { panic("auth: not implemented yet") }

// TransportOptions configures NewTransportWithOptions.
type TransportOptions struct {
	// Host is the only host (host[:port], as in URL.Host) that receives the token.
	Host string
	// Header carries the token; default "Authorization".
	Header string
	// Scheme prefixes the token in Header; default "Bearer" (with a space) when
	// Header is Authorization, none otherwise.
	Scheme string
	// AllowInsecureHTTP lets the token go over plain http to a non-loopback host.
	AllowInsecureHTTP bool
}

// NewTransport attaches tokens from src as "Authorization: Bearer" to requests
// for host only, and on a 401 invalidates the token and replays once.
func NewTransport(src Source, base http.RoundTripper, host string) http.RoundTripper {
	return NewTransportWithOptions(src, base, TransportOptions{Host: host})
}

// NewTransportWithOptions is NewTransport with a choice of header.
func NewTransportWithOptions(src Source, base http.RoundTripper, opts TransportOptions) http.RoundTripper {
	panic("auth: not implemented yet")
}

// RetrieveError is an OAuth error response from a token endpoint.
type RetrieveError struct {
	StatusCode           int
	ErrorCode            string
	Description, Message string
}

func (e *RetrieveError) Error() string { return "auth: token request failed" }
