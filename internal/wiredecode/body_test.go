package wiredecode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/partsync/partsync-go/internal/transport"
)

// step is one read of a scripted body: bytes, an error, or both.
type step struct {
	data string
	err  error
}

// script hands out its steps one read each; after them, it keeps
// returning more bytes and errEnd, which a replay must not show.
type script struct {
	steps []step
	i     int
}

var errEnd = errors.New("after the end")

func (s *script) Read(p []byte) (int, error) {
	if s.i >= len(s.steps) {
		return copy(p, "more"), errEnd
	}
	st := s.steps[s.i]
	s.i++
	if len(p) < len(st.data) {
		panic("read buffer smaller than a step")
	}
	return copy(p, st.data), st.err
}

var errCut = errors.New("connection reset by peer")

// scripts are bodies as servers and connections hand them out: whole, in
// chunks, with io.EOF or a cut on a read of its own or with the last
// bytes, and with empty reads in between.
var scripts = [][]step{
	{{"", io.EOF}},
	{{`{"a":1}`, io.EOF}},
	{{`{"a":1}`, nil}, {"", io.EOF}},
	{{`{"a"`, nil}, {`:1}`, nil}, {"", io.EOF}},
	{{`{"a"`, nil}, {"", nil}, {`:1}`, io.EOF}},
	{{`{"a"`, nil}, {"", errCut}},
	{{`{"a"`, errCut}},
	{{"0\xe8", nil}, {"", io.EOF}},
	{{"0\xe8", io.EOF}},
	{{"", nil}, {"", nil}, {"x", nil}, {"", io.ErrUnexpectedEOF}},
}

// reads reads r with buffers of size n until its first error and returns
// what each read returned.
func reads(r io.Reader, n int) []step {
	var out []step
	p := make([]byte, n)
	for {
		k, err := r.Read(p)
		out = append(out, step{string(p[:k]), err})
		if err != nil {
			return out
		}
	}
}

func response(body io.Reader, n int64) *http.Response {
	u, _ := url.Parse("https://vendor.example/items/1")
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(body), ContentLength: n, Request: &http.Request{Method: http.MethodGet, URL: u}}
}

// TestReplayIsReadForRead: a replay returns what the body returned, read
// for read, the first error in the read that returned it, and nothing the
// body returned after that error.
func TestReplayIsReadForRead(t *testing.T) {
	for i, sc := range scripts {
		resp := response(&script{steps: sc}, -1)
		var b Body
		b.Keep(resp)
		first := reads(resp.Body, 64)
		if !reflect.DeepEqual(first, sc) {
			t.Fatalf("script %d: read through Body %+v, the body gave %+v", i, first, sc)
		}
		if extra, err := resp.Body.Read(make([]byte, 64)); extra == 0 || err != errEnd {
			t.Fatalf("script %d: a read after the error is %d, %v; want the body's", i, extra, err)
		}
		if !b.Replay(resp) {
			t.Fatalf("script %d: nothing to replay", i)
		}
		if again := reads(resp.Body, 64); !reflect.DeepEqual(again, withoutEmptyReads(sc)) {
			t.Fatalf("script %d: replay %+v, want %+v", i, again, withoutEmptyReads(sc))
		}
		// A replay read in smaller pieces gives the same bytes and the
		// error last.
		b.Replay(resp)
		var got []byte
		var err error
		for _, st := range reads(resp.Body, 1) {
			got, err = append(got, st.data...), st.err
		}
		if want := joined(sc); string(got) != want || err != sc[len(sc)-1].err {
			t.Fatalf("script %d: bytewise replay %q, %v; want %q, %v", i, got, err, want, sc[len(sc)-1].err)
		}
		b.Release()
	}
}

// withoutEmptyReads is sc as kept: a read of nothing without an error
// leaves nothing to replay.
func withoutEmptyReads(sc []step) []step {
	var out []step
	for _, st := range sc {
		if st.data != "" || st.err != nil {
			out = append(out, st)
		}
	}
	return out
}

func joined(sc []step) string {
	var b bytes.Buffer
	for _, st := range sc {
		b.WriteString(st.data)
	}
	return b.String()
}

// TestKeepWithoutBody: a response without a body is left alone and has
// nothing to replay.
func TestKeepWithoutBody(t *testing.T) {
	resp := &http.Response{}
	var b Body
	b.Keep(resp)
	if resp.Body != nil || b.Replay(resp) {
		t.Fatal("a response without a body got one")
	}
	b.Release()
}

// TestReleaseLetsGoOfTheBody: a result allocated with its Body must not
// keep the response body alive.
func TestReleaseLetsGoOfTheBody(t *testing.T) {
	resp := response(bytes.NewReader([]byte(`{}`)), 2)
	var b Body
	b.Keep(resp)
	_, _ = io.ReadAll(resp.Body)
	b.Release()
	if b.r != nil || b.buf != nil {
		t.Fatalf("released Body still holds %v, %v", b.r, b.buf)
	}
}

// fastN and slowN are a wire struct and the generated model it stands in
// for.
type fastN struct {
	N Int    `json:"n"`
	S String `json:"s"`
}

type slowN struct {
	N *int    `json:"n"`
	S *string `json:"s"`
}

// decodeBoth decodes a body with Decode (fastN, replaying into slowN) and
// with transport.DecodeJSON into slowN alone.
func decodeBoth(body []byte, mode int) (got, want string) {
	show := func(n slowN, err error) string {
		if err != nil {
			return "error " + err.Error()
		}
		return fmt.Sprintf("%v %v", deref(n.N), deref(n.S))
	}
	var ref slowN
	want = show(ref, transport.DecodeJSON(bodyResponse(body, mode), &ref))

	var fast fastN
	var slow slowN
	var b Body
	replayed, err := Decode(bodyResponse(body, mode), &b, &fast, func(resp *http.Response) error {
		return transport.DecodeJSON(resp, &slow)
	})
	if err == nil && !replayed {
		n, s := int(fast.N), string(fast.S)
		slow = slowN{N: &n, S: &s}
	}
	return show(slow, err), want
}

// bodyResponse is body as a 200 response, read in one of the ways of
// iotest: whole, a byte at a time, io.EOF with the last bytes, half of it
// then a cut on a read of its own or with the bytes; of known or unknown
// length.
func bodyResponse(body []byte, mode int) *http.Response {
	var r io.Reader = bytes.NewReader(body)
	switch mode % 5 {
	case 1:
		r = iotest.OneByteReader(r)
	case 2:
		r = iotest.DataErrReader(r)
	case 3:
		r = io.MultiReader(bytes.NewReader(body[:len(body)/2]), iotest.ErrReader(errCut))
	case 4:
		r = &script{steps: []step{{string(body[:len(body)/2]), errCut}}}
	}
	n := int64(len(body))
	if mode/5%2 == 1 {
		n = -1
	}
	return response(r, n)
}

// decodeSeeds are bodies the fast reading takes, rejects with a type
// error, or fails on as not JSON.
var decodeSeeds = []string{
	`{"n":1,"s":"x"}`,
	`{"n":null,"s":null}`,
	`{"n":"1","s":2}`,
	`{"n":1.5,"s":"x","n":"y"}`,
	`{"s":5,"n":"x"}`,
	`0` + "\xe8",
	"{\"s\":\"\xe8\"}",
	`{"n":1`,
	`[1]`,
	``,
	`{"n":1} trailing`,
}

// TestDecodeMatchesSlowPath: Decode reports what the slow decoder alone
// reports, for any body read any way.
func TestDecodeMatchesSlowPath(t *testing.T) {
	for _, s := range decodeSeeds {
		for mode := range 10 {
			if got, want := decodeBoth([]byte(s), mode); got != want {
				t.Errorf("%q (mode %d): %s, slow path alone %s", s, mode, got, want)
			}
		}
	}
}

// FuzzDecodeMatchesSlowPath compares Decode with the slow decoder alone.
func FuzzDecodeMatchesSlowPath(f *testing.F) {
	for i, s := range decodeSeeds {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, body []byte, mode uint8) {
		if got, want := decodeBoth(body, int(mode)); got != want {
			t.Fatalf("%q (mode %d): %s, slow path alone %s", body, mode, got, want)
		}
	})
}
