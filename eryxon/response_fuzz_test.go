package eryxon_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/internal/paging"
)

// eryFuzzWire answers every request with the fuzzed status, content type
// and body.
type eryFuzzWire struct {
	mu     sync.Mutex
	status int
	ctype  string
	body   []byte
	hits   int
}

func (w *eryFuzzWire) apiHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits
}

func (w *eryFuzzWire) set(status int, ctype string, body []byte) {
	w.mu.Lock()
	w.status, w.ctype, w.body = status, ctype, body
	w.mu.Unlock()
}

func (w *eryFuzzWire) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	w.mu.Lock()
	w.hits++
	status, ctype, body := w.status, w.ctype, w.body
	w.mu.Unlock()
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

var eryFuzzStatuses = []int{200, 200, 201, 204, 400, 401, 402, 403, 404, 409, 422, 429, 500}

var eryFuzzJobs = []eryxon.Job{
	{ExternalID: "J1", ExternalSource: "erp", JobNumber: "J1"},
	{ExternalID: "J2", ExternalSource: "erp", JobNumber: "J2"},
	{ExternalID: "J3", ExternalSource: "erp", JobNumber: "J3"},
}

// FuzzResponseDecoders feeds arbitrary responses to the decoders of a row
// (Get), a list page, a single sync, a bulk sync and the unified ERP sync:
// no panic, a typed error for every failure, and a bulk result that still
// accounts for every item.
func FuzzResponseDecoders(f *testing.F) {
	f.Add(uint8(0), uint8(0), []byte(`{"success":true,"data":{"jobs":[{"id":"00000000-0000-4000-8000-000000000001","external_id":"J1","external_source":"erp","job_number":"J1","status":"not_started"}],"pagination":{"limit":1000,"offset":0,"total":1}}}`))
	f.Add(uint8(1), uint8(0), []byte(`{"success":true,"data":{"jobs":[],"pagination":{"limit":1000,"offset":0,"total":0}}}`))
	f.Add(uint8(2), uint8(2), []byte(`{"success":true,"data":{"action":"created","job":{"id":"x","external_id":"J1","job_number":"J1"}}}`))
	f.Add(uint8(3), uint8(0), []byte(`{"success":true,"data":{"results":{"created":1,"errors":[{"item":{"external_id":"J2"},"error":"bad"}],"failed":1,"updated":1},"total":3}}`))
	f.Add(uint8(4), uint8(0), []byte(`{"success":true,"data":{"jobs":{"created":3,"updated":0,"errors":[]}}}`))
	f.Add(uint8(3), uint8(11), []byte(`{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Daily limit","details":{"limit":100,"resetAt":"2026-11-24T00:00:00Z"}}}`))
	f.Add(uint8(0), uint8(5), []byte(`{"success":false,"error":{"code":"UNAUTHORIZED","message":"Invalid API key"}}`))
	w := &eryFuzzWire{}
	c, err := eryxon.NewClient("ery_test_fuzz", eryxon.WithBaseURL("https://x.supabase.example/functions/v1"),
		eryxon.WithHTTPClient(&http.Client{Transport: w}), eryxon.WithRetry(0, 0, 0))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, op, st uint8, body []byte) {
		status := eryFuzzStatuses[int(st)%len(eryFuzzStatuses)]
		w.set(status, "application/json", body)
		res, err := runEryOp(context.Background(), c, op)
		if op%eryOps == 3 {
			if res == nil || len(res.Created)+len(res.Updated)+len(res.Failed) != len(eryFuzzJobs) {
				t.Fatalf("bulk result %v does not account for the %d items sent", res, len(eryFuzzJobs))
			}
			if err == nil && status >= 300 {
				// A failed chunk is reported per item, not as the call's error.
				if len(res.Failed) != len(eryFuzzJobs) {
					t.Fatalf("status %d: %d of %d items failed", status, len(res.Failed), len(eryFuzzJobs))
				}
				err = res.Failed[0].Err
			}
		}
		if err == nil && status >= 300 {
			t.Fatalf("status %d gave no error", status)
		}
		if err != nil && !errors.Is(err, paging.ErrRepeatedPage) {
			if _, ok := errors.AsType[*eryxon.Error](err); !ok {
				t.Fatalf("status %d: error %T is not a *eryxon.Error: %v", status, err, err)
			}
		}
	})
}

// eryOps is how many calls runEryOp picks from.
const eryOps = 5

// runEryOp makes call op%eryOps: Get, List (first page), Sync, BulkSync
// (with its result) or the unified ERP sync.
func runEryOp(ctx context.Context, c *eryxon.Client, op uint8) (*eryxon.BulkResult, error) {
	switch op % eryOps {
	case 0:
		_, err := c.Jobs.Get(ctx, "00000000-0000-4000-8000-000000000001")
		return nil, err
	case 1:
		for _, err := range c.Jobs.List(ctx, eryxon.ListParams{Limit: 2}) {
			if err != nil {
				return nil, err
			}
		}
		return nil, nil
	case 2:
		_, err := c.Jobs.Sync(ctx, eryFuzzJobs[0])
		return nil, err
	case 3:
		return c.Jobs.BulkSync(ctx, eryFuzzJobs)
	default:
		_, err := c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{Jobs: eryFuzzJobs})
		return nil, err
	}
}

// TestFuzzOpsReachTheWire keeps FuzzResponseDecoders honest: every call
// it picks sends a request, so the fuzzed body reaches a decoder.
func TestFuzzOpsReachTheWire(t *testing.T) {
	w := &eryFuzzWire{}
	c, err := eryxon.NewClient("ery_test_fuzz", eryxon.WithBaseURL("https://x.supabase.example/functions/v1"),
		eryxon.WithHTTPClient(&http.Client{Transport: w}), eryxon.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.set(200, "application/json", []byte(`{}`))
	for op := range uint8(eryOps) {
		before := w.apiHits()
		_, _ = runEryOp(context.Background(), c, op)
		if w.apiHits() == before {
			t.Errorf("op %d sent no request", op)
		}
	}
}

// FuzzWebhookHandler feeds arbitrary methods, bodies and signatures to the
// webhook handler, signed correctly or not: it answers only 200, 400, 401,
// 405 or 413, calls the application only for a verified event, and never
// panics.
func FuzzWebhookHandler(f *testing.F) {
	f.Add("POST", true, "", []byte(`{"event":"job.created","timestamp":"2026-11-23T00:00:00Z","data":{"id":"j1"}}`))
	f.Add("POST", true, "", []byte(`{"event_type":"sync.jobs.completed","tenant_id":"t","timestamp":"2026-11-23T00:00:00.123+01:00","data":{}}`))
	f.Add("POST", false, "sha256=00", []byte(`{"event":"job.created"}`))
	f.Add("POST", true, "", []byte(`{"data":{}}`))
	f.Add("POST", true, "", []byte(`not json`))
	f.Add("GET", false, "", []byte(nil))
	secret := []byte("whsec_fuzz")
	f.Fuzz(func(t *testing.T, method string, signed bool, sig string, body []byte) {
		called := false
		h := eryxon.NewWebhookHandler(secret, func(context.Context, eryxon.WebhookEvent) error {
			called = true
			return nil
		})
		if signed {
			m := hmac.New(sha256.New, secret)
			m.Write(body)
			sig = "sha256=" + hex.EncodeToString(m.Sum(nil))
		}
		if !validMethod(method) {
			return
		}
		r := httptest.NewRequest(method, "/hook", bytes.NewReader(body))
		r.Header.Set(eryxon.SignatureHeader, sig)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		switch rec.Code {
		case http.StatusOK:
			if !called {
				t.Fatal("200 without calling the application")
			}
			if method != http.MethodPost || eryxon.VerifyWebhook(secret, body, sig) != nil {
				t.Fatal("200 for an unverified delivery")
			}
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge:
			if called {
				t.Fatalf("status %d after calling the application", rec.Code)
			}
		default:
			t.Fatalf("status %d", rec.Code)
		}
	})
}

// validMethod keeps httptest.NewRequest from panicking on a method that is
// not an HTTP token (the server would never hand such a request over).
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == '<' || c == '>' || c == '@' || c == ',' || c == ';' ||
			c == ':' || c == '\\' || c == '"' || c == '/' || c == '[' || c == ']' || c == '?' || c == '=' || c == '{' || c == '}' {
			return false
		}
	}
	return true
}
