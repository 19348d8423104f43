package benchkit

import "testing"

// Compare runs the three sub-benchmarks every per-call comparison has:
// "sdk" and "plain" alone (ns/op, B/op and allocs/op of each; the
// allocation counts are exact and load-independent) and "paired" (both
// interleaved, see Paired: the ratio to judge ns/op by).
func Compare(b *testing.B, sdk, plain func(b *testing.B)) {
	b.Helper()
	b.Run("sdk", func(b *testing.B) {
		sdk(b) // warm-up: connection and token
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			sdk(b)
		}
	})
	b.Run("plain", func(b *testing.B) {
		plain(b)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			plain(b)
		}
	})
	b.Run("paired", func(b *testing.B) { Paired(b, sdk, plain) })
}
