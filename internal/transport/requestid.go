package transport

import (
	"encoding/hex"
	"math/rand/v2"
	"unsafe"
)

// requestIDHeader carries the per-call request id; it stays the same across
// the retries of one call so that the vendor can correlate them.
const requestIDHeader = "X-Request-Id"

// requestIDLen is the length of a generated request id: 16 hex characters.
const requestIDLen = 16

// newRequestID fills buf with 16 random hex characters and returns them as a
// string sharing buf's memory (buf lives in the call state, which outlives
// every use of the id, and is never written again): one allocation less on
// every call. The runtime's ChaCha8-based generator is enough: the id
// correlates logs, it protects nothing.
func newRequestID(buf *[requestIDLen]byte) string {
	var b [8]byte
	x := rand.Uint64()
	for i := range b {
		b[i] = byte(x >> (8 * i))
	}
	hex.Encode(buf[:], b[:])
	return unsafe.String(&buf[0], requestIDLen)
}
