package eryxon

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/partsync/partsync-go/internal/endpoint"
)

// The per-entity calls (list, get, sync, bulk-sync, delete) build their
// requests here rather than through the generated builders, which parse the
// server URL, format the path and resolve it on every call: the endpoint
// is resolved once per client, the way those builders resolve it, and the
// query is encoded as they encode it. TestRequestsMatchGenerated and
// FuzzRequestMatchesGenerated hold the two to the same wire.

// endpoints are one collection's resolved URLs.
type endpoints struct {
	base string // /api-<table>: list, get and delete
	sync string // /api-<table>/sync
	bulk string // /api-<table>/bulk-sync
}

// resolveEndpoints resolves the collection's paths against server (the
// generated client's Server, with its trailing slash) as the generated
// builders do: "./api-<table>" relative to the parsed server URL.
func resolveEndpoints(server, table string) (endpoints, error) {
	u, err := endpoint.Resolve(server, "/api-"+table, "/api-"+table+"/sync", "/api-"+table+"/bulk-sync")
	if err != nil {
		return endpoints{}, err
	}
	return endpoints{base: u[0], sync: u[1], bulk: u[2]}, nil
}

// send sends one request through the client's stack. A body is JSON.
func (co *core) send(ctx context.Context, method, target string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Add("Content-Type", "application/json")
	}
	return co.hc.Do(req)
}

// listQuery is a ListParams (or a Get or Delete) on its way to the wire.
type listQuery struct {
	id                  *string
	limit, offset       *int
	sort, order, search *string
	filter              map[string]string
}

// target is base with q's query. Without filters the parameters are in the
// generated builders' order, each value escaped by url.QueryEscape (the
// oapi-codegen runtime's default query encoder); with filters, which the
// generated call added through a request editor that re-encoded the whole
// query, all of them sorted by url.Values.Encode.
func (q *listQuery) target(base string) string {
	if len(q.filter) > 0 {
		v := make(url.Values, len(q.filter)+6)
		q.each(func(name, value string) { v[name] = []string{value} })
		for k, f := range q.filter {
			v.Set(k, f)
		}
		return base + "?" + v.Encode()
	}
	var b endpoint.Query
	b.Start(base, 64)
	q.each(b.Add)
	return b.String()
}

// each calls add for every parameter that is set, in the generated order.
func (q *listQuery) each(add func(name, value string)) {
	if q.id != nil {
		add("id", *q.id)
	}
	if q.limit != nil {
		add("limit", strconv.Itoa(*q.limit))
	}
	if q.offset != nil {
		add("offset", strconv.Itoa(*q.offset))
	}
	if q.sort != nil {
		add("sort", *q.sort)
	}
	if q.order != nil {
		add("order", *q.order)
	}
	if q.search != nil {
		add("search", *q.search)
	}
}
