package eryxon

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/internal/transport"
)

// MaxListLimit is the largest page the list endpoints return.
const MaxListLimit = 1000

// Action is what a sync did to an item.
type Action string

// Actions of a sync.
const (
	// ActionCreated: the item was new and was inserted.
	ActionCreated Action = "created"
	// ActionUpdated: an item with the same (ExternalSource, ExternalID) existed and was updated.
	ActionUpdated Action = "updated"
	// ActionSynced: the server wrote the item but did not say whether it was
	// new. The server's bulk-sync response lists only counts and failures;
	// when a chunk holds both created and updated items they cannot be told
	// apart. Such outcomes are listed under BulkResult.Updated.
	ActionSynced Action = "synced"
	// ActionFailed: the item was not written (BulkOutcome.Err says why).
	ActionFailed Action = "failed"
)

// SyncResult is the outcome of one Sync.
type SyncResult[T any] struct {
	// Action is ActionCreated (201) or ActionUpdated (200).
	Action Action
	// Item is the row as the server returned it, with the caller's linking
	// fields kept; when the server returned only an id, the caller's item
	// with that id.
	Item T
}

// ListParams selects and pages a List. The zero value lists everything, a
// page of MaxListLimit at a time (every page spends one request of the
// daily budget).
type ListParams struct {
	// Limit is the page size, 1 to 1000; 0 means 1000.
	Limit int
	// Offset is the index of the first item; it must not be negative.
	Offset int
	// Sort names a sortable column (e.g. "created_at"); the server silently
	// uses its default for one it does not allow.
	Sort string
	// Order is "asc" or "desc".
	Order string
	// Search matches the collection's search columns (job_number and
	// customer for jobs).
	Search string
	// Filter holds the collection's column filters: jobs status, customer,
	// job_number; parts job_id, status, material, part_number; operations
	// cell_id, part_id, status; cells active; resources type, status, active,
	// external_source, external_id.
	Filter map[string]string
}

// Collection is one of the synced tables: jobs, parts, operations, cells or
// resources. Its methods are safe for concurrent use.
type Collection[T any] struct {
	core *core
	e    *entity[T]
}

// Sync upserts one item (PUT /api-<x>/sync), keyed by (ExternalSource,
// ExternalID). It validates the item and resolves its linking fields first;
// an invalid item or an unresolvable parent fails without a request. The
// upsert makes it safe to retry on 429, 502, 503, 504 and connection errors;
// a 500 is not retried.
func (c *Collection[T]) Sync(ctx context.Context, item T) (*SyncResult[T], error) {
	if err := c.e.validate(&item); err != nil {
		return nil, err
	}
	need := map[parentKind]map[string]struct{}{}
	c.e.needs(&item, func(k parentKind, key string) { addNeed(need, k, key) })
	for k, keys := range need {
		if err := c.core.res.ensure(ctx, k, keys); err != nil {
			return nil, err
		}
	}
	w, err := c.e.wire(&item, c.core.res)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(w)
	if err != nil {
		return nil, invalid(c.e.single, "cannot be encoded: %v", err)
	}
	ctx = transport.Idempotent(transport.WithOp(ctx, c.e.opSync))
	resp, err := c.core.send(ctx, http.MethodPut, c.e.url.sync, bytes.NewReader(body))
	if err != nil {
		return nil, transport.AsError(err)
	}
	status := resp.StatusCode
	action, id, row, err := c.e.synced(resp)
	if err != nil {
		return nil, err
	}
	res := &SyncResult[T]{Action: Action(action), Item: item}
	if res.Action == "" {
		res.Action = ActionUpdated
		if status == http.StatusCreated {
			res.Action = ActionCreated
		}
	}
	if row != nil {
		res.Item = *row
		c.e.keepLinks(&res.Item, &item)
		if id == "" {
			id = c.e.getID(row)
		}
	}
	if id != "" {
		c.e.setID(&res.Item, id)
	}
	c.learn(&res.Item, id)
	return res, nil
}

// learn records the id of a synced parent, or notes that the collection
// changed in a way the resolver cannot see.
func (c *Collection[T]) learn(item *T, id string) {
	if !c.e.parent {
		return
	}
	if id == "" {
		c.core.res.changed(c.e.kind)
		return
	}
	c.core.res.record(c.e.kind, c.e.key(item), id)
}

func addNeed(need map[parentKind]map[string]struct{}, k parentKind, key string) {
	if need[k] == nil {
		need[k] = make(map[string]struct{})
	}
	need[k][key] = struct{}{}
}

// List yields every item that p selects, walking the pages by offset. It
// stops at the first error, which it yields with a zero T.
func (c *Collection[T]) List(ctx context.Context, p ListParams) iter.Seq2[T, error] {
	if err := c.checkList(&p); err != nil {
		return func(yield func(T, error) bool) {
			var zero T
			yield(zero, err)
		}
	}
	return c.list(ctx, p, paging.Offset)
}

func (c *Collection[T]) checkList(p *ListParams) error {
	if p.Limit < 0 || p.Limit > MaxListLimit {
		return invalid("ListParams.Limit", "must be 0 to %d, got %d", MaxListLimit, p.Limit)
	}
	if p.Offset < 0 {
		return invalid("ListParams.Offset", "must not be negative, got %d", p.Offset)
	}
	switch p.Order {
	case "", "asc", "desc":
	default:
		return invalid("ListParams.Order", "must be asc or desc, got %q", p.Order)
	}
	for k := range p.Filter {
		if !c.e.filters[k] {
			return invalid("ListParams.Filter", "%s cannot be filtered by %q", c.e.table, k)
		}
	}
	return nil
}

func (c *Collection[T]) list(ctx context.Context, p ListParams, n paging.Numbering) iter.Seq2[T, error] {
	limit := p.Limit
	if limit == 0 {
		limit = MaxListLimit
	}
	q := listQuery{sort: optString(p.Sort), order: optString(p.Order), search: optString(p.Search)}
	if len(p.Filter) > 0 {
		q.filter = make(map[string]string, len(p.Filter))
		for k, v := range p.Filter {
			q.filter[k] = v
		}
	}
	ctx = transport.WithOp(ctx, c.e.opList)
	return paging.Walk(ctx, paging.Config{Numbering: n, Start: p.Offset, Limit: limit},
		func(ctx context.Context, r paging.Request) (*paging.Page[T], error) {
			page := q
			page.limit, page.offset = &r.Limit, &r.Offset
			resp, err := c.core.send(ctx, http.MethodGet, page.target(c.e.url.base), nil)
			if err != nil {
				return nil, transport.AsError(err)
			}
			items, _, pg, err := c.e.rows(resp)
			if err != nil {
				return nil, err
			}
			out := &paging.Page[T]{Items: items}
			if pg != nil && pg.Total != nil {
				out.Total, out.TotalKnown = *pg.Total, true
			}
			return out, nil
		})
}

// Get returns the item with Eryxon id id (GET /api-<x>?id=).
func (c *Collection[T]) Get(ctx context.Context, id string) (*T, error) {
	if strings.TrimSpace(id) == "" {
		return nil, invalid("id", "must not be empty")
	}
	ctx = transport.WithOp(ctx, c.e.opGet)
	q := listQuery{id: &id}
	resp, err := c.core.send(ctx, http.MethodGet, q.target(c.e.url.base), nil)
	if err != nil {
		return nil, transport.AsError(err)
	}
	_, one, _, err := c.e.rows(resp)
	if err != nil {
		return nil, err
	}
	if one == nil {
		return nil, &Error{Vendor: vendor, Op: c.e.opGet, StatusCode: resp.StatusCode,
			Message: "the response has no data." + c.e.single, Kind: ErrDecode}
	}
	return one, nil
}

// Delete deletes the item with Eryxon id id (DELETE /api-<x>?id=). Jobs,
// parts, operations and resources are soft-deleted; cells are removed.
func (c *Collection[T]) Delete(ctx context.Context, id string) error {
	if strings.TrimSpace(id) == "" {
		return invalid("id", "must not be empty")
	}
	ctx = transport.WithOp(ctx, c.e.opDelete)
	q := listQuery{id: &id}
	resp, err := c.core.send(ctx, http.MethodDelete, q.target(c.e.url.base), nil)
	if err != nil {
		return transport.AsError(err)
	}
	transport.Discard(resp)
	if c.e.parent {
		c.core.res.forget(c.e.kind)
	}
	return nil
}

func idOf[T any](e *entity[T], item *T) string { return e.getID(item) }
