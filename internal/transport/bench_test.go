package transport

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

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

// benchAuth is what auth.NewTransport(auth.Static(...)) does on the hot
// path: clone the request, set the header.
type benchAuth struct{ next http.RoundTripper }

func (a benchAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	r2 := req.Clone(req.Context())
	r2.Header.Set("Authorization", "Bearer bench-token")
	return a.next.RoundTrip(r2)
}

// BenchmarkGetPlain is the baseline: net/http + encoding/json, no stack.
func BenchmarkGetPlain(b *testing.B) {
	srv := benchServer(b)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	url := srv.URL + "/v1/creation-intents/ci-000123"
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
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
}

// BenchmarkGetStack is the same GET through the full stack: retries on,
// auth header transport, logger nil, DecodeJSON.
func BenchmarkGetStack(b *testing.B) {
	srv := benchServer(b)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c, err := New(Config{
		Vendor:   "sparetech",
		Settings: clientopt.Apply([]clientopt.Option{clientopt.WithHTTPClient(&http.Client{Transport: tr})}),
		Auth:     func(next http.RoundTripper) http.RoundTripper { return benchAuth{next: next} },
	})
	if err != nil {
		b.Fatal(err)
	}
	hc := c.HTTPClient()
	url := srv.URL + "/v1/creation-intents/ci-000123"
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
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
}
