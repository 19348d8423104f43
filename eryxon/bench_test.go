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
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

const benchParts = 100_000

func benchInput(n int) []eryxon.Part {
	parts := make([]eryxon.Part, n)
	for i := range parts {
		parts[i] = eryxon.Part{ExternalID: fmt.Sprintf("SO-%06d-10", i), ExternalSource: "SAP",
			JobID: "00000000-0000-4000-8000-000000000001", PartNumber: fmt.Sprintf("PN-%06d", i),
			Material: "S235JR", Quantity: 1 + i%50, Notes: "bench"}
	}
	return parts
}

// heapPeak samples HeapInuse until stop is called and returns the peak.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// BenchmarkBulkSync100kParts syncs 100,000 parts through BulkSync against the
// fake in count-only mode (it keeps no rows): 100 requests of 1000 items.
// heap-peak-MB is the peak HeapInuse above the heap held before the run (the
// input); the fake runs in the same process, so its per-request garbage is
// included.
// The GC runs at GOGC=10 during the measured runs so that HeapInuse follows
// the live heap rather than the collector's pacing. retained-MB is what stays
// in use after a GC with the result alive (the BulkResult's outcomes, which
// grow with the input by design); transient-MB = heap-peak-MB - retained-MB
// is the working set of the sync itself (chunk buffers in flight, an index
// list of 8 B per item, the server's per-request garbage). Compare the 10k
// and 100k runs and the plain loop: both grow a little with the input
// because the collector's concurrent mark over the larger live heap (the
// caller's input) lets more garbage accrue; BulkSync holds no per-chunk data
// once a chunk is answered.
//
// The "counter" runs replace the fake with a server that only counts the
// items of each chunk (no JSON decoding), so that B/op and ns/item show the
// client's own cost.
func BenchmarkBulkSync100kParts(b *testing.B) {
	for _, n := range []int{10_000, benchParts} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			srv := eryxontest.NewServer(eryxontest.WithCountOnly())
			defer srv.Close()
			benchBulkSync(b, n, srv.URL(), srv.APIKey(), srv.RequestCount)
		})
	}
	b.Run("counter-100000", func(b *testing.B) {
		url, count := counterServer(b)
		benchBulkSync(b, benchParts, url, eryxontest.DefaultAPIKey, count)
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

func benchBulkSync(b *testing.B, n int, url, key string, requests func() int) {
	c, err := eryxon.NewClient(key, eryxon.WithBaseURL(url))
	if err != nil {
		b.Fatal(err)
	}
	parts := benchInput(n)
	ctx := context.Background()
	var peak, retained uint64
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		base := heapInuse()
		stop := heapPeak()
		res, err := c.Parts.BulkSync(ctx, parts)
		p := stop()
		if err != nil || len(res.Created) != n || res.Requests != n/1000 {
			b.Fatalf("err %v, created %d, requests %d", err, len(res.Created), res.Requests)
		}
		peak = max(peak, p-min(p, base))
		after := heapInuse()
		retained = max(retained, after-min(after, base))
		runtime.KeepAlive(res)
	}
	b.StopTimer()
	if got := requests(); got != n/1000*b.N {
		b.Fatalf("requests %d", got)
	}
	b.ReportMetric(float64(n/1000), "requests")
	b.ReportMetric(float64(peak)/(1<<20), "heap-peak-MB")
	b.ReportMetric(float64(retained)/(1<<20), "retained-MB")
	b.ReportMetric(float64(peak-min(peak, retained))/(1<<20), "transient-MB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}

// BenchmarkPlainLoop100kParts does the same chunked POSTs with net/http and
// encoding/json directly: no validation, no outcome per item, no retries.
func BenchmarkPlainLoop100kParts(b *testing.B) {
	for _, n := range []int{10_000, benchParts} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			srv := eryxontest.NewServer(eryxontest.WithCountOnly())
			defer srv.Close()
			benchPlainLoop(b, n, srv.URL())
		})
	}
	b.Run("counter-100000", func(b *testing.B) {
		url, _ := counterServer(b)
		benchPlainLoop(b, benchParts, url)
	})
}

func benchPlainLoop(b *testing.B, n int, url string) {
	parts := benchInput(n)
	type wire struct {
		ExternalID     string `json:"external_id"`
		ExternalSource string `json:"external_source"`
		JobID          string `json:"job_id"`
		PartNumber     string `json:"part_number"`
		Material       string `json:"material,omitempty"`
		Quantity       int    `json:"quantity,omitempty"`
		Notes          string `json:"notes,omitempty"`
	}
	type answer struct {
		Data struct {
			Results struct {
				Created, Updated, Failed int
			} `json:"results"`
		} `json:"data"`
	}
	hc := &http.Client{}
	var peak uint64
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		base := heapInuse()
		stop := heapPeak()
		created := 0
		for start := 0; start < len(parts); start += 1000 {
			chunk := make([]wire, 0, 1000)
			for _, p := range parts[start:min(start+1000, len(parts))] {
				chunk = append(chunk, wire{p.ExternalID, p.ExternalSource, p.JobID, p.PartNumber, p.Material, p.Quantity, p.Notes})
			}
			body, err := json.Marshal(map[string]any{"items": chunk})
			if err != nil {
				b.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodPost, url+"/api-parts/bulk-sync", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+eryxontest.DefaultAPIKey)
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var a answer
			err = json.NewDecoder(resp.Body).Decode(&a)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("%d %v", resp.StatusCode, err)
			}
			created += a.Data.Results.Created
		}
		p := stop()
		if created != n {
			b.Fatalf("created %d", created)
		}
		peak = max(peak, p-min(p, base))
	}
	b.StopTimer()
	hc.CloseIdleConnections()
	b.ReportMetric(float64(n/1000), "requests")
	b.ReportMetric(float64(peak)/(1<<20), "heap-peak-MB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}
