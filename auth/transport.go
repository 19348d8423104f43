package auth

import (
	"io"
	"net/http"

	"github.com/partsync/partsync-go/internal/hostmatch"
)

// TransportOptions configures NewTransportWithOptions.
type TransportOptions struct {
	// Host is the only host (host[:port], as in URL.Host) that receives the token.
	// A missing port matches the scheme's default port.
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
//
// Requests for any other host (a redirect elsewhere, an absolute link to a
// CDN) go out without a token. A token is never sent over plain http to a
// non-loopback host unless AllowInsecureHTTP is set: such a request fails
// before anything is sent. After a 401 the transport invalidates the token
// (if src is an Invalidator) and replays the request once with a new token
// when its body can be replayed (no body, or GetBody set) and the source
// has a different token; otherwise the 401 is returned as is. If getting a
// new token fails, that error is returned instead of the 401. With an empty
// Host every request fails: a token that may go nowhere is a
// misconfiguration. A nil base means http.DefaultTransport.
func NewTransportWithOptions(src Source, base http.RoundTripper, opts TransportOptions) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	t := &authTransport{src: src, base: base, allowInsecure: opts.AllowInsecureHTTP}
	t.header = http.CanonicalHeaderKey(opts.Header)
	if t.header == "" {
		t.header = "Authorization"
	}
	t.scheme = opts.Scheme
	if t.scheme == "" && t.header == "Authorization" {
		t.scheme = "Bearer"
	}
	t.host = hostmatch.New(opts.Host)
	return t
}

type authTransport struct {
	src           Source
	base          http.RoundTripper
	header        string
	scheme        string
	host          hostmatch.Host
	allowInsecure bool
}

var errNoHost = invalid("TransportOptions.Host", "is empty, so no request may carry the token")

// RoundTrip implements http.RoundTripper.
func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.host.Empty() {
		closeBody(req)
		return nil, errNoHost
	}
	if !t.host.Matches(req.URL) {
		return t.base.RoundTrip(req)
	}
	if req.URL.Scheme != "https" && !t.allowInsecure && !hostmatch.Loopback(req.URL.Hostname()) {
		closeBody(req)
		return nil, invalid("request URL", "refusing to send a token over %s to %s (only https, or http to a loopback host; set AllowInsecureHTTP to allow)", req.URL.Scheme, req.URL.Host)
	}
	tok, err := t.src.Token(req.Context())
	if err != nil {
		closeBody(req)
		return nil, err
	}
	resp, err := t.base.RoundTrip(t.withToken(req, tok, req.Body))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return scrubErrorBody(resp, tok), err
	}
	inv, ok := t.src.(Invalidator)
	if !ok {
		return scrubErrorBody(resp, tok), nil
	}
	inv.Invalidate(tok)
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return scrubErrorBody(resp, tok), nil
	}
	next, err := t.src.Token(req.Context())
	if err != nil {
		// The token error (a quota, a revoked client) says more than the 401.
		discard(resp)
		return nil, err
	}
	if next.AccessToken == tok.AccessToken {
		// Nothing new to try (a static key): the 401 is the answer.
		return scrubErrorBody(resp, tok), nil
	}
	body := req.Body
	if req.GetBody != nil {
		if body, err = req.GetBody(); err != nil {
			return scrubErrorBody(resp, tok), nil
		}
	}
	discard(resp)
	resp, err = t.base.RoundTrip(t.withToken(req, next, body))
	return scrubErrorBody(resp, next), err
}

// withToken copies req with its own header map (a RoundTripper must not
// modify its request) and sets the token header. A shallow copy is enough:
// nothing else is changed, and it costs fewer allocations than Clone.
func (t *authTransport) withToken(req *http.Request, tok *Token, body io.ReadCloser) *http.Request {
	r := new(http.Request)
	*r = *req
	r.Body = body
	h := req.Header.Clone()
	if h == nil {
		h = make(http.Header, 1)
	}
	if t.scheme != "" {
		h[t.header] = []string{t.scheme + " " + tok.AccessToken}
	} else {
		h[t.header] = []string{tok.AccessToken}
	}
	r.Header = h
	return r
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// discard drains a little of a response we drop, so the connection can be
// reused, and closes it.
func discard(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
	_ = resp.Body.Close()
}
