package transport

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"testing"
	"time"

	"github.com/partsync/partsync-go/internal/clientopt"
)

func TestDefaults(t *testing.T) {
	c, err := New(Config{Vendor: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	if c.maxRetries != 3 || c.minWait != 500*time.Millisecond || c.maxWait != 30*time.Second || c.maxRateLimitWait != time.Minute || c.limiter != nil {
		t.Fatalf("defaults: retries %d, waits %v..%v, rate-limit wait %v, limiter %v", c.maxRetries, c.minWait, c.maxWait, c.maxRateLimitWait, c.limiter)
	}
	if c.HTTPClient().Timeout != 0 {
		t.Fatal("a timeout the user did not ask for")
	}
	c, _ = New(Config{Settings: settings(clientopt.WithRetry(-1, 2*time.Second, time.Second), clientopt.WithRateLimit(10, 0))})
	if c.maxRetries != 0 || c.minWait != 2*time.Second || c.maxWait != 2*time.Second || c.limiter == nil || c.limiter.Burst() != 1 {
		t.Fatalf("normalised settings: %d %v %v %v", c.maxRetries, c.minWait, c.maxWait, c.limiter)
	}
}

func TestTraceOnlyForNonIdempotentRequests(t *testing.T) {
	traced := map[string]bool{}
	c, _ := newMockStack(t, Config{Settings: settings()}, func(req *http.Request) (*http.Response, error) {
		traced[req.Method] = httptrace.ContextClientTrace(req.Context()) != nil
		return reply(200, "{}")(req)
	})
	for _, m := range []string{"GET", "PUT", "DELETE", "POST", "PATCH"} {
		Discard(must(do(t, c, context.Background(), m, "https://api.example.com/x", "")))
	}
	want := map[string]bool{"GET": false, "PUT": false, "DELETE": false, "POST": true, "PATCH": true}
	for m, w := range want {
		if traced[m] != w {
			t.Errorf("%s traced = %v, want %v", m, traced[m], w)
		}
	}
}
