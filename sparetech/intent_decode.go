package sparetech

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// Intent responses are decoded straight into the wire structs of
// intent_wire.go and converted without further allocation. The body is
// kept as it is read: one the fast reading rejects (a value of the wrong
// type, an unusual user object) is decoded again from those bytes through
// the generated models and the conversions of intent.go, exactly as before,
// so that every result and every error (and which of several errors is
// reported: encoding/json reports its first saved error, but an error a
// leaf returns ends the decode) stays what it was.
// FuzzIntentDecodersMatchReference holds the two readings to the same results.

// bodyCopy is a response body that keeps what is read from it, read by
// read, so that a replay hands the decoder the same chunks and the same
// first error: transport.DecodeJSON's UTF-8 and size checks work on the
// chunks as read.
type bodyCopy struct {
	r   io.ReadCloser
	buf *copyBuf
}

type copyBuf struct {
	b    []byte
	ends []int // where each read ended in b
	err  error // the first read error, after which nothing is kept
	// errWithData: the read that returned err also returned the last
	// bytes, rather than nothing after them.
	errWithData bool
}

// copyBufs recycles the kept bytes: an intent is a few hundred bytes, a
// page of 99 some tens of kilobytes.
var copyBufs = sync.Pool{New: func() any { return new(copyBuf) }}

// keep makes resp's body keep what is read from it, until release.
func (c *bodyCopy) keep(resp *http.Response) {
	if resp.Body == nil {
		return
	}
	c.r, c.buf = resp.Body, copyBufs.Get().(*copyBuf)
	c.buf.b, c.buf.ends, c.buf.err, c.buf.errWithData = c.buf.b[:0], c.buf.ends[:0], nil, false
	resp.Body = c
}

func (c *bodyCopy) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	k := c.buf
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

func (c *bodyCopy) Close() error { return c.r.Close() }

// replay makes resp's body the kept reads again.
func (c *bodyCopy) replay(resp *http.Response) {
	resp.Body = io.NopCloser(&replayReader{k: c.buf})
}

// release returns the buffer; the decoded values do not refer to it.
func (c *bodyCopy) release() {
	if c.buf != nil && cap(c.buf.b) <= 1<<20 {
		c.buf.err = nil
		copyBufs.Put(c.buf)
	}
	c.buf = nil
}

// replayReader reads a copyBuf back, read by read.
type replayReader struct {
	k   *copyBuf
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
	if k.err != nil && k.errWithData && r.i == len(k.ends) {
		return n, k.err
	}
	return n, nil
}

// rejected reports whether err is a body of valid JSON that did not fit the
// wire structs, which the generated models must judge.
func rejected(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// decodeWire decodes resp into fast. When the fast reading rejects the
// body, it calls slow with resp replaying the same reads instead, and
// reports that it did.
func decodeWire(resp *http.Response, bc *bodyCopy, fast any, slow func(*http.Response) error) (replayed bool, err error) {
	bc.keep(resp)
	defer bc.release()
	err = transport.DecodeJSON(resp, fast)
	if err == nil || bc.buf == nil || !rejected(err) {
		return false, err
	}
	bc.replay(resp)
	return true, slow(resp)
}

// decodeCreationIntent decodes a creation intent response. The wire
// struct, the result and the body copy are one allocation.
func decodeCreationIntent(resp *http.Response) (*CreationIntent, error) {
	b := new(struct {
		w  creationWire
		it CreationIntent
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.CreationIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = creationIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeChangeIntent decodes a change intent response.
func decodeChangeIntent(resp *http.Response) (*ChangeIntent, error) {
	b := new(struct {
		w  changeWire
		it ChangeIntent
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ChangeIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = changeIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeExtensionIntent decodes an extension intent response.
func decodeExtensionIntent(resp *http.Response) (*ExtensionIntent, error) {
	b := new(struct {
		w  extensionWire
		it ExtensionIntent
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ExtensionIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = extensionIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeCreationPage decodes a creation intent list response.
func decodeCreationPage(resp *http.Response) (*CreationIntentPage, error) {
	b := new(struct {
		w  creationListWire
		pg CreationIntentPage
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.CreationIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = creationPage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]CreationIntent, len(b.w.CreationIntents))
		for i := range b.w.CreationIntents {
			items[i] = b.w.CreationIntents[i].intent()
		}
		b.pg = CreationIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// decodeChangePage decodes a change intent list response.
func decodeChangePage(resp *http.Response) (*ChangeIntentPage, error) {
	b := new(struct {
		w  changeListWire
		pg ChangeIntentPage
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ChangeIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = changePage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]ChangeIntent, len(b.w.ChangeIntents))
		for i := range b.w.ChangeIntents {
			items[i] = b.w.ChangeIntents[i].intent()
		}
		b.pg = ChangeIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// decodeExtensionPage decodes an extension intent list response.
func decodeExtensionPage(resp *http.Response) (*ExtensionIntentPage, error) {
	b := new(struct {
		w  extensionListWire
		pg ExtensionIntentPage
		bc bodyCopy
	})
	replayed, err := decodeWire(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ExtensionIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = extensionPage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]ExtensionIntent, len(b.w.ExtensionIntents))
		for i := range b.w.ExtensionIntents {
			items[i] = b.w.ExtensionIntents[i].intent()
		}
		b.pg = ExtensionIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// into sets a page's paging fields as the generated model's were read.
func (p *pageWire) into(hasMore *bool, total, page, limit *int) {
	f := float64(p.TotalCount)
	*hasMore, *total, *page, *limit = bool(p.HasMore), count(&f), int(p.Page), int(p.Limit)
}
