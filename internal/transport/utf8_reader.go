package transport

import (
	"errors"
	"io"
	"unicode/utf8"
)

// errInvalidUTF8 is the cause DecodeJSON reports for a body that is not UTF-8.
var errInvalidUTF8 = errors.New("invalid UTF-8 in the body")

// utf8Reader passes a body through and fails at the first byte sequence that
// is not UTF-8. A sequence split across two reads is carried over, so the
// check does not depend on how the body arrives.
type utf8Reader struct {
	r    io.Reader
	tail [utf8.UTFMax]byte // start of a sequence cut by the previous read
	nt   int
}

// Read reports no bytes with the error: json.Decoder finishes a value that
// is complete in its buffer before it looks at a read error, so bytes handed
// out with the error would still be decoded.
func (u *utf8Reader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if n > 0 && !u.check(p[:n]) {
		return 0, errInvalidUTF8
	}
	if err == io.EOF && u.nt > 0 {
		return 0, errInvalidUTF8 // the body ends inside a sequence
	}
	return n, err
}

// check reports whether b, following what came before, is valid so far.
func (u *utf8Reader) check(b []byte) bool {
	if u.nt > 0 {
		for len(b) > 0 && !utf8.FullRune(u.tail[:u.nt]) {
			u.tail[u.nt] = b[0]
			u.nt++
			b = b[1:]
		}
		if !utf8.FullRune(u.tail[:u.nt]) {
			return true // still incomplete; wait for more
		}
		r, size := utf8.DecodeRune(u.tail[:u.nt])
		if r == utf8.RuneError && size <= 1 || size != u.nt {
			return false
		}
		u.nt = 0
	}
	// Carry an incomplete sequence at the end to the next read.
	for i := len(b) - 1; i >= 0 && i >= len(b)-(utf8.UTFMax-1); i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				u.nt = copy(u.tail[:], b[i:])
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}
