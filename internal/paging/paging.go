package paging

import (
	"context"
	"fmt"
	"iter"
	"reflect"

	"github.com/partsync/partsync-go/internal/apierror"
)

// Numbering is how a vendor addresses pages.
type Numbering int

const (
	// ZeroBased pages are numbered 0, 1, 2, ... (SPARETECH).
	ZeroBased Numbering = iota
	// OneBased pages are numbered 1, 2, 3, ... (SPR, GKS).
	OneBased
	// Offset addresses pages by item offset with a limit (Eryxon).
	Offset
)

// Request is the page the walker asks a fetcher for.
type Request struct {
	// Page is the page number (ZeroBased or OneBased numbering).
	Page int
	// Offset is the index of the first item (Offset numbering).
	Offset int
	// Limit is the page size the walker was configured with.
	Limit int
}

// Page is one page as a fetcher returns it. Leave unknown fields zero.
type Page[T any] struct {
	// Items are the page's items, in order; an empty page ends the walk.
	Items []T
	// HasMore, when non-nil, is the server's own word on whether more pages follow.
	HasMore *bool
	// Total, when TotalKnown, is the number of items across all pages.
	Total      int
	TotalKnown bool
	// LastPage, when non-zero, is the number of the last page (OneBased or ZeroBased numbering).
	LastPage int
	// PageSize, when non-zero, is the page size the server used; a page shorter
	// than it is the last. Defaults to Config.Limit.
	PageSize int
}

// Fetcher fetches one page. It must not keep r or mutate caller state.
type Fetcher[T any] func(ctx context.Context, r Request) (*Page[T], error)

// Config configures a walk.
type Config struct {
	Numbering Numbering
	// Start is the first page number (or offset); zero means the first page.
	Start int
	// Limit is the page size asked for; a page shorter than it ends the walk
	// when the server gives no other signal.
	Limit int
}

// ErrRepeatedPage is returned when the server answers a page with the same
// items as the page before it; the walk stops instead of looping forever. It
// matches apierror.ErrDecode, which every vendor package re-exports, so that
// a user can tell it from a network or API error without importing this
// internal package.
var ErrRepeatedPage error = repeatedPage{}

type repeatedPage struct{}

func (repeatedPage) Error() string { return "paging: the server returned the same page twice" }

// Is makes the error match the shared ErrDecode class: the pages did not make sense.
func (repeatedPage) Is(target error) bool { return target == apierror.ErrDecode }

// Walk yields every item of every page, one page in memory at a time. It stops
// after the first error (yielded with a zero T) or when the consumer stops.
// When the server gives no signal at all (no HasMore, total, last page or
// page size, and Config.Limit is 0) it reads until an empty page rather than
// risk stopping early.
func Walk[T any](ctx context.Context, cfg Config, fetch Fetcher[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		req := Request{Limit: cfg.Limit}
		switch cfg.Numbering {
		case OneBased:
			req.Page = max(cfg.Start, 1)
		case Offset:
			req.Offset = max(cfg.Start, 0)
		default:
			req.Page = max(cfg.Start, 0)
		}
		first := req
		seen := 0
		// Only the previous page's length and end items are kept (not the
		// page), so that memory holds one page.
		var prev edge[T]
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, req)
			if err != nil {
				yield(zero, err)
				return
			}
			if page == nil || len(page.Items) == 0 {
				return
			}
			if prev.repeatedBy(page.Items) {
				yield(zero, fmt.Errorf("%w (page %d, offset %d)", ErrRepeatedPage, req.Page, req.Offset))
				return
			}
			prev = edgeOf(page.Items)
			n := len(page.Items)
			for i := range page.Items {
				if !yield(page.Items[i], nil) {
					return
				}
			}
			seen += n
			if !more(cfg, first, req, page, n, seen) {
				return
			}
			if cfg.Numbering == Offset {
				req.Offset += n
			} else {
				req.Page++
			}
		}
	}
}

// more decides whether another page follows, trusting the most explicit
// signal the server gave.
func more[T any](cfg Config, first, req Request, page *Page[T], n, seen int) bool {
	if page.HasMore != nil {
		return *page.HasMore
	}
	if page.LastPage != 0 && cfg.Numbering != Offset {
		return req.Page < page.LastPage
	}
	if page.TotalKnown {
		return skipped(cfg, first)+seen < page.Total
	}
	size := page.PageSize
	if size == 0 {
		size = cfg.Limit
	}
	if size == 0 {
		return true // no signal: an empty page will end the walk
	}
	return n >= size
}

// skipped is how many items lie before the first page asked for.
func skipped(cfg Config, first Request) int {
	switch cfg.Numbering {
	case Offset:
		return first.Offset
	case OneBased:
		return (first.Page - 1) * cfg.Limit
	default:
		return first.Page * cfg.Limit
	}
}

// edge is what repeat detection keeps of a page: its length and its first and
// last items (cheap, and enough to catch a server that ignores the page
// parameter).
type edge[T any] struct {
	n           int
	first, last T
}

func edgeOf[T any](items []T) edge[T] {
	return edge[T]{n: len(items), first: items[0], last: items[len(items)-1]}
}

func (e edge[T]) repeatedBy(cur []T) bool {
	if e.n == 0 || e.n != len(cur) {
		return false
	}
	return reflect.DeepEqual(e.first, cur[0]) && reflect.DeepEqual(e.last, cur[len(cur)-1])
}
