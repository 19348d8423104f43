package eryxon

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrParentNotFound matches an item whose parent (the job of a part, the
// part or cell of an operation) could not be resolved to an Eryxon id: it is
// neither in the results of earlier syncs nor in a fresh list of the parent
// collection. Such an item is not sent.
var ErrParentNotFound = errors.New("eryxon: parent not found")

// parentKind is a collection whose ids other items refer to.
type parentKind uint8

const (
	kindJob parentKind = iota
	kindPart
	kindCell
	numKinds
)

func (k parentKind) String() string {
	return [...]string{"job", "part", "cell"}[k]
}

// extKey is how jobs and parts are looked up: the upsert key.
func extKey(source, id string) string { return source + "\x00" + id }

// parentError says which parent could not be resolved.
func parentError(k parentKind, ref, source string) error {
	if k == kindCell {
		return fmt.Errorf("%w: cell named %q", ErrParentNotFound, ref)
	}
	return fmt.Errorf("%w: %s with external_id %q (external_source %q)", ErrParentNotFound, k, ref, source)
}

// resolver maps parents' external keys to Eryxon ids. It learns ids from
// sync results that carry them and, on a miss, lists the parent collection
// once; it lists again only after a write to that collection whose ids it
// could not learn (the server's bulk-sync response carries no ids).
type resolver struct {
	tables [numKinds]idTable
	list   [numKinds]func(ctx context.Context, add func(key, id string)) error
}

type idTable struct {
	listMu    sync.Mutex // one list of a collection at a time
	mu        sync.Mutex // guards the fields below
	ids       map[string]string
	gen       uint64 // bumped by writes whose ids are unknown
	listedGen uint64
	listed    bool
}

func (r *resolver) lookup(k parentKind, key string) (string, bool) {
	t := &r.tables[k]
	t.mu.Lock()
	defer t.mu.Unlock()
	id, ok := t.ids[key]
	return id, ok
}

func (r *resolver) record(k parentKind, key, id string) {
	if id == "" || key == "" {
		return
	}
	t := &r.tables[k]
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids == nil {
		t.ids = make(map[string]string)
	}
	t.ids[key] = id
}

// changed notes a write to k whose ids are unknown, so that the next miss
// lists k again.
func (r *resolver) changed(k parentKind) {
	t := &r.tables[k]
	t.mu.Lock()
	t.gen++
	t.mu.Unlock()
}

// forget drops what is known about k (after a Delete).
func (r *resolver) forget(k parentKind) {
	t := &r.tables[k]
	t.mu.Lock()
	t.ids, t.listed = nil, false
	t.mu.Unlock()
}

// ensure lists k when one of keys is unknown and the last list (if any) is
// older than the last write to k. Keys still unknown afterwards stay unknown.
func (r *resolver) ensure(ctx context.Context, k parentKind, keys map[string]struct{}) error {
	if len(keys) == 0 || r.list[k] == nil {
		return nil
	}
	t := &r.tables[k]
	t.listMu.Lock()
	defer t.listMu.Unlock()
	t.mu.Lock()
	missing := false
	for key := range keys {
		if _, ok := t.ids[key]; !ok {
			missing = true
			break
		}
	}
	stale := !t.listed || t.gen != t.listedGen
	gen := t.gen
	t.mu.Unlock()
	if !missing || !stale {
		return nil
	}
	fresh := make(map[string]string)
	if err := r.list[k](ctx, func(key, id string) { fresh[key] = id }); err != nil {
		return fmt.Errorf("listing %ss to resolve parents: %w", k, err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids == nil {
		t.ids = fresh
	} else {
		for key, id := range fresh {
			t.ids[key] = id
		}
	}
	t.listed, t.listedGen = true, gen
	return nil
}
