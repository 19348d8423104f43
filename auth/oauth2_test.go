package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestOAuth2TokenSourceGoesThroughTheCache(t *testing.T) {
	var grants atomic.Int32
	src := NewCachedSource(func(context.Context, *Token) (*Token, error) {
		grants.Add(1)
		return &Token{AccessToken: "cached-access-1", TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)}, nil
	}, CacheOptions{})
	ts := OAuth2TokenSource(context.Background(), src)
	for range 5 {
		tok, err := ts.Token()
		if err != nil {
			t.Fatal(err)
		}
		if tok.AccessToken != "cached-access-1" || tok.Type() != "Bearer" || !tok.Valid() {
			t.Fatalf("token %+v is not the cached one", tok.Type())
		}
	}
	if grants.Load() != 1 {
		t.Fatalf("%d grants for 5 calls, want 1", grants.Load())
	}

	// An x/oauth2 transport built on it sends the token.
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	hc := &http.Client{Transport: &oauth2.Transport{Source: ts, Base: http.DefaultTransport}}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if got.Load() != "Bearer cached-access-1" {
		t.Fatal("the oauth2.Transport did not send the cached token")
	}
}

func TestFromOAuth2(t *testing.T) {
	want := &oauth2.Token{AccessToken: "x-oauth2-access", TokenType: "bearer", Expiry: time.Now().Add(time.Hour)}
	src := FromOAuth2(oauth2.StaticTokenSource(want))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer x-oauth2-access" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	hc := &http.Client{Transport: NewTransport(src, http.DefaultTransport, u.Host)}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: the x/oauth2 token was not sent as a Bearer token", resp.StatusCode)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := src.Token(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled ctx: err = %v", err)
	}
	if _, err := FromOAuth2(nil).Token(context.Background()); err == nil {
		t.Fatal("a nil TokenSource gave no error")
	}
	failing := oauth2.TokenSource(tokenSourceFunc(func() (*oauth2.Token, error) { return nil, errors.New("flow failed") }))
	if _, err := FromOAuth2(failing).Token(context.Background()); err == nil || err.Error() != "flow failed" {
		t.Fatalf("err = %v, want the source's error", err)
	}
}

type tokenSourceFunc func() (*oauth2.Token, error)

func (f tokenSourceFunc) Token() (*oauth2.Token, error) { return f() }
