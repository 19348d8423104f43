package paging

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"weak"

	"github.com/partsync/partsync-go/internal/apierror"
)

// server serves items 0..n-1 by page, recording what the walker asked for.
type server struct {
	n, size int
	asked   []Request
	// shape fills the page's signals.
	shape func(p *Page[int], r Request, pageIndex int)
}

func (s *server) fetch(numbering Numbering) Fetcher[int] {
	return func(_ context.Context, r Request) (*Page[int], error) {
		s.asked = append(s.asked, r)
		var start, idx int
		switch numbering {
		case OneBased:
			idx = r.Page - 1
			start = idx * s.size
		case ZeroBased:
			idx = r.Page
			start = idx * s.size
		case Offset:
			start = r.Offset
			idx = start / s.size
		}
		p := &Page[int]{}
		for i := start; i < min(start+s.size, s.n); i++ {
			p.Items = append(p.Items, i)
		}
		if s.shape != nil {
			s.shape(p, r, idx)
		}
		// A caller-supplied Request is a copy: changing it must not steer the walk.
		r.Page, r.Offset = 999, 999
		return p, nil
	}
}

func collect(t *testing.T, seq func(func(int, error) bool)) ([]int, error) {
	t.Helper()
	var got []int
	for v, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func boolp(b bool) *bool { return &b }

func TestNumberingsAndSignals(t *testing.T) {
	type tc struct {
		name      string
		numbering Numbering
		n         int
		shape     func(p *Page[int], r Request, idx int)
		wantAsked int
	}
	cases := []tc{
		{"zero-based short page", ZeroBased, 25, nil, 3},
		{"zero-based exact multiple ends on empty page", ZeroBased, 20, nil, 3},
		{"one-based short page", OneBased, 25, nil, 3},
		{"offset short page", Offset, 25, nil, 3},
		{"has more", ZeroBased, 20, func(p *Page[int], r Request, idx int) { p.HasMore = boolp(idx < 1) }, 2},
		{"has more overrides a short page", OneBased, 25, func(p *Page[int], r Request, idx int) { p.HasMore = boolp(idx < 2); p.PageSize = 100 }, 3},
		{"total", Offset, 20, func(p *Page[int], r Request, idx int) { p.Total, p.TotalKnown = 20, true }, 2},
		{"last page", OneBased, 20, func(p *Page[int], r Request, idx int) { p.LastPage = 2 }, 2},
		{"server page size", ZeroBased, 25, func(p *Page[int], r Request, idx int) { p.PageSize = 10 }, 3},
		{"empty first page", ZeroBased, 0, nil, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &server{n: c.n, size: 10, shape: c.shape}
			got, err := collect(t, Walk(context.Background(), Config{Numbering: c.numbering, Limit: 10}, s.fetch(c.numbering)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, upTo(c.n)) {
				t.Fatalf("got %v", got)
			}
			if len(s.asked) != c.wantAsked {
				t.Fatalf("asked %d pages (%v), want %d", len(s.asked), s.asked, c.wantAsked)
			}
			for i, r := range s.asked {
				var want Request
				switch c.numbering {
				case ZeroBased:
					want = Request{Page: i, Limit: 10}
				case OneBased:
					want = Request{Page: i + 1, Limit: 10}
				case Offset:
					want = Request{Offset: i * 10, Limit: 10}
				}
				if r != want {
					t.Errorf("request %d = %+v, want %+v", i, r, want)
				}
			}
		})
	}
}

func TestStartAndTotal(t *testing.T) {
	// Starting at page 2 (one-based) of 25 items with a total: pages 2 and 3.
	s := &server{n: 25, size: 10, shape: func(p *Page[int], _ Request, _ int) { p.Total, p.TotalKnown = 25, true }}
	got, err := collect(t, Walk(context.Background(), Config{Numbering: OneBased, Start: 2, Limit: 10}, s.fetch(OneBased)))
	if err != nil || !slices.Equal(got, upTo(25)[10:]) || len(s.asked) != 2 {
		t.Fatalf("got %v err %v asked %v", got, err, s.asked)
	}
	s = &server{n: 25, size: 10}
	got, _ = collect(t, Walk(context.Background(), Config{Numbering: Offset, Start: 20, Limit: 10}, s.fetch(Offset)))
	if !slices.Equal(got, upTo(25)[20:]) || s.asked[0].Offset != 20 {
		t.Fatalf("offset start: %v %v", got, s.asked)
	}
}

func TestNoSignalReadsUntilEmptyPage(t *testing.T) {
	s := &server{n: 30, size: 10}
	got, err := collect(t, Walk(context.Background(), Config{Numbering: ZeroBased}, s.fetch(ZeroBased)))
	if err != nil || !slices.Equal(got, upTo(30)) || len(s.asked) != 4 {
		t.Fatalf("got %v, asked %d", got, len(s.asked))
	}
}

func TestStopsAfterFirstError(t *testing.T) {
	boom := errors.New("boom")
	calls := 0
	fetch := func(_ context.Context, r Request) (*Page[int], error) {
		calls++
		if r.Page == 1 {
			return nil, boom
		}
		return &Page[int]{Items: []int{1, 2}, HasMore: boolp(true)}, nil
	}
	var got []int
	var errs []error
	for v, err := range Walk(context.Background(), Config{}, fetch) {
		if err != nil {
			errs = append(errs, err)
			continue // even a consumer that keeps going gets nothing more
		}
		got = append(got, v)
	}
	if !slices.Equal(got, []int{1, 2}) || len(errs) != 1 || !errors.Is(errs[0], boom) || calls != 2 {
		t.Fatalf("got %v errs %v calls %d", got, errs, calls)
	}
}

func TestConsumerBreak(t *testing.T) {
	s := &server{n: 100, size: 10}
	var got []int
	for v, err := range Walk(context.Background(), Config{Limit: 10}, s.fetch(ZeroBased)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		if v == 12 {
			break
		}
	}
	if !slices.Equal(got, upTo(13)) || len(s.asked) != 2 {
		t.Fatalf("got %v asked %d", got, len(s.asked))
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &server{n: 100, size: 10}
	var got []int
	var gotErr error
	for v, err := range Walk(ctx, Config{Limit: 10}, s.fetch(ZeroBased)) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, v)
		if v == 9 {
			cancel()
		}
	}
	if !errors.Is(gotErr, context.Canceled) || len(got) != 10 || len(s.asked) != 1 {
		t.Fatalf("err %v got %d asked %d", gotErr, len(got), len(s.asked))
	}
}

func TestRepeatedPage(t *testing.T) {
	calls := 0
	fetch := func(context.Context, Request) (*Page[int], error) {
		calls++
		return &Page[int]{Items: []int{1, 2, 3}, HasMore: boolp(true)}, nil // ignores the page parameter
	}
	got, err := collect(t, Walk(context.Background(), Config{Limit: 3}, fetch))
	if !errors.Is(err, apierror.ErrDecode) {
		t.Errorf("a repeated page does not match apierror.ErrDecode: %v", err)
	}
	if !errors.Is(err, ErrRepeatedPage) || !slices.Equal(got, []int{1, 2, 3}) || calls != 2 {
		t.Fatalf("got %v err %v calls %d", got, err, calls)
	}
}

func TestDoesNotMutateConfig(t *testing.T) {
	cfg := Config{Numbering: OneBased, Start: 1, Limit: 10}
	before := cfg
	s := &server{n: 25, size: 10}
	seq := Walk(context.Background(), cfg, s.fetch(OneBased))
	for range 2 { // the sequence can be walked twice, from the start each time
		got, _ := collect(t, seq)
		if !slices.Equal(got, upTo(25)) {
			t.Fatalf("got %v", got)
		}
	}
	if cfg != before {
		t.Fatalf("config changed: %+v", cfg)
	}
}

type bigItem struct {
	ID  int
	Pad [4096]byte
}

func TestHoldsOnePage(t *testing.T) {
	// While page k+1 is fetched, page k's items must be unreachable from the
	// walker: only one page is ever held.
	var prev weak.Pointer[bigItem]
	var held int
	fetch := func(_ context.Context, r Request) (*Page[bigItem], error) {
		runtime.GC()
		if r.Page > 0 && prev.Value() != nil {
			held++
		}
		if r.Page == 5 {
			return &Page[bigItem]{}, nil
		}
		items := make([]bigItem, 8)
		for i := range items {
			items[i].ID = r.Page*8 + i
		}
		prev = weak.Make(&items[0])
		return &Page[bigItem]{Items: items}, nil
	}
	n := 0
	for v, err := range Walk(context.Background(), Config{Limit: 8}, fetch) {
		if err != nil || v.ID != n {
			t.Fatalf("item %d: %v %v", n, v.ID, err)
		}
		n++
	}
	if n != 40 || held != 0 {
		t.Fatalf("walked %d items; a previous page was still held at %d fetches", n, held)
	}
}
