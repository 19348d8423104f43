package benchkit

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"time"
)

// HeapProbe samples the heap while a measured run goes on. It reads
// runtime/metrics, which does not stop the world.
//
// Two figures come out of it. Peak in-use is HeapInuse (the bytes of the
// spans that hold objects, garbage included): it depends on when the
// collector runs, which the GC's pacing ties to the size of the live heap
// (GOGC), so it grows with whatever else the process holds. Peak live is
// the live heap as marked by each garbage collection that finished during
// the run: what the code really holds at once. Both are reported above
// the values measured after a full GC when the probe starts.
type HeapProbe struct {
	baseInuse, baseLive uint64
	peakInuse, peakLive uint64
	gcs                 uint64
	done                chan struct{}
	wg                  sync.WaitGroup
	mu                  sync.Mutex
	oldGC               int
	sample              func() // reads the metrics into the peaks
	lives               []uint64
}

var heapMetrics = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/gc/heap/live:bytes",
	"/gc/cycles/total:gc-cycles",
}

// StartHeapProbe collects garbage, sets GOGC to gcPercent for the run (so
// that the collector runs often enough to sample the live heap; 0 keeps the
// current value) and samples every millisecond until Stop.
func StartHeapProbe(gcPercent int) *HeapProbe {
	p := &HeapProbe{done: make(chan struct{}), oldGC: -1}
	if gcPercent > 0 {
		p.oldGC = debug.SetGCPercent(gcPercent)
	}
	runtime.GC()
	s := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		s[i].Name = name
	}
	metrics.Read(s)
	p.baseInuse = s[0].Value.Uint64() + s[1].Value.Uint64()
	p.baseLive = s[2].Value.Uint64()
	startGC := s[3].Value.Uint64()
	p.peakInuse, p.peakLive = p.baseInuse, p.baseLive
	p.sample = func() {
		metrics.Read(s)
		p.mu.Lock()
		defer p.mu.Unlock()
		p.peakInuse = max(p.peakInuse, s[0].Value.Uint64()+s[1].Value.Uint64())
		if gc := s[3].Value.Uint64(); gc > startGC {
			// A cycle finished during the run: its live figure counts.
			p.peakLive = max(p.peakLive, s[2].Value.Uint64())
			if gc-startGC > p.gcs {
				p.lives = append(p.lives, s[2].Value.Uint64()-min(s[2].Value.Uint64(), p.baseLive))
			}
			p.gcs = gc - startGC
		}
	}
	p.wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			p.sample()
			select {
			case <-p.done:
				return
			case <-t.C:
			}
		}
	})
	return p
}

// HeapFigures are a probe's results in bytes above the start.
type HeapFigures struct {
	// PeakInuse is the highest HeapInuse seen, garbage included.
	PeakInuse uint64
	// PeakLive is the highest live heap marked by a GC during the run.
	PeakLive uint64
	// GCs is the number of collections that finished during the run.
	GCs uint64
	// Lives are the live heaps of the cycles seen, above the start.
	Lives []uint64
}

// LivePercentile returns the p-th percentile (0 to 1) of the live heaps
// of the cycles seen. Unlike the peak, it is not moved by the one cycle
// whose concurrent mark ran long on a loaded machine (everything allocated
// while a GC marks counts as live for that cycle).
func (h HeapFigures) LivePercentile(p float64) uint64 {
	if len(h.Lives) == 0 {
		return h.PeakLive
	}
	ls := slices.Clone(h.Lives)
	slices.Sort(ls)
	return ls[int(float64(len(ls)-1)*p)]
}

// Stop takes a last sample, ends sampling and restores GOGC.
func (p *HeapProbe) Stop() HeapFigures {
	close(p.done)
	p.wg.Wait()
	p.sample()
	if p.oldGC >= 0 {
		debug.SetGCPercent(p.oldGC)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return HeapFigures{
		PeakInuse: p.peakInuse - min(p.peakInuse, p.baseInuse),
		PeakLive:  p.peakLive - min(p.peakLive, p.baseLive),
		GCs:       p.gcs,
		Lives:     p.lives,
	}
}

// LiveHeap collects garbage and returns the live heap in bytes.
func LiveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// MB is bytes in mebibytes, for b.ReportMetric.
func MB(n uint64) float64 { return float64(n) / (1 << 20) }
