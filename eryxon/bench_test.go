package eryxon_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/internal/benchkit"
)

const benchParts = 100_000

// benchInput builds n parts whose strings are slices of two shared
// strings, so that the input is three objects for the GC: its marking of
// the input (which the heap figures would otherwise count as live
// allocation) stays short at any n.
func benchInput(n int) []eryxon.Part {
	var ext, num []byte
	for i := range n {
		ext = fmt.Appendf(ext, "SO-%06d-10", i)
		num = fmt.Appendf(num, "PN-%06d", i)
	}
	exts, nums := string(ext), string(num)
	const extLen, numLen = len("SO-000000-10"), len("PN-000000")
	parts := make([]eryxon.Part, n)
	for i := range parts {
		parts[i] = eryxon.Part{ExternalID: exts[i*extLen : (i+1)*extLen], ExternalSource: "SAP",
			JobID: "00000000-0000-4000-8000-000000000001", PartNumber: nums[i*numLen : (i+1)*numLen],
			Material: "S235JR", Quantity: 1 + i%50, Notes: "bench"}
	}
	return parts
}

// bulkGC is the GOGC of the measured bulk runs: low, so that the collector
// runs often and its live-heap figures sample the run closely.
const bulkGC = 10

// BenchmarkBulkSync syncs 10,000 and 100,000 parts through BulkSync (chunks
// of 1000, 4 in flight), and the same chunked POSTs with a plain net/http +
// encoding/json loop (one chunk at a time, no validation, no retries; it
// records an outcome per item in the same array type, as any loop that
// accounts for every item must):
//
//   - "fake": against eryxontest in count-only mode (it validates every
//     item, keeps no rows), in this process;
//   - "counter": against a server that only counts each chunk's items, so
//     that ns/item and B/item show the client's own cost.
//
// Heap figures (benchkit.HeapProbe, GOGC=10 during the run), in MB above
// the heap before the run (which holds the input; see bulkInput):
//
//   - p50-live-MB, p90-live-MB and peak-live-MB: the median, the 90th
//     percentile and the highest of the live heaps the GC cycles of the
//     run marked (everything allocated while a GC marks counts as live in
//     that cycle, so single cycles spike, more so on a loaded machine: the
//     median is the steady working set);
//   - retained-MB: what stays live after the run with the result kept (the
//     BulkResult: one outcome per item, by design O(n)), and retained-B/item;
//   - transient-MB = p50-live-MB - retained-MB: the sync's own working set
//     (chunks being encoded, in flight and decoded; the in-process
//     server's share). It must not grow with the input;
//   - peak-inuse-MB: HeapInuse, garbage included; the GC's pacing lets
//     garbage grow with the live heap (GOGC percent of the input), so it
//     grows with n for any client, the plain loop included.
func BenchmarkBulkSync(b *testing.B) {
	for _, n := range benchkit.IterSizes {
		size := strconv.Itoa(n)
		b.Run("sdk-fake-"+size, func(b *testing.B) {
			srv := eryxontest.NewServer(eryxontest.WithCountOnly())
			defer srv.Close()
			benchBulkSync(b, n, srv.URL(), srv.APIKey(), srv.RequestCount)
		})
		b.Run("plain-fake-"+size, func(b *testing.B) {
			srv := eryxontest.NewServer(eryxontest.WithCountOnly())
			defer srv.Close()
			benchPlainLoop(b, n, srv.URL(), srv.RequestCount)
		})
	}
	b.Run("sdk-counter-100000", func(b *testing.B) {
		url, count := counterServer(b)
		benchBulkSync(b, benchParts, url, eryxontest.DefaultAPIKey, count)
	})
	b.Run("plain-counter-100000", func(b *testing.B) {
		url, count := counterServer(b)
		benchPlainLoop(b, benchParts, url, count)
	})
}

// counterServer answers every bulk-sync in the server's shape, counting the
// items by their external_id keys.
func counterServer(b *testing.B) (string, func() int) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n.Add(1)
		items := bytes.Count(body, []byte(`"external_id"`))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"success":true,"data":{"results":{"created":%d,"updated":0,"failed":0,"errors":[]},"total":%d}}`, items, items)
	}))
	b.Cleanup(srv.Close)
	return srv.URL, func() int { return int(n.Load()) }
}

// bulkRun runs sync b.N times under a heap probe and reports the figures
// described at BenchmarkBulkSync; sync returns the result to keep alive (or
// nil) and the number of items written.
func bulkRun(b *testing.B, n int, requests func() int, sync func() (any, int, error)) {
	b.Helper()
	var fig benchkit.HeapFigures
	var retained uint64
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		before, reqs := benchkit.LiveHeap(), requests()
		probe := benchkit.StartHeapProbe(bulkGC)
		b.StartTimer()
		res, written, err := sync()
		b.StopTimer()
		h := probe.Stop()
		if err != nil || written != n {
			b.Fatalf("wrote %d of %d: %v", written, n, err)
		}
		if got := requests() - reqs; got != n/eryxon.MaxBulkItems {
			b.Fatalf("%d requests, want %d", got, n/eryxon.MaxBulkItems)
		}
		after := benchkit.LiveHeap()
		runtime.KeepAlive(res)
		fig.PeakLive, fig.PeakInuse = max(fig.PeakLive, h.PeakLive), max(fig.PeakInuse, h.PeakInuse)
		fig.GCs = max(fig.GCs, h.GCs)
		fig.Lives = append(fig.Lives, h.Lives...)
		retained = max(retained, after-min(after, before))
		b.StartTimer()
	}
	b.ReportMetric(float64(n/eryxon.MaxBulkItems), "requests")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
	b.ReportMetric(benchkit.MB(fig.PeakLive), "peak-live-MB")
	b.ReportMetric(benchkit.MB(retained), "retained-MB")
	p50 := fig.LivePercentile(0.5)
	b.ReportMetric(benchkit.MB(p50), "p50-live-MB")
	b.ReportMetric(benchkit.MB(fig.LivePercentile(0.9)), "p90-live-MB")
	b.ReportMetric(benchkit.MB(p50-min(p50, retained)), "transient-MB")
	b.ReportMetric(benchkit.MB(fig.PeakInuse), "peak-inuse-MB")
	b.ReportMetric(float64(retained)/float64(n), "retained-B/item")
}

// bulkInput returns the first n of benchParts parts, and a ballast of
// outcomes for the other ones: whatever n, the process holds the same live
// heap (the whole input and a result-sized array) for the GC to mark, so
// that the heap figures at 10,000 and 100,000 items differ only by what
// the sync itself holds. (Everything allocated while the GC marks counts
// as live in that cycle, and marking a bigger heap takes longer.)
func bulkInput(n int) ([]eryxon.Part, []eryxon.BulkOutcome) {
	parts := benchInput(benchParts)
	ballast := make([]eryxon.BulkOutcome, benchParts-n)
	for i := range ballast {
		ballast[i] = eryxon.BulkOutcome{Index: n + i, ExternalID: parts[n+i].ExternalID, Action: eryxon.ActionCreated}
	}
	return parts[:n], ballast
}

func benchBulkSync(b *testing.B, n int, url, key string, requests func() int) {
	c, err := eryxon.NewClient(key, eryxon.WithBaseURL(url))
	if err != nil {
		b.Fatal(err)
	}
	parts, ballast := bulkInput(n)
	defer runtime.KeepAlive(ballast)
	ctx := context.Background()
	bulkRun(b, n, requests, func() (any, int, error) {
		res, err := c.Parts.BulkSync(ctx, parts)
		if err != nil {
			return nil, 0, err
		}
		return res, len(res.Created), nil
	})
}

// plainWire is a part as the plain loop sends it.
type plainWire struct {
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	JobID          string `json:"job_id"`
	PartNumber     string `json:"part_number"`
	Material       string `json:"material,omitempty"`
	Quantity       int    `json:"quantity,omitempty"`
	Notes          string `json:"notes,omitempty"`
}

func benchPlainLoop(b *testing.B, n int, url string, requests func() int) {
	parts, ballast := bulkInput(n)
	defer runtime.KeepAlive(ballast)
	type answer struct {
		Data struct {
			Results struct {
				Created, Updated, Failed int
			} `json:"results"`
		} `json:"data"`
	}
	hc := benchkit.PlainClient(b)
	ctx := context.Background()
	bulkRun(b, n, requests, func() (any, int, error) {
		// Like BulkSync, account for every item: one outcome each (the
		// same array, so that both runs have the same live heap for the
		// GC to mark).
		outs := make([]eryxon.BulkOutcome, len(parts))
		created := 0
		for start := 0; start < len(parts); start += eryxon.MaxBulkItems {
			end := min(start+eryxon.MaxBulkItems, len(parts))
			chunk := make([]plainWire, 0, eryxon.MaxBulkItems)
			for _, p := range parts[start:end] {
				chunk = append(chunk, plainWire{p.ExternalID, p.ExternalSource, p.JobID, p.PartNumber, p.Material, p.Quantity, p.Notes})
			}
			body, err := json.Marshal(map[string]any{"items": chunk})
			if err != nil {
				return nil, created, err
			}
			var a answer
			err = benchkit.PlainJSON(ctx, hc, http.MethodPost, url+"/api-parts/bulk-sync", body, &a,
				"Authorization", "Bearer "+eryxontest.DefaultAPIKey, "Content-Type", "application/json")
			if err != nil {
				return nil, created, err
			}
			if a.Data.Results.Created != end-start {
				return nil, created, fmt.Errorf("chunk at %d: %d created", start, a.Data.Results.Created)
			}
			for i := start; i < end; i++ {
				outs[i] = eryxon.BulkOutcome{Index: i, ExternalID: parts[i].ExternalID, Action: eryxon.ActionCreated}
			}
			created += a.Data.Results.Created
		}
		return outs, created, nil
	})
}
