package servicemobility

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/hostmatch"
	"github.com/partsync/partsync-go/internal/transport"
)

// Client calls ServiceMobility's own REST API as one user. It is safe for
// concurrent use; share one per process so that the JWT is shared too.
type Client struct {
	// PartsOrdering submits parts orders (the Parts Ordering REST API).
	PartsOrdering *PartsOrderingClient

	stack *transport.Client
	base  *url.URL
}

// NewClient returns a client for the ServiceMobility tenant at baseURL
// (required: the host is per tenant and not published), e.g.
// "https://custom.servicemobility.com". It logs in lazily: the first call
// posts login to Create JWT (/createjwt unless WithCreateJWTPath or
// WithTokenURL say otherwise) and every call then carries the JWT in
// x-access-token. With WithCustomerCode, login must be empty and every call
// carries customerid and customercode instead. NewClient sends nothing.
func NewClient(baseURL string, login Login, opts ...Option) (*Client, error) {
	s := clientopt.Apply(opts)
	if s.BaseURL != "" {
		baseURL = s.BaseURL
	}
	base, err := parseBase("baseURL", baseURL)
	if err != nil {
		return nil, err
	}
	if err := checkPlainHTTP("baseURL", base, s); err != nil {
		return nil, err
	}
	cct, useCCT := clientopt.VendorValue[customerCode](s, keyCustomerCode)
	if useCCT {
		if strings.TrimSpace(cct.id) == "" || cct.code == "" {
			return nil, apierror.Invalid(vendor, "WithCustomerCode", "customer id and code must not be empty")
		}
		if login != (Login{}) {
			return nil, apierror.Invalid(vendor, "login", "give either a Login or WithCustomerCode, not both")
		}
	} else {
		if strings.TrimSpace(login.Username) == "" {
			return nil, apierror.Invalid(vendor, "Login.Username", "must not be empty")
		}
		if login.Password == "" {
			return nil, apierror.Invalid(vendor, "Login.Password", "must not be empty")
		}
	}

	var wrap func(next http.RoundTripper) http.RoundTripper
	decode := decodeError
	if useCCT {
		// An error body may quote the customer code in prose ("credential
		// cc-... is not valid"), where no key names it as a secret.
		decode = func(e *apierror.Error, resp *http.Response, body []byte) {
			decodeError(e, resp, body)
			e.RedactValues(cct.code)
		}
		wrap = func(next http.RoundTripper) http.RoundTripper {
			return &cctTransport{id: cct.id, code: cct.code, host: hostmatch.New(base.Host), next: next, allowInsecure: s.AllowInsecureHTTP}
		}
	} else {
		tokenURL, err := createJWTURL(base, s)
		if err != nil {
			return nil, err
		}
		if err := checkPlainHTTP("WithTokenURL", tokenURL, s); err != nil {
			return nil, err
		}
		grant := loginGrant(transport.NewTokenClient(vendor, s), base, tokenURL, login)
		src := auth.NewCachedSource(grant, auth.CacheOptions{Store: s.TokenStore, Logger: s.Logger})
		wrap = func(next http.RoundTripper) http.RoundTripper {
			// Quirk: ServiceMobility takes the JWT in x-access-token, without a scheme, not in Authorization.
			return auth.NewTransportWithOptions(src, next, auth.TransportOptions{
				Host: base.Host, Header: "x-access-token", AllowInsecureHTTP: s.AllowInsecureHTTP,
			})
		}
	}
	stack, err := transport.New(transport.Config{
		Vendor:      vendor,
		Settings:    s,
		Auth:        wrap,
		DecodeError: decode,
		Header:      http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	c := &Client{stack: stack, base: base}
	c.PartsOrdering = &PartsOrderingClient{c: c}
	return c, nil
}

// RateLimit is the rate-limit state as of the last response (usually zero:
// ServiceMobility publishes no rate-limit headers).
func (c *Client) RateLimit() RateLimit { return c.stack.RateLimit() }

// BaseURL is the tenant root the client calls.
func (c *Client) BaseURL() string { return c.base.String() }

// decodeError: ServiceMobility's error bodies are descriptive text, which
// becomes Message; a 401 also matches ErrInvalidLogon.
func decodeError(e *apierror.Error, resp *http.Response, _ []byte) {
	if resp.StatusCode == http.StatusUnauthorized {
		e.Kind = ErrInvalidLogon
	}
}

func parseBase(field, raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, apierror.Invalid(vendor, field, "is required: ServiceMobility's host is per tenant (e.g. https://custom.servicemobility.com)")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, apierror.Invalid(vendor, field, "%q is not an absolute http(s) URL", apierror.SafeURL(u))
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, apierror.Invalid(vendor, field, "%q must not have a query, fragment or user info", apierror.SafeURL(u))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// checkPlainHTTP refuses credentials over plain http to a host that is not
// loopback, unless WithInsecureHTTP: the password, the JWT or the customer
// code would cross the network in clear.
func checkPlainHTTP(field string, u *url.URL, s *clientopt.Settings) error {
	if u.Scheme == "http" && !s.AllowInsecureHTTP && !hostmatch.Loopback(u.Hostname()) {
		return apierror.Invalid(vendor, field, "%q is plain http to a remote host: credentials would travel in clear (use https, or WithInsecureHTTP)", apierror.SafeURL(u))
	}
	return nil
}

func createJWTURL(base *url.URL, s *clientopt.Settings) (*url.URL, error) {
	if s.TokenURL != "" {
		u, err := url.Parse(s.TokenURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return nil, apierror.Invalid(vendor, "WithTokenURL", "%q is not an absolute http(s) URL", apierror.SafeURL(u))
		}
		return u, nil
	}
	p, _ := clientopt.VendorValue[string](s, keyCreateJWTPath)
	if p == "" {
		p = DefaultCreateJWTPath
	}
	rel, err := url.Parse(strings.TrimPrefix(p, "/"))
	if err != nil || rel.IsAbs() || rel.Host != "" {
		return nil, apierror.Invalid(vendor, "WithCreateJWTPath", "%q is not a path", p)
	}
	return base.ResolveReference(rel), nil
}
