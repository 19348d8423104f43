package eryxon

import (
	"bytes"
	"io"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
)

// budgetStop turns a 429 whose wait is longer than the caller may wait into
// an error at once. Eryxon's budget is per day, so its Retry-After is usually
// hours: the transport's retry loop would otherwise sleep its backoff
// (clamped to WithRetry's maxWait) before its gate refuses the retry. An
// error from below the retry loop is not retried. (Quirk: daily budgets.)
type budgetStop struct {
	next    http.RoundTripper
	maxWait time.Duration
}

func (b *budgetStop) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := b.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests {
		return resp, err
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, apierror.MaxDecode))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	probe := *resp
	probe.Body = io.NopCloser(bytes.NewReader(body))
	e := apierror.FromResponse(&probe, vendor, decodeError)
	limit := b.maxWait
	if dl, ok := req.Context().Deadline(); ok {
		limit = min(limit, time.Until(dl))
	}
	wait := e.RetryAfter
	if !e.RateLimit.Reset.IsZero() {
		wait = max(wait, time.Until(e.RateLimit.Reset))
	}
	if wait <= limit {
		return resp, nil
	}
	return nil, e
}

func maxRateLimitWait(d time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return transport.DefaultMaxRateLimitWait
}
