package eryxon

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
)

// FuzzMapChunk checks that any bulk-sync answer gives every sent item
// exactly one outcome, with a reason when it failed.
func FuzzMapChunk(f *testing.F) {
	f.Add(`{"results":{"created":1,"updated":1,"failed":1,"errors":[{"item":{"external_id":"E1"},"error":"boom"}]},"total":3}`, 3)
	f.Add(`{"total":2,"created":1,"updated":0,"errors":1,"results":[{"external_id":"E0","id":"x","action":"created"},{"external_id":"E1","action":"error","error":"bad"}]}`, 2)
	f.Add(`{"results":[{"external_id":"E0","action":"updated"},{"external_id":"E0","action":"created"}]}`, 1)
	f.Add(`{"results":{"errors":[{"item":null,"error":[{"field":"f","message":"m"}]}]}}`, 2)
	f.Add(`{}`, 0)
	f.Fuzz(func(t *testing.T, body string, n int) {
		if n < 0 || n > 50 {
			return
		}
		var d bulkData
		if json.Unmarshal([]byte(body), &d) != nil {
			return
		}
		sent := make([]int, n)
		for i := range sent {
			sent[i] = 10 + i
		}
		outs := mapChunk(&d, sent, func(i int) string { return fmt.Sprint("E", (i-10)%3) })
		if len(outs) != n {
			t.Fatalf("%d outcomes for %d items", len(outs), n)
		}
		seen := map[int]bool{}
		for _, o := range outs {
			if seen[o.Index] || o.Index < 10 || o.Index >= 10+n {
				t.Fatalf("bad index %d", o.Index)
			}
			seen[o.Index] = true
			switch o.Action {
			case ActionCreated, ActionUpdated, ActionSynced:
				if o.Err != nil {
					t.Fatalf("success with error %v", o.Err)
				}
			case ActionFailed:
				if o.Err == nil {
					t.Fatal("failure without a reason")
				}
			default:
				t.Fatalf("action %q", o.Action)
			}
		}
	})
}

// FuzzDecodeError checks that any error body decodes without panicking and
// never yields a negative wait.
func FuzzDecodeError(f *testing.F) {
	f.Add(429, `{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"m","statusCode":429,"rateLimitInfo":{"remaining":0,"resetAt":"2026-11-23T10:00:00.000Z","retryAfter":82800}}}`, "82800")
	f.Add(422, `{"success":false,"error":{"code":"VALIDATION_ERROR","message":"m","details":[{"field":"a","message":"b"}]}}`, "")
	f.Add(402, `{"success":false,"error":{"code":"QUOTA_EXCEEDED","details":{"limit":1}}}`, "")
	f.Add(429, `{"error":{"details":{"retryAfter":-5,"resetAt":"yesterday"}}}`, "-1")
	f.Fuzz(func(t *testing.T, status int, body, retryAfter string) {
		if status < 400 || status > 599 {
			return
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Body: http.NoBody}
		if retryAfter != "" {
			resp.Header.Set("Retry-After", retryAfter)
		}
		e := &apierror.Error{StatusCode: status}
		decodeError(e, resp, []byte(body))
		if e.RetryAfter < 0 {
			t.Fatalf("negative wait %v", e.RetryAfter)
		}
		if status == 402 && e.Kind != ErrQuotaExceeded {
			t.Fatal("402 not typed")
		}
		if status == 429 && !e.RateLimit.HasRemaining {
			t.Fatal("429 without a rate-limit state")
		}
	})
}

// FuzzParseWebhook checks that any body parses or fails cleanly, and that a
// body verifies only under its own signature.
func FuzzParseWebhook(f *testing.F) {
	f.Add([]byte(`{"event":"job.created","timestamp":"2026-11-22T10:00:00.000Z","data":{}}`), "sha256=00")
	f.Add([]byte(`{"event_type":"part.created","tenant_id":"t"}`), "")
	f.Fuzz(func(t *testing.T, body []byte, sig string) {
		e, err := ParseWebhook(body)
		if err == nil && e.Event == "" {
			t.Fatal("event without a name")
		}
		if VerifyWebhook([]byte("k"), body, sig) == nil && len(sig) < 64 {
			t.Fatalf("short signature %q verified", sig)
		}
	})
}
