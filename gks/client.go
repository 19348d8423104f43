package gks

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/transport"
)

const vendor = "gks"

// DefaultTokenURL is Simutek's identity server, where client credentials are
// exchanged for access tokens. WithTokenURL overrides it.
const DefaultTokenURL = "https://id.simutek.se/connect/token"

// Credentials are the client id and secret Simutek issues when it registers
// your client in GKS4. String, GoString and LogValue redact the secret.
type Credentials struct {
	ClientID, ClientSecret string
}

// String shows the client id only.
func (c Credentials) String() string {
	return fmt.Sprintf("gks.Credentials{ClientID: %q, ClientSecret: %s}", c.ClientID, redacted(c.ClientSecret))
}

// GoString is String, so that %#v redacts too.
func (c Credentials) GoString() string { return c.String() }

// Format prints the redacted form under every verb: without it, verbs that
// bypass String (%d, %t) would print the fields.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue keeps the secret out of slog output.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", c.ClientID), slog.String("client_secret", redacted(c.ClientSecret)))
}

func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}

// Client talks to one GKS4 installation with one client registration. It is
// safe for concurrent use; share one per process so that the access token is
// shared too.
type Client struct {
	// Customers creates, reads and lists customers.
	Customers *CustomerService
	// SalesOrders places sales orders.
	SalesOrders *SalesOrderService

	core *core
}

// core is what every service shares.
type core struct {
	stack *transport.Client
	http  *http.Client
	// base is the API root with a trailing slash; the generated paths
	// (/api/v1/...) resolve against it.
	base *url.URL
	// ep are the operations' URLs, resolved once (endpoint.go).
	ep endpoints
}

// NewClient returns a client for the GKS4 API at the base URL given with
// WithBaseURL, which is required: Simutek does not publish the API host and
// gives it to you with your credentials. NewClient sends nothing; the first
// call fetches the token.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	if strings.TrimSpace(creds.ClientID) == "" {
		return nil, apierror.Invalid(vendor, "Credentials.ClientID", "must not be empty")
	}
	if creds.ClientSecret == "" {
		return nil, apierror.Invalid(vendor, "Credentials.ClientSecret", "must not be empty")
	}
	s := clientopt.Apply(opts)
	if strings.TrimSpace(s.BaseURL) == "" {
		// Quirk: the API host is not published (the vendor's samples show an empty Host).
		return nil, apierror.Invalid(vendor, "WithBaseURL", "the GKS4 API base URL is required and has no default: it is not published; obtain it from Simutek")
	}
	base, err := parseBase(s.BaseURL)
	if err != nil {
		return nil, err
	}
	tokenURL := DefaultTokenURL
	if s.TokenURL != "" {
		if _, err := parseURL("WithTokenURL", s.TokenURL); err != nil {
			return nil, err
		}
		tokenURL = s.TokenURL
	}
	scopes, _ := clientopt.VendorValue[[]string](s, keyScopes)
	ordersPath, err := salesOrderPath(s)
	if err != nil {
		return nil, err
	}

	// Quirk: the token host (id.simutek.se) is separate from the API host,
	// and it takes the client id and secret as form fields.
	src := auth.ClientCredentials(auth.Config{
		TokenURL:          tokenURL,
		ClientID:          creds.ClientID,
		ClientSecret:      creds.ClientSecret,
		Scopes:            scopes,
		ClientAuth:        auth.InParams,
		HTTPClient:        transport.NewTokenClient(vendor, s),
		Store:             s.TokenStore,
		Logger:            s.Logger,
		AllowInsecureHTTP: s.AllowInsecureHTTP,
	})
	stack, err := transport.New(transport.Config{
		Vendor:   vendor,
		Settings: s,
		Auth: func(next http.RoundTripper) http.RoundTripper {
			return auth.NewTransportWithOptions(src, next, auth.TransportOptions{Host: base.Host, AllowInsecureHTTP: s.AllowInsecureHTTP})
		},
		DecodeError: decodeError,
		Header:      http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	// The generated client is asked for its server URL only, so that the
	// endpoints resolve against exactly what its builders resolved against.
	gen, err := oapi.NewClient(base.String())
	if err != nil {
		return nil, fmt.Errorf("gks: %w", err)
	}
	ep, err := resolveEndpoints(gen.Server, base, ordersPath)
	if err != nil {
		return nil, fmt.Errorf("gks: %w", err)
	}
	c := &core{stack: stack, http: stack.HTTPClient(), base: base, ep: ep}
	return &Client{
		Customers:   &CustomerService{c: c},
		SalesOrders: &SalesOrderService{c: c},
		core:        c,
	}, nil
}

// RateLimit is the rate-limit state as of the last response. GKS4 publishes
// no rate limits, so it is zero unless the server starts sending headers.
func (c *Client) RateLimit() RateLimit { return c.core.stack.RateLimit() }

// BaseURL is the API root the client calls.
func (c *Client) BaseURL() string { return c.core.base.String() }

// parseBase checks the base URL and normalises it to end in "/", so that the
// generated paths resolve below it rather than replacing its last segment.
// A trailing /api/v1 is dropped: the paths in openapi.yaml carry it already.
func parseBase(raw string) (*url.URL, error) {
	u, err := parseURL("WithBaseURL", raw)
	if err != nil {
		return nil, err
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/api/v1")
	u.Path = p + "/"
	u.RawPath = ""
	return u, nil
}

// salesOrderPath is the WithSalesOrderPath override as a relative path below
// the base URL, "" when not set.
func salesOrderPath(s *clientopt.Settings) (string, error) {
	p, ok := clientopt.VendorValue[string](s, keySalesOrderPath)
	if !ok {
		return "", nil
	}
	rel := strings.TrimLeft(strings.TrimSpace(p), "/")
	u, err := url.Parse(rel)
	if rel == "" || err != nil || u.IsAbs() || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", apierror.Invalid(vendor, "WithSalesOrderPath", "%q is not a path below the base URL", p)
	}
	return rel, nil
}

func parseURL(field, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, apierror.Invalid(vendor, field, "%q is not an absolute http(s) URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, apierror.Invalid(vendor, field, "%q must not have a query or fragment", raw)
	}
	return u, nil
}
