package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCachedToken is the hot path every API request takes: a fresh
// token from the cache.
func BenchmarkCachedToken(b *testing.B) {
	src := NewCachedSource(func(context.Context, *Token) (*Token, error) {
		return &Token{AccessToken: "t"}, nil
	}, CacheOptions{})
	ctx := context.Background()
	if _, err := src.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := src.Token(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTransport measures what the auth transport adds to a request
// (clone, header), against a base that answers at once.
func BenchmarkTransport(b *testing.B) {
	ok := &http.Response{StatusCode: 200, Body: http.NoBody}
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { return ok, nil })
	src := NewCachedSource(func(context.Context, *Token) (*Token, error) {
		return &Token{AccessToken: "t"}, nil
	}, CacheOptions{})
	rt := NewTransport(src, base, "api.example.com")
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/v1/items?page=2", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rt.RoundTrip(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExpiredToken1000 is 1000 concurrent callers on a source whose
// token has expired: each round builds a ClientCredentials source over a
// Store holding an expired token, starts 1000 goroutines that wait at a
// barrier, then times from their release until every one has a fresh
// token ("token": Source.Token; "request": a GET through NewTransport over
// a base that answers in memory). token-requests/round must be exactly 1.
func BenchmarkExpiredToken1000(b *testing.B) {
	for _, mode := range []string{"token", "request"} {
		b.Run(mode, func(b *testing.B) { benchExpired(b, mode == "request") })
	}
}

func benchExpired(b *testing.B, viaTransport bool) {
	const callers = 1000
	var issued atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := issued.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"fresh-%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	ok := &http.Response{StatusCode: 200, Body: http.NoBody}
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer fresh-") {
			return nil, fmt.Errorf("sent %q", r.Header.Get("Authorization"))
		}
		return ok, nil
	})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		store := NewMemoryStore()
		if err := store.Save(ctx, &Token{AccessToken: "expired", TokenType: "Bearer", Expiry: time.Now().Add(-time.Minute)}); err != nil {
			b.Fatal(err)
		}
		src := ClientCredentials(Config{TokenURL: srv.URL, ClientID: "bench-id", ClientSecret: "bench-secret", HTTPClient: hc, Store: store})
		rt := NewTransport(src, base, "api.example.com")
		start := make(chan struct{})
		errs := make(chan error, callers)
		var wg sync.WaitGroup
		for range callers {
			wg.Go(func() {
				<-start
				if viaTransport {
					req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com/v1/items", nil)
					if _, err := rt.RoundTrip(req); err != nil {
						errs <- err
					}
					return
				}
				t, err := src.Token(ctx)
				if err == nil && !strings.HasPrefix(t.AccessToken, "fresh-") {
					err = errors.New("got the expired token")
				}
				if err != nil {
					errs <- err
				}
			})
		}
		before := issued.Load()
		b.StartTimer()
		close(start)
		wg.Wait()
		b.StopTimer()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		if n := issued.Load() - before; n != 1 {
			b.Fatalf("%d token requests for %d concurrent callers, want 1", n, callers)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(issued.Load())/float64(b.N), "token-requests/round")
	b.ReportMetric(callers, "callers/round")
}
