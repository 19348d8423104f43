package eryxon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/internal/transport"
)

// BulkOutcome is what happened to one input item of a BulkSync.
type BulkOutcome struct {
	// Index is the item's index in the slice given to BulkSync.
	Index int
	// ExternalID is the item's ExternalID.
	ExternalID string
	// ID is Eryxon's id when the server reported it (the server's own
	// bulk-sync response does not; the published page's shape does).
	ID string
	// Action is ActionCreated, ActionUpdated, ActionSynced (written, but the
	// server did not say which) or ActionFailed.
	Action Action
	// Err says why the item failed: an *InputError (rejected before
	// sending), a *NotSentError (never sent), the server's reason for this
	// item, or the error of the request that carried its chunk.
	Err error
}

// BulkResult accounts for every input item of a BulkSync exactly once, in
// Created, Updated or Failed, each sorted by Index. The three slices share
// one backing array of one outcome per input item.
type BulkResult struct {
	Created []BulkOutcome
	// Updated also holds items with ActionSynced.
	Updated []BulkOutcome
	Failed  []BulkOutcome
	// Requests is how many bulk-sync requests were sent.
	Requests int
}

// Total is the number of items accounted for.
func (r *BulkResult) Total() int { return len(r.Created) + len(r.Updated) + len(r.Failed) }

// NotSent returns the failed outcomes of items that were never sent (their
// Err matches ErrNotSent), so that they can be sent again later.
func (r *BulkResult) NotSent() []BulkOutcome {
	var out []BulkOutcome
	for _, o := range r.Failed {
		if errors.Is(o.Err, ErrNotSent) {
			out = append(out, o)
		}
	}
	return out
}

// BulkOption configures BulkSync and InitialSync.
type BulkOption func(*bulkConfig)

type bulkConfig struct {
	chunk       int
	concurrency int
	progress    func(done, total int)
	stage       func(stage string, done, total int)
	verify      bool
}

// DefaultConcurrency is how many bulk-sync requests are in flight at once
// unless WithConcurrency says otherwise.
const DefaultConcurrency = 4

// WithChunkSize sets the items per bulk-sync request, 1 to MaxBulkItems
// (the default).
func WithChunkSize(n int) BulkOption { return func(c *bulkConfig) { c.chunk = n } }

// WithConcurrency sets how many bulk-sync requests are in flight at once
// (default DefaultConcurrency). The server processes each request's items
// one by one, so more than a few in flight gains little.
func WithConcurrency(n int) BulkOption { return func(c *bulkConfig) { c.concurrency = n } }

// WithProgress calls fn after each chunk with the number of items that have
// an outcome so far and the number of input items. Calls do not overlap.
func WithProgress(fn func(done, total int)) BulkOption {
	return func(c *bulkConfig) { c.progress = fn }
}

// WithStageProgress is WithProgress for InitialSync: fn also gets the stage
// ("cells", "resources", "jobs", "parts", "operations"), and is called once
// with done == total when a stage ends.
func WithStageProgress(fn func(stage string, done, total int)) BulkOption {
	return func(c *bulkConfig) { c.stage = fn }
}

// WithVerify reads the collection back after the sync and fails every item
// the server reported written that is not there (ErrNotPersisted); the items
// found get their ID. The vendor's bulk-sync does not check its database
// writes, so a row the database rejected (an unknown column, a foreign key)
// can be counted as created. It costs one list of the whole collection (a
// request per 1000 rows) and holds its keys in memory while it runs.
func WithVerify() BulkOption { return func(c *bulkConfig) { c.verify = true } }

func bulkSettings(opts []BulkOption) (bulkConfig, error) {
	cfg := bulkConfig{chunk: MaxBulkItems, concurrency: DefaultConcurrency}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.chunk < 1 || cfg.chunk > MaxBulkItems {
		return cfg, invalid("WithChunkSize", "must be 1 to %d, got %d", MaxBulkItems, cfg.chunk)
	}
	if cfg.concurrency < 1 {
		return cfg, invalid("WithConcurrency", "must be at least 1, got %d", cfg.concurrency)
	}
	return cfg, nil
}

// stopsRun reports whether err means that no further request can succeed
// now: the daily budget or the plan quota is spent, the key is rejected, or
// the caller gave up.
func stopsRun(err error) bool {
	return errors.Is(err, ErrRateLimited) || errors.Is(err, ErrQuotaExceeded) ||
		errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// BulkSync upserts any number of items through POST /api-<x>/bulk-sync, in
// chunks of at most MaxBulkItems with bounded concurrency. Each item is
// validated and its parents resolved first; an item that fails either is
// not sent. Every input item ends in exactly one of Created, Updated or
// Failed; a chunk whose request fails marks all its items failed with that
// error.
//
// The result is never nil. The error is non-nil only when the run stopped
// before every item was sent (ErrRateLimited when the daily budget ran out,
// ErrQuotaExceeded, ErrUnauthorized, or the context's error; the items
// never sent are in Failed with a *NotSentError), or when WithVerify could
// not read the collection back. Invalid options return ErrInvalidInput
// before anything is sent.
func (c *Collection[T]) BulkSync(ctx context.Context, items []T, opts ...BulkOption) (*BulkResult, error) {
	cfg, err := bulkSettings(opts)
	if err != nil {
		return nil, err
	}
	r := &bulkRun[T]{c: c, items: items, cfg: cfg}
	return r.run(ctx)
}

// bulkRun is one BulkSync call.
type bulkRun[T any] struct {
	c     *Collection[T]
	items []T
	cfg   bulkConfig

	mu sync.Mutex // guards the fields below
	// outs holds one outcome per input item, at its index; Action "" means
	// none yet. It becomes the result's backing array.
	outs     []BulkOutcome
	requests int
	done     int
	stopErr  error
	// resolveErr is why a parent list failed; it explains parent misses.
	resolveErr error
}

func (r *bulkRun[T]) run(ctx context.Context) (*BulkResult, error) {
	e := r.c.e
	r.outs = make([]BulkOutcome, len(r.items))
	need := map[parentKind]map[string]struct{}{}
	valid := 0
	for i := range r.items {
		if err := e.validate(&r.items[i]); err != nil {
			r.fail(i, "", err)
			continue
		}
		valid++
		e.needs(&r.items[i], func(k parentKind, key string) {
			if _, ok := r.c.core.res.lookup(k, key); !ok {
				addNeed(need, k, key)
			}
		})
	}
	// One list per parent collection at most, before any chunk goes out.
	for _, k := range []parentKind{kindJob, kindPart, kindCell} {
		if err := r.c.core.res.ensure(ctx, k, need[k]); err != nil {
			if stopsRun(err) {
				r.stop(err)
			}
			r.resolveErr = errors.Join(r.resolveErr, err)
		}
	}
	chunks := make(chan []int)
	var wg sync.WaitGroup
	for range min(r.cfg.concurrency, (valid+r.cfg.chunk-1)/r.cfg.chunk) {
		wg.Go(func() {
			w := &chunkWriter{}
			w.enc = json.NewEncoder(&w.buf)
			for idx := range chunks {
				r.send(ctx, w, idx)
			}
		})
	}
	// The chunks are cut as they go out (the items still without an
	// outcome, in input order), so that no index list of the whole input
	// is held: the memory of a run beyond its result is the chunks in
	// flight. Only this goroutine reads outcomes past next, and the
	// workers only write those of the chunks they were given.
	next := 0
	for next < len(r.items) && !r.stopped() && ctx.Err() == nil {
		idx, end := r.cut(next)
		if len(idx) == 0 {
			next = end
			break
		}
		select {
		case chunks <- idx:
			next = end
		case <-ctx.Done():
		}
	}
	close(chunks)
	wg.Wait()
	cause := r.cause(ctx)
	for i := next; i < len(r.items); i++ {
		if r.pending(i) {
			r.fail(i, "", &NotSentError{Cause: cause})
		}
	}
	if r.cfg.verify && cause == nil {
		cause = r.verify(ctx)
	}
	r.report()
	return r.result(), cause
}

// cut returns the indices of the next chunk, the items from start on that
// have no outcome yet (up to the chunk size), and the index after the last.
func (r *bulkRun[T]) cut(start int) (idx []int, end int) {
	idx = make([]int, 0, min(r.cfg.chunk, len(r.items)-start))
	end = start
	for ; end < len(r.items) && len(idx) < r.cfg.chunk; end++ {
		if r.outs[end].Action == "" {
			idx = append(idx, end)
		}
	}
	return idx, end
}

// pending reports whether item i has no outcome yet.
func (r *bulkRun[T]) pending(i int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.outs[i].Action == ""
}

// ErrNotPersisted matches an item the server reported written that a
// read-back (WithVerify) did not find.
var ErrNotPersisted = errors.New("eryxon: reported written but not found on read-back")

// verify lists the collection and fails the written items it does not hold.
func (r *bulkRun[T]) verify(ctx context.Context) error {
	e := r.c.e
	found := make(map[string]string)
	for item, err := range r.c.list(ctx, ListParams{Limit: MaxListLimit}, paging.Offset) {
		if err != nil {
			return fmt.Errorf("eryxon: verifying %s: %w", e.table, err)
		}
		if id := e.getID(&item); id != "" {
			found[e.upsertKey(&item)] = id
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.outs {
		o := &r.outs[i]
		if o.Action == ActionFailed {
			continue
		}
		id, ok := found[e.upsertKey(&r.items[o.Index])]
		if !ok {
			o.Action, o.Err = ActionFailed, ErrNotPersisted
			continue
		}
		if o.ID == "" {
			o.ID = id
		}
		if e.parent {
			r.c.core.res.record(e.kind, e.key(&r.items[o.Index]), id)
		}
	}
	return nil
}

// result groups the outcomes into Created, Updated and Failed in place:
// sorted by group, then index, the three lists are slices of one array.
func (r *bulkRun[T]) result() *BulkResult {
	group := func(a Action) int {
		switch a {
		case ActionCreated:
			return 0
		case ActionUpdated, ActionSynced:
			return 1
		}
		return 2
	}
	var n [3]int
	for i := range r.outs {
		n[group(r.outs[i].Action)]++
	}
	slices.SortFunc(r.outs, func(a, b BulkOutcome) int {
		if ga, gb := group(a.Action), group(b.Action); ga != gb {
			return ga - gb
		}
		return a.Index - b.Index
	})
	return &BulkResult{
		Created:  r.outs[:n[0]:n[0]],
		Updated:  r.outs[n[0] : n[0]+n[1] : n[0]+n[1]],
		Failed:   r.outs[n[0]+n[1]:],
		Requests: r.requests,
	}
}

// cause is why no more chunks go out, or nil.
func (r *bulkRun[T]) cause(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopErr != nil {
		return r.stopErr
	}
	return ctx.Err()
}

func (r *bulkRun[T]) stopped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stopErr != nil
}

func (r *bulkRun[T]) stop(err error) {
	r.mu.Lock()
	if r.stopErr == nil {
		r.stopErr = err
	}
	r.mu.Unlock()
}

// fail records a failure outside a chunk response.
func (r *bulkRun[T]) fail(i int, id string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addLocked(BulkOutcome{Index: i, ExternalID: r.c.e.externalID(&r.items[i]), ID: id, Action: ActionFailed, Err: err})
}

func (r *bulkRun[T]) addLocked(o BulkOutcome) {
	if r.outs[o.Index].Action != "" {
		return
	}
	switch o.Action {
	case ActionCreated, ActionUpdated, ActionSynced:
	default:
		o.Action = ActionFailed
	}
	r.outs[o.Index] = o
	r.done++
}

func (r *bulkRun[T]) report() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cfg.progress != nil {
		r.cfg.progress(r.done, len(r.items))
	}
}

// chunkWriter is a worker's request buffer, encoder and index list, so that
// memory stays bounded by the chunks in flight, not by the input.
type chunkWriter struct {
	buf     bytes.Buffer
	enc     *json.Encoder // writes to buf
	scratch any           // the entity's reused wire value
	sent    []int
	outs    chunkScratch // the outcomes of the chunk's answer
}

// send encodes one chunk as {"items":[...]}, posts it and maps the outcome
// of every item in it.
func (r *bulkRun[T]) send(ctx context.Context, w *chunkWriter, idx []int) {
	e := r.c.e
	if cause := r.cause(ctx); cause != nil {
		for _, i := range idx {
			r.fail(i, "", &NotSentError{Cause: cause})
		}
		r.report()
		return
	}
	// A fresh buffer per chunk: net/http may still be reading the previous
	// request's body after RoundTrip returned, so it is never overwritten.
	size := w.buf.Cap()
	w.buf = bytes.Buffer{}
	w.buf.Grow(size)
	w.sent = w.sent[:0]
	w.buf.WriteString(`{"items":[`)
	for _, i := range idx {
		mark := w.buf.Len()
		if len(w.sent) > 0 {
			w.buf.WriteByte(',')
		}
		if err := e.encode(w, &r.items[i], r.c.core.res); err != nil {
			w.buf.Truncate(mark)
			if errors.Is(err, ErrParentNotFound) {
				if r.resolveErr != nil {
					err = fmt.Errorf("%w (%w)", err, r.resolveErr)
				}
				r.fail(i, "", &NotSentError{Cause: err})
			} else {
				r.fail(i, "", invalid(e.single, "cannot be encoded: %v", err))
			}
			continue
		}
		w.sent = append(w.sent, i)
	}
	w.buf.WriteString("]}")
	if len(w.sent) == 0 {
		r.report()
		return
	}
	// An upsert keyed by (external_source, external_id): a replay after a
	// lost response writes the same rows again, so it may be retried.
	rctx := transport.Idempotent(transport.WithOp(ctx, e.opBulk))
	r.mu.Lock()
	r.requests++
	r.mu.Unlock()
	resp, err := r.c.core.send(rctx, http.MethodPost, e.url.bulk, bytes.NewReader(w.buf.Bytes()))
	var data bulkData
	if err == nil {
		err = transport.DecodeJSON(resp, &bulkEnvelope{Data: &data})
	}
	if err != nil {
		err = transport.AsError(err)
		if stopsRun(err) {
			r.stop(err)
		}
		r.mu.Lock()
		for _, i := range w.sent {
			r.addLocked(BulkOutcome{Index: i, ExternalID: e.externalID(&r.items[i]), Action: ActionFailed, Err: err})
		}
		r.mu.Unlock()
		r.report()
		return
	}
	outs := w.outs.mapChunk(&data, w.sent, func(i int) string { return e.externalID(&r.items[i]) })
	r.mu.Lock()
	for _, o := range outs {
		r.addLocked(o)
	}
	r.mu.Unlock()
	r.learn(outs)
	r.report()
}

// learn feeds the ids of synced parents to the resolver.
func (r *bulkRun[T]) learn(outs []BulkOutcome) {
	e := r.c.e
	if !e.parent {
		return
	}
	unknown := false
	for _, o := range outs {
		if o.Action == ActionFailed {
			continue
		}
		if o.ID == "" {
			unknown = true
			continue
		}
		r.c.core.res.record(e.kind, e.key(&r.items[o.Index]), o.ID)
	}
	if unknown {
		r.c.core.res.changed(e.kind)
	}
}

// describe renders a bulk item error: a message or a list of validation details.
func describe(raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return errors.New("eryxon: the server reported a failure without a reason")
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return &ItemError{Message: s}
	}
	var details []ValidationDetail
	if json.Unmarshal(raw, &details) == nil && len(details) > 0 {
		msg := details[0].Message
		if details[0].Field != "" {
			msg = details[0].Field + ": " + msg
		}
		if len(details) > 1 {
			msg = fmt.Sprintf("%s (and %d more)", msg, len(details)-1)
		}
		return &ItemError{Message: msg, Details: details}
	}
	return &ItemError{Message: string(raw)}
}

// ItemError is the server's reason for failing one item of a bulk sync.
type ItemError struct {
	// Message is the server's message, or the first validation detail's.
	Message string
	// Details holds the validation details, when the server sent them.
	Details []ValidationDetail
}

// Error returns the message.
func (e *ItemError) Error() string { return "eryxon: " + e.Message }
