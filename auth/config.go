package auth

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/hostmatch"
)

// ClientAuth says where the client id and secret go in a token request.
type ClientAuth int

const (
	// InParams sends client_id and client_secret as form fields.
	InParams ClientAuth = iota
	// InHeader sends them as HTTP Basic authorization, each URL-encoded
	// first as RFC 6749 section 2.3.1 requires.
	InHeader
	// InBoth sends both (SPARETECH's two descriptions disagree).
	InBoth
)

// String names the style.
func (a ClientAuth) String() string {
	switch a {
	case InParams:
		return "InParams"
	case InHeader:
		return "InHeader"
	case InBoth:
		return "InBoth"
	}
	return "ClientAuth(invalid)"
}

// Config configures an OAuth grant.
type Config struct {
	TokenURL, ClientID, ClientSecret string
	Scopes                           []string
	ClientAuth                       ClientAuth
	HTTPClient                       *http.Client // for the token endpoint; nil: http.DefaultClient's transport
	Store                            Store        // nil: memory
	OnToken                          func(*Token) // called after every new token

	// Leeway is how long before Expiry a token is renewed; 0 means 30 s.
	// See CacheOptions.Leeway.
	Leeway time.Duration
	// Logger receives debug and warning records about token requests; never
	// a secret. nil: silent.
	Logger *slog.Logger
	// AllowInsecureHTTP lets the token request (which carries the client
	// secret or password) go over plain http to a non-loopback host.
	AllowInsecureHTTP bool
}

func (cfg *Config) cacheOptions() CacheOptions {
	return CacheOptions{Store: cfg.Store, OnToken: cfg.OnToken, Leeway: cfg.Leeway, Logger: cfg.Logger}
}

// validate rejects a configuration that cannot work before any request.
func (cfg *Config) validate() error {
	if cfg.TokenURL == "" {
		return invalid("Config.TokenURL", "is empty")
	}
	u, err := url.Parse(cfg.TokenURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return invalid("Config.TokenURL", "is not an absolute http(s) URL")
	}
	if u.User != nil {
		return invalid("Config.TokenURL", "must not contain user info")
	}
	if u.Scheme == "http" && !cfg.AllowInsecureHTTP && !hostmatch.Loopback(u.Hostname()) {
		return invalid("Config.TokenURL", "is plain http to the non-loopback host %q: credentials would travel unencrypted (set AllowInsecureHTTP to allow)", u.Hostname())
	}
	switch cfg.ClientAuth {
	case InParams, InHeader, InBoth:
	default:
		return invalid("Config.ClientAuth", "unknown value %d", int(cfg.ClientAuth))
	}
	if cfg.ClientAuth != InParams && cfg.ClientID == "" {
		return invalid("Config.ClientID", "is empty but ClientAuth %s sends it", cfg.ClientAuth)
	}
	return nil
}

func invalid(field, format string, args ...any) error {
	return apierror.Invalid("auth", field, format, args...)
}

// String describes cfg with its client secret redacted.
func (cfg Config) String() string {
	secret := `""`
	if cfg.ClientSecret != "" {
		secret = redacted
	}
	return fmt.Sprintf("auth.Config{TokenURL:%q ClientID:%q ClientSecret:%s Scopes:%q ClientAuth:%s}",
		cfg.TokenURL, cfg.ClientID, secret, cfg.Scopes, cfg.ClientAuth)
}

// GoString is String: %#v must not print the secret either.
func (cfg Config) GoString() string { return cfg.String() }

// Format makes every fmt verb print the redacted String form.
func (cfg Config) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, cfg.String()) }

// LogValue logs cfg without its client secret.
func (cfg Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("token_url", cfg.TokenURL),
		slog.String("client_id", cfg.ClientID),
		slog.String("client_secret", presence(cfg.ClientSecret)),
		slog.Any("scopes", cfg.Scopes),
		slog.String("client_auth", cfg.ClientAuth.String()),
	)
}
