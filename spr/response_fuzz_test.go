package spr_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/spr"
)

// sprFuzzWire answers token requests with a valid token (unless tokenFuzz)
// and every other request with the fuzzed status, content type and body.
type sprFuzzWire struct {
	mu        sync.Mutex
	status    int
	ctype     string
	body      []byte
	tokenFuzz bool
	hits      int // API (non-token) requests answered
}

func (w *sprFuzzWire) set(status int, ctype string, body []byte) {
	w.mu.Lock()
	w.status, w.ctype, w.body = status, ctype, body
	w.mu.Unlock()
}

func (w *sprFuzzWire) apiHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits
}

func (w *sprFuzzWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	w.mu.Lock()
	status, ctype, body := w.status, w.ctype, w.body
	w.mu.Unlock()
	if strings.HasSuffix(r.URL.Path, "/oauth/token") && !w.tokenFuzz {
		status, ctype = 200, "application/json"
		body = []byte(`{"access_token":"at","refresh_token":"rt","token_type":"Bearer","expires_in":43200}`)
	} else if !strings.HasSuffix(r.URL.Path, "/oauth/token") {
		w.mu.Lock()
		w.hits++
		w.mu.Unlock()
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

var sprFuzzStatuses = []int{200, 200, 201, 204, 400, 401, 403, 404, 419, 422, 429, 500, 503}

func newSPRFuzzClient(w *sprFuzzWire) (*spr.Client, error) {
	return spr.NewClient(spr.Credentials{ClientID: "7", ClientSecret: "s", Username: "demo", Password: "p", Locale: "es_GT"},
		spr.WithBaseURL("https://sprautomotive.example"), spr.WithHTTPClient(&http.Client{Transport: w}), spr.WithRetry(0, 0, 0))
}

// checkSPROutcome: a non-2xx status is always an error, and every error is
// a typed *spr.Error.
func checkSPROutcome(t *testing.T, status int, err error) {
	t.Helper()
	if err == nil && status >= 300 {
		t.Fatalf("status %d gave no error", status)
	}
	if err != nil {
		if _, ok := errors.AsType[*spr.Error](err); !ok {
			t.Fatalf("status %d: error %T is not a *spr.Error: %v", status, err, err)
		}
	}
}

// FuzzResponseDecoders feeds arbitrary responses to the decoders of the
// search and catalog pages, a single product, an inventory page and the
// error envelope, through the client.
func FuzzResponseDecoders(f *testing.F) {
	f.Add(uint8(0), uint8(0), false, []byte(`{"current_page":1,"data":[{"code":"PC1","price01":"12.50","stock":[]}],"last_page":1,"per_page":30}`))
	f.Add(uint8(1), uint8(0), false, []byte(`{"current_page":1,"data":{"0":{"code":"PC1"}},"next_page_url":null}`))
	f.Add(uint8(2), uint8(0), false, []byte(`{"code":"PC1","apps":[],"stock":{"1":{"branch_name":"MX","quantity":"3"}}}`))
	f.Add(uint8(3), uint8(0), false, []byte(`{"current_page":1,"data":[{"CODIGO":"X","CANTBULTOSING":"6.0"}],"last_page":1}`))
	f.Add(uint8(2), uint8(7), false, []byte(`{"message":"No query results for model [App\\Models\\Product] NOPE"}`))
	f.Add(uint8(0), uint8(5), true, []byte(`<!DOCTYPE html><title>Login</title>`))
	w := &sprFuzzWire{}
	c, err := newSPRFuzzClient(w)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, op, st uint8, html bool, body []byte) {
		status := sprFuzzStatuses[int(st)%len(sprFuzzStatuses)]
		ct := "application/json"
		if html {
			ct = "text/html; charset=UTF-8"
		}
		w.set(status, ct, body)
		ctx := context.Background()
		err := sprOps[int(op)%len(sprOps)](ctx, c)
		checkSPROutcome(t, status, err)
	})
}

// FuzzTokenResponse feeds arbitrary token-endpoint answers to a fresh
// client per input (the cache would keep a token or back off otherwise):
// every failure is a typed error.
func FuzzTokenResponse(f *testing.F) {
	f.Add(uint8(0), []byte(`{"access_token":"a","refresh_token":"r","token_type":"Bearer","expires_in":43200}`))
	f.Add(uint8(0), []byte(`{"access_token":"a","expires_in":"43200"}`))
	f.Add(uint8(4), []byte(`{"error":"invalid_grant","error_description":"The user credentials were incorrect.","message":"The user credentials were incorrect."}`))
	f.Add(uint8(0), []byte(`{"access_token":null}`))
	w := &sprFuzzWire{tokenFuzz: true}
	f.Fuzz(func(t *testing.T, st uint8, body []byte) {
		status := sprFuzzStatuses[int(st)%len(sprFuzzStatuses)]
		c, err := newSPRFuzzClient(w)
		if err != nil {
			t.Fatal(err)
		}
		w.set(status, "application/json", body)
		_, err = c.Products.Get(context.Background(), "PC1")
		if err != nil {
			if _, ok := errors.AsType[*spr.Error](err); !ok {
				t.Fatalf("status %d: error %T is not a *spr.Error: %v", status, err, err)
			}
		}
	})
}

// sprOps are the calls FuzzResponseDecoders picks from.
var sprOps = []func(context.Context, *spr.Client) error{
	func(ctx context.Context, c *spr.Client) error {
		_, err := c.Products.SearchPage(ctx, "balatas", 1)
		return err
	},
	func(ctx context.Context, c *spr.Client) error {
		_, err := c.Products.CatalogPage(ctx, spr.CatalogQuery{Year: 2011, Make: "FORD"}, 1)
		return err
	},
	func(ctx context.Context, c *spr.Client) error { _, err := c.Products.Get(ctx, "PC1"); return err },
	func(ctx context.Context, c *spr.Client) error {
		_, err := c.Inventory.Page(ctx, spr.InventoryQuery{}, 1)
		return err
	},
}

// TestFuzzOpsReachTheWire keeps FuzzResponseDecoders honest: every call
// it picks sends a request, so the fuzzed body reaches a decoder.
func TestFuzzOpsReachTheWire(t *testing.T) {
	w := &sprFuzzWire{}
	c, err := newSPRFuzzClient(w)
	if err != nil {
		t.Fatal(err)
	}
	w.set(200, "application/json", []byte(`{}`))
	for i, op := range sprOps {
		before := w.apiHits()
		_ = op(context.Background(), c)
		if w.apiHits() == before {
			t.Errorf("op %d sent no request", i)
		}
	}
}
