package transport

import (
	"encoding/hex"
	"math/rand/v2"
)

// requestIDHeader carries the per-call request id; it stays the same across
// the retries of one call so that the vendor can correlate them.
const requestIDHeader = "X-Request-Id"

// newRequestID returns 16 random hex characters. The runtime's ChaCha8-based
// generator is enough: the id correlates logs, it protects nothing.
func newRequestID() string {
	var b [8]byte
	x := rand.Uint64()
	for i := range b {
		b[i] = byte(x >> (8 * i))
	}
	var out [16]byte
	hex.Encode(out[:], b[:])
	return string(out[:])
}
