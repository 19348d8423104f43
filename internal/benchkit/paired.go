package benchkit

import (
	"slices"
	"testing"
	"time"
)

// maxSamples bounds the preallocated sample arrays of Paired.
const maxSamples = 1 << 18

// Paired runs sdk and plain alternately, b.N times each, swapping their
// order every iteration, and times every call. Both see the same machine
// load at the same moment, so the ratio of their medians holds on a shared,
// loaded machine where the means of two separate benchmarks drift apart by
// more than the difference being measured. It reports sdk-p50-ns,
// plain-p50-ns and sdk/plain (the ratio of the medians). ns/op is the time
// of one sdk and one plain call together.
func Paired(b *testing.B, sdk, plain func(b *testing.B)) {
	b.Helper()
	// Preallocated before the loop: recording adds nothing per call.
	ts := make([]time.Duration, 0, maxSamples)
	tp := make([]time.Duration, 0, maxSamples)
	// One warm-up call each: the first opens the connections and fetches
	// tokens.
	sdk(b)
	plain(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		first, second := sdk, plain
		if n%2 == 1 {
			first, second = plain, sdk
		}
		t0 := time.Now()
		first(b)
		t1 := time.Now()
		second(b)
		t2 := time.Now()
		d1, d2 := t1.Sub(t0), t2.Sub(t1)
		if n%2 == 1 {
			d1, d2 = d2, d1
		}
		if len(ts) < cap(ts) {
			ts, tp = append(ts, d1), append(tp, d2)
		}
		n++
	}
	ms, mp := Median(ts), Median(tp)
	b.ReportMetric(float64(ms.Nanoseconds()), "sdk-p50-ns")
	b.ReportMetric(float64(mp.Nanoseconds()), "plain-p50-ns")
	if mp > 0 {
		b.ReportMetric(float64(ms)/float64(mp), "sdk/plain")
	}
}

// Median sorts d and returns its middle element (0 for none).
func Median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}
