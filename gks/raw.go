package gks

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
)

// Do calls an operation the SDK does not wrap, such as the customer approval
// status whose path Simutek has not published, with the same token, error
// decoding and retry rules (only GET, PUT and DELETE are retried). path is
// relative to the base URL ("/api/v1/customers/K100/approval") and may carry
// a query. body, when not nil, is sent as JSON; out, when not nil, receives
// the JSON response, otherwise the response body is discarded.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	if method == "" || strings.ContainsAny(method, " \t\r\n") {
		return apierror.Invalid(vendor, "method", "%q is not an HTTP method", method)
	}
	rel, err := url.Parse(strings.TrimLeft(path, "/"))
	if err != nil || rel.IsAbs() || rel.Host != "" || strings.HasPrefix(path, "//") {
		return apierror.Invalid(vendor, "path", "%q is not a path below the base URL", path)
	}
	var b []byte
	if body != nil {
		if b, err = json.Marshal(body); err != nil {
			return apierror.Invalid(vendor, "body", "cannot be encoded as JSON: %v", err)
		}
	}
	m := strings.ToUpper(method)
	write := m != http.MethodGet && m != http.MethodHead && m != http.MethodPut && m != http.MethodDelete
	req, err := c.core.newRequest(ctx, "raw "+m, write, m, c.core.base.ResolveReference(rel).String(), b)
	if err != nil {
		return apierror.Invalid(vendor, "path", "%v", err)
	}
	resp, err := c.core.do(req)
	if err != nil {
		return err
	}
	if out == nil {
		transport.Discard(resp)
		return nil
	}
	return transport.DecodeJSON(resp, out)
}
