package transport

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/partsync/partsync-go/internal/clientopt"
)

func TestOuterClientFollowsRedirectsAuthSeesEachHop(t *testing.T) {
	var auth *headerAuth
	mock := httpmock.NewMockTransport()
	var mu sync.Mutex
	got := map[string]http.Header{}
	mock.RegisterResponder("GET", "https://api.example.com/v1/file", func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		got[req.URL.Host] = req.Header.Clone()
		mu.Unlock()
		resp := httpmock.NewStringResponse(302, "")
		resp.Header.Set("Location", "https://cdn.example.net/blob/1")
		return resp, nil
	})
	mock.RegisterResponder("GET", "https://cdn.example.net/blob/1", func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		got[req.URL.Host] = req.Header.Clone()
		mu.Unlock()
		return httpmock.NewStringResponse(200, `{"ok":true}`), nil
	})
	c, err := New(Config{Vendor: "acme", Settings: settings(clientopt.WithHTTPClient(&http.Client{Transport: mock})),
		Auth: func(next http.RoundTripper) http.RoundTripper {
			auth = &headerAuth{next: next, key: "X-Seen", value: "yes"}
			return auth
		}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := get(t, c, context.Background(), "https://api.example.com/v1/file")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ OK bool }
	if err := DecodeJSON(resp, &v); err != nil || !v.OK {
		t.Fatal(err, v)
	}
	if len(auth.hosts) != 2 || auth.hosts[0] != "api.example.com" || auth.hosts[1] != "cdn.example.net" {
		t.Fatalf("auth layer saw hosts %v, want each hop", auth.hosts)
	}
	if got["cdn.example.net"].Get("User-Agent") == "" || got["cdn.example.net"].Get("X-Request-Id") == "" {
		t.Fatalf("redirected request lacks stack headers: %v", got["cdn.example.net"])
	}
}

func TestUserCheckRedirectHonoured(t *testing.T) {
	c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithHTTPClient(&http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}))}, reply(301, "", "Location", "https://elsewhere.example.com/"))
	resp := must(get(t, c, context.Background(), "https://api.example.com/x"))
	Discard(resp)
	if resp.StatusCode != 301 || len(sc.requests()) != 1 {
		t.Fatalf("status %d, %d requests", resp.StatusCode, len(sc.requests()))
	}
}

func TestHTTPClientTimeoutHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithHTTPClient(&http.Client{Timeout: 3 * time.Second}))},
			func(req *http.Request) (*http.Response, error) {
				<-req.Context().Done()
				return nil, req.Context().Err()
			})
		start := time.Now()
		_, err := get(t, c, context.Background(), "https://api.example.com/x")
		if el := time.Since(start); el != 3*time.Second {
			t.Errorf("returned after %v, want the 3s timeout", el)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err %v", err)
		}
		if len(sc.requests()) != 1 {
			t.Fatalf("%d attempts after the timeout", len(sc.requests()))
		}
	})
}

func TestRateLimitConcurrentReaders(t *testing.T) {
	c, _ := newMockStack(t, Config{Settings: settings()}, reply(200, "{}", "X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "59", "X-RateLimit-Reset", "2030-01-01T00:00:00Z"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
				_ = c.RateLimit()
			}
		})
	}
	wg.Wait()
	rl := c.RateLimit()
	if rl.Limit != 60 || rl.Remaining != 59 || !rl.HasRemaining || !rl.Reset.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v", rl)
	}
}

func TestRateLimitKeptWhenResponseHasNone(t *testing.T) {
	c, _ := newMockStack(t, Config{Settings: settings()}, reply(200, "{}", "X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "3"), reply(200, "{}"))
	for range 2 {
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
	}
	if rl := c.RateLimit(); rl.Limit != 10 || rl.Remaining != 3 {
		t.Fatalf("%+v", rl)
	}
}

func TestNewTokenClient(t *testing.T) {
	var buf syncBuffer
	mock := httpmock.NewMockTransport()
	sc := &script{steps: []func(*http.Request) (*http.Response, error){reply(503, `{"error":"temporarily_unavailable"}`)}}
	mock.RegisterNoResponder(sc.responder)
	s := settings(clientopt.WithHTTPClient(&http.Client{Transport: mock}), clientopt.WithUserAgent("erp/2"), clientopt.WithLogger(debugLogger(&buf)))
	hc := NewTokenClient("sparetech", s)
	resp, err := hc.PostForm("https://auth.example.com/token", map[string][]string{"client_secret": {"CS-1"}, "grant_type": {"client_credentials"}})
	if err != nil {
		t.Fatalf("a token endpoint error must come back as a response: %v", err)
	}
	Discard(resp)
	if resp.StatusCode != 503 || len(sc.requests()) != 1 {
		t.Fatalf("status %d, %d attempts (want no retry)", resp.StatusCode, len(sc.requests()))
	}
	r := sc.requests()[0]
	if r.Header.Get("User-Agent") != "erp/2 partsync-go/0.1.0 (sparetech)" || !hex16.MatchString(r.Header.Get("X-Request-Id")) || r.Header.Get("Authorization") != "" {
		t.Fatalf("headers %v", r.Header)
	}
	if r.Body != "client_secret=CS-1&grant_type=client_credentials" {
		t.Fatalf("body %q", r.Body)
	}
	if hc.Timeout != DefaultTokenTimeout {
		t.Fatalf("timeout %v", hc.Timeout)
	}
	lines := logLines(t, buf.String())
	if len(lines) != 1 || lines[0]["path"] != "/token" || lines[0]["status"] != float64(503) {
		t.Fatalf("log %v", lines)
	}
	if strings.Contains(buf.String(), "CS-1") {
		t.Fatal("token request body logged")
	}
}
