package transport

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/partsync/partsync-go/internal/clientopt"
)

var hex16 = regexp.MustCompile(`^[0-9a-f]{16}$`)

// headerAuth is the shape of an auth transport: it clones the request and
// sets a header (auth.Static-like).
type headerAuth struct {
	next  http.RoundTripper
	key   string
	value string
	hosts []string
}

func (a *headerAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	a.hosts = append(a.hosts, req.URL.Host)
	r2 := req.Clone(req.Context())
	r2.Header.Set(a.key, a.value)
	return a.next.RoundTrip(r2)
}

func TestGetSendsHeadersAndDecodes(t *testing.T) {
	var auth *headerAuth
	c, sc := newMockStack(t, Config{
		Vendor:   "sparetech",
		Settings: settings(),
		Auth: func(next http.RoundTripper) http.RoundTripper {
			auth = &headerAuth{next: next, key: "Authorization", value: "Bearer tok-123456"}
			return auth
		},
		Header: http.Header{"Accept": {"application/json"}, "X-Extra": {"default"}},
	}, reply(200, `{"id":"a1","n":3}`, "Content-Type", "application/json"))

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.example.com/v1/items/a1?limit=5", nil)
	req.Header.Set("X-Extra", "caller")
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ID string `json:"id"`
		N  int    `json:"n"`
	}
	if err := DecodeJSON(resp, &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "a1" || got.N != 3 {
		t.Fatalf("decoded %+v", got)
	}
	reqs := sc.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != "GET" || r.URL != "https://api.example.com/v1/items/a1?limit=5" {
		t.Errorf("sent %s %s", r.Method, r.URL)
	}
	if ua := r.Header.Get("User-Agent"); ua != "partsync-go/"+Version+" (sparetech)" {
		t.Errorf("User-Agent %q", ua)
	}
	if id := r.Header.Get("X-Request-Id"); !hex16.MatchString(id) {
		t.Errorf("X-Request-Id %q, want 16 hex chars", id)
	}
	if a := r.Header.Get("Authorization"); a != "Bearer tok-123456" {
		t.Errorf("Authorization %q", a)
	}
	if v := r.Header.Get("Accept"); v != "application/json" {
		t.Errorf("default Accept not applied: %q", v)
	}
	if v := r.Header.Values("X-Extra"); len(v) != 1 || v[0] != "caller" {
		t.Errorf("caller header overridden by default: %q", v)
	}
	if len(req.Header) != 1 {
		t.Errorf("caller's request was mutated: %v", req.Header)
	}
}

func TestUserAgentProductPrefix(t *testing.T) {
	c, sc := newMockStack(t, Config{Vendor: "sparetech", Settings: settings(clientopt.WithUserAgent("myerp/1.2"))}, reply(204, ""))
	resp, err := get(t, c, context.Background(), "https://api.example.com/x")
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if ua := sc.requests()[0].Header.Get("User-Agent"); ua != "myerp/1.2 partsync-go/0.1.0 (sparetech)" {
		t.Fatalf("User-Agent %q", ua)
	}
}

func TestCallerUserAgentAndRequestIDKept(t *testing.T) {
	c, sc := newMockStack(t, Config{Settings: settings()}, reply(200, "{}"))
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/x", nil)
	req.Header.Set("X-Request-Id", "caller-id-1")
	req.Header.Set("User-Agent", "custom/1")
	resp, err := c.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	h := sc.requests()[0].Header
	if h.Get("X-Request-Id") != "caller-id-1" || len(h.Values("X-Request-Id")) != 1 {
		t.Errorf("X-Request-Id %q", h.Values("X-Request-Id"))
	}
	if h.Get("User-Agent") != "custom/1" {
		t.Errorf("User-Agent %q", h.Get("User-Agent"))
	}
}

func TestRequestIDDiffersPerCall(t *testing.T) {
	c, sc := newMockStack(t, Config{Settings: settings()}, reply(200, "{}"))
	for range 2 {
		resp, err := get(t, c, context.Background(), "https://api.example.com/x")
		if err != nil {
			t.Fatal(err)
		}
		Discard(resp)
	}
	r := sc.requests()
	if a, b := r[0].Header.Get("X-Request-Id"), r[1].Header.Get("X-Request-Id"); a == b {
		t.Fatalf("two calls share request id %q", a)
	}
}
