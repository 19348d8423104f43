package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/apierror"
)

// MaxResponseBytes bounds the body DecodeJSON reads: a larger body is an
// error (apierror.ErrDecode), not an out-of-memory. The largest answers of
// the five vendors (schema exports, 1000-item bulk results) stay far below it.
var MaxResponseBytes int64 = 32 << 20

// DecodeJSON decodes a 2xx response body into v, drains and closes the body.
// A body that is not JSON (HTML error page, truncated, wrong content type,
// too large) becomes an *apierror.Error matching apierror.ErrDecode.
func DecodeJSON(resp *http.Response, v any) error {
	if resp == nil || resp.Body == nil {
		return decodeError(resp, errors.New("no response body"), nil)
	}
	defer drainClose(resp.Body)
	if ct := headerValue(resp.Header, "Content-Type"); ct != "" && !jsonish(ct) {
		excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, apierror.MaxExcerpt))
		return decodeError(resp, fmt.Errorf("content type %q is not JSON", mediaType(ct)), excerpt)
	}
	limit := MaxResponseBytes
	if resp.ContentLength > limit {
		// Known to be too large: fail without reading it. drainClose reads
		// only a little before closing, so the connection is dropped rather
		// than drained of the whole body.
		return decodeError(resp, fmt.Errorf("body larger than %d bytes (Content-Length %d)", limit, resp.ContentLength), nil)
	}
	// encoding/json replaces invalid UTF-8 with U+FFFD without a word; master
	// data written back to an ERP must not be silently altered, so it is an error.
	var body io.Reader = resp.Body
	if resp.ContentLength > 0 && resp.ContentLength <= wholeBodyMax {
		buf, rest := readKnown(resp.Body, resp.ContentLength)
		if rest == nil && utf8.Valid(buf) {
			// The common case: the whole body, valid UTF-8, one JSON value.
			// json.Unmarshal scans it once to validate and once to decode,
			// as json.Decoder does, without the Decoder's buffer and reader
			// chain. It rejects what the Decoder would tolerate (bytes after
			// the value) with a *json.SyntaxError before it touches v, and
			// then the Decoder below decides, over the same bytes.
			// (A custom UnmarshalJSON that returns a bare *json.SyntaxError
			// for valid JSON sends it down that path too; it fails there
			// the same way.)
			err := json.Unmarshal(buf, v)
			if err == nil {
				return nil
			}
			if _, syntax := err.(*json.SyntaxError); !syntax {
				return decodeError(resp, err, nil)
			}
		}
		if rest == nil {
			rest = resp.Body
		}
		// Anything else goes the way it always went, the bytes read so far
		// first: the Decoder sees what it would have seen from the body.
		body = &prefixReader{buf: buf, rest: rest}
	}
	ur := &utf8Reader{r: body}
	var r io.Reader = ur
	var lr *limitedReader
	if resp.ContentLength < 0 {
		// Unknown length (chunked): count. A known length within the limit
		// is already bounded by net/http.
		lr = &limitedReader{r: ur, n: limit}
		r = lr
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(v); err != nil {
		switch {
		case lr != nil && lr.n <= 0:
			err = fmt.Errorf("body larger than %d bytes", limit)
		case errors.Is(err, io.EOF):
			err = errors.New("empty body")
		}
		return decodeError(resp, err, nil)
	}
	return nil
}

// Discard drains and closes a response body whose content is not needed
// ("OK" bodies), so that the connection is reused.
func Discard(resp *http.Response) {
	if resp != nil {
		drainClose(resp.Body)
	}
}

// jsonish rejects content types that are obviously not JSON (an HTML error
// page from a proxy, XML, images); servers label JSON in many ways
// (application/json, problem+json, text/plain, octet-stream), all accepted.
func jsonish(ct string) bool {
	if strings.HasPrefix(ct, "application/json") {
		return true // the common case, without parsing
	}
	mt := mediaType(ct)
	switch {
	case strings.Contains(mt, "json"):
		return true
	case mt == "text/html", mt == "application/xhtml+xml", strings.HasSuffix(mt, "xml"),
		strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"),
		strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "multipart/"),
		mt == "text/css", mt == "text/csv":
		return false
	}
	return true
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

func decodeError(resp *http.Response, cause error, excerpt []byte) error {
	e := &apierror.Error{Err: fmt.Errorf("%w: %w", apierror.ErrDecode, cause)}
	if resp == nil {
		return e
	}
	e.StatusCode = resp.StatusCode
	e.RequestID = resp.Header.Get(requestIDHeader)
	if req := resp.Request; req != nil {
		e.Method = req.Method
		e.URL = apierror.SafeURL(req.URL)
		if cl := callOf(req.Context()); cl != nil {
			e.Vendor = cl.client.vendor
			e.Op = cl.op
			e.Attempts = int(cl.attempts.Load())
			if e.RequestID == "" {
				e.RequestID = cl.requestID
			}
		}
	}
	if len(excerpt) > 0 {
		e.Body = apierror.Excerpt(excerpt)
	}
	return e
}

// limitedReader is io.LimitReader that lets the caller see the limit was hit.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// wholeBodyMax bounds the Content-Length DecodeJSON trusts enough to
// allocate for at once; a larger body is read as it arrives, so that a
// server cannot make the client allocate MaxResponseBytes by announcing it.
const wholeBodyMax = 1 << 20

// readKnown reads a body of known length n into a buffer of its own (not
// pooled: an UnmarshalJSON may keep a slice of what it is given). rest is
// nil when all n bytes came; otherwise it is a reader that answers with the
// body's own error (io.EOF included), so that a replay ends as the body did.
func readKnown(body io.Reader, n int64) (buf []byte, rest io.Reader) {
	buf = make([]byte, n)
	got := 0
	for got < len(buf) {
		m, err := body.Read(buf[got:])
		got += m
		if err != nil {
			if got == len(buf) && err == io.EOF {
				break
			}
			return buf[:got], errReader{err}
		}
	}
	return buf, nil
}

// prefixReader yields buf, then reads from rest.
type prefixReader struct {
	buf  []byte
	rest io.Reader
}

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.rest.Read(b)
}

// errReader is a body that has ended with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// headerValue is h.Get(key) for a key already in canonical form, without
// checking the form again on every call.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
