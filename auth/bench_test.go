package auth

import (
	"context"
	"net/http"
	"testing"
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
