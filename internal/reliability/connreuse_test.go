package reliability

import (
	"context"
	"testing"
)

// TestConnectionReuse makes 100 sequential calls of each client, a quarter
// each succeeding, answered 404, answered 500 and answered with truncated
// JSON, and shows they all go over one TCP connection: every body, errors
// included, is drained and closed so the connection goes back to the pool.
func TestConnectionReuse(t *testing.T) {
	for _, tg := range targets {
		if tg.okOn2xx {
			continue // its truncated answers count as successes; the same stack is covered by its read
		}
		t.Run(tg.vendor+"/"+tg.op, func(t *testing.T) {
			t.Parallel()
			call, in := tg.start(t, cycle)
			var failed int
			for range 100 {
				if err := call(context.Background()); err != nil {
					failed++
				}
			}
			if got := in.sends.Load(); got != 100 {
				t.Fatalf("%d requests reached the server, want 100 (no retries of 404, 500 or decode errors)", got)
			}
			if failed != 75 {
				t.Fatalf("%d of 100 calls failed, want 75 (404, 500, truncated)", failed)
			}
			if n := in.conns.Load(); n != 1 {
				t.Fatalf("100 calls opened %d connections, want 1", n)
			}
		})
	}
}
