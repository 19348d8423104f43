package benchkit

import (
	"runtime"
	"testing"
)

// IterSizes are the item counts every iteration benchmark runs with: the
// heap figures of the two must be about the same.
var IterSizes = []int{10_000, 100_000}

// Iterate runs walk b.N times; walk must go through all n items and return
// how many it saw. Besides the usual figures per walk it reports ns/item,
// B/item and allocs/item (whole process, so the in-process server's share
// is included: it is the same for the SDK and the plain baseline), and the
// heap figures of a HeapProbe over the run (peak-live-MB, p90-live-MB,
// peak-inuse-MB).
func Iterate(b *testing.B, n int, walk func() (int, error)) {
	b.Helper()
	// Warm-up: the connection and the token.
	if got, err := walk(); err != nil || got != n {
		b.Fatalf("walked %d of %d: %v", got, n, err)
	}
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	probe := StartHeapProbe(0)
	b.ResetTimer()
	for b.Loop() {
		if got, err := walk(); err != nil || got != n {
			b.Fatalf("walked %d of %d: %v", got, n, err)
		}
	}
	b.StopTimer()
	h := probe.Stop()
	runtime.ReadMemStats(&m1)
	items := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/items, "ns/item")
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/items, "B/item")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/items, "allocs/item")
	b.ReportMetric(MB(h.PeakLive), "peak-live-MB")
	b.ReportMetric(MB(h.LivePercentile(0.9)), "p90-live-MB")
	b.ReportMetric(MB(h.PeakInuse), "peak-inuse-MB")
}
