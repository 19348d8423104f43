package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/partsync/partsync-go/internal/apierror"
)

// front is the outermost RoundTripper (the retry layer): it prepares one call
// (headers, request id, call state), runs the attempts through
// go-retryablehttp, and turns the outcome into a response below 400 or an
// *apierror.Error.
type front struct {
	client *Client
}

// RoundTrip runs one call: every attempt, every backoff.
func (f *front) RoundTrip(req *http.Request) (*http.Response, error) {
	c := f.client
	ctx := req.Context()
	m := marksOf(ctx)

	cl := &call{Context: ctx, client: c, op: m.op, noRetry: m.noRetry}
	cl.retrySafe = !m.noRetry && (m.idempotent || idempotentMethod(req.Method))
	cl.replayable = req.Body == nil || req.Body == http.NoBody || req.GetBody != nil

	id := req.Header.Get(requestIDHeader)
	newID := ""
	if id == "" {
		id = newRequestID()
		newID = id
	}
	cl.requestID = id

	var cctx context.Context = cl
	if !cl.retrySafe {
		// Only a request that must not be repeated pays for the trace: it
		// tells "failed before it was sent" (safe to retry) from "sent,
		// then the connection failed" (outcome unknown).
		cctx = httptrace.WithClientTrace(cctx, &httptrace.ClientTrace{
			WroteRequest: func(info httptrace.WroteRequestInfo) {
				if info.Err == nil {
					cl.wrote.Store(true)
				}
			},
		})
	}
	r2 := req.WithContext(cctx)
	r2.Header = prepareHeader(req.Header, c.headers, newID)

	// The body is not buffered: the first attempt sends it as it is, and
	// prepareRetry rewinds it with GetBody before a retry.
	body := r2.Body
	r2.Body = nil
	rreq, err := retryablehttp.FromRequest(r2)
	if err != nil {
		return nil, c.finish(cl, req, nil, err)
	}
	r2.Body = body

	resp, err := c.retry.Do(rreq)
	if err == nil && resp != nil && resp.StatusCode < 400 {
		return resp, nil
	}
	return nil, c.finish(cl, req, resp, err)
}

// CloseIdleConnections lets the outer *http.Client close the base's idle
// connections.
func (f *front) CloseIdleConnections() { f.client.CloseIdleConnections() }

func idempotentMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// prepareRetry rewinds the body before a retry (checkRetry only retries
// replayable requests).
func prepareRetry(req *http.Request) error {
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
	case resp != nil:
		e = apierror.FromResponse(resp, c.vendor, c.decode)
		drainClose(resp.Body)
		c.noteDecoded(e)
	case errors.As(err, &e):
		// Built by an inner layer (the rate-limit gate); copy, it may be shared.
		cp := *e
		e = &cp
	default:
		cause := err
		var ue *url.Error
		if errors.As(err, &ue) {
			cause = ue.Err
		}
		if last := cl.last.Load(); last != nil && cl.Err() != nil {
			// The ctx ended while waiting to retry: keep what the server said.
			cp := *last
			e = &cp
		} else {
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
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	_ = body.Close()
}

// maxDrain bounds how much of an unwanted body is read to keep the connection:
// beyond it, closing the connection is cheaper.
const maxDrain = 256 << 10
