package gks

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/partsync/partsync-go/internal/endpoint"
	"github.com/partsync/partsync-go/internal/transport"
)

// The wrapped operations build their requests here rather than through the
// generated builders, which parse the server URL, format and resolve the
// path and re-parse the result on every call: the URLs are resolved once
// per client, the way those builders resolve them, and the path parameter
// and query are escaped as they escape them. TestRequestsMatchGenerated and
// FuzzRequestMatchesGenerated hold the two to the same wire.

// endpoints are the operations' URLs.
type endpoints struct {
	// customers is /api/v1/customers (list and create); a customer's URL
	// is customers + "/" + the escaped number.
	customers string
	// salesOrders is /api/v1/salesorders.
	salesOrders string
	// salesOrderURL is the WithSalesOrderPath override, nil when not set.
	salesOrderURL *url.URL
}

// resolveEndpoints resolves the spec's paths against server (the generated
// client's Server) as the generated builders do: "./api/v1/..." relative to
// the parsed server URL. The sales-order override resolves against base, as
// SalesOrders.Create always resolved it.
func resolveEndpoints(server string, base *url.URL, salesOrderPath string) (endpoints, error) {
	u, err := endpoint.Resolve(server, "/api/v1/customers", "/api/v1/salesorders")
	if err != nil {
		return endpoints{}, err
	}
	e := endpoints{customers: u[0], salesOrders: u[1]}
	if salesOrderPath != "" {
		e.salesOrderURL = base.ResolveReference(&url.URL{Path: salesOrderPath})
	}
	return e, nil
}

// customer is the URL of the customer with the given number: one path
// segment escaped by url.PathEscape, as the generated builder's simple-style
// path parameter. checkPathValue has ruled out the dot segments that
// resolution would have removed.
func (e *endpoints) customer(number string) string {
	return e.customers + "/" + url.PathEscape(number)
}

// customerList is the list URL with the filters and paging in the
// generated builder's order, each value escaped by url.QueryEscape (the
// oapi-codegen runtime's default query encoder). The page numbers are
// int32 on the wire, as in the generated parameters.
func (e *endpoints) customerList(q *CustomerQuery, page, size int) string {
	var b endpoint.Query
	b.Start(e.customers, 64)
	if q.Number != "" {
		b.Add("number", q.Number)
	}
	if q.Name != "" {
		b.Add("name", q.Name)
	}
	if q.CorporateIdentityNumber != "" {
		b.Add("corporateIdentityNumber", q.CorporateIdentityNumber)
	}
	b.Add("page", strconv.FormatInt(int64(int32(page)), 10))
	b.Add("pageSize", strconv.FormatInt(int64(int32(size)), 10))
	return b.String()
}

// newRequest builds a request to target whose context names the operation
// and, for writes, forbids retries. body, when not nil, is JSON.
func (c *core) newRequest(ctx context.Context, op string, write bool, method, target string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	if ctx != nil { // a nil ctx is NewRequestWithContext's error to report, as before
		ctx = opCtx(ctx, op, write)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Add("Content-Type", "application/json")
	}
	return req, nil
}

// do sends a request built by newRequest and returns the 2xx response for
// the caller to decode or discard, or the classified error.
func (c *core) do(req *http.Request) (*http.Response, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transport.AsError(err)
	}
	return resp, nil
}
