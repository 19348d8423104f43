package sparetech_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/sparetech"
)

// fuzzWire answers token requests with a valid token (unless tokenFuzz)
// and every other request with the fuzzed status, content type and body.
type fuzzWire struct {
	mu        sync.Mutex
	status    int
	ctype     string
	body      []byte
	tokenFuzz bool
	hits      int // API (non-token) requests answered
}

func (w *fuzzWire) set(status int, ctype string, body []byte) {
	w.mu.Lock()
	w.status, w.ctype, w.body = status, ctype, body
	w.mu.Unlock()
}

func (w *fuzzWire) apiHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits
}

func (w *fuzzWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	w.mu.Lock()
	status, ctype, body := w.status, w.ctype, w.body
	w.mu.Unlock()
	isToken := strings.HasSuffix(r.URL.Path, "/oauth/token") || strings.HasSuffix(r.URL.Path, "/auth")
	if isToken && !w.tokenFuzz {
		status, ctype, body = 200, "application/json", []byte(`{"access_token":"tok","token_type":"Bearer","expires_in":3600}`)
	} else if !isToken {
		w.mu.Lock()
		w.hits++
		w.mu.Unlock()
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

// fuzzStatuses are the statuses a fuzzed response gets, picked by an input byte.
var fuzzStatuses = []int{200, 200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 503}

func fuzzClient(f *testing.F, w *fuzzWire, opts ...sparetech.Option) *sparetech.Client {
	f.Helper()
	opts = append([]sparetech.Option{sparetech.WithBaseURL("https://api.example.com/v1"),
		sparetech.WithHTTPClient(&http.Client{Transport: w}), sparetech.WithRetry(0, 0, 0)}, opts...)
	c, err := sparetech.NewClient(sparetech.Credentials{ClientID: "id", ClientSecret: "secret"}, opts...)
	if err != nil {
		f.Fatal(err)
	}
	return c
}

func ctype(html bool) string {
	if html {
		return "text/html; charset=utf-8"
	}
	return "application/json"
}

// checkOutcome: a non-2xx status is always an error, and every error is a
// typed *sparetech.Error (never a bare decoding error or a panic).
func checkOutcome(t *testing.T, status int, err error) {
	t.Helper()
	if err == nil && status >= 300 {
		t.Fatalf("status %d gave no error", status)
	}
	if err != nil {
		if _, ok := errors.AsType[*sparetech.Error](err); !ok {
			t.Fatalf("status %d: error %T is not a *sparetech.Error: %v", status, err, err)
		}
	}
}

// FuzzIntentResponses feeds arbitrary responses to the decoders of the
// intent pages and single intents (creation, change, extension) and of a
// confirmed creation intent.
func FuzzIntentResponses(f *testing.F) {
	f.Add(uint8(0), uint8(0), false, []byte(`{"content":[{"id":"1","status":"READY","materialFields":{"MATNR":"x"}}],"page":0,"size":20,"totalElements":1,"totalPages":1,"last":true}`))
	f.Add(uint8(1), uint8(0), false, []byte(`{"id":"1","status":"READY"}`))
	f.Add(uint8(2), uint8(0), false, []byte(`{"content":[],"last":true}`))
	f.Add(uint8(4), uint8(7), true, []byte(`<html>502</html>`))
	f.Add(uint8(6), uint8(0), false, []byte(`{"id":"1","status":"CONFIRMED","materialNumber":"M-1"}`))
	w := &fuzzWire{}
	c := fuzzClient(f, w)
	f.Fuzz(func(t *testing.T, op, st uint8, html bool, body []byte) {
		status := fuzzStatuses[int(st)%len(fuzzStatuses)]
		w.set(status, ctype(html), body)
		err := intentOps[int(op)%len(intentOps)](context.Background(), c)
		checkOutcome(t, status, err)
	})
}

// intentOps are the calls FuzzIntentResponses picks from.
var intentOps = []func(context.Context, *sparetech.Client) error{
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.CreationIntents.List(ctx, sparetech.ListParams{})
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.CreationIntents.Get(ctx, "1")
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.ChangeIntents.List(ctx, sparetech.ListParams{})
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.ChangeIntents.Get(ctx, "1")
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.ExtensionIntents.List(ctx, sparetech.ListParams{})
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.ExtensionIntents.Get(ctx, "1")
		return err
	},
	func(ctx context.Context, c *sparetech.Client) error {
		_, err := c.CreationIntents.Confirm(ctx, "1", "M-1")
		return err
	},
}

// TestFuzzOpsReachTheWire keeps FuzzIntentResponses honest: every call it
// picks sends a request, so the fuzzed body reaches a decoder.
func TestFuzzOpsReachTheWire(t *testing.T) {
	w := &fuzzWire{}
	c, err := sparetech.NewClient(sparetech.Credentials{ClientID: "id", ClientSecret: "secret"}, sparetech.WithBaseURL("https://api.example.com/v1"),
		sparetech.WithHTTPClient(&http.Client{Transport: w}), sparetech.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.set(200, "application/json", []byte(`{}`))
	for i, op := range intentOps {
		before := w.apiHits()
		_ = op(context.Background(), c)
		if w.apiHits() == before {
			t.Errorf("op %d sent no request", i)
		}
	}
}

// FuzzSchemaResponse feeds arbitrary responses to the export and import
// schema decoders.
func FuzzSchemaResponse(f *testing.F) {
	f.Add(false, uint8(0), false, []byte(`["MATNR","MAKTX"]`))
	f.Add(true, uint8(0), false, []byte(`{"fields":["MATNR"]}`))
	f.Add(false, uint8(4), false, []byte(`{"message":"bad"}`))
	w := &fuzzWire{}
	c := fuzzClient(f, w)
	f.Fuzz(func(t *testing.T, imp bool, st uint8, html bool, body []byte) {
		status := fuzzStatuses[int(st)%len(fuzzStatuses)]
		w.set(status, ctype(html), body)
		var err error
		if imp {
			_, err = c.Schema.Import(context.Background())
		} else {
			_, err = c.Schema.Export(context.Background())
		}
		checkOutcome(t, status, err)
	})
}

// FuzzTokenResponse feeds arbitrary token-endpoint answers (OAuth and the
// legacy /v1/auth JSON, 403 quota messages included) to the client: every
// failure is a typed error, never a panic or a call without a token.
func FuzzTokenResponse(f *testing.F) {
	f.Add(false, uint8(0), []byte(`{"access_token":"t","token_type":"Bearer","expires_in":3600}`))
	f.Add(true, uint8(0), []byte(`{"accessToken":"t","tokenType":"Bearer","expiresIn":3600}`))
	f.Add(false, uint8(6), []byte(`{"message":"You have exceeded your token quota and cannot create any more tokens until 2026-11-23T00:00:00Z"}`))
	f.Add(true, uint8(6), []byte(`You have exceeded your token quota and cannot create any more tokens until Mon, 23 Nov 2026 00:00:00 UTC`))
	f.Add(false, uint8(0), []byte(`{"access_token":"","expires_in":"3600.5"}`))
	w := &fuzzWire{tokenFuzz: true}
	f.Fuzz(func(t *testing.T, useLegacy bool, st uint8, body []byte) {
		status := fuzzStatuses[int(st)%len(fuzzStatuses)]
		// A fresh client: the token cache would otherwise keep a token, or
		// back off after a failure, and the decoder would not run again.
		opts := []sparetech.Option{sparetech.WithBaseURL("https://api.example.com/v1"),
			sparetech.WithHTTPClient(&http.Client{Transport: w}), sparetech.WithRetry(0, 0, 0)}
		if useLegacy {
			opts = append(opts, sparetech.WithLegacyAuth())
		}
		c, err := sparetech.NewClient(sparetech.Credentials{ClientID: "id", ClientSecret: "secret"}, opts...)
		if err != nil {
			t.Fatal(err)
		}
		// The API answers with the same body: only a token makes the call succeed or fail on it.
		w.set(status, "application/json", body)
		_, err = c.Schema.Export(context.Background())
		if err != nil {
			if _, ok := errors.AsType[*sparetech.Error](err); !ok {
				t.Fatalf("status %d: error %T is not a *sparetech.Error: %v", status, err, err)
			}
		}
	})
}
