package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// seen is one request as the base transport received it.
type seen struct {
	Method, URL string
	Header      http.Header
	Body        string
	At          time.Time
}

// script answers the base transport's requests in order; the last step
// repeats. It records every request.
type script struct {
	mu    sync.Mutex
	steps []func(*http.Request) (*http.Response, error)
	reqs  []seen
}

func (s *script) responder(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, seen{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: string(body), At: time.Now()})
	n := len(s.reqs)
	step := s.steps[min(n, len(s.steps))-1]
	s.mu.Unlock()
	resp, err := step(req)
	if resp != nil {
		resp.Request = req
	}
	return resp, err
}

func (s *script) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// reply returns a step answering status with body and headers (key, value pairs).
func reply(status int, body string, kv ...string) func(*http.Request) (*http.Response, error) {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		for i := 0; i+1 < len(kv); i += 2 {
			resp.Header.Add(kv[i], kv[i+1])
		}
		return resp, nil
	}
}

func fail(err error) func(*http.Request) (*http.Response, error) {
	return func(*http.Request) (*http.Response, error) { return nil, err }
}

var errConnReset = errors.New("connection reset by peer")

// newMockStack builds a stack over an httpmock transport answering every
// method and URL with the script's steps.
func newMockStack(t testing.TB, cfg Config, steps ...func(*http.Request) (*http.Response, error)) (*Client, *script) {
	t.Helper()
	sc := &script{steps: steps}
	mock := httpmock.NewMockTransport()
	mock.RegisterNoResponder(sc.responder)
	if cfg.Settings == nil {
		cfg.Settings = &clientopt.Settings{}
	}
	if cfg.Settings.HTTPClient == nil {
		cfg.Settings.HTTPClient = &http.Client{Transport: mock}
	} else {
		cfg.Settings.HTTPClient.Transport = mock
	}
	if cfg.Vendor == "" {
		cfg.Vendor = "acme"
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, sc
}

func settings(opts ...clientopt.Option) *clientopt.Settings { return clientopt.Apply(opts) }

func get(t testing.TB, c *Client, ctx context.Context, url string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.HTTPClient().Do(req)
}

func do(t testing.TB, c *Client, ctx context.Context, method, url, body string) (*http.Response, error) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	return c.HTTPClient().Do(req)
}

// apiErr asserts err carries an *apierror.Error at the top after AsError.
func apiErr(t testing.TB, err error) *apierror.Error {
	t.Helper()
	if err == nil {
		t.Fatal("want an error, got nil")
	}
	e, ok := AsError(err).(*apierror.Error)
	if !ok {
		t.Fatalf("AsError did not put *apierror.Error at the top: %T: %v", AsError(err), err)
	}
	return e
}

// trackedBody records whether it was read to the end and closed.
type trackedBody struct {
	r      io.Reader
	eof    atomic.Bool
	closed atomic.Bool
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.eof.Store(true)
	}
	return n, err
}
func (b *trackedBody) Close() error { b.closed.Store(true); return nil }

func newTracked(s string) *trackedBody { return &trackedBody{r: bytes.NewReader([]byte(s))} }
