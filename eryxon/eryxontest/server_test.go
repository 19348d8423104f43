package eryxontest_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// call sends one request with plain net/http and decodes the JSON answer.
func call(t *testing.T, srv *eryxontest.Server, method, path string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	return callKey(t, srv, srv.APIKey(), method, path, body)
}

func callKey(t *testing.T, srv *eryxontest.Server, key, method, path string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: body %q: %v", method, path, raw, err)
	}
	return resp.StatusCode, resp.Header, out
}

func errCode(m map[string]any) (string, string) {
	e, _ := m["error"].(map[string]any)
	code, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	return code, msg
}

func data(m map[string]any) map[string]any {
	d, _ := m["data"].(map[string]any)
	return d
}

func TestAuthorization(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	for _, tc := range []struct{ key, msg string }{
		{"", "Missing or invalid authorization header"},
		{"sk_live_abc", "Invalid API key format"},
		{"ery_live_00000000000000000000000000000000", "Invalid API key"},
	} {
		status, _, body := callKey(t, srv, tc.key, "GET", "/api-jobs", nil)
		code, msg := errCode(body)
		if status != 401 || code != "UNAUTHORIZED" || msg != tc.msg || body["success"] != false {
			t.Errorf("key %q: %d %s %q", tc.key[:min(len(tc.key), 4)], status, code, msg)
		}
	}
	if status, _, _ := call(t, srv, "GET", "/api-jobs", nil); status != 200 {
		t.Fatalf("valid key: %d", status)
	}
}

func TestRequestIDEchoedOrMinted(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL()+"/api-cells", nil)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("x-request-id", "abc-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("x-request-id"); got != "abc-123" {
		t.Fatalf("echo: %q", got)
	}
	req.Header.Set("x-request-id", "bad id with spaces")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("x-request-id"); got == "" || strings.Contains(got, " ") {
		t.Fatalf("minted: %q", got)
	}
}

func TestSyncUpsertsByExternalKey(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	job := map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1", "customer": "Acme"}
	status, _, body := call(t, srv, "PUT", "/api-jobs/sync", job)
	d := data(body)
	row, _ := d["job"].(map[string]any)
	if status != 201 || d["action"] != "created" || row["customer"] != "Acme" || row["status"] != "not_started" {
		t.Fatalf("create: %d %v", status, body)
	}
	job["customer"] = "Acme GmbH"
	status, _, body = call(t, srv, "PUT", "/api-jobs/sync", job)
	d = data(body)
	row2, _ := d["job"].(map[string]any)
	if status != 200 || d["action"] != "updated" || row2["id"] != row["id"] || row2["customer"] != "Acme GmbH" {
		t.Fatalf("update: %d %v", status, body)
	}
	// Another source is another job.
	job["external_source"] = "NetSuite"
	if status, _, _ := call(t, srv, "PUT", "/api-jobs/sync", job); status != 201 {
		t.Fatalf("other source: %d", status)
	}
	if rows := srv.Rows("jobs"); len(rows) != 2 || rows[0]["sync_hash"] == nil || rows[0]["synced_at"] == nil {
		t.Fatalf("rows: %v", rows)
	}
}

func TestSyncWritesColumnsOnly(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	status, _, body := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{
		"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1", "customer_name": "Acme"})
	code, msg := errCode(body)
	if status != 500 || code != "INTERNAL_ERROR" || !strings.Contains(msg, "'customer_name' column of 'jobs'") {
		t.Fatalf("unknown column: %d %s %q", status, code, msg)
	}
	status, _, body = call(t, srv, "PUT", "/api-parts/sync", map[string]any{
		"external_id": "P-1", "external_source": "SAP", "part_number": "A", "material": "Steel", "job_external_id": "SO-1"})
	if _, msg := errCode(body); status != 500 || !strings.Contains(msg, "job_external_id") {
		t.Fatalf("linking field: %d %q", status, msg)
	}
	status, _, body = call(t, srv, "PUT", "/api-parts/sync", map[string]any{
		"external_id": "P-1", "external_source": "SAP", "part_number": "A", "material": "Steel",
		"job_id": "00000000-0000-4000-8000-00000000ffff"})
	if _, msg := errCode(body); status != 500 || !strings.Contains(msg, "foreign key") {
		t.Fatalf("missing parent: %d %q", status, msg)
	}
	jobID := srv.Insert("jobs", map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"})
	status, _, body = call(t, srv, "PUT", "/api-parts/sync", map[string]any{
		"external_id": "P-1", "external_source": "SAP", "part_number": "A", "job_id": jobID})
	if _, msg := errCode(body); status != 500 || !strings.Contains(msg, `"material"`) {
		t.Fatalf("not null: %d %q", status, msg)
	}
	status, _, body = call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_source": "SAP", "job_number": "J"})
	if code, msg := errCode(body); status != 400 || code != "VALIDATION_ERROR" || msg != "external_id is required for sync operations" {
		t.Fatalf("no external id: %d %s %q", status, code, msg)
	}
	status, _, body = call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "X", "external_source": "SAP", "job_number": "J", "status": "pending"})
	e, _ := body["error"].(map[string]any)
	details, _ := e["details"].([]any)
	if status != 422 || len(details) != 1 || details[0].(map[string]any)["field"] != "status" {
		t.Fatalf("validator: %d %v", status, body)
	}
}

func TestBulkSyncServerShape(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	srv.Insert("jobs", map[string]any{"external_id": "SO-2", "external_source": "SAP", "job_number": "J-2"})
	items := []any{
		map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"},
		map[string]any{"external_id": "SO-2", "external_source": "SAP", "job_number": "J-2b"},
		map[string]any{"external_source": "SAP", "job_number": "J-3"},
		map[string]any{"external_id": "SO-4", "external_source": "SAP", "job_number": "J-4", "bogus": 1},
	}
	status, _, body := call(t, srv, "POST", "/api-jobs/bulk-sync", map[string]any{"items": items})
	d := data(body)
	res, _ := d["results"].(map[string]any)
	errs, _ := res["errors"].([]any)
	if status != 200 || d["total"] != float64(4) || res["created"] != float64(1) || res["updated"] != float64(1) ||
		res["failed"] != float64(2) || len(errs) != 2 {
		t.Fatalf("bulk: %d %v", status, body)
	}
	first := errs[0].(map[string]any)
	if first["error"] != "external_id is required for sync operations" || first["item"].(map[string]any)["job_number"] != "J-3" {
		t.Fatalf("first error: %v", first)
	}
	// The legacy {"<table>": [...]} body.
	status, _, body = call(t, srv, "POST", "/api-jobs/bulk-sync", map[string]any{"jobs": items[:1]})
	if res := data(body)["results"].(map[string]any); status != 200 || res["updated"] != float64(1) {
		t.Fatalf("legacy: %d %v", status, body)
	}
	status, _, body = call(t, srv, "POST", "/api-jobs/bulk-sync", map[string]any{"rows": items})
	if _, msg := errCode(body); status != 400 || !strings.Contains(msg, `"items" array or "jobs" array`) {
		t.Fatalf("no items: %d %q", status, msg)
	}
	many := make([]any, 1001)
	for i := range many {
		many[i] = map[string]any{"external_id": fmt.Sprint(i), "external_source": "SAP", "job_number": "J"}
	}
	status, _, body = call(t, srv, "POST", "/api-jobs/bulk-sync", map[string]any{"items": many})
	if _, msg := errCode(body); status != 400 || msg != "Maximum 1000 items per bulk-sync request" {
		t.Fatalf("cap: %d %q", status, msg)
	}
	if n := len(srv.Rows("jobs")); n != 2 {
		t.Fatalf("rows after cap: %d", n)
	}
}

func TestBulkSyncDocShape(t *testing.T) {
	srv := eryxontest.NewServer(eryxontest.WithDocShape())
	defer srv.Close()
	items := []any{
		map[string]any{"external_id": "C1", "external_source": "SAP", "name": "Cutting", "sequence": 1},
		map[string]any{"external_id": "C2", "external_source": "SAP", "sequence": 2},
	}
	status, _, body := call(t, srv, "POST", "/api-cells/bulk-sync", map[string]any{"items": items})
	d := data(body)
	results, _ := d["results"].([]any)
	if status != 200 || d["created"] != float64(1) || d["errors"] != float64(1) || len(results) != 2 {
		t.Fatalf("doc shape: %d %v", status, body)
	}
	r0, r1 := results[0].(map[string]any), results[1].(map[string]any)
	if r0["action"] != "created" || r0["id"] == nil || r1["action"] != "error" || !strings.Contains(r1["error"].(string), "name") {
		t.Fatalf("results: %v", results)
	}
	status, _, body = call(t, srv, "PUT", "/api-cells/sync", items[0])
	if d := data(body); status != 200 || d["action"] != "updated" || d["id"] != r0["id"] || d["external_id"] != "C1" {
		t.Fatalf("doc sync: %d %v", status, body)
	}
}

func TestDailyBudget(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := eryxontest.NewServer(eryxontest.WithPlan(eryxontest.Free), eryxontest.WithClock(clock))
	defer srv.Close()
	for i := range 100 {
		if status, _, _ := call(t, srv, "GET", "/api-cells", nil); status != 200 {
			t.Fatalf("request %d: %d", i, status)
		}
	}
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	status, h, body := call(t, srv, "GET", "/api-cells", nil)
	code, msg := errCode(body)
	info, _ := body["error"].(map[string]any)["rateLimitInfo"].(map[string]any)
	if status != 429 || code != "RATE_LIMIT_EXCEEDED" || !strings.Contains(msg, "free plan allows 100 requests per day") ||
		h.Get("X-RateLimit-Remaining") != "0" || h.Get("X-RateLimit-Reset") != "2026-11-23T10:00:00.000Z" ||
		h.Get("Retry-After") != "82800" || h.Get("X-RateLimit-Limit") != "" ||
		info["remaining"] != float64(0) || info["resetAt"] != "2026-11-23T10:00:00.000Z" || info["retryAfter"] != float64(82800) {
		t.Fatalf("429: %d %v %v", status, h, body)
	}
	if srv.BudgetUsed() != 100 {
		t.Fatalf("used %d", srv.BudgetUsed())
	}
	mu.Lock()
	now = now.Add(23 * time.Hour)
	mu.Unlock()
	if status, _, _ := call(t, srv, "GET", "/api-cells", nil); status != 200 {
		t.Fatalf("after the window: %d", status)
	}
}

func TestQuota(t *testing.T) {
	srv := eryxontest.NewServer(eryxontest.WithQuota(1, 0))
	defer srv.Close()
	if status, _, _ := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "A", "external_source": "S", "job_number": "1"}); status != 201 {
		t.Fatal(status)
	}
	status, _, body := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "B", "external_source": "S", "job_number": "2"})
	e := body["error"].(map[string]any)
	det, _ := e["details"].(map[string]any)
	if status != 402 || e["code"] != "QUOTA_EXCEEDED" || det["limit"] != float64(1) || det["limitType"] != "jobs" {
		t.Fatalf("quota: %d %v", status, body)
	}
	// Updating an existing job needs no quota.
	if status, _, _ := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "A", "external_source": "S", "job_number": "1b"}); status != 200 {
		t.Fatal(status)
	}
	status, _, _ = call(t, srv, "POST", "/api-jobs/bulk-sync", map[string]any{"items": []any{map[string]any{"external_id": "C", "external_source": "S", "job_number": "3"}}})
	if status != 402 {
		t.Fatalf("bulk with spent quota: %d", status)
	}
}

func TestListGetDelete(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	var ids []string
	for i := range 5 {
		ids = append(ids, srv.Insert("cells", map[string]any{"external_id": fmt.Sprint("C", i), "external_source": "S",
			"name": fmt.Sprint("Cell ", i), "sequence": float64(5 - i), "active": i%2 == 0}))
	}
	status, _, body := call(t, srv, "GET", "/api-cells?limit=2&offset=1", nil)
	d := data(body)
	cells, _ := d["cells"].([]any)
	pg, _ := d["pagination"].(map[string]any)
	if status != 200 || len(cells) != 2 || pg["total"] != float64(5) || pg["offset"] != float64(1) || pg["limit"] != float64(2) {
		t.Fatalf("list: %d %v", status, body)
	}
	// Default order for cells: sequence ascending.
	if cells[0].(map[string]any)["sequence"] != float64(2) {
		t.Fatalf("order: %v", cells)
	}
	_, _, body = call(t, srv, "GET", "/api-cells?active=true", nil)
	if n := len(data(body)["cells"].([]any)); n != 3 {
		t.Fatalf("filter: %d", n)
	}
	_, _, body = call(t, srv, "GET", "/api-cells?limit=5000", nil)
	if lim := data(body)["pagination"].(map[string]any)["limit"]; lim != float64(1000) {
		t.Fatalf("clamp: %v", lim)
	}
	status, _, body = call(t, srv, "GET", "/api-cells?id="+ids[0], nil)
	if c, _ := data(body)["cell"].(map[string]any); status != 200 || c["id"] != ids[0] {
		t.Fatalf("get: %d %v", status, body)
	}
	status, _, body = call(t, srv, "DELETE", "/api-cells?id="+ids[0], nil)
	if status != 200 || data(body)["message"] != "Deleted successfully" {
		t.Fatalf("delete: %d %v", status, body)
	}
	if status, _, _ := call(t, srv, "GET", "/api-cells?id="+ids[0], nil); status != 404 {
		t.Fatalf("get deleted: %d", status)
	}
	if _, ok := srv.Row("cells", ids[0]); ok {
		t.Fatal("cells are hard-deleted")
	}
	jobID := srv.Insert("jobs", map[string]any{"external_id": "J", "external_source": "S", "job_number": "1"})
	call(t, srv, "DELETE", "/api-jobs?id="+jobID, nil)
	if r, ok := srv.Row("jobs", jobID); !ok || r["deleted_at"] == nil {
		t.Fatalf("jobs are soft-deleted: %v", r)
	}
	// A sync after a soft delete creates a new row.
	if status, _, _ := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "J", "external_source": "S", "job_number": "1"}); status != 201 {
		t.Fatalf("resync: %d", status)
	}
	status, _, body = call(t, srv, "PATCH", "/api-jobs/sync", nil)
	if code, _ := errCode(body); status != 405 || code != "METHOD_NOT_ALLOWED" || body["error"].(map[string]any)["statusCode"] != nil {
		t.Fatalf("405: %d %v", status, body)
	}
}

func TestERPSync(t *testing.T) {
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, b)
		mu.Unlock()
	}))
	defer hook.Close()
	srv := eryxontest.NewServer(eryxontest.WithWebhookBackoff(0))
	defer srv.Close()
	srv.RegisterWebhook(hook.URL, "s3cret", "sync.parts.completed")
	req := map[string]any{
		"jobs":  []any{map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1", "customer_name": "Acme"}},
		"parts": []any{map[string]any{"external_id": "P-1", "external_source": "SAP", "job_external_id": "SO-1", "part_number": "A", "material": "Steel"}},
	}
	status, _, body := call(t, srv, "POST", "/api-erp-sync/diff", req)
	ent := data(body)["entities"].(map[string]any)
	if status != 200 || ent["jobs"].(map[string]any)["to_create"] != float64(1) {
		t.Fatalf("diff: %d %v", status, body)
	}
	status, _, body = call(t, srv, "POST", "/api-erp-sync/sync", req)
	d := data(body)
	if status != 200 || d["summary"].(map[string]any)["total_created"] != float64(2) {
		t.Fatalf("sync: %d %v", status, body)
	}
	if rows := srv.Rows("jobs"); len(rows) != 1 || rows[0]["customer"] != "Acme" {
		t.Fatalf("customer_name mapped to customer: %v", rows)
	}
	_, _, body = call(t, srv, "POST", "/api-erp-sync/sync", req)
	parts := data(body)["parts"].(map[string]any)
	if parts["skipped"] != float64(1) {
		t.Fatalf("unchanged not skipped: %v", body)
	}
	_, _, body = call(t, srv, "GET", "/api-erp-sync/status?entity_type=parts", nil)
	st := data(body)
	if st["stats"].(map[string]any)["total_syncs"] != float64(2) || len(st["history"].([]any)) != 2 {
		t.Fatalf("status: %v", body)
	}
	srv.WaitDeliveries()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("deliveries: %d", len(got))
	}
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write(bodies[0])
	if got[0].Header.Get("X-Eryxon-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) ||
		got[0].Header.Get("X-Eryxon-Event") != "sync.parts.completed" || got[0].Header.Get("User-Agent") != "Eryxon-Webhooks/1.0" {
		t.Fatalf("headers: %v", got[0].Header)
	}
	var ev map[string]any
	if err := json.Unmarshal(bodies[0], &ev); err != nil || ev["event"] != "sync.parts.completed" || ev["timestamp"] == nil || ev["data"] == nil {
		t.Fatalf("payload: %s", bodies[0])
	}
}

func TestWebhookRetries(t *testing.T) {
	var mu sync.Mutex
	n := 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		if k < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer hook.Close()
	srv := eryxontest.NewServer(eryxontest.WithWebhookBackoff(0))
	defer srv.Close()
	status, _, body := call(t, srv, "POST", "/api-webhooks", map[string]any{"url": hook.URL, "events": []string{"job.created"}})
	if status != 422 || !strings.Contains(fmt.Sprint(body), "secret_key") {
		t.Fatalf("secret_key required: %d %v", status, body)
	}
	status, _, _ = call(t, srv, "POST", "/api-webhooks", map[string]any{"url": hook.URL, "events": []string{"job.created"}, "secret_key": "k"})
	if status != 201 {
		t.Fatal(status)
	}
	srv.Emit("job.created", map[string]any{"id": "1"})
	srv.Emit("job.updated", map[string]any{"id": "1"}) // not subscribed
	srv.WaitDeliveries()
	ds := srv.Deliveries()
	if len(ds) != 1 || ds[0].Attempts != 3 || !ds[0].Delivered || ds[0].Status != 200 {
		t.Fatalf("deliveries: %+v", ds)
	}
}

func TestFaults(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	srv.FailNext(1, eryxontest.Fault{Status: 503, RetryAfter: 1500 * time.Millisecond,
		Match: func(r *http.Request, body []byte) bool { return r.Method == http.MethodPut }})
	if status, _, _ := call(t, srv, "GET", "/api-jobs", nil); status != 200 {
		t.Fatalf("unmatched request failed: %d", status)
	}
	status, h, body := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{})
	if code, _ := errCode(body); status != 503 || h.Get("Retry-After") != "2" || code != "INTERNAL_ERROR" {
		t.Fatalf("fault: %d %v %v", status, h, body)
	}
	srv.FailNext(1, eryxontest.Fault{Reset: true})
	req, _ := http.NewRequest("GET", srv.URL()+"/api-jobs", nil)
	// A fresh connection: net/http replays a GET whose reused connection closed.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := fresh.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("reset: got a response")
	}
	srv.FailNext(1, eryxontest.Fault{Truncate: true})
	resp, err := fresh.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil {
		t.Fatal("truncate: body read fully")
	}
	if n := srv.RequestCount(); n != 4 || len(srv.Requests()) != 4 {
		t.Fatalf("requests: %d", n)
	}
}

func TestRepositorySchema(t *testing.T) {
	srv := eryxontest.NewServer(eryxontest.WithRepositorySchema())
	defer srv.Close()
	status, _, body := call(t, srv, "PUT", "/api-cells/sync", map[string]any{"external_id": "C", "external_source": "S", "name": "n", "sequence": 1})
	if _, msg := errCode(body); status != 500 || !strings.Contains(msg, "sync_hash") {
		t.Fatalf("cells: %d %v", status, body)
	}
	if status, _, _ := call(t, srv, "PUT", "/api-jobs/sync", map[string]any{"external_id": "J", "external_source": "S", "job_number": "1"}); status != 201 {
		t.Fatalf("jobs: %d", status)
	}
}
