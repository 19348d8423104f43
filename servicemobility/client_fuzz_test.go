package servicemobility_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// smFuzzWire answers Create JWT with a valid token (unless tokenFuzz) and
// every other request with the fuzzed status, content type and body.
type smFuzzWire struct {
	mu        sync.Mutex
	status    int
	ctype     string
	body      []byte
	tokenFuzz bool
}

func (w *smFuzzWire) set(status int, ctype string, body []byte) {
	w.mu.Lock()
	w.status, w.ctype, w.body = status, ctype, body
	w.mu.Unlock()
}

func (w *smFuzzWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	w.mu.Lock()
	status, ctype, body := w.status, w.ctype, w.body
	w.mu.Unlock()
	if strings.HasSuffix(r.URL.Path, "/createjwt") && !w.tokenFuzz {
		status, ctype, body = 200, "application/json", []byte(`{"token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln"}`)
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

// ServiceMobility answers 200, 401 or 500 (and 405); the others test the
// client's tolerance.
var smFuzzStatuses = []int{200, 200, 401, 500, 405, 400, 404, 502}

func newSMFuzzClient(w *smFuzzWire) (*sm.Client, error) {
	return sm.NewClient("https://tenant.example", sm.Login{Username: "u", Password: "p"},
		sm.WithHTTPClient(&http.Client{Transport: w}), sm.WithRetry(0, 0, 0))
}

var smFuzzOrder = &sm.PartsOrder{WorkOrder: "WO-1", Parts: []sm.Part{{ProdNum: "P-1", Qty: sm.MustDecimal("1")}}}

// checkSMOutcome: a non-2xx status is always an error, and every error is
// a typed *servicemobility.Error.
func checkSMOutcome(t *testing.T, status int, resp *sm.PartsOrderResponse, err error) {
	t.Helper()
	if err == nil && (status >= 300 || resp == nil) {
		t.Fatalf("status %d gave no error (response %v)", status, resp)
	}
	if err != nil {
		if _, ok := errors.AsType[*sm.Error](err); !ok {
			t.Fatalf("status %d: error %T is not a *servicemobility.Error: %v", status, err, err)
		}
	}
}

// FuzzSubmitResponse feeds arbitrary Parts Ordering answers to the client's
// decoder (the Response Object with its lenient numbers, dates and status
// codes; text error bodies).
func FuzzSubmitResponse(f *testing.F) {
	f.Add(uint8(0), []byte(`{"Orders":[{"PartOrderNum":"PO-1","EstimatedDelivery":"2026-11-24T00:00:00Z","Parts":[{"ProdNum":"P-1","Qty":1.0,"PartStatus":"Shipped from stock"}]}],"Status":"1000","StatusMsg":"ok"}`))
	f.Add(uint8(0), []byte(`{"Orders":null,"Status":1001,"StatusMsg":"partial"}`))
	f.Add(uint8(2), []byte(`Invalid Logon.`))
	f.Add(uint8(3), []byte(`parts order failed: the ERP is down`))
	f.Add(uint8(0), []byte(`{"Orders":[{"EstimatedDelivery":"24/11/2026","Parts":[{"Qty":"1e999"}]}]}`))
	w := &smFuzzWire{}
	c, err := newSMFuzzClient(w)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, st uint8, body []byte) {
		status := smFuzzStatuses[int(st)%len(smFuzzStatuses)]
		ct := "application/json"
		if status != 200 {
			ct = "text/plain"
		}
		w.set(status, ct, body)
		resp, err := c.PartsOrdering.Submit(context.Background(), smFuzzOrder)
		checkSMOutcome(t, status, resp, err)
	})
}

// FuzzLoginResponse feeds arbitrary Create JWT answers to a fresh client
// per input (the cache would keep a token or back off otherwise): a token
// that is no JWT, a missing token, an error text; every failure is typed.
func FuzzLoginResponse(f *testing.F) {
	f.Add(uint8(0), []byte(`{"token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln"}`))
	f.Add(uint8(0), []byte(`{"token":"not-a-jwt"}`))
	f.Add(uint8(0), []byte(`{"token":""}`))
	f.Add(uint8(2), []byte(`Invalid Logon.`))
	f.Add(uint8(0), []byte(`{"token":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIn0.x"}`))
	w := &smFuzzWire{tokenFuzz: true}
	f.Fuzz(func(t *testing.T, st uint8, body []byte) {
		status := smFuzzStatuses[int(st)%len(smFuzzStatuses)]
		c, err := newSMFuzzClient(w)
		if err != nil {
			t.Fatal(err)
		}
		w.set(status, "application/json", body)
		resp, err := c.PartsOrdering.Submit(context.Background(), smFuzzOrder)
		if err != nil {
			if _, ok := errors.AsType[*sm.Error](err); !ok {
				t.Fatalf("status %d: error %T is not a *servicemobility.Error: %v", status, err, err)
			}
		} else if resp == nil {
			t.Fatal("no error and no response")
		}
	})
}
