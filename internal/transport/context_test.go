package transport

import (
	"context"
	"errors"
	"testing"
)

type parentKey struct{}

// TestMarksKeepTheParentContext: the marks a vendor puts on a ctx stack up
// and leave the caller's values, cancellation and deadline as they were.
func TestMarksKeepTheParentContext(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), parentKey{}, "caller"))
	ctx := NoRetry(Idempotent(WithOp(parent, "things.get")))
	ctx = WithOp(ctx, "things.put")

	if m := marksOf(ctx); m != (marks{idempotent: true, noRetry: true, op: "things.put"}) {
		t.Fatalf("marks %+v", m)
	}
	if m := marksOf(parent); m != (marks{}) {
		t.Fatalf("parent marks %+v", m)
	}
	if v := ctx.Value(parentKey{}); v != "caller" {
		t.Fatalf("parent value %v", v)
	}
	child, stop := context.WithCancel(ctx)
	defer stop()
	cancel()
	<-child.Done()
	if !errors.Is(ctx.Err(), context.Canceled) || !errors.Is(child.Err(), context.Canceled) {
		t.Fatalf("err %v / %v", ctx.Err(), child.Err())
	}
}
