package wiredecode

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/partsync/partsync-go/internal/transport"
)

// Body is a response body that keeps what is read from it, read by read,
// so that Replay hands a second decoder the same chunks and the same first
// error. The zero value is ready; embed it in the allocation of the
// decoded result, so that keeping costs no allocation of its own.
type Body struct {
	r   io.ReadCloser
	buf *kept
}

// kept is what a Body has read.
type kept struct {
	b    []byte
	ends []int // where each read ended in b
	err  error // the first read error, after which nothing is kept
	// errWithData: the read that returned err also returned the last
	// bytes, rather than nothing after them.
	errWithData bool
}

// keptBufs recycles the kept bytes: a single resource is a few hundred
// bytes, a page some tens of kilobytes.
var keptBufs = sync.Pool{New: func() any { return new(kept) }}

// maxPooled bounds the buffers that go back to the pool: a rare huge body
// must not stay in memory.
const maxPooled = 1 << 20

// Keep makes resp's body b, which keeps what is read, until Release. A
// response without a body is left alone.
func (b *Body) Keep(resp *http.Response) {
	if resp.Body == nil {
		return
	}
	b.r, b.buf = resp.Body, keptBufs.Get().(*kept)
	b.buf.b, b.buf.ends, b.buf.err, b.buf.errWithData = b.buf.b[:0], b.buf.ends[:0], nil, false
	resp.Body = b
}

// Read reads from the original body and keeps what it returns, up to and
// with the first error.
func (b *Body) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	k := b.buf
	if k.err != nil {
		return n, err // drained after the error: not part of the replay
	}
	if n > 0 {
		k.b = append(k.b, p[:n]...)
		k.ends = append(k.ends, len(k.b))
	}
	if err != nil {
		k.err, k.errWithData = err, n > 0
	}
	return n, err
}

// Close closes the original body.
func (b *Body) Close() error { return b.r.Close() }

// Replay makes resp's body the kept reads again and reports whether there
// were any to replay (false: Keep found no body).
func (b *Body) Replay(resp *http.Response) bool {
	if b.buf == nil {
		return false
	}
	resp.Body = io.NopCloser(&replayReader{k: b.buf})
	return true
}

// Release returns the kept bytes (the decoded values must not refer to
// them) and lets go of the original body, which a result allocated
// together with b would otherwise hold on to.
func (b *Body) Release() {
	if b.buf != nil && cap(b.buf.b) <= maxPooled {
		b.buf.err = nil
		keptBufs.Put(b.buf)
	}
	b.r, b.buf = nil, nil
}

// replayReader reads a kept body back, read by read.
type replayReader struct {
	k   *kept
	i   int // the next read
	off int // how far into b
}

func (r *replayReader) Read(p []byte) (int, error) {
	k := r.k
	if r.i >= len(k.ends) {
		if k.err != nil {
			return 0, k.err
		}
		return 0, io.EOF
	}
	n := copy(p, k.b[r.off:k.ends[r.i]])
	r.off += n
	if r.off < k.ends[r.i] {
		return n, nil
	}
	r.i++
	// The error comes with the last bytes only if it came with them the
	// first time: a decoder that meets io.EOF or a cut in the same read as
	// the bytes before it may report something else than on a read of its
	// own (an incomplete UTF-8 sequence instead of a type error).
	if k.err != nil && k.errWithData && r.i == len(k.ends) {
		return n, k.err
	}
	return n, nil
}

// Rejected reports whether err is a body of valid JSON that did not fit
// the wire struct (a *json.UnmarshalTypeError, wrapped or not), which the
// generated model must judge.
func Rejected(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// Decode decodes resp into fast with transport.DecodeJSON, keeping the body
// in body. When the wire struct rejects the body, it calls slow with resp
// replaying the same reads instead and reports that it did; slow's error
// is then the result. Any other error (not JSON, too large, cut off) is
// returned as the first reading met it.
func Decode(resp *http.Response, body *Body, fast any, slow func(*http.Response) error) (replayed bool, err error) {
	body.Keep(resp)
	defer body.Release()
	err = transport.DecodeJSON(resp, fast)
	if err == nil || !Rejected(err) || !body.Replay(resp) {
		return false, err
	}
	return true, slow(resp)
}
