package sparetech

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
)

// Every call builds its request here rather than through the generated
// builders, which style the id by reflection, parse the document's server
// URL, format and resolve the path, and parse the result again, after which
// the request had to be moved onto the configured root. The roots are
// resolved once per client; the id is escaped as the builders escape it
// (url.PathEscape) and the query encoded as they encode it (url.QueryEscape
// in the generated order). TestRequestsMatchGenerated and
// FuzzRequestMatchesGenerated hold the two to the same wire.

// root is a v1 or v2 root resolved for building request URLs.
type root struct {
	u *url.URL // nil: unknown (v2 without a known root)
	// prefix is scheme://host and the escaped root path without its
	// trailing slash; "" when the root is unusual (a non-default path
	// escaping, an empty port, userinfo, a bare "?") and each URL is built
	// field by field as the generated requests were moved onto it.
	prefix string
}

func newRoot(u *url.URL) root {
	if u == nil {
		return root{}
	}
	r := root{u: u}
	if u.RawPath == "" && u.User == nil && !u.ForceQuery && !strings.HasSuffix(u.Host, ":") {
		r.prefix = (&url.URL{Scheme: u.Scheme, Host: u.Host}).String() + strings.TrimRight(u.EscapedPath(), "/")
		if p, err := url.Parse(r.prefix); err != nil || p.Host != u.Host || p.Path != strings.TrimRight(u.Path, "/") {
			r.prefix = "" // a host that does not survive the round trip: build exactly
		}
	}
	return r
}

// request is one operation on its way to the wire.
type request struct {
	op     string
	v2     bool   // under the v2 root
	write  bool   // never sent twice: no idempotency keys exist
	method string // GET or POST
	path   string // under the root, before the id: "/creation-intents"
	id     string // path parameter; "" for none
	tail   string // after the id: "/confirm"
	query  string // encoded, without "?"
	body   any    // sent as JSON; nil for none
}

// send builds r, sends it, and returns the 2xx response (its body for the
// caller to decode or discard) or the classified error.
func (c *core) send(ctx context.Context, r request) (*http.Response, error) {
	var body *bytes.Reader
	if r.body != nil {
		buf, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("sparetech: %s: building the request: %w", r.op, err)
		}
		body = bytes.NewReader(buf)
	}
	rt := c.v1
	if r.v2 {
		rt = c.v2
		if rt.u == nil {
			return nil, apierror.Invalid(vendor, "WithBaseURLV2", "the v2 root is unknown: the v1 root does not end in /v1; set WithBaseURLV2")
		}
	}
	ctx = transport.WithOp(ctx, r.op)
	if r.write {
		// No idempotency keys exist: a repeated confirm, reject or material
		// write has undocumented effects, so it is never retried.
		ctx = transport.NoRetry(ctx)
	}
	req, err := rt.newRequest(ctx, &r, body)
	if err != nil {
		return nil, fmt.Errorf("sparetech: %s: building the request: %w", r.op, err)
	}
	if body != nil {
		req.Header.Add("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, classify(r.op, transport.AsError(err))
	}
	return resp, nil
}

// newRequest makes r's request on rt with the URL the generated builder
// and the move onto the root made.
func (rt root) newRequest(ctx context.Context, r *request, body *bytes.Reader) (*http.Request, error) {
	esc := url.PathEscape(r.id)
	var (
		req *http.Request
		err error
	)
	if rt.prefix != "" {
		var b strings.Builder
		b.Grow(len(rt.prefix) + len(r.path) + 1 + len(esc) + len(r.tail) + 1 + len(r.query))
		b.WriteString(rt.prefix)
		b.WriteString(r.path)
		if r.id != "" {
			b.WriteByte('/')
			b.WriteString(esc)
		}
		b.WriteString(r.tail)
		if r.query != "" {
			b.WriteByte('?')
			b.WriteString(r.query)
		}
		req, err = newHTTPRequest(ctx, r.method, b.String(), body)
		return req, err
	}
	u := rt.exact(r, esc)
	if req, err = newHTTPRequest(ctx, r.method, "", body); err != nil {
		return nil, err
	}
	req.URL, req.Host = u, u.Host
	return req, nil
}

// exact is r's URL on an unusual root, field by field: the root's path
// joined with the request's, and a raw (escaped) path only when the id's
// escaping is not the default one, as parsing the generated URL gave.
func (rt root) exact(r *request, esc string) *url.URL {
	sub, rawSub := r.path, r.path
	if r.id != "" {
		sub += "/" + r.id
		rawSub += "/" + esc
	}
	sub += r.tail
	rawSub += r.tail
	u := *rt.u
	u.Path = strings.TrimRight(rt.u.Path, "/") + sub
	u.RawPath = ""
	if esc != (&url.URL{Path: "/" + r.id}).EscapedPath()[1:] {
		u.RawPath = strings.TrimRight(rt.u.EscapedPath(), "/") + rawSub
	}
	u.RawQuery = r.query
	return &u
}

// newHTTPRequest is http.NewRequestWithContext with a body that stays a
// nil io.Reader when there is none.
func newHTTPRequest(ctx context.Context, method, target string, body *bytes.Reader) (*http.Request, error) {
	if body == nil {
		return http.NewRequestWithContext(ctx, method, target, nil)
	}
	return http.NewRequestWithContext(ctx, method, target, body)
}

// get sends a read and decodes its JSON body into v.
func (c *core) get(ctx context.Context, r request, v any) error {
	resp, err := c.send(ctx, r)
	if err != nil {
		return err
	}
	return classify(r.op, transport.DecodeJSON(resp, v))
}

// write sends a state change and discards its "OK" body.
func (c *core) write(ctx context.Context, r request) error {
	r.write = true
	resp, err := c.send(ctx, r)
	if err != nil {
		return err
	}
	transport.Discard(resp)
	return nil
}
