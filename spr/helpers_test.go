package spr_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newClient returns a client for srv's default user with fast retries.
func newClient(t *testing.T, srv *sprtest.Server, opts ...spr.Option) *spr.Client {
	t.Helper()
	return newClientFor(t, srv, srv.Credentials(), opts...)
}

func newClientFor(t *testing.T, srv *sprtest.Server, creds spr.Credentials, opts ...spr.Option) *spr.Client {
	t.Helper()
	base := []spr.Option{spr.WithBaseURL(srv.URL()), spr.WithRetry(0, 0, 0)}
	c, err := spr.NewClient(creds, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// inProcess is a RoundTripper that serves requests with the fake's handler
// directly, without sockets, so that the whole stack can run inside a
// testing/synctest bubble.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(req *http.Request) (resp *http.Response, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r != http.ErrAbortHandler {
				panic(r)
			}
			resp, err = nil, io.ErrUnexpectedEOF
		}
	}()
	if req.Body != nil {
		defer req.Body.Close()
	}
	// The handler sees what a server would: the request URI and no scheme.
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, sreq)
	resp = rec.Result()
	resp.Request = req
	return resp, nil
}

// bubbleClient returns a client that reaches srv in-process; use it inside
// synctest.Test.
func bubbleClient(t *testing.T, srv *sprtest.Server, opts ...spr.Option) *spr.Client {
	t.Helper()
	hc := &http.Client{Transport: inProcess{srv.Handler()}}
	return newClient(t, srv, append([]spr.Option{spr.WithHTTPClient(hc)}, opts...)...)
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// apiRequests returns the fake's non-token requests for a path prefix.
func apiRequests(srv *sprtest.Server, method string) []sprtest.Request {
	var out []sprtest.Request
	for _, r := range srv.APIRequests() {
		if method == "" || r.Method == method {
			out = append(out, r)
		}
	}
	return out
}
