package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// resetServer answers the first n requests by reading them in full and
// then closing the connection without a response (a reset after the
// request was sent), and the rest with 200.
func resetServer(t *testing.T, n int32) (*httptest.Server, *atomic.Int32, *[]string) {
	t.Helper()
	var count atomic.Int32
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if count.Add(1) <= n {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // RST instead of FIN
			}
			_ = conn.Close()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &count, &bodies
}

func realStack(t *testing.T, opts ...clientopt.Option) *Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	opts = append([]clientopt.Option{clientopt.WithHTTPClient(&http.Client{Transport: tr}), clientopt.WithRetry(3, 0, 0)}, opts...)
	c, err := New(Config{Vendor: "acme", Settings: settings(opts...)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPostResetAfterWriteIsOutcomeUnknown(t *testing.T) {
	srv, count, bodies := resetServer(t, 1)
	c := realStack(t)
	_, err := do(t, c, context.Background(), "POST", srv.URL+"/orders", `{"order":1}`)
	e := apiErr(t, err)
	if !errors.Is(err, apierror.ErrOutcomeUnknown) || !errors.Is(err, apierror.ErrNetwork) {
		t.Fatalf("want outcome unknown network error, got %v", err)
	}
	if count.Load() != 1 || e.Attempts != 1 {
		t.Fatalf("the POST was sent %d times (attempts %d), want once", count.Load(), e.Attempts)
	}
	if (*bodies)[0] != `{"order":1}` {
		t.Fatalf("server got %q", (*bodies)[0])
	}
	if e.Temporary() {
		t.Fatal("an outcome-unknown error must not claim to be temporary")
	}
	if !strings.Contains(e.Error(), "outcome unknown") {
		t.Fatalf("error text %q does not say the outcome is unknown", e.Error())
	}
}

func TestNoRetryPutResetIsOutcomeUnknown(t *testing.T) {
	srv, count, _ := resetServer(t, 1)
	c := realStack(t)
	_, err := do(t, c, NoRetry(context.Background()), "PUT", srv.URL+"/x", `v`)
	if !errors.Is(err, apierror.ErrOutcomeUnknown) || count.Load() != 1 {
		t.Fatalf("err %v, sent %d", err, count.Load())
	}
}

func TestIdempotentPostResetIsRetried(t *testing.T) {
	srv, count, bodies := resetServer(t, 2)
	c := realStack(t)
	resp, err := do(t, c, Idempotent(context.Background()), "POST", srv.URL+"/upsert", `{"k":"v"}`)
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if count.Load() != 3 {
		t.Fatalf("sent %d times, want 3", count.Load())
	}
	for i, b := range *bodies {
		if b != `{"k":"v"}` {
			t.Errorf("attempt %d body %q", i+1, b)
		}
	}
}

func TestGetResetIsRetried(t *testing.T) {
	srv, count, _ := resetServer(t, 1)
	c := realStack(t)
	resp, err := get(t, c, context.Background(), srv.URL+"/x")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ OK bool }
	if err := DecodeJSON(resp, &v); err != nil || !v.OK {
		t.Fatalf("%v %+v", err, v)
	}
	if count.Load() < 2 {
		t.Fatalf("sent %d times, want a retry", count.Load())
	}
}

func TestPostConnectionRefusedIsRetriedAndNotUnknown(t *testing.T) {
	// Nothing listens: the request is never written, so even a POST may be
	// retried, and the outcome is known (it did not happen).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	c := realStack(t, clientopt.WithRetry(2, 0, 0))
	_, err = do(t, c, context.Background(), "POST", "http://"+addr+"/x", "b")
	e := apiErr(t, err)
	if errors.Is(err, apierror.ErrOutcomeUnknown) || !errors.Is(err, apierror.ErrNetwork) || e.Attempts != 3 {
		t.Fatalf("err %v attempts %d", err, e.Attempts)
	}
}

func TestErrorBodyDrainedConnectionReused(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404)
		_, _ = io.WriteString(w, strings.Repeat("x", 100<<10))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c := realStack(t)
	for range 3 {
		if _, err := get(t, c, context.Background(), srv.URL+"/missing"); !errors.Is(err, apierror.ErrNotFound) {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections for 3 calls, want 1 (error bodies drained)", n)
	}
}
