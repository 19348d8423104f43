package transport

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/apierror"
)

// chunked hands out b in reads of the given sizes, cycling through them.
type chunked struct {
	b     []byte
	sizes []int
	i     int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := min(c.sizes[c.i%len(c.sizes)], len(p), len(c.b))
	c.i++
	copy(p, c.b[:n])
	c.b = c.b[n:]
	return n, nil
}

func readAllUTF8(b []byte, sizes ...int) error {
	_, err := io.ReadAll(&utf8Reader{r: &chunked{b: b, sizes: sizes}})
	return err
}

func TestUTF8ReaderAgreesWithValidWhateverTheSplit(t *testing.T) {
	inputs := [][]byte{
		[]byte(`{"name":"Bergström Maskin AB","city":"Göteborg","note":"✓ 𝄞 ok"}`),
		[]byte("plain ascii"),
		[]byte("\xef\xbf\xbd is a valid U+FFFD"),
		[]byte("bad \xff byte"),
		[]byte("cut at the end \xe2\x82"),
		[]byte("stray continuation \x80 here"),
		[]byte("overlong \xc0\xaf"),
		[]byte("surrogate \xed\xa0\x80"),
		[]byte("too short \xe2\x41 sequence"),
		{},
	}
	for _, in := range inputs {
		want := utf8.Valid(in)
		for _, sizes := range [][]int{{1}, {2}, {3}, {1, 2, 3}, {5, 1}, {4096}} {
			err := readAllUTF8(in, sizes...)
			if got := err == nil; got != want {
				t.Errorf("%q read in %v: valid=%v, want %v (err %v)", in, sizes, got, want, err)
			}
			if err != nil && !errors.Is(err, errInvalidUTF8) {
				t.Errorf("%q: error %v is not errInvalidUTF8", in, err)
			}
		}
	}
}

func TestUTF8ReaderPassesBytesThrough(t *testing.T) {
	in := []byte(strings.Repeat("Größe 10 × 20 mm; ", 500))
	got, err := io.ReadAll(&utf8Reader{r: iotest.OneByteReader(bytes.NewReader(in))})
	if err != nil || !bytes.Equal(got, in) {
		t.Fatalf("got %d bytes, err %v; want the %d input bytes", len(got), err, len(in))
	}
}

func TestDecodeJSONRejectsInvalidUTF8(t *testing.T) {
	body := "{\"name\":\"Pastilla \xff de freno\"}"
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(len(body)), Body: io.NopCloser(strings.NewReader(body))}
	var v struct{ Name string }
	err := DecodeJSON(resp, &v)
	if !errors.Is(err, apierror.ErrDecode) || !strings.Contains(err.Error(), "invalid UTF-8") {
		t.Fatalf("err = %v, want ErrDecode saying invalid UTF-8", err)
	}
}

func TestDecodeJSONRefusesAKnownOversizedBodyWithoutReadingIt(t *testing.T) {
	r := &countingReader{r: strings.NewReader(strings.Repeat(" ", 1<<20))}
	resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		ContentLength: MaxResponseBytes + 1, Body: io.NopCloser(r)}
	var v any
	err := DecodeJSON(resp, &v)
	if !errors.Is(err, apierror.ErrDecode) || !strings.Contains(err.Error(), "body larger than") {
		t.Fatalf("err = %v, want ErrDecode saying the body is too large", err)
	}
	if r.n > maxDrain {
		t.Fatalf("read %d bytes of an oversized body, want at most the drain limit %d", r.n, maxDrain)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
