package eryxon_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

// byIndex indexes a BulkResult and checks that every item is in exactly one list.
func byIndex(t *testing.T, res *eryxon.BulkResult, n int) map[int]eryxon.BulkOutcome {
	t.Helper()
	out := make(map[int]eryxon.BulkOutcome, n)
	for _, l := range [][]eryxon.BulkOutcome{res.Created, res.Updated, res.Failed} {
		for _, o := range l {
			if _, dup := out[o.Index]; dup {
				t.Fatalf("item %d has two outcomes", o.Index)
			}
			out[o.Index] = o
		}
	}
	if len(out) != n || res.Total() != n {
		t.Fatalf("%d outcomes for %d items", len(out), n)
	}
	return out
}

func TestBulkSync2500WithInvalidItemsAndAFailedChunk(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	jobID := srv.Insert("jobs", map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"})
	// 500 parts exist already: their sync is an update.
	for i := range 500 {
		srv.Insert("parts", map[string]any{"external_id": fmt.Sprint("P-", i), "external_source": "SAP", "job_id": jobID,
			"part_number": "old", "material": "S235"})
	}
	parts := make([]eryxon.Part, 2500)
	for i := range parts {
		parts[i] = eryxon.Part{ExternalID: fmt.Sprint("P-", i), ExternalSource: "SAP", JobID: jobID,
			PartNumber: fmt.Sprint("PN-", i), Material: "S235", Quantity: 1 + i%5}
	}
	invalid := map[int]bool{7: true, 1500: true, 2499: true}
	parts[7].ExternalID = ""                                   // client-side: no external id
	parts[1500].PartNumber = ""                                // client-side: no part number
	parts[2499].Quantity = -1                                  // client-side: negative quantity
	parts[12].Material = ""                                    // server-side: an update, material is kept: fine
	parts[600].Material = ""                                   // server-side: NOT NULL on insert
	parts[2100].JobID = "00000000-0000-4000-8000-00000000ffff" // server-side: foreign key
	// The second chunk (items 1001..2001: item 7 is dropped before chunking) fails as a whole.
	srv.FailNext(1, eryxontest.Fault{Status: 500, Message: "Failed to sync parts: statement timeout",
		Match: func(r *http.Request, body []byte) bool { return bytes.Contains(body, []byte(`"P-1001"`)) }})
	var mu sync.Mutex
	var progress [][2]int
	res, err := c.Parts.BulkSync(ctx, parts, eryxon.WithConcurrency(3), eryxon.WithProgress(func(done, total int) {
		mu.Lock()
		progress = append(progress, [2]int{done, total})
		mu.Unlock()
	}))
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, len(parts))
	// 2497 valid items in chunks of 1000, 1000, 497.
	if res.Requests != 3 || srv.RequestCount() != 3 {
		t.Fatalf("requests %d/%d", res.Requests, srv.RequestCount())
	}
	for i := range parts {
		o := out[i]
		if o.ExternalID != parts[i].ExternalID {
			t.Fatalf("item %d: external id %q", i, o.ExternalID)
		}
		switch {
		case invalid[i]:
			if o.Action != eryxon.ActionFailed || !errors.Is(o.Err, eryxon.ErrInvalidInput) {
				t.Fatalf("item %d: %+v", i, o)
			}
		case i >= 1001 && i <= 2001: // valid items 1000..1999 shift by one after item 7
			var e *eryxon.Error
			if o.Action != eryxon.ActionFailed || !errors.As(o.Err, &e) || e.StatusCode != 500 || !strings.Contains(e.Message, "statement timeout") {
				t.Fatalf("item %d in the failed chunk: %+v", i, o)
			}
		case i == 600:
			if o.Action != eryxon.ActionFailed || !strings.Contains(o.Err.Error(), `"material"`) {
				t.Fatalf("item 600: %+v", o)
			}
		case i == 2100:
			if o.Action != eryxon.ActionFailed || !strings.Contains(o.Err.Error(), "foreign key") {
				t.Fatalf("item 2100: %+v", o)
			}
		case i <= 1000:
			// The first chunk mixes updates (0..499) and inserts: the server's
			// counts cannot say which item was which.
			if o.Action != eryxon.ActionSynced || o.Err != nil {
				t.Fatalf("item %d: %+v", i, o)
			}
		default: // the last chunk: inserts only
			if o.Action != eryxon.ActionCreated || o.Err != nil {
				t.Fatalf("item %d: %+v", i, o)
			}
		}
	}
	if len(res.Failed) != 3+1000+2 || len(res.Created) != 497-1 || len(res.Updated) != 1000-1 {
		t.Fatalf("created %d updated %d failed %d", len(res.Created), len(res.Updated), len(res.Failed))
	}
	for i := 1; i < len(res.Failed); i++ {
		if res.Failed[i-1].Index >= res.Failed[i].Index {
			t.Fatal("Failed is not sorted by index")
		}
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{2500, 2500} {
		t.Fatalf("progress %v", progress)
	}
	for _, r := range srv.Requests() {
		if r.Method != "POST" || r.Path != "/api-parts/bulk-sync" {
			t.Fatalf("request %s %s", r.Method, r.Path)
		}
		items, _ := bodyOf(t, r.Body)["items"].([]any)
		if len(items) > 1000 || len(items) == 0 {
			t.Fatalf("chunk of %d", len(items))
		}
	}
}

func TestBulkSyncDocShapeCarriesIDs(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithDocShape())
	cells := []eryxon.Cell{
		{ExternalID: "C1", ExternalSource: "SAP", Name: "Laser", Sequence: 1},
		{ExternalID: "C2", ExternalSource: "SAP", Name: "", Sequence: 2}, // invalid: never sent
		{ExternalID: "C3", ExternalSource: "SAP", Name: "Bend", Sequence: 3},
	}
	srv.Insert("cells", map[string]any{"external_id": "C3", "external_source": "SAP", "name": "Bend", "sequence": float64(3)})
	res, err := c.Cells.BulkSync(context.Background(), cells)
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 3)
	id1, _ := srv.Lookup("cells", "SAP", "C1")
	id3, _ := srv.Lookup("cells", "SAP", "C3")
	if out[0].Action != eryxon.ActionCreated || out[0].ID != id1 || out[2].Action != eryxon.ActionUpdated || out[2].ID != id3 ||
		!errors.Is(out[1].Err, eryxon.ErrInvalidInput) {
		t.Fatalf("outcomes %+v", out)
	}
	items := bodyOf(t, srv.Requests()[0].Body)["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("sent %d items", len(items))
	}
}

func TestBulkSyncStopsWhenTheDailyBudgetRunsOut(t *testing.T) {
	srv := eryxontest.NewServer(eryxontest.WithDailyLimit(2))
	defer srv.Close()
	// Default retry settings: a 429 whose reset is a day away must not be
	// slept on, not even for one backoff.
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()), eryxon.WithMaxRateLimitWait(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	jobs := make([]eryxon.Job, 4500)
	for i := range jobs {
		jobs[i] = eryxon.Job{ExternalID: fmt.Sprint("SO-", i), ExternalSource: "SAP", JobNumber: fmt.Sprint("J-", i)}
	}
	start := time.Now()
	res, err := c.Jobs.BulkSync(context.Background(), jobs, eryxon.WithConcurrency(1))
	if !errors.Is(err, eryxon.ErrRateLimited) {
		t.Fatalf("err %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("waited %v instead of failing at once", time.Since(start))
	}
	var e *eryxon.Error
	if !errors.As(err, &e) || e.RateLimit.Reset.Before(time.Now().Add(23*time.Hour)) || e.RateLimit.Remaining != 0 ||
		e.StatusCode != 429 || e.Code != "RATE_LIMIT_EXCEEDED" || e.Attempts != 1 || e.RetryAfter < 23*time.Hour {
		t.Fatalf("reset time not reported: %+v", e)
	}
	out := byIndex(t, res, len(jobs))
	for i := range jobs {
		o := out[i]
		switch {
		case i < 2000:
			if o.Action != eryxon.ActionCreated {
				t.Fatalf("item %d: %+v", i, o)
			}
		case i < 3000: // the chunk the server refused with 429
			if o.Action != eryxon.ActionFailed || !errors.Is(o.Err, eryxon.ErrRateLimited) || errors.Is(o.Err, eryxon.ErrNotSent) {
				t.Fatalf("item %d: %+v", i, o)
			}
		default: // never sent
			if o.Action != eryxon.ActionFailed || !errors.Is(o.Err, eryxon.ErrNotSent) || !errors.Is(o.Err, eryxon.ErrRateLimited) {
				t.Fatalf("item %d: %+v", i, o)
			}
		}
	}
	notSent := res.NotSent()
	if len(notSent) != 1500 || notSent[0].Index != 3000 || notSent[0].ExternalID != "SO-3000" {
		t.Fatalf("not sent: %d", len(notSent))
	}
	// The 429 was not retried, and nothing went out after it.
	if n := srv.RequestCount(); n != 3 {
		t.Fatalf("requests %d", n)
	}
	// The next call is refused by the client without a request.
	_, err = c.Jobs.Sync(context.Background(), jobs[0])
	if !errors.Is(err, eryxon.ErrRateLimited) || srv.RequestCount() != 3 {
		t.Fatalf("after: %v, %d requests", err, srv.RequestCount())
	}
}

func TestBulkSyncQuotaStopsTheRun(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithQuota(0, 0))
	srv.FailNext(1, eryxontest.Fault{Status: 402, Code: "QUOTA_EXCEEDED", Message: "Monthly jobs quota exceeded"})
	jobs := make([]eryxon.Job, 30)
	for i := range jobs {
		jobs[i] = eryxon.Job{ExternalID: fmt.Sprint("SO-", i), ExternalSource: "SAP", JobNumber: "J"}
	}
	res, err := c.Jobs.BulkSync(context.Background(), jobs, eryxon.WithChunkSize(10), eryxon.WithConcurrency(1))
	if !errors.Is(err, eryxon.ErrQuotaExceeded) {
		t.Fatalf("err %v", err)
	}
	out := byIndex(t, res, 30)
	if !errors.Is(out[0].Err, eryxon.ErrQuotaExceeded) || !errors.Is(out[29].Err, eryxon.ErrNotSent) || srv.RequestCount() != 1 {
		t.Fatalf("outcomes %+v %+v, %d requests", out[0], out[29], srv.RequestCount())
	}
}

func TestBulkSyncCancelledContext(t *testing.T) {
	srv, c := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := c.Cells.BulkSync(ctx, []eryxon.Cell{{ExternalID: "C", ExternalSource: "S", Name: "n"}})
	if !errors.Is(err, context.Canceled) || len(res.Failed) != 1 || !errors.Is(res.Failed[0].Err, eryxon.ErrNotSent) || srv.RequestCount() != 0 {
		t.Fatalf("%v %+v", err, res)
	}
}

func TestBulkSyncOptionsAndLinks(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	if _, err := c.Jobs.BulkSync(ctx, nil, eryxon.WithChunkSize(1001)); !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("chunk size: %v", err)
	}
	if _, err := c.Jobs.BulkSync(ctx, nil, eryxon.WithConcurrency(0)); !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("concurrency: %v", err)
	}
	res, err := c.Jobs.BulkSync(ctx, []eryxon.Job{{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1"}})
	if err != nil || len(res.Created) != 1 {
		t.Fatal(res, err)
	}
	// The server's answer carries no ids: the parts' job is resolved by one
	// list of jobs; the part with an unknown job is not sent.
	parts := []eryxon.Part{
		{ExternalID: "P-1", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "A", Material: "S"},
		{ExternalID: "P-2", ExternalSource: "SAP", JobExternalID: "SO-404", PartNumber: "B", Material: "S"},
		{ExternalID: "P-3", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "C", Material: "S"},
	}
	res, err = c.Parts.BulkSync(ctx, parts)
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 3)
	if out[0].Action != eryxon.ActionCreated || out[2].Action != eryxon.ActionCreated ||
		!errors.Is(out[1].Err, eryxon.ErrParentNotFound) || !errors.Is(out[1].Err, eryxon.ErrNotSent) {
		t.Fatalf("outcomes %+v", out)
	}
	jobID, _ := srv.Lookup("jobs", "SAP", "SO-1")
	for _, p := range srv.Rows("parts") {
		if p["job_id"] != jobID {
			t.Fatalf("part %v", p)
		}
	}
	var paths []string
	for _, r := range srv.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	if got := strings.Join(paths, ","); got != "POST /api-jobs/bulk-sync,GET /api-jobs,POST /api-parts/bulk-sync" {
		t.Fatalf("requests %s", got)
	}
}

func TestBulkSyncVerifyCatchesUnpersistedItems(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithBulkWriteBug())
	jobID := srv.Insert("jobs", map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"})
	parts := []eryxon.Part{
		{ExternalID: "P-1", ExternalSource: "SAP", JobID: jobID, PartNumber: "A", Material: "S235"},
		{ExternalID: "P-2", ExternalSource: "SAP", JobID: jobID, PartNumber: "B"}, // no material: the database rejects it
		{ExternalID: "P-3", ExternalSource: "SAP", JobID: "00000000-0000-4000-8000-00000000ffff", PartNumber: "C", Material: "S235"},
	}
	// Without verification the server's counts are believed.
	res, err := c.Parts.BulkSync(context.Background(), parts)
	if err != nil || len(res.Created) != 3 {
		t.Fatalf("unverified: %+v %v", res, err)
	}
	srv.Reset()
	res, err = c.Parts.BulkSync(context.Background(), parts, eryxon.WithVerify())
	if err != nil {
		t.Fatal(err)
	}
	out := byIndex(t, res, 3)
	p1, _ := srv.Lookup("parts", "SAP", "P-1")
	// P-1 was updated, the others "created": the counts cannot tell which was which.
	if out[0].Action != eryxon.ActionSynced || out[0].ID != p1 ||
		!errors.Is(out[1].Err, eryxon.ErrNotPersisted) || !errors.Is(out[2].Err, eryxon.ErrNotPersisted) {
		t.Fatalf("verified outcomes %+v", out)
	}
	var paths []string
	for _, r := range srv.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	if got := strings.Join(paths, ","); got != "POST /api-parts/bulk-sync,GET /api-parts" {
		t.Fatalf("requests %s", got)
	}
}
