package transport

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// benchItem is the payload both benchmarks decode.
type benchItem struct {
	ID       string            `json:"id"`
	Status   string            `json:"status"`
	Quantity int               `json:"quantity"`
	Tags     []string          `json:"tags"`
	Metadata map[string]string `json:"metadata"`
}

const benchBody = `{"id":"ci-000123","status":"READY","quantity":42,"tags":["pump","spare","A1"],"metadata":{"plant":"1000","material":"M-77812"}}`

const benchPath = "/v1/creation-intents/ci-000123"

func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer bench-token" {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, benchBody)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// plainGet is the baseline: net/http + encoding/json, no stack.
func plainGet(b *testing.B, hc *http.Client, ctx context.Context, url string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer bench-token")
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	var v benchItem
	err = json.NewDecoder(resp.Body).Decode(&v)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || v.Quantity != 42 {
		b.Fatal(resp.StatusCode, err)
	}
}

// stackGet is the same GET through the full stack.
func stackGet(b *testing.B, hc *http.Client, ctx context.Context, url string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(AsError(err))
	}
	var v benchItem
	if err := DecodeJSON(resp, &v); err != nil || v.Quantity != 42 {
		b.Fatal(err)
	}
}

func plainClient(b *testing.B) *http.Client {
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// stackClient is the stack as a vendor builds it: retries on (the defaults),
// auth.NewTransport with auth.Static, logger nil.
func stackClient(b *testing.B, srv *httptest.Server) *http.Client {
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	host := strings.TrimPrefix(srv.URL, "http://")
	c, err := New(Config{
		Vendor:   "sparetech",
		Settings: clientopt.Apply([]clientopt.Option{clientopt.WithHTTPClient(&http.Client{Transport: tr})}),
		Auth: func(next http.RoundTripper) http.RoundTripper {
			return auth.NewTransport(auth.Static("bench-token"), next, host)
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	return c.HTTPClient()
}

// BenchmarkGetPlain is one GET with plain net/http + encoding/json. Besides
// ns/op (the mean) it reports p50-ns, the median request, which a loaded
// machine's stalls do not move.
func BenchmarkGetPlain(b *testing.B) {
	srv := benchServer(b)
	hc, url, ctx := plainClient(b), srv.URL+benchPath, context.Background()
	b.ReportAllocs()
	times := newSamples()
	for b.Loop() {
		t0 := time.Now()
		plainGet(b, hc, ctx, url)
		times = record(times, time.Since(t0))
	}
	b.ReportMetric(float64(median(times)), "p50-ns")
}

// BenchmarkGetStack is the same GET through the full stack with DecodeJSON
// (the same metrics as BenchmarkGetPlain).
func BenchmarkGetStack(b *testing.B) {
	srv := benchServer(b)
	hc, url, ctx := stackClient(b, srv), srv.URL+benchPath, context.Background()
	b.ReportAllocs()
	times := newSamples()
	for b.Loop() {
		t0 := time.Now()
		stackGet(b, hc, ctx, url)
		times = record(times, time.Since(t0))
	}
	b.ReportMetric(float64(median(times)), "p50-ns")
}

// BenchmarkGetPaired alternates the two GETs in one loop and times each, so
// that both see the same machine load. It reports the mean, median and 90th
// percentile of each and the ratio of the medians (stack/plain): on a
// shared, loaded machine a stalled request inflates a mean by tens of
// percent, while the medians of interleaved requests stay put.
func BenchmarkGetPaired(b *testing.B) {
	srv := benchServer(b)
	plain, stack := plainClient(b), stackClient(b, srv)
	url, ctx := srv.URL+benchPath, context.Background()
	tPlain, tStack := newSamples(), newSamples()
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			t0 := time.Now()
			plainGet(b, plain, ctx, url)
			t1 := time.Now()
			stackGet(b, stack, ctx, url)
			tPlain = record(tPlain, t1.Sub(t0))
			tStack = record(tStack, time.Since(t1))
		} else {
			t0 := time.Now()
			stackGet(b, stack, ctx, url)
			t1 := time.Now()
			plainGet(b, plain, ctx, url)
			tStack = record(tStack, t1.Sub(t0))
			tPlain = record(tPlain, time.Since(t1))
		}
		n++
	}
	mp, ms := median(tPlain), median(tStack)
	b.ReportMetric(float64(mean(tPlain)), "plain-mean-ns")
	b.ReportMetric(float64(mean(tStack)), "stack-mean-ns")
	b.ReportMetric(float64(pct(tPlain, 0.9)), "plain-p90-ns")
	b.ReportMetric(float64(pct(tStack, 0.9)), "stack-p90-ns")
	b.ReportMetric(float64(mp.Nanoseconds()), "plain-p50-ns")
	b.ReportMetric(float64(ms.Nanoseconds()), "stack-p50-ns")
	b.ReportMetric(float64(ms)/float64(mp), "stack/plain")
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}

func mean(d []time.Duration) time.Duration {
	var s time.Duration
	for _, x := range d {
		s += x
	}
	return s / time.Duration(max(len(d), 1))
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[int(float64(len(d)-1)*p)]
}

// newSamples is allocated before the timed loop so that recording request
// times adds nothing to B/op or allocs/op.
func newSamples() []time.Duration { return make([]time.Duration, 0, 1<<18) }

func record(s []time.Duration, d time.Duration) []time.Duration {
	if len(s) < cap(s) {
		s = append(s, d)
	}
	return s
}
