package reliability

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fault is one way the network or the server can fail a request.
type fault int

const (
	resetBeforeResponse fault = iota
	resetAfterWrite
	status500
	status502
	status503
	status504
	status429
	slowResponse
	truncatedJSON
	htmlPage
	wrongContentType
	hugeBody
	invalidUTF8
	// cycle is not part of the matrix: matching requests take turns at
	// passing, 404, 500 and truncated JSON (TestConnectionReuse).
	cycle
)

var faults = []fault{resetBeforeResponse, resetAfterWrite, status500, status502, status503, status504,
	status429, slowResponse, truncatedJSON, htmlPage, wrongContentType, hugeBody, invalidUTF8}

func (f fault) String() string {
	return [...]string{"reset before response", "reset after write", "500", "502", "503", "504",
		"429 + Retry-After", "slower than deadline", "truncated JSON", "HTML page", "wrong content type",
		"50 MB body", "invalid UTF-8", "cycle"}[f]
}

const (
	// hugeBodySize is the body of the hugeBody fault: above the SDK's limit.
	hugeBodySize = 50 << 20
	// slowDelay is how long the slowResponse fault holds the answer back,
	// far beyond the deadline the matrix gives each call.
	slowDelay = 5 * time.Second
)

// injector is a reverse proxy in front of a vendor's fake. The first request
// that matches method and path gets the fault; every other request passes
// through. It counts the matching requests it saw (sends) and those the
// fake received (applied).
type injector struct {
	srv          *httptest.Server
	proxy        *httputil.ReverseProxy
	method, path string
	fault        fault
	fired        atomic.Bool
	sends        atomic.Int32
	applied      atomic.Int32
	conns        atomic.Int32 // TCP connections clients opened to the injector
}

// newInjector proxies to the fake at target (scheme://host[/path]) and
// returns the injector and the URL that replaces target for the client.
func newInjector(t *testing.T, target, method, path string, f fault) (*injector, string) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	in := &injector{method: method, path: path, fault: f}
	in.proxy = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(&url.URL{Scheme: u.Scheme, Host: u.Host})
			r.Out.Host = u.Host
		},
		// A client that gave up (the slow cell) is expected, not news.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	in.srv = httptest.NewUnstartedServer(in)
	in.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			in.conns.Add(1)
		}
	}
	in.srv.Start()
	t.Cleanup(in.srv.Close)
	return in, in.srv.URL + strings.TrimSuffix(u.Path, "/")
}

func (in *injector) matches(r *http.Request) bool {
	return r.Method == in.method && strings.Contains(r.URL.Path, in.path)
}

// forward sends r on to the fake.
func (in *injector) forward(w http.ResponseWriter, r *http.Request) {
	if in.matches(r) {
		in.applied.Add(1)
	}
	in.proxy.ServeHTTP(w, r)
}

func (in *injector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !in.matches(r) {
		in.proxy.ServeHTTP(w, r)
		return
	}
	n := in.sends.Add(1)
	if in.fault == cycle {
		in.cycle(w, r, n)
		return
	}
	if !in.fired.CompareAndSwap(false, true) {
		in.forward(w, r)
		return
	}
	switch in.fault {
	case resetBeforeResponse:
		reset(w)
	case resetAfterWrite:
		in.forward(httptest.NewRecorder(), r)
		reset(w)
	case status500, status502, status503, status504:
		_, _ = io.Copy(io.Discard, r.Body)
		code := map[fault]int{status500: 500, status502: 502, status503: 503, status504: 504}[in.fault]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, `{"message":"injected `+strconv.Itoa(code)+`"}`)
	case status429:
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"message":"slow down"}`)
	case slowResponse:
		select {
		case <-time.After(slowDelay):
			in.forward(w, r)
		case <-r.Context().Done():
		}
	case hugeBody:
		in.forward(httptest.NewRecorder(), r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		writeHuge(w)
	default:
		rec := httptest.NewRecorder()
		in.forward(rec, r)
		body, ctype := mangle(in.fault, rec.Body.Bytes())
		h := w.Header()
		for k, v := range rec.Header() {
			h[k] = v
		}
		h.Set("Content-Type", ctype)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		code := rec.Code
		if code < 200 || code > 299 {
			code = http.StatusOK
		}
		w.WriteHeader(code)
		_, _ = w.Write(body)
	}
}

// mangle turns the fake's real answer into the faulty one.
func mangle(f fault, body []byte) (out []byte, contentType string) {
	switch f {
	case truncatedJSON:
		if len(body) < 2 {
			return []byte(`{"items":[{"id":`), "application/json"
		}
		return body[:len(body)/2], "application/json"
	case htmlPage:
		return []byte("<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We'll be back soon</h1></body></html>"), "text/html; charset=utf-8"
	case wrongContentType:
		return []byte(`<?xml version="1.0"?><error><message>unexpected</message></error>`), "application/xml"
	case invalidUTF8:
		// The first string value gets a byte that is not UTF-8.
		if i := bytes.Index(body, []byte(`":"`)); i >= 0 {
			out = append(out, body[:i+3]...)
			out = append(out, 0xff, 0xfe)
			return append(out, body[i+3:]...), "application/json"
		}
		return []byte("{\"message\":\"\xff\xfe\"}"), "application/json"
	}
	panic("mangle: " + f.String())
}

// writeHuge streams a syntactically valid 50 MB JSON object without
// holding it in memory.
func writeHuge(w io.Writer) {
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	if _, err := io.WriteString(w, `{"padding":"`); err != nil {
		return
	}
	for n := 0; n < hugeBodySize; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return // the client gave up, as it should
		}
	}
	_, _ = io.WriteString(w, `"}`)
}

// reset closes the connection with RST instead of an answer.
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("reset: ResponseWriter is not a Hijacker")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// cycle answers the nth matching request: pass, 404, 500, truncated JSON.
func (in *injector) cycle(w http.ResponseWriter, r *http.Request, n int32) {
	switch n % 4 {
	case 1:
		in.forward(w, r)
	case 2:
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"message":"no such thing"}`)
	case 3:
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"message":"injected 500"}`)
	default:
		rec := httptest.NewRecorder()
		in.forward(rec, r)
		body, ctype := mangle(truncatedJSON, rec.Body.Bytes())
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}
}
