package eryxon_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
)

// canned serves one fixed answer to every request and keeps the last body.
func canned(t *testing.T, status int, header map[string]string, body string) (*eryxon.Client, *[]byte, *int) {
	t.Helper()
	var last []byte
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		last, _ = io.ReadAll(r.Body)
		n++
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := eryxon.NewClient("ery_test_k", eryxon.WithBaseURL(srv.URL+"/functions/v1"),
		eryxon.WithRetry(2, time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c, &last, &n
}

func jobsN(ids ...string) []eryxon.Job {
	out := make([]eryxon.Job, len(ids))
	for i, id := range ids {
		out[i] = eryxon.Job{ExternalID: id, ExternalSource: "SAP", JobNumber: "J-" + id}
	}
	return out
}

func TestBulkResponsePublishedShape(t *testing.T) {
	// The published page's example, with SO-001 listed last and SO-004 missing.
	c, _, _ := canned(t, 200, nil, `{"success":true,"data":{"total":3,"created":1,"updated":1,"errors":1,"results":[
		{"external_id":"SO-002","id":"uuid-2","action":"updated"},
		{"external_id":"SO-003","action":"error","error":"Invalid due_date format"},
		{"external_id":"SO-001","id":"uuid-1","action":"created"}]}}`)
	res, err := c.Jobs.BulkSync(context.Background(), jobsN("SO-001", "SO-002", "SO-003", "SO-004"))
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 4)
	var ie *eryxon.ItemError
	if out[0].Action != eryxon.ActionCreated || out[0].ID != "uuid-1" || out[1].Action != eryxon.ActionUpdated || out[1].ID != "uuid-2" ||
		!errors.As(out[2].Err, &ie) || ie.Message != "Invalid due_date format" ||
		out[3].Action != eryxon.ActionFailed || out[3].Err == nil {
		t.Fatalf("outcomes %+v", out)
	}
}

func TestBulkResponseServerShape(t *testing.T) {
	c, last, _ := canned(t, 200, nil, `{"success":true,"data":{"results":{"created":2,"updated":0,"failed":1,"errors":[
		{"item":{"external_id":"SO-2","job_number":""},"error":[{"field":"job_number","message":"job_number is required","constraint":"NOT_NULL","entityType":"job"}]}]},"total":3}}`)
	res, err := c.Jobs.BulkSync(context.Background(), jobsN("SO-1", "SO-2", "SO-3"))
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 3)
	var ie *eryxon.ItemError
	if out[0].Action != eryxon.ActionCreated || out[2].Action != eryxon.ActionCreated || !errors.As(out[1].Err, &ie) ||
		len(ie.Details) != 1 || ie.Details[0].Constraint != "NOT_NULL" || ie.Message != "job_number: job_number is required" {
		t.Fatalf("outcomes %+v", out)
	}
	items := bodyOf(t, *last)["items"].([]any)
	if len(items) != 3 || items[0].(map[string]any)["external_id"] != "SO-1" {
		t.Fatalf("body %s", *last)
	}
}

func TestBulkResponseServerShapeUnattributable(t *testing.T) {
	// Counts that do not add up: the server counted a failure it did not list.
	c, _, _ := canned(t, 200, nil, `{"success":true,"data":{"results":{"created":1,"updated":0,"failed":1,"errors":[]},"total":2}}`)
	res, err := c.Jobs.BulkSync(context.Background(), jobsN("A", "B"))
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 2)
	if out[0].Action != eryxon.ActionFailed || out[1].Action != eryxon.ActionFailed {
		t.Fatalf("outcomes %+v", out)
	}
}

func TestBulkResponseNotJSON(t *testing.T) {
	c, _, _ := canned(t, 200, nil, `<html>gateway</html>`)
	res, err := c.Jobs.BulkSync(context.Background(), jobsN("A"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || !errors.Is(res.Failed[0].Err, eryxon.ErrDecode) {
		t.Fatalf("%+v", res.Failed)
	}
}

func TestSyncPublishedShape(t *testing.T) {
	c, _, _ := canned(t, 201, nil, `{"success":true,"data":{"action":"created","id":"550e8400-e29b-41d4-a716-446655440000","external_id":"SO-12345"}}`)
	res, err := c.Jobs.Sync(context.Background(), jobsN("SO-12345")[0])
	if err != nil || res.Action != eryxon.ActionCreated || res.Item.ID != "550e8400-e29b-41d4-a716-446655440000" || res.Item.JobNumber != "J-SO-12345" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestValidationErrorDetails(t *testing.T) {
	c, _, n := canned(t, 422, map[string]string{"x-request-id": "req-1"}, `{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Validation failed","statusCode":422,
		"details":[{"field":"due_date","message":"due_date must be a valid date","value":"soon","constraint":"TYPE_MISMATCH","entityType":"job","entityIndex":0}]}}`)
	_, err := c.Jobs.Sync(context.Background(), jobsN("A")[0])
	var e *eryxon.Error
	if !errors.As(err, &e) || !errors.Is(err, eryxon.ErrBadRequest) || e.Code != "VALIDATION_ERROR" || e.RequestID != "req-1" || *n != 1 {
		t.Fatalf("%v", err)
	}
	d, ok := e.Details.([]eryxon.ValidationDetail)
	if !ok || len(d) != 1 || d[0].Field != "due_date" || d[0].Constraint != "TYPE_MISMATCH" || d[0].EntityIndex == nil {
		t.Fatalf("details %#v", e.Details)
	}
}

func TestQuotaExceededIsTypedAndNotRetried(t *testing.T) {
	c, _, n := canned(t, 402, nil, `{"success":false,"error":{"code":"QUOTA_EXCEEDED","message":"Monthly job quota exceeded","statusCode":402,
		"details":{"limitType":"jobs","currentUsage":25,"limit":25}}}`)
	_, err := c.Jobs.Sync(context.Background(), jobsN("A")[0])
	var e *eryxon.Error
	if !errors.Is(err, eryxon.ErrQuotaExceeded) || !errors.As(err, &e) || *n != 1 || e.Attempts != 1 {
		t.Fatalf("%v (%d requests)", err, *n)
	}
	if q, ok := e.Details.(*eryxon.QuotaDetail); !ok || q.Limit != 25 || q.LimitType != "jobs" {
		t.Fatalf("details %#v", e.Details)
	}
}

func TestRateLimitFromBodyOnly(t *testing.T) {
	// The vendor's OpenAPI puts the 429 details under error.details, without headers.
	reset := time.Now().Add(10 * time.Hour).UTC().Format(time.RFC3339)
	c, _, n := canned(t, 429, nil, `{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","statusCode":429,
		"details":{"remaining":0,"resetAt":"`+reset+`","retryAfter":36000}}}`)
	_, err := c.Cells.Get(context.Background(), "x")
	var e *eryxon.Error
	if !errors.Is(err, eryxon.ErrRateLimited) || !errors.As(err, &e) || e.RetryAfter != 10*time.Hour ||
		e.RateLimit.Reset.Format(time.RFC3339) != reset || !e.RateLimit.HasRemaining || *n != 1 {
		t.Fatalf("%v %+v (%d requests)", err, e, *n)
	}
}

func TestShortRateLimitIsWaitedOut(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			w.Header().Set("Retry-After", "0")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", time.Now().UTC().Format(time.RFC3339Nano))
			w.WriteHeader(429)
			_, _ = io.WriteString(w, `{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"slow down","statusCode":429}}`)
			return
		}
		_, _ = io.WriteString(w, `{"success":true,"data":{"cell":{"id":"c1","name":"Laser"}}}`)
	}))
	defer srv.Close()
	c, err := eryxon.NewClient("ery_test_k", eryxon.WithBaseURL(srv.URL), eryxon.WithRetry(2, time.Millisecond, 2*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	cell, err := c.Cells.Get(context.Background(), "c1")
	if err != nil || cell.Name != "Laser" || calls != 2 {
		t.Fatalf("%+v %v %d", cell, err, calls)
	}
}
