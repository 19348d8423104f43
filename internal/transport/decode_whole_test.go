package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
)

// referenceDecodeJSON is DecodeJSON as it was before bodies of known length
// were read whole: every body through json.Decoder. The fuzz target below
// holds the new path to it.
func referenceDecodeJSON(resp *http.Response, v any) error {
	if resp == nil || resp.Body == nil {
		return decodeError(resp, errors.New("no response body"), nil)
	}
	defer drainClose(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "" && !jsonish(ct) {
		excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, apierror.MaxExcerpt))
		return decodeError(resp, fmt.Errorf("content type %q is not JSON", mediaType(ct)), excerpt)
	}
	limit := MaxResponseBytes
	if resp.ContentLength > limit {
		return decodeError(resp, fmt.Errorf("body larger than %d bytes (Content-Length %d)", limit, resp.ContentLength), nil)
	}
	ur := &utf8Reader{r: resp.Body}
	var r io.Reader = ur
	var lr *limitedReader
	if resp.ContentLength < 0 {
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

// cutBody is a body that ends early the way net/http's does when the
// connection closes before Content-Length bytes came.
type cutBody struct{ r io.Reader }

func (c *cutBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// decodeTarget has fields of several kinds, so that type errors and partial
// fills are compared too.
type decodeTarget struct {
	ID    string            `json:"id"`
	N     int               `json:"n"`
	Tags  []string          `json:"tags"`
	Meta  map[string]string `json:"meta"`
	Inner *struct {
		OK bool `json:"ok"`
	} `json:"inner"`
}

// decodeOutcome runs one decoder over body announced with length; mode 1
// cuts the body short of length the way a closed connection does.
func decodeOutcome(decode func(*http.Response, any) error, body string, length int64, cut bool, v any) (string, *trackedBody) {
	tb := newTracked(body)
	var rc io.ReadCloser = tb
	if cut {
		rc = struct {
			io.Reader
			io.Closer
		}{&cutBody{tb}, tb}
	}
	err := decode(respWith(200, "application/json", rc, length), v)
	if err == nil {
		return "", tb
	}
	msg := err.Error()
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		msg += fmt.Sprintf(" (offset %d)", te.Offset)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		msg += fmt.Sprintf(" (syntax offset %d)", se.Offset)
	}
	return msg, tb
}

// FuzzDecodeJSONMatchesReference: for any body and any announced length
// (exact, too long so that the body is cut short, unknown),
// DecodeJSON gives the reference's error text and decoded value, and
// drains and closes the body.
func FuzzDecodeJSONMatchesReference(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","n":1,"tags":["x"],"meta":{"k":"v"},"inner":{"ok":true}}`,
		`{"id":"a"} trailing`, `{"id":"a"}{"id":"b"}`, `  {"n":5}  `, `{"n":"five"}`,
		`{"id":"\xff"}`, `{"id":"é"}`, `{"id":"`, ``, `   `, `123`, `null`, `[1,2]`, `"s"`,
		`{"id":"a"}` + "\xff", `{"id":"a","n":1.5}`,
	} {
		for mode := range uint8(4) {
			f.Add(s, mode)
		}
	}
	f.Fuzz(func(t *testing.T, body string, mode uint8) {
		length, cut := int64(len(body)), false
		switch mode % 4 {
		case 1:
			length, cut = length+7, true
		case 2:
			// A body never runs past its Content-Length: net/http bounds it.
			length = max(length-3, 1)
			body = body[:min(int(length), len(body))]
		case 3:
			length = -1
		}
		var got, want decodeTarget
		gotErr, gotBody := decodeOutcome(DecodeJSON, body, length, cut, &got)
		wantErr, _ := decodeOutcome(referenceDecodeJSON, body, length, cut, &want)
		if gotErr != wantErr {
			t.Fatalf("error %q, reference %q", gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %+v, reference %+v", got, want)
		}
		var gotAny, wantAny any
		gotErr, _ = decodeOutcome(DecodeJSON, body, length, cut, &gotAny)
		wantErr, _ = decodeOutcome(referenceDecodeJSON, body, length, cut, &wantAny)
		if gotErr != wantErr || !reflect.DeepEqual(gotAny, wantAny) {
			t.Fatalf("into any: %v / %q, reference %v / %q", gotAny, gotErr, wantAny, wantErr)
		}
		if !gotBody.closed.Load() {
			t.Fatal("body not closed")
		}
	})
}

func TestDecodeJSONKnownLength(t *testing.T) {
	cases := []struct {
		name, body string
		length     int64
		cut        bool
		wantID     string
		wantErr    string
	}{
		{"exact", `{"id":"pump"}`, 13, false, "pump", ""},
		{"bytes after the value are left alone", `{"id":"pump"} and more`, 22, false, "pump", ""},
		{"cut short", `{"id":"pu`, 40, true, "", "unexpected EOF"},
		{"complete value, then cut", `{"id":"pump"}`, 40, true, "pump", ""},
		{"invalid UTF-8", "{\"id\":\"p\xffmp\"}", 13, false, "", "invalid UTF-8"},
		{"wrong type", `{"id":5}`, 8, false, "", "cannot unmarshal number"},
		{"not JSON", `OK`, 2, false, "", "invalid character 'O'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v decodeTarget
			msg, body := decodeOutcome(DecodeJSON, tc.body, tc.length, tc.cut, &v)
			if tc.wantErr == "" && msg != "" || !strings.Contains(msg, tc.wantErr) {
				t.Fatalf("error %q, want %q", msg, tc.wantErr)
			}
			if tc.wantErr != "" && !strings.Contains(msg, apierror.ErrDecode.Error()) {
				t.Errorf("error %q does not say decode", msg)
			}
			if v.ID != tc.wantID {
				t.Errorf("id %q, want %q", v.ID, tc.wantID)
			}
			if !body.closed.Load() || !tc.cut && !body.eof.Load() {
				t.Errorf("closed %v, drained %v", body.closed.Load(), body.eof.Load())
			}
		})
	}
}

// keeper keeps the bytes it is given, as a careless UnmarshalJSON might.
type keeper struct{ raw []byte }

func (k *keeper) UnmarshalJSON(b []byte) error { k.raw = b; return nil }

func TestDecodeJSONDoesNotLendItsBuffer(t *testing.T) {
	first, second := `{"a":"first"}`, `{"b":"other"}`
	var k1, k2 keeper
	for _, c := range []struct {
		body string
		k    *keeper
	}{{first, &k1}, {second, &k2}} {
		if err := DecodeJSON(respWith(200, "application/json", newTracked(c.body), int64(len(c.body))), c.k); err != nil {
			t.Fatal(err)
		}
	}
	if string(k1.raw) != first || string(k2.raw) != second {
		t.Fatalf("kept %q and %q", k1.raw, k2.raw)
	}
}
