package transport

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// attempt is the first layer inside the retry loop: it counts the attempts
// of a call and logs each one.
type attempt struct {
	client *Client
	next   http.RoundTripper
}

// RoundTrip sends one attempt.
func (a *attempt) RoundTrip(req *http.Request) (*http.Response, error) {
	cl := callOf(req.Context())
	n := 1
	if cl != nil {
		n = int(cl.attempts.Add(1))
		if n > 1 {
			// A fresh call starts with both false.
			cl.wrote.Store(false)
			cl.reached.Store(false)
		}
	}
	l := a.client.logger
	if l == nil {
		return a.next.RoundTrip(req)
	}
	start := time.Now()
	resp, err := a.next.RoundTrip(req)
	logAttempt(req.Context(), l, a.client.vendor, cl, req, n, resp, err, time.Since(start))
	return resp, err
}

// logAttempt writes one line per attempt: Debug when it worked, Warn when it
// did not. It logs the host and path only: never the query (it may carry
// keys) and never a header value.
func logAttempt(ctx context.Context, l *slog.Logger, vendor string, cl *call, req *http.Request, n int, resp *http.Response, err error, d time.Duration) {
	level := slog.LevelDebug
	if err != nil || (resp != nil && resp.StatusCode >= 400) {
		level = slog.LevelWarn
	}
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs,
		slog.String("vendor", vendor),
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", req.URL.Path),
		slog.Int("attempt", n),
		slog.Duration("duration", d),
	)
	if cl != nil {
		if cl.op != "" {
			attrs = append(attrs, slog.String("op", cl.op))
		}
		attrs = append(attrs, slog.String("request_id", cl.requestID))
	}
	msg := "partsync: http request"
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	if err != nil {
		msg = "partsync: http request failed"
		attrs = append(attrs, slog.String("error", safeErrorText(err)))
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}

// logRetry notes the wait before the next attempt.
func logRetry(cl *call, c *Client, req *http.Request, next int, wait time.Duration) {
	if !c.logger.Enabled(cl, slog.LevelDebug) {
		return
	}
	c.logger.LogAttrs(cl, slog.LevelDebug, "partsync: retrying",
		slog.String("vendor", c.vendor),
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", req.URL.Path),
		slog.Int("next_attempt", next+1),
		slog.Duration("wait", wait),
		slog.String("request_id", cl.requestID),
	)
}
