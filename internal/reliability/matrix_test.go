package reliability

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

var update = flag.Bool("update", false, "rewrite RELIABILITY.md from the fault matrix")

const (
	// deadline is what each call of the matrix may take.
	deadline = 2 * time.Second
	// slowDeadline is the caller's deadline in the slowResponse cells.
	slowDeadline = 300 * time.Millisecond
	// slack is what a call may overrun its deadline by on a loaded machine.
	slack = time.Second
)

// observed is what one cell did.
type observed struct {
	err     error
	elapsed time.Duration
	sends   int32 // matching requests the injector saw
	applied int32 // matching requests the fake received
	panic   any
}

// expect checks one cell and returns its table entry; a failed check is
// reported with t.Errorf and the entry starts with FAIL.
func expect(tg target, f fault, o observed) (string, []string) {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if o.panic != nil {
		fail("panicked: %v", o.panic)
	}
	limit := deadline
	if f == slowResponse {
		limit = slowDeadline
	}
	if o.elapsed > limit+slack {
		fail("took %v, past the %v deadline", o.elapsed.Round(time.Millisecond), limit)
	}
	if tg.kind == write && o.applied > 1 {
		fail("the write reached the server %d times", o.applied)
	}
	isErr := func(target error, name string) {
		if !errors.Is(o.err, target) {
			fail("want an error matching %s, got %v", name, o.err)
		}
	}
	sends := func(n int32) {
		if o.sends != n {
			fail("sent %d times, want %d", o.sends, n)
		}
	}
	applied := func(n int32) {
		if o.applied != n {
			fail("the server applied it %d times, want %d", o.applied, n)
		}
	}
	var cell string
	switch {
	case f == slowResponse:
		isErr(context.DeadlineExceeded, "context.DeadlineExceeded")
		sends(1)
		cell = "DeadlineExceeded at the deadline"
	case f == status500:
		isErr(apierror.ErrServer, "ErrServer")
		sends(1)
		cell = "ErrServer, not retried"
	case f == status429:
		if o.err != nil {
			fail("want success after the Retry-After wait, got %v", o.err)
		}
		sends(2)
		cell = "retried after Retry-After, succeeded"
		if tg.kind == write {
			applied(1)
			cell += "; applied once"
		}
	case f == status502 || f == status503 || f == status504:
		if tg.kind == write {
			isErr(apierror.ErrServer, "ErrServer")
			sends(1)
			applied(0)
			cell = "ErrServer, not resent"
			break
		}
		if o.err != nil {
			fail("want success after a retry, got %v", o.err)
		}
		sends(2)
		cell = "retried, succeeded"
	case f == resetBeforeResponse || f == resetAfterWrite:
		if tg.kind == write {
			isErr(apierror.ErrOutcomeUnknown, "ErrOutcomeUnknown")
			sends(1)
			if f == resetAfterWrite {
				applied(1)
			} else {
				applied(0)
			}
			cell = "ErrOutcomeUnknown, not resent"
			break
		}
		if o.err != nil {
			fail("want success after a retry, got %v", o.err)
		}
		sends(2)
		cell = "retried, succeeded"
		if tg.kind == upsert && f == resetAfterWrite {
			applied(2)
			cell += " (upsert applied twice, same row)"
		}
	case tg.okOn2xx:
		if o.err != nil {
			fail("want success (the 2xx is the outcome), got %v", o.err)
		}
		sends(1)
		applied(1)
		cell = "succeeded: placed (2xx), body not relied on"
	default: // the decode faults
		isErr(apierror.ErrDecode, "ErrDecode")
		sends(1)
		cell = "ErrDecode, not retried"
		if tg.kind != read {
			applied(1)
			cell += "; applied once"
		}
	}
	if len(problems) > 0 {
		return "FAIL: " + strings.Join(problems, "; "), problems
	}
	return cell + " ✓", nil
}

func TestFaultMatrix(t *testing.T) {
	var mu sync.Mutex
	cells := map[string]string{}
	t.Run("cells", func(t *testing.T) {
		for _, tg := range targets {
			for _, f := range faults {
				t.Run(tg.vendor+"/"+tg.op+"/"+f.String(), func(t *testing.T) {
					t.Parallel()
					call, in := tg.start(t, f)
					limit := deadline
					if f == slowResponse {
						limit = slowDeadline
					}
					ctx, cancel := context.WithTimeout(context.Background(), limit)
					defer cancel()
					var o observed
					start := time.Now()
					func() {
						defer func() { o.panic = recover() }()
						o.err = call(ctx)
					}()
					o.elapsed = time.Since(start)
					o.sends, o.applied = in.sends.Load(), in.applied.Load()
					cell, problems := expect(tg, f, o)
					for _, p := range problems {
						t.Error(p)
					}
					if o.err != nil && !strings.Contains(cell, "FAIL") {
						// The error must say what happened, in words.
						if msg := o.err.Error(); len(msg) < 10 {
							t.Errorf("error text %q says too little", msg)
						}
					}
					mu.Lock()
					cells[tg.vendor+"|"+tg.op+"|"+f.String()] = cell
					mu.Unlock()
				})
			}
		}
	})
	doc := render(cells)
	const path = "../../RELIABILITY.md"
	if *update {
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/reliability -run TestFaultMatrix -update)", err)
	}
	if !bytes.Equal(old, doc) {
		t.Errorf("RELIABILITY.md is not the table this run produced; run: go test ./internal/reliability -run TestFaultMatrix -update")
	}
}
