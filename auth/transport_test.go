package auth

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
)

// apiServer is a test API that records the credentials each request carried.
type apiServer struct {
	*httptest.Server
	mu     sync.Mutex
	seen   []http.Header
	bodies []string
	// reject answers 401 to these tokens.
	reject map[string]bool
}

func newAPIServer(t *testing.T) *apiServer {
	s := &apiServer{reject: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.seen = append(s.seen, r.Header.Clone())
		s.bodies = append(s.bodies, string(body))
		rejected := s.reject[r.Header.Get("Authorization")] || s.reject[r.Header.Get("X-Access-Token")]
		s.mu.Unlock()
		if rejected {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"Unauthenticated."}`)
			return
		}
		io.WriteString(w, "ok")
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *apiServer) headers() []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]http.Header(nil), s.seen...)
}

func hostOf(t *testing.T, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func TestTransportAttachesTokenOnlyToHost(t *testing.T) {
	api, other := newAPIServer(t), newAPIServer(t)
	client := &http.Client{Transport: NewTransport(Static("key-1"), http.DefaultTransport, hostOf(t, api.URL))}
	for _, u := range []string{api.URL + "/a", other.URL + "/b"} {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := api.headers()[0].Get("Authorization"); got != "Bearer key-1" {
		t.Errorf("API host got Authorization %q", got)
	}
	if got := other.headers()[0].Get("Authorization"); got != "" {
		t.Errorf("another host got Authorization")
	}
}

func TestTransportRedirectElsewhereCarriesNoToken(t *testing.T) {
	other := newAPIServer(t)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/landing", http.StatusFound)
	}))
	defer api.Close()
	client := &http.Client{Transport: NewTransport(Static("key-1"), http.DefaultTransport, hostOf(t, api.URL))}
	resp, err := client.Get(api.URL + "/start")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := other.headers()
	if len(h) != 1 || h[0].Get("Authorization") != "" {
		t.Fatalf("the redirect target got %d requests, Authorization present: %v", len(h), len(h) > 0 && h[0].Get("Authorization") != "")
	}
}

func TestTransportCustomHeader(t *testing.T) {
	api := newAPIServer(t)
	rt := NewTransportWithOptions(Static("jwt-1"), nil, TransportOptions{Host: hostOf(t, api.URL), Header: "x-access-token"})
	resp, err := (&http.Client{Transport: rt}).Get(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := api.headers()[0]
	if h.Get("X-Access-Token") != "jwt-1" || h.Get("Authorization") != "" {
		t.Errorf("x-access-token %q, Authorization present %v", h.Get("X-Access-Token"), h.Get("Authorization") != "")
	}
	rt = NewTransportWithOptions(Static("k"), nil, TransportOptions{Host: hostOf(t, api.URL), Scheme: "Token"})
	resp, err = (&http.Client{Transport: rt}).Get(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := api.headers()[1].Get("Authorization"); got != "Token k" {
		t.Errorf("custom scheme: %q", got)
	}
}

// The token goes to the configured host however its URL spells the default
// port, and never to a look-alike host (internal/hostmatch has every case).
func TestTransportHostMatching(t *testing.T) {
	var got []string
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.Host+" "+r.Header.Get("Authorization"))
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	client := &http.Client{Transport: NewTransport(Static("k"), base, "api.example.com")}
	for _, u := range []string{"https://API.example.com:443/x", "https://api.example.com.evil.io/x", "https://api.example.com:8443/x"} {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	want := []string{"API.example.com:443 Bearer k", "api.example.com.evil.io ", "api.example.com:8443 "}
	if !slices.Equal(got, want) {
		t.Errorf("sent %q, want %q", got, want)
	}
}

func TestTransportRefusesPlainHTTPToRemoteHost(t *testing.T) {
	var sent atomic.Int32
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	var tokenCalls atomic.Int32
	src := NewCachedSource(func(context.Context, *Token) (*Token, error) {
		tokenCalls.Add(1)
		return &Token{AccessToken: "t"}, nil
	}, CacheOptions{})
	client := &http.Client{Transport: NewTransport(src, base, "api.example.com")}
	_, err := client.Post("http://api.example.com/x", "text/plain", strings.NewReader("body"))
	if !errors.Is(err, apierror.ErrInvalidInput) || !strings.Contains(err.Error(), "refusing to send a token over http to api.example.com") {
		t.Fatalf("err = %v", err)
	}
	// A name under .localhost is not counted as loopback: whether it stays
	// on the machine depends on the resolver.
	client = &http.Client{Transport: NewTransport(src, base, "api.localhost")}
	if _, err := client.Get("http://api.localhost/x"); !errors.Is(err, apierror.ErrInvalidInput) {
		t.Fatalf("api.localhost over http: err = %v", err)
	}
	if sent.Load() != 0 || tokenCalls.Load() != 0 {
		t.Fatalf("%d requests and %d token requests went out", sent.Load(), tokenCalls.Load())
	}
	// Allowed with the option, and to loopback hosts.
	client = &http.Client{Transport: NewTransportWithOptions(src, base, TransportOptions{Host: "api.example.com", AllowInsecureHTTP: true})}
	if resp, err := client.Get("http://api.example.com/x"); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	for _, h := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"} {
		client = &http.Client{Transport: NewTransport(src, base, h)}
		if resp, err := client.Get("http://" + h + "/x"); err != nil {
			t.Fatalf("%s: %v", h, err)
		} else {
			resp.Body.Close()
		}
	}
	if sent.Load() != 4 {
		t.Errorf("%d requests sent, want 4", sent.Load())
	}
	// No host configured: nothing is sent.
	client = &http.Client{Transport: NewTransport(src, base, "")}
	if _, err := client.Get("https://api.example.com/x"); !errors.Is(err, apierror.ErrInvalidInput) || !strings.Contains(err.Error(), "TransportOptions.Host: is empty") {
		t.Errorf("empty host: %v", err)
	}
}

// bodyTracker records whether response bodies were drained and closed.
type bodyTracker struct {
	base   http.RoundTripper
	mu     sync.Mutex
	bodies []*trackedBody
}

type trackedBody struct {
	io.ReadCloser
	read, closed bool
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.read = true
	}
	return n, err
}

func (b *trackedBody) Close() error { b.closed = true; return b.ReadCloser.Close() }

func (bt *bodyTracker) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := bt.base.RoundTrip(r)
	if err == nil {
		tb := &trackedBody{ReadCloser: resp.Body}
		resp.Body = tb
		bt.mu.Lock()
		bt.bodies = append(bt.bodies, tb)
		bt.mu.Unlock()
	}
	return resp, err
}

func TestTransport401InvalidatesAndReplaysOnce(t *testing.T) {
	srv := newFakeTokenServer(t)
	src := ClientCredentials(srv.config())
	api := newAPIServer(t)
	api.reject["Bearer at-1"] = true
	tracker := &bodyTracker{base: http.DefaultTransport}
	client := &http.Client{Transport: NewTransport(src, tracker, hostOf(t, api.URL))}
	resp, err := client.Post(api.URL+"/v1/items", "application/json", bytes.NewReader([]byte(`{"n":1}`)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok" {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	h := api.headers()
	if len(h) != 2 || h[0].Get("Authorization") != "Bearer at-1" || h[1].Get("Authorization") != "Bearer at-2" {
		t.Fatalf("API saw %d requests", len(h))
	}
	if api.bodies[0] != `{"n":1}` || api.bodies[1] != `{"n":1}` {
		t.Errorf("replayed body %q, first %q", api.bodies[1], api.bodies[0])
	}
	if srv.count() != 2 {
		t.Errorf("%d token requests, want 2", srv.count())
	}
	if first := tracker.bodies[0]; !first.read || !first.closed {
		t.Errorf("the discarded 401 body: drained %v, closed %v", first.read, first.closed)
	}

	// The second 401 in a row is returned as is: one replay only.
	api.reject["Bearer at-2"], api.reject["Bearer at-3"] = true, true
	resp, err = client.Get(api.URL + "/v1/items")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || len(api.headers()) != 4 {
		t.Fatalf("status %d after %d API requests, want 401 after 4", resp.StatusCode, len(api.headers()))
	}
}

func TestTransport401WithoutReplayableBody(t *testing.T) {
	srv := newFakeTokenServer(t)
	src := ClientCredentials(srv.config())
	api := newAPIServer(t)
	api.reject["Bearer at-1"] = true
	client := &http.Client{Transport: NewTransport(src, http.DefaultTransport, hostOf(t, api.URL))}
	req, _ := http.NewRequest(http.MethodPost, api.URL, io.NopCloser(strings.NewReader("stream")))
	req.GetBody = nil
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || string(body) != `{"message":"Unauthenticated."}` || len(api.headers()) != 1 {
		t.Fatalf("status %d, %d API requests", resp.StatusCode, len(api.headers()))
	}
	// The token was still invalidated: the next request uses a new one.
	resp, err = client.Get(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || api.headers()[1].Get("Authorization") != "Bearer at-2" {
		t.Errorf("after the 401: status %d", resp.StatusCode)
	}
}

func TestTransport401WithStaticKey(t *testing.T) {
	api := newAPIServer(t)
	api.reject["Bearer bad-key"] = true
	client := &http.Client{Transport: NewTransport(Static("bad-key"), http.DefaultTransport, hostOf(t, api.URL))}
	resp, err := client.Get(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || len(api.headers()) != 1 {
		t.Fatalf("status %d, %d API requests: a static key must not be replayed", resp.StatusCode, len(api.headers()))
	}
}

func TestTransportConcurrent401sRefreshOnce(t *testing.T) {
	srv := newFakeTokenServer(t)
	src := ClientCredentials(srv.config())
	api := newAPIServer(t)
	api.reject["Bearer at-1"] = true
	client := &http.Client{Transport: NewTransport(src, http.DefaultTransport, hostOf(t, api.URL))}
	if _, err := src.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			resp, err := client.Get(api.URL)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		})
	}
	wg.Wait()
	if srv.count() != 2 {
		t.Errorf("%d token requests for 20 concurrent 401s, want 2 (first + one renewal)", srv.count())
	}
}

func TestTransportTokenErrorAndRequestUntouched(t *testing.T) {
	srv := newFakeTokenServer(t)
	srv.failNext(fault{status: 401, body: `{"error":"invalid_client"}`})
	var sent atomic.Int32
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	rt := NewTransport(ClientCredentials(srv.config()), base, "api.example.com")
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/x", nil)
	_, err := rt.RoundTrip(req)
	var re *RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_client" || sent.Load() != 0 {
		t.Fatalf("err %v, %d sent", err, sent.Load())
	}
	// A successful round trip leaves the caller's request unmodified.
	rt = NewTransport(Static("k"), base, "api.example.com")
	if _, err := rt.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if len(req.Header) != 0 {
		t.Errorf("the caller's request was modified: %v", req.Header)
	}
}

func TestTransport401GetBodyFails(t *testing.T) {
	srv := newFakeTokenServer(t)
	api := newAPIServer(t)
	api.reject["Bearer at-1"] = true
	client := &http.Client{Transport: NewTransport(ClientCredentials(srv.config()), http.DefaultTransport, hostOf(t, api.URL))}
	req, _ := http.NewRequest(http.MethodPut, api.URL, strings.NewReader("x"))
	req.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("gone") }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 || len(api.headers()) != 1 {
		t.Fatalf("status %d, %d requests", resp.StatusCode, len(api.headers()))
	}
}
