package eryxon

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/eryxon/internal/oapi"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/internal/transport"
)

// Client talks to one Eryxon tenant with one API key. It is safe for
// concurrent use. It remembers the ids of the jobs, parts and cells it has
// synced or listed, to resolve the linking fields of later syncs.
type Client struct {
	// Jobs are sales or production orders (/api-jobs).
	Jobs *Collection[Job]
	// Parts are the work order lines of jobs (/api-parts).
	Parts *Collection[Part]
	// Operations are the routing steps of parts (/api-operations). Their
	// sync is experimental (see the package doc).
	Operations *Collection[Operation]
	// Cells are work centers (/api-cells); sync experimental.
	Cells *Collection[Cell]
	// Resources are machines, tools, fixtures, molds and materials
	// (/api-resources); sync experimental.
	Resources *Collection[Resource]
	// ERPSync is the unified sync endpoint (/api-erp-sync): jobs, parts and
	// resources in one request, with change detection and server-side
	// resolution of a part's JobExternalID.
	ERPSync *ERPSyncService

	core *core
}

// core is what every service shares.
type core struct {
	stack *transport.Client
	hc    *http.Client // stack.HTTPClient()
	gen   *oapi.Client
	res   *resolver
}

// NewClient returns a client for the deployment at WithBaseURL (required)
// authenticated with apiKey, which must start with "ery_live_" or
// "ery_test_". It checks its configuration but sends nothing.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	// The key is never put into an error: only its shape is described.
	if !strings.HasPrefix(apiKey, "ery_live_") && !strings.HasPrefix(apiKey, "ery_test_") {
		return nil, invalid("apiKey", "an Eryxon API key starts with ery_live_ or ery_test_ (the key given does not)")
	}
	if strings.ContainsAny(apiKey, " \t\r\n") {
		return nil, invalid("apiKey", "contains white space")
	}
	s := clientopt.Apply(opts)
	if s.BaseURL == "" {
		return nil, invalid("WithBaseURL", "is required: the Supabase functions root, e.g. https://<project>.supabase.co/functions/v1")
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, invalid("WithBaseURL", "is not an absolute http(s) URL")
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, invalid("WithBaseURL", "must not contain user info, a query or a fragment")
	}
	src := auth.Static(apiKey)
	host := u.Host
	stack, err := transport.New(transport.Config{
		Vendor:   vendor,
		Settings: s,
		Auth: func(next http.RoundTripper) http.RoundTripper {
			return &budgetStop{
				next:    auth.NewTransportWithOptions(src, next, auth.TransportOptions{Host: host, AllowInsecureHTTP: s.AllowInsecureHTTP}),
				maxWait: maxRateLimitWait(s.MaxRateLimitWait),
			}
		},
		DecodeError: decodeError,
		Header:      http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	gen, err := oapi.NewClient(strings.TrimRight(u.String(), "/"), oapi.WithHTTPClient(stack.HTTPClient()))
	if err != nil {
		return nil, invalid("WithBaseURL", "%v", err)
	}
	co := &core{stack: stack, hc: stack.HTTPClient(), gen: gen, res: &resolver{}}
	c := &Client{
		Jobs:       &Collection[Job]{core: co, e: jobEntity()},
		Parts:      &Collection[Part]{core: co, e: partEntity()},
		Operations: &Collection[Operation]{core: co, e: operationEntity()},
		Cells:      &Collection[Cell]{core: co, e: cellEntity()},
		Resources:  &Collection[Resource]{core: co, e: resourceEntity()},
		ERPSync:    &ERPSyncService{core: co},
		core:       co,
	}
	for _, r := range []struct {
		table string
		url   *endpoints
	}{
		{c.Jobs.e.table, &c.Jobs.e.url}, {c.Parts.e.table, &c.Parts.e.url}, {c.Operations.e.table, &c.Operations.e.url},
		{c.Cells.e.table, &c.Cells.e.url}, {c.Resources.e.table, &c.Resources.e.url},
	} {
		if *r.url, err = resolveEndpoints(gen.Server, r.table); err != nil {
			return nil, invalid("WithBaseURL", "%v", err)
		}
	}
	co.res.list[kindJob] = lister(c.Jobs)
	co.res.list[kindPart] = lister(c.Parts)
	co.res.list[kindCell] = lister(c.Cells)
	return c, nil
}

// lister walks a whole parent collection, a page of MaxListLimit at a time,
// for the resolver.
func lister[T any](c *Collection[T]) func(ctx context.Context, add func(key, id string)) error {
	return func(ctx context.Context, add func(key, id string)) error {
		for item, err := range c.list(ctx, ListParams{Limit: MaxListLimit}, paging.Offset) {
			if err != nil {
				return err
			}
			id := idOf(c.e, &item)
			if k := c.e.key(&item); id != "" && k != "" {
				add(k, id)
			}
		}
		return nil
	}
}

// RateLimit is the daily budget as of the last response that reported it.
// Eryxon reports it only on 429 responses, so it is zero until the budget
// has run out once.
func (c *Client) RateLimit() RateLimit { return c.core.stack.RateLimit() }
