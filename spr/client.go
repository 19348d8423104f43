package spr

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/spr/internal/oapi"
)

const vendor = "spr"

// DefaultBaseURL is the site root the client calls unless WithBaseURL says
// otherwise.
const DefaultBaseURL = "https://sprautomotive.com"

// Client talks to the SPR Automotive API as one web user. It is safe for
// concurrent use; share one per process (and one token Store per user across
// processes), because SPR's refresh tokens rotate.
type Client struct {
	// Products reads single products, the vehicle catalog and the search.
	Products *ProductService
	// Inventory reads the customs-warehouse inventory (Guatemala only).
	Inventory *InventoryService

	core *core
}

// core is what the services share.
type core struct {
	stack  *transport.Client
	gen    *oapi.Client
	locale string
	root   *url.URL
	token  string
}

// NewClient checks the credentials and options and returns a client. It sends
// nothing: the first call logs in with the password grant (or resumes from the
// token Store), later renewals use the refresh_token grant.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	login, err := creds.validate()
	if err != nil {
		return nil, err
	}
	s := clientopt.Apply(opts)
	rawRoot := s.BaseURL
	if rawRoot == "" {
		rawRoot = DefaultBaseURL
	}
	root, err := parseRoot("WithBaseURL", rawRoot)
	if err != nil {
		return nil, err
	}
	tokenURL := s.TokenURL
	if tokenURL == "" {
		tokenURL = strings.TrimRight(root.String(), "/") + "/oauth/token"
	} else if _, err := parseRoot("WithTokenURL", tokenURL); err != nil {
		return nil, err
	}

	src := auth.Password(auth.Config{
		TokenURL:     tokenURL,
		ClientID:     strings.TrimSpace(creds.ClientID),
		ClientSecret: creds.ClientSecret,
		// The vendor's examples post client_id and client_secret as form fields.
		ClientAuth:        auth.InParams,
		HTTPClient:        acceptJSONClient(transport.NewTokenClient(vendor, s)),
		Store:             s.TokenStore,
		Logger:            s.Logger,
		AllowInsecureHTTP: s.AllowInsecureHTTP,
	}, login, creds.Password)

	stack, err := transport.New(transport.Config{
		Vendor:   vendor,
		Settings: s,
		Auth: func(next http.RoundTripper) http.RoundTripper {
			return auth.NewTransportWithOptions(src, next, auth.TransportOptions{Host: root.Host, AllowInsecureHTTP: s.AllowInsecureHTTP})
		},
		DecodeError: decodeError,
		// Quirk: without Accept: application/json Laravel answers errors with
		// HTML pages and redirects to its login form.
		Header: http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	server := root.String()
	if !strings.HasSuffix(server, "/") {
		server += "/"
	}
	gen, err := oapi.NewClient(server, oapi.WithHTTPClient(stack.HTTPClient()))
	if err != nil {
		return nil, err
	}
	c := &core{stack: stack, gen: gen, locale: creds.Locale, root: root, token: tokenURL}
	return &Client{
		Products:  &ProductService{c: c},
		Inventory: &InventoryService{c: c},
		core:      c,
	}, nil
}

// RateLimit is the rate-limit state as of the last response (zero when the
// server sends no throttle headers).
func (c *Client) RateLimit() RateLimit { return c.core.stack.RateLimit() }

// BaseURL is the site root the client calls.
func (c *Client) BaseURL() string { return c.core.root.String() }

// TokenURL is the OAuth token endpoint the client logs in at.
func (c *Client) TokenURL() string { return c.core.token }

// Locale is the region path segment of every call ("es_MX").
func (c *Client) Locale() string { return c.core.locale }

func parseRoot(field, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, apierror.Invalid(vendor, field, "%q is not an absolute http(s) URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, apierror.Invalid(vendor, field, "%q must not have a query or fragment", raw)
	}
	return u, nil
}

// call runs one generated request and decodes a 2xx JSON body into v.
func (c *core) call(ctx context.Context, op string, send func(ctx context.Context) (*http.Response, error), v any) error {
	resp, err := send(transport.WithOp(ctx, op))
	if err != nil {
		return transport.AsError(err)
	}
	return transport.DecodeJSON(resp, v)
}
