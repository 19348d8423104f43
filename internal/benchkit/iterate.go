package benchkit

import (
	"fmt"
	"runtime"
	"testing"
)

// IterSizes are the item counts every iteration benchmark runs with: the
// heap figures of the two must be about the same.
var IterSizes = []int{10_000, 100_000}

// iterGC is the GOGC of the walk that measures the heap: low, so that a
// walk of 10,000 items spans dozens of GC cycles (each a sample of the
// live heap) and not a handful.
const iterGC = 20

// Iterate runs walk b.N times; walk must go through all n items and return
// how many it saw. Besides the usual figures per walk it reports ns/item,
// B/item and allocs/item (whole process, so the in-process server's share
// is included: it is the same for the SDK and the plain baseline). After
// the timed walks, one more walk runs under a HeapProbe at GOGC=iterGC and
// reports its heap figures (p50-live-MB, p90-live-MB, peak-live-MB,
// peak-inuse-MB), so that sampling never slows the timed walks.
func Iterate(b *testing.B, n int, walk Walk) {
	b.Helper()
	check := func() {
		if got, err := walk(); err != nil || got != n {
			b.Fatalf("walked %d of %d: %v", got, n, err)
		}
	}
	check() // warm-up: the connection and the token
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	for b.Loop() {
		check()
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	probe := StartHeapProbe(iterGC)
	check()
	h := probe.Stop()
	items := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/items, "ns/item")
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/items, "B/item")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/items, "allocs/item")
	b.ReportMetric(MB(h.PeakLive), "peak-live-MB")
	b.ReportMetric(MB(h.LivePercentile(0.5)), "p50-live-MB")
	b.ReportMetric(MB(h.LivePercentile(0.9)), "p90-live-MB")
	b.ReportMetric(MB(h.PeakInuse), "peak-inuse-MB")
	b.ReportMetric(float64(h.GCs), "heap-walk-GCs")
}

// PairedItems is the item count of the paired iteration: the cost per item
// does not depend on the count (one page at a time), and a shorter walk
// gives more pairs.
const PairedItems = 10_000

// Walk goes through every item once and returns how many it saw.
type Walk func() (int, error)

// IterateCompare runs the iteration benchmarks of one iterator: for each n
// in IterSizes "sdk-n" and "plain-n" (Iterate), then "paired-10000", both
// walks of PairedItems alternately (Paired: the ratio of the median walk
// times, which holds on a loaded machine). walks builds a server with n
// items and returns the SDK's walk and the plain loop's over it.
func IterateCompare(b *testing.B, walks func(b *testing.B, n int) (sdk, plain Walk)) {
	b.Helper()
	for _, n := range IterSizes {
		b.Run(fmt.Sprintf("sdk-%d", n), func(b *testing.B) {
			sdk, _ := walks(b, n)
			Iterate(b, n, sdk)
		})
		b.Run(fmt.Sprintf("plain-%d", n), func(b *testing.B) {
			_, plain := walks(b, n)
			Iterate(b, n, plain)
		})
	}
	b.Run(fmt.Sprintf("paired-%d", PairedItems), func(b *testing.B) {
		sdk, plain := walks(b, PairedItems)
		check := func(w Walk) func(b *testing.B) {
			return func(b *testing.B) {
				if got, err := w(); err != nil || got != PairedItems {
					b.Fatalf("walked %d of %d: %v", got, PairedItems, err)
				}
			}
		}
		Paired(b, check(sdk), check(plain))
	})
}
