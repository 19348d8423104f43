package eryxon

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
)

// The requests of endpoint.go are held to the generated builders they
// replace: same method, URL (path escaping and query encoding), host,
// headers and body.

var errCaptured = errors.New("captured")

// capture keeps the request it is asked to send.
type capture struct{ req *http.Request }

func (c *capture) Do(r *http.Request) (*http.Response, error) { c.req = r; return nil, errCaptured }

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) { return c.Do(r) }

// refEditor is how the filters reached the generated list calls.
func refEditor(q *listQuery) oapi.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		if len(q.filter) == 0 {
			return nil
		}
		v := req.URL.Query()
		for k, f := range q.filter {
			v.Set(k, f)
		}
		req.URL.RawQuery = v.Encode()
		return nil
	}
}

func refOrder[O ~string](s *string) *O {
	if s == nil {
		return nil
	}
	o := O(*s)
	return &o
}

// refCall makes call ("list", "delete", "sync" or "bulk") on table through
// the generated client.
func refCall(g *oapi.Client, table, call string, q *listQuery, body []byte) {
	ctx, ed := context.Background(), refEditor(q)
	rd := func() io.Reader { return bytes.NewReader(body) }
	const ct = "application/json"
	id := ""
	if q.id != nil {
		id = *q.id
	}
	switch table + "." + call {
	case "jobs.list":
		_, _ = g.ListJobs(ctx, &oapi.ListJobsParams{Id: q.id, Limit: q.limit, Offset: q.offset, Sort: q.sort, Order: refOrder[oapi.ListJobsParamsOrder](q.order), Search: q.search}, ed)
	case "parts.list":
		_, _ = g.ListParts(ctx, &oapi.ListPartsParams{Id: q.id, Limit: q.limit, Offset: q.offset, Sort: q.sort, Order: refOrder[oapi.ListPartsParamsOrder](q.order), Search: q.search}, ed)
	case "operations.list":
		_, _ = g.ListOperations(ctx, &oapi.ListOperationsParams{Id: q.id, Limit: q.limit, Offset: q.offset, Sort: q.sort, Order: refOrder[oapi.ListOperationsParamsOrder](q.order), Search: q.search}, ed)
	case "cells.list":
		_, _ = g.ListCells(ctx, &oapi.ListCellsParams{Id: q.id, Limit: q.limit, Offset: q.offset, Sort: q.sort, Order: refOrder[oapi.ListCellsParamsOrder](q.order), Search: q.search}, ed)
	case "resources.list":
		_, _ = g.ListResources(ctx, &oapi.ListResourcesParams{Id: q.id, Limit: q.limit, Offset: q.offset, Sort: q.sort, Order: refOrder[oapi.ListResourcesParamsOrder](q.order), Search: q.search}, ed)
	case "jobs.delete":
		_, _ = g.DeleteJob(ctx, &oapi.DeleteJobParams{Id: id})
	case "parts.delete":
		_, _ = g.DeletePart(ctx, &oapi.DeletePartParams{Id: id})
	case "operations.delete":
		_, _ = g.DeleteOperation(ctx, &oapi.DeleteOperationParams{Id: id})
	case "cells.delete":
		_, _ = g.DeleteCell(ctx, &oapi.DeleteCellParams{Id: id})
	case "resources.delete":
		_, _ = g.DeleteResource(ctx, &oapi.DeleteResourceParams{Id: id})
	case "jobs.sync":
		_, _ = g.SyncJobWithBody(ctx, ct, rd())
	case "parts.sync":
		_, _ = g.SyncPartWithBody(ctx, ct, rd())
	case "operations.sync":
		_, _ = g.SyncOperationWithBody(ctx, ct, rd())
	case "cells.sync":
		_, _ = g.SyncCellWithBody(ctx, ct, rd())
	case "resources.sync":
		_, _ = g.SyncResourceWithBody(ctx, ct, rd())
	case "jobs.bulk":
		_, _ = g.BulkSyncJobsWithBody(ctx, ct, rd())
	case "parts.bulk":
		_, _ = g.BulkSyncPartsWithBody(ctx, ct, rd())
	case "operations.bulk":
		_, _ = g.BulkSyncOperationsWithBody(ctx, ct, rd())
	case "cells.bulk":
		_, _ = g.BulkSyncCellsWithBody(ctx, ct, rd())
	case "resources.bulk":
		_, _ = g.BulkSyncResourcesWithBody(ctx, ct, rd())
	default:
		panic(table + "." + call)
	}
}

// sdkCall makes the same call through endpoint.go.
func sdkCall(co *core, u endpoints, call string, q *listQuery, body []byte) {
	ctx := context.Background()
	switch call {
	case "list":
		_, _ = co.send(ctx, http.MethodGet, q.target(u.base), nil)
	case "delete":
		_, _ = co.send(ctx, http.MethodDelete, q.target(u.base), nil)
	case "sync":
		_, _ = co.send(ctx, http.MethodPut, u.sync, bytes.NewReader(body))
	case "bulk":
		_, _ = co.send(ctx, http.MethodPost, u.bulk, bytes.NewReader(body))
	}
}

var tables = []string{"jobs", "parts", "operations", "cells", "resources"}

// matchGenerated checks that call on table sends the generated request.
// It reports false when the base URL is not one NewClient accepts.
func matchGenerated(t *testing.T, base, table, call string, q *listQuery, body []byte) bool {
	t.Helper()
	c, err := NewClient("ery_test_endpoint", WithBaseURL(base))
	if err != nil {
		return false
	}
	ref := &capture{}
	g, err := oapi.NewClient(c.core.gen.Server, oapi.WithHTTPClient(ref))
	if err != nil {
		t.Fatal(err)
	}
	refCall(g, table, call, q, body)
	got := &capture{}
	co := &core{hc: &http.Client{Transport: got}}
	u, err := resolveEndpoints(c.core.gen.Server, table)
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	sdkCall(co, u, call, q, body)
	if (got.req == nil) != (ref.req == nil) {
		t.Fatalf("%s %s.%s: request %v, generated %v", base, table, call, got.req, ref.req)
	}
	if got.req == nil {
		t.Fatalf("%s %s.%s: no request built", base, table, call)
	}
	g1, r1 := got.req, ref.req
	if g1.Method != r1.Method || g1.URL.String() != r1.URL.String() || g1.Host != r1.Host ||
		!reflect.DeepEqual(g1.URL, r1.URL) || !reflect.DeepEqual(g1.Header, r1.Header) ||
		g1.ContentLength != r1.ContentLength || (g1.GetBody == nil) != (r1.GetBody == nil) {
		t.Fatalf("%s %s.%s %+v:\n got %s %s host %q %v len %d\nwant %s %s host %q %v len %d", base, table, call, *q,
			g1.Method, g1.URL, g1.Host, g1.Header, g1.ContentLength, r1.Method, r1.URL, r1.Host, r1.Header, r1.ContentLength)
	}
	if body != nil {
		gb, _ := io.ReadAll(g1.Body)
		rb, _ := io.ReadAll(r1.Body)
		if !bytes.Equal(gb, rb) {
			t.Fatalf("%s %s.%s: body %q, generated %q", base, table, call, gb, rb)
		}
	}
	return true
}

func ptr[V any](v V) *V { return &v }

// TestRequestsMatchGenerated covers every call of every collection, on
// base URLs with and without a path, a trailing slash, a port and escapes,
// with queries that need escaping, with and without filters.
func TestRequestsMatchGenerated(t *testing.T) {
	bases := []string{
		"http://127.0.0.1:8080/functions/v1", "https://x.supabase.co/functions/v1/", "https://h", "https://h/",
		"https://h:443/a%2Fb/v1", "http://h/p/../q/./r", "https://h/sp%20ace/é", "HTTPS://H.Example/Functions",
	}
	queries := []listQuery{
		{id: ptr("00000000-0000-4000-8000-000000000001")},
		{id: ptr("a b&c=d/é?#%+;")},
		{limit: ptr(1000), offset: ptr(0)},
		{limit: ptr(7), offset: ptr(3000), sort: ptr("created_at"), order: ptr("desc"), search: ptr("ACME & Co. 100%")},
		{limit: ptr(1000), offset: ptr(0), filter: map[string]string{"status": "in progress", "customer": "a&b", "job_number": ""}},
		{id: ptr("x"), filter: map[string]string{"status": "s"}},
		{},
	}
	for _, base := range bases {
		for _, table := range tables {
			for _, q := range queries {
				if !matchGenerated(t, base, table, "list", &q, nil) {
					t.Fatalf("NewClient rejected %s", base)
				}
				if q.id != nil {
					matchGenerated(t, base, table, "delete", &listQuery{id: q.id}, nil)
				}
			}
			matchGenerated(t, base, table, "sync", &listQuery{}, []byte(`{"external_id":"E"}`))
			matchGenerated(t, base, table, "bulk", &listQuery{}, []byte(`{"items":[]}`))
		}
	}
}

// FuzzRequestMatchesGenerated checks any base URL and list parameters
// against the generated builders.
func FuzzRequestMatchesGenerated(f *testing.F) {
	f.Add("https://x.supabase.co/functions/v1", uint8(1), "00000000-0000-4000-8000-000000000001", "", "", "", 0, 0, "", "")
	f.Add("http://127.0.0.1:1/f", uint8(0), "", "created_at", "asc", "a b", 1000, 2000, "status", "in progress")
	f.Add("https://h/a%2Fb/", uint8(4), "", "", "", "", 1, -1, "external_id", "x&y=z")
	f.Add("https://h/../x/./é", uint8(2), "?#", "&", "=", "%", 5, 5, "cell_id", "")
	f.Fuzz(func(t *testing.T, base string, kind uint8, id, sort, order, search string, limit, offset int, fk, fv string) {
		table := tables[int(kind)%len(tables)]
		q := listQuery{limit: &limit, offset: &offset, sort: optString(sort), order: optString(order), search: optString(search)}
		if id != "" {
			q = listQuery{id: &id}
		}
		if fk != "" {
			q.filter = map[string]string{fk: fv}
		}
		matchGenerated(t, base, table, "list", &q, nil)
		if id != "" {
			matchGenerated(t, base, table, "delete", &listQuery{id: &id}, nil)
		}
	})
}
