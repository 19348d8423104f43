package benchkit

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Exchange is one recorded HTTP exchange.
type Exchange struct {
	Method, Path, RawQuery string
	// Header holds the request's headers; Body its body.
	Header http.Header
	Body   []byte
	Status int
	// RespHeader and RespBody are the response's.
	RespHeader http.Header
	RespBody   []byte
}

// Recorder is an http.RoundTripper that records every exchange it carries.
// Put it under a client pointed at a vendor fake to learn what that
// client sends and what the fake answers.
type Recorder struct {
	// Base carries the requests (http.DefaultTransport when nil).
	Base http.RoundTripper
	mu   sync.Mutex
	log  []Exchange
}

// RoundTrip records req and its response.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := Exchange{Method: req.Method, Path: req.URL.Path, RawQuery: req.URL.RawQuery, Header: req.Header.Clone()}
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		ex.Body = b
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	base := r.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	ex.Status, ex.RespHeader, ex.RespBody = resp.StatusCode, resp.Header.Clone(), body
	r.mu.Lock()
	r.log = append(r.log, ex)
	r.mu.Unlock()
	return resp, nil
}

// Exchanges returns what was recorded, oldest first.
func (r *Recorder) Exchanges() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Exchange(nil), r.log...)
}

// Last returns the last exchange for method and path.
func (r *Recorder) Last(method, path string) (Exchange, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.log) - 1; i >= 0; i-- {
		if r.log[i].Method == method && r.log[i].Path == path {
			return r.log[i], true
		}
	}
	return Exchange{}, false
}

// Replay is a 127.0.0.1 server (keep-alive, HTTP/1.1) that answers each
// request with the recorded response for its method and path, after
// checking that it carries the recorded request's credential header; more
// routes can be added with Handle before the first request.
type Replay struct {
	srv    *httptest.Server
	mux    *http.ServeMux
	routes map[string]*route
}

type route struct {
	authKey, authValue string
	status             int
	header             [][2]string
	body               []byte
}

// credentialHeaders are the headers a vendor authenticates with.
var credentialHeaders = []string{"Authorization", "X-Access-Token"}

// skippedHeaders are response headers the server sets itself.
var skippedHeaders = map[string]bool{"Date": true, "Content-Length": true, "Connection": true}

// NewReplay starts a server answering the given exchanges (for a method and
// path recorded more than once, the last wins). It closes when b ends.
func NewReplay(b testing.TB, exchanges ...Exchange) *Replay {
	b.Helper()
	rp := &Replay{mux: http.NewServeMux(), routes: map[string]*route{}}
	for _, ex := range exchanges {
		rt := &route{status: ex.Status, body: ex.RespBody}
		for _, k := range credentialHeaders {
			if v := ex.Header.Get(k); v != "" {
				rt.authKey, rt.authValue = k, v
			}
		}
		for k, vs := range ex.RespHeader {
			if !skippedHeaders[k] {
				for _, v := range vs {
					rt.header = append(rt.header, [2]string{k, v})
				}
			}
		}
		rp.routes[ex.Method+" "+ex.Path] = rt
	}
	rp.mux.HandleFunc("/", rp.serve)
	rp.srv = httptest.NewServer(rp.mux)
	b.Cleanup(rp.srv.Close)
	return rp
}

// Handle adds a handler for a ServeMux pattern (e.g. "GET /v1/items"),
// before the first request.
func (rp *Replay) Handle(pattern string, h http.HandlerFunc) { rp.mux.HandleFunc(pattern, h) }

// URL is the server's root, e.g. http://127.0.0.1:40123.
func (rp *Replay) URL() string { return rp.srv.URL }

func (rp *Replay) serve(w http.ResponseWriter, r *http.Request) {
	rt, ok := rp.routes[r.Method+" "+r.URL.Path]
	if !ok {
		http.Error(w, "not recorded", http.StatusNotFound)
		return
	}
	if rt.authKey != "" && r.Header.Get(rt.authKey) != rt.authValue {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	// Read the request body as a real server does before answering.
	_, _ = io.Copy(io.Discard, r.Body)
	h := w.Header()
	for _, kv := range rt.header {
		h[kv[0]] = append(h[kv[0]], kv[1])
	}
	w.WriteHeader(rt.status)
	_, _ = w.Write(rt.body)
}
