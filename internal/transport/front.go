package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

// front is the outermost RoundTripper (the retry layer): it prepares one call
// (headers, request id, call state), runs the attempts through
// the retry loop, and turns the outcome into a response below 400 or an
// *apierror.Error.
type front struct {
	client *Client
}

// RoundTrip runs one call: every attempt, every backoff.
func (f *front) RoundTrip(req *http.Request) (*http.Response, error) {
	c := f.client
	ctx := req.Context()
	m := marksOf(ctx)

	retrySafe := !m.noRetry && (m.idempotent || idempotentMethod(req.Method))
	var cl *call
	var trace *httptrace.ClientTrace
	if retrySafe {
		cl = new(call)
	} else {
		tc := new(tracedCall)
		cl, trace = &tc.call, &tc.trace
	}
	cl.Context, cl.client, cl.op, cl.noRetry = ctx, c, m.op, m.noRetry
	cl.retrySafe = retrySafe
	cl.replayable = req.Body == nil || req.Body == http.NoBody || req.GetBody != nil

	id := headerValue(req.Header, requestIDHeader)
	newID := ""
	if id == "" {
		id = newRequestID(&cl.idBuf)
		newID = id
	}
	cl.requestID = id

	var cctx context.Context = cl
	if trace != nil {
		// Only a request that must not be repeated pays for the trace: it
		// tells "failed before it was sent" (safe to retry) from "sent,
		// then the connection failed" (outcome unknown).
		trace.WroteRequest = func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				cl.wrote.Store(true)
			}
		}
		cctx = httptrace.WithClientTrace(cctx, trace)
	}
	r := req.WithContext(cctx)
	r.Header = prepareHeader(req.Header, c.headers, newID, cl.headerVals[:0])

	resp, err := c.attempts(cl, r)
	if err == nil && resp.StatusCode < 400 {
		return resp, nil
	}
	return nil, c.finish(cl, req, resp, err)
}

// attempts is the retry loop. It follows go-retryablehttp's Client.Do (the
// same CheckRetry and Backoff hooks, the body rewound before each retry, the
// last response passed through) without its inner *http.Client, which costs
// six allocations per call on the hot path (see BENCHMARKS.md). The body is
// never buffered: the first attempt sends it as it is, a retry rewinds it
// with GetBody.
func (c *Client) attempts(cl *call, r *http.Request) (*http.Response, error) {
	for i := 0; ; i++ {
		if i > 0 {
			r2 := *r
			r = &r2
			if err := rewindBody(r); err != nil {
				return nil, err
			}
		}
		resp, err := c.inner.RoundTrip(r)
		if err != nil {
			// The policy hooks expect net/http's client error shape.
			err = &url.Error{Op: urlErrorOp(r.Method), URL: apierror.SafeURL(r.URL), Err: err}
		}
		retry, _ := c.checkRetry(cl, resp, err)
		if !retry || i >= c.maxRetries {
			return resp, err
		}
		wait := c.backoff(c.minWait, c.maxWait, i, resp)
		if resp != nil {
			drainClose(resp.Body)
			if dl, ok := cl.Deadline(); ok && time.Until(dl) < wait {
				// The server asks for a wait the caller cannot afford: its
				// answer (kept by checkRetry) is the result, now rather
				// than at the deadline.
				return nil, errNoTimeToRetry
			}
		}
		if c.logger != nil {
			logRetry(cl, c, r, i+1, wait)
		}
		if err := sleep(cl, wait); err != nil {
			return nil, err
		}
	}
}

// errNoTimeToRetry ends the loop when the wait before the next attempt
// outlasts the caller's deadline; finish reports the last response instead.
var errNoTimeToRetry = errors.New("transport: no time left to retry")

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func urlErrorOp(method string) string {
	if method == "" {
		return "Get"
	}
	return method[:1] + strings.ToLower(method[1:])
}

// CloseIdleConnections lets the outer *http.Client close the base's idle
// connections.
func (f *front) CloseIdleConnections() { f.client.CloseIdleConnections() }

func idempotentMethod(m string) bool {
	switch m {
	case "", http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// rewindBody gives a retry a fresh body (checkRetry only retries replayable
// requests).
func rewindBody(req *http.Request) error {
	if req.GetBody == nil || req.Body == nil || req.Body == http.NoBody {
		return nil
	}
	b, err := req.GetBody()
	if err != nil {
		return err
	}
	req.Body = b
	return nil
}

// finish turns the last response (status >= 400) or error into the
// *apierror.Error the caller sees, draining and closing the body so that the
// connection is reused.
func (c *Client) finish(cl *call, req *http.Request, resp *http.Response, err error) error {
	var e *apierror.Error
	switch {
	case resp != nil && err == nil:
		e = apierror.FromResponse(resp, c.vendor, c.decode)
		drainClose(resp.Body)
		c.noteDecoded(e)
	case errors.As(err, &e):
		// Built by an inner layer (the rate-limit gate, a token request);
		// copy, it may be shared. A token failure keeps its own Op, method
		// and URL: they say which request failed.
		cp := *e
		e = &cp
		if e.Op != "" && e.Op != cl.op {
			e.Vendor = c.vendor
			if e.RequestID == "" {
				e.RequestID = cl.requestID
			}
			e.Attempts = int(cl.attempts.Load())
			return e
		}
	default:
		cause := err
		var ue *url.Error
		if errors.As(err, &ue) {
			cause = ue.Err
		}
		last := cl.last.Load()
		switch {
		case last != nil && errors.Is(err, errNoTimeToRetry):
			// The server's answer, as it gave it.
			cp := *last
			e = &cp
			cause = nil
		case last != nil && cl.Err() != nil:
			// The ctx ended while waiting to retry: keep what the server said.
			cp := *last
			e = &cp
		default:
			e = &apierror.Error{}
		}
		e.Err = ctxCause(cl, cause)
		if cl.wrote.Load() && !cl.retrySafe {
			e.Kind = apierror.ErrOutcomeUnknown
		}
	}
	e.Vendor = c.vendor
	e.Op = cl.op
	e.Method = req.Method
	e.URL = apierror.SafeURL(req.URL)
	if e.RequestID == "" {
		e.RequestID = cl.requestID
	}
	e.Attempts = int(cl.attempts.Load())
	return e
}

// ctxCause makes sure that a failure caused by the caller's context matches
// context.Canceled / context.DeadlineExceeded with errors.Is.
func ctxCause(ctx context.Context, cause error) error {
	ctxErr := ctx.Err()
	if ctxErr == nil || cause == nil || errors.Is(cause, ctxErr) {
		return cause
	}
	return &ctxError{ctx: ctxErr, cause: cause}
}

type ctxError struct{ ctx, cause error }

func (e *ctxError) Error() string   { return e.ctx.Error() + ": " + e.cause.Error() }
func (e *ctxError) Unwrap() []error { return []error{e.ctx, e.cause} }

// drainClose reads what is left of a body, up to a bound, so that the
// connection can be reused, then closes it.
func drainClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	bp := drainBufs.Get().(*[]byte)
	buf := *bp
	for n := 0; n < maxDrain; {
		m, err := body.Read(buf)
		n += m
		if err != nil {
			break
		}
	}
	drainBufs.Put(bp)
	_ = body.Close()
}

// drainBufs recycles drain buffers: draining runs on every call.
var drainBufs = sync.Pool{New: func() any { b := make([]byte, 8<<10); return &b }}

// maxDrain bounds how much of an unwanted body is read to keep the connection:
// beyond it, closing the connection is cheaper.
const maxDrain = 256 << 10
