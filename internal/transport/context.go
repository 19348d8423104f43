package transport

import (
	"context"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/partsync/partsync-go/internal/apierror"
)

// marks is what a vendor package says about one call through the context.
type marks struct {
	idempotent bool
	noRetry    bool
	op         string
}

type marksKey struct{}

func marksOf(ctx context.Context) marks {
	if m, ok := ctx.Value(marksKey{}).(*marks); ok {
		return *m
	}
	return marks{}
}

func withMarks(ctx context.Context, change func(*marks)) context.Context {
	mc := &marksCtx{Context: ctx, m: marksOf(ctx)}
	change(&mc.m)
	return mc
}

// marksCtx is context.WithValue(ctx, marksKey{}, &m) in one allocation
// instead of two: vendor packages name every call (WithOp).
type marksCtx struct {
	context.Context
	m marks
}

// Value answers marksKey with the marks and everything else from the
// parent context.
func (c *marksCtx) Value(key any) any {
	if key == (marksKey{}) {
		return &c.m
	}
	return c.Context.Value(key)
}

// Idempotent marks a POST as safe to retry (the vendor makes it an upsert or
// the caller supplied an idempotency key).
func Idempotent(ctx context.Context) context.Context {
	return withMarks(ctx, func(m *marks) { m.idempotent = true })
}

// NoRetry marks a request that must never be sent twice, whatever its method;
// only a 429 answer (a refusal before any work) is sent again.
func NoRetry(ctx context.Context) context.Context {
	return withMarks(ctx, func(m *marks) { m.noRetry = true })
}

// WithOp names the operation for errors and logs ("creation-intents.confirm").
func WithOp(ctx context.Context, op string) context.Context {
	return withMarks(ctx, func(m *marks) { m.op = op })
}

// call is the state of one call through the stack (one request, all its
// attempts). It is also the request's context, so that one allocation carries
// both and every inner layer finds it with a single Value lookup.
type call struct {
	context.Context
	client    *Client
	requestID string
	idBuf     [requestIDLen]byte
	// headerVals backs the values of the request's header copy when they
	// fit (see prepareHeader): it lives as long as the request does.
	headerVals [4]string
	op         string
	// retrySafe: the method is idempotent or the caller marked it so, and
	// NoRetry was not given.
	retrySafe bool
	// noRetry: the caller forbade any second send.
	noRetry bool
	// replayable: the body can be sent again (none, or GetBody set).
	replayable bool
	// wrote is set by httptrace when a non-retry-safe attempt's request was
	// fully written: a failure after it leaves the outcome unknown.
	wrote atomic.Bool
	// reached is set when an attempt got past the auth layer to the base
	// transport: an error without it came from getting a token, which the
	// token cache retries and backs off on its own.
	reached atomic.Bool
	// attempts counts the requests handed to the inner layers.
	attempts atomic.Int32
	// last is the error built from the last response that was retried; it
	// carries the vendor Decoder's RetryAfter into the backoff and survives
	// a ctx that ends during the sleep.
	last atomic.Pointer[apierror.Error]
}

// tracedCall is the state of a call that is not retry-safe, with its
// httptrace hooks in the same allocation.
type tracedCall struct {
	call
	trace httptrace.ClientTrace
}

type callKey struct{}

// Value answers callKey with the call itself and everything else from the
// caller's context.
func (c *call) Value(key any) any {
	if key == (callKey{}) {
		return c
	}
	return c.Context.Value(key)
}

func callOf(ctx context.Context) *call {
	c, _ := ctx.Value(callKey{}).(*call)
	return c
}
