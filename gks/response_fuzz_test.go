package gks_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/gks"
)

// gksFuzzWire answers token requests with a valid token (unless tokenFuzz)
// and every other request with the fuzzed status, content type and body.
type gksFuzzWire struct {
	mu        sync.Mutex
	status    int
	ctype     string
	body      []byte
	tokenFuzz bool
	hits      int // API (non-token) requests answered
}

func (w *gksFuzzWire) set(status int, ctype string, body []byte) {
	w.mu.Lock()
	w.status, w.ctype, w.body = status, ctype, body
	w.mu.Unlock()
}

func (w *gksFuzzWire) apiHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits
}

func (w *gksFuzzWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	w.mu.Lock()
	status, ctype, body := w.status, w.ctype, w.body
	w.mu.Unlock()
	if strings.HasSuffix(r.URL.Path, "/connect/token") && !w.tokenFuzz {
		status, ctype, body = 200, "application/json", []byte(`{"access_token":"at","token_type":"Bearer","expires_in":3600}`)
	} else if !strings.HasSuffix(r.URL.Path, "/connect/token") {
		w.mu.Lock()
		w.hits++
		w.mu.Unlock()
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

var gksFuzzStatuses = []int{200, 200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 503}

func newGKSFuzzClient(w *gksFuzzWire) (*gks.Client, error) {
	return gks.NewClient(gks.Credentials{ClientID: "c", ClientSecret: "s"}, gks.WithBaseURL("https://gks.example"),
		gks.WithTokenURL("https://id.example/connect/token"), gks.WithHTTPClient(&http.Client{Transport: w}), gks.WithRetry(0, 0, 0))
}

// checkGKSOutcome: a non-2xx status is always an error, and every error is
// a typed *gks.Error.
func checkGKSOutcome(t *testing.T, status int, err error) {
	t.Helper()
	if err == nil && status >= 300 {
		t.Fatalf("status %d gave no error", status)
	}
	if err != nil {
		if _, ok := errors.AsType[*gks.Error](err); !ok {
			t.Fatalf("status %d: error %T is not a *gks.Error: %v", status, err, err)
		}
	}
}

// FuzzResponseDecoders feeds arbitrary responses to the decoders of a
// customer, a customer page and a sales-order result (and of problem
// details on errors), through the client.
func FuzzResponseDecoders(f *testing.F) {
	f.Add(uint8(0), uint8(0), "application/json", []byte(`{"name":"Acme","number":"K1","postalAddress":{"city":"Stockholm"}}`))
	f.Add(uint8(1), uint8(0), "application/json", []byte(`{"items":[{"name":"A","number":"K1"}],"page":1,"pageSize":50,"totalCount":1}`))
	f.Add(uint8(2), uint8(0), "application/json", []byte(`{"orderNumber":"SO500001"}`))
	f.Add(uint8(2), uint8(9), "application/problem+json", []byte(`{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Rows[0].Quantity":["The quantity must be greater than 0."]}}`))
	f.Add(uint8(0), uint8(7), "application/problem+json", []byte(`{"detail":"The customer with provided customer number was not found.","status":404,"title":"Not Found"}`))
	f.Add(uint8(1), uint8(11), "text/html", []byte(`<html><body>Bad gateway</body></html>`))
	w := &gksFuzzWire{}
	c, err := newGKSFuzzClient(w)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, op, st uint8, ct string, body []byte) {
		status := gksFuzzStatuses[int(st)%len(gksFuzzStatuses)]
		w.set(status, ct, body)
		ctx := context.Background()
		err := gksOps[int(op)%len(gksOps)](ctx, c)
		checkGKSOutcome(t, status, err)
	})
}

// FuzzTokenResponse feeds arbitrary token-endpoint answers to a fresh
// client per input (the cache would keep a token or back off otherwise):
// every failure is a typed error.
func FuzzTokenResponse(f *testing.F) {
	f.Add(uint8(0), []byte(`{"access_token":"a","token_type":"Bearer","expires_in":3600}`))
	f.Add(uint8(4), []byte(`{"error":"invalid_client"}`))
	f.Add(uint8(0), []byte(`{"access_token":"a","expires_in":3600.5}`))
	f.Add(uint8(11), []byte(`<html>down</html>`))
	w := &gksFuzzWire{tokenFuzz: true}
	f.Fuzz(func(t *testing.T, st uint8, body []byte) {
		status := gksFuzzStatuses[int(st)%len(gksFuzzStatuses)]
		c, err := newGKSFuzzClient(w)
		if err != nil {
			t.Fatal(err)
		}
		w.set(status, "application/json", body)
		_, err = c.Customers.Get(context.Background(), "K1")
		if err != nil {
			if _, ok := errors.AsType[*gks.Error](err); !ok {
				t.Fatalf("status %d: error %T is not a *gks.Error: %v", status, err, err)
			}
		}
	})
}

var gksFuzzOrder = gks.SalesOrder{CustomerNumber: "K1", Rows: []gks.SalesOrderRow{{ArticleNumber: "A-1", Quantity: 1, Price: 2}}}

// gksOps are the calls FuzzResponseDecoders picks from.
var gksOps = []func(context.Context, *gks.Client) error{
	func(ctx context.Context, c *gks.Client) error { _, err := c.Customers.Get(ctx, "K1"); return err },
	func(ctx context.Context, c *gks.Client) error {
		_, err := c.Customers.ListPage(ctx, gks.CustomerQuery{}, 1)
		return err
	},
	func(ctx context.Context, c *gks.Client) error {
		_, err := c.SalesOrders.Create(ctx, gksFuzzOrder)
		return err
	},
}

// TestFuzzOpsReachTheWire keeps FuzzResponseDecoders honest: every call
// it picks sends a request, so the fuzzed body reaches a decoder.
func TestFuzzOpsReachTheWire(t *testing.T) {
	w := &gksFuzzWire{}
	c, err := newGKSFuzzClient(w)
	if err != nil {
		t.Fatal(err)
	}
	w.set(200, "application/json", []byte(`{}`))
	for i, op := range gksOps {
		before := w.apiHits()
		_ = op(context.Background(), c)
		if w.apiHits() == before {
			t.Errorf("op %d sent no request", i)
		}
	}
}
