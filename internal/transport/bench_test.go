package transport

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/benchkit"
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

// BenchmarkCall is one GET through the full stack with DecodeJSON against
// the same GET with plain net/http + encoding/json (Authorization set by
// hand, json.NewDecoder, drain, close), same local server, same run:
// sdk and plain alone (allocations), and paired (the ns/op ratio).
func BenchmarkCall(b *testing.B) {
	srv := benchServer(b)
	plain, stack := plainClient(b), stackClient(b, srv)
	url, ctx := srv.URL+benchPath, context.Background()
	benchkit.Compare(b,
		func(b *testing.B) { stackGet(b, stack, ctx, url) },
		func(b *testing.B) { plainGet(b, plain, ctx, url) })
}
