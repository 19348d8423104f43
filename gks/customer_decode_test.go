package gks

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/gks/internal/wire"
	"github.com/partsync/partsync-go/internal/transport"
)

// The customer decoders of customer_decode.go are held to the decoders
// through the generated models they replace (customer_generated.go, as the
// SDK called them before): the same customer, page or error, for any body,
// read in any chunks, of known or unknown length, or cut off by a read
// error.

// refDecodeCustomer is Customers.Get's decoding before customer_decode.go.
func refDecodeCustomer(resp *http.Response) (*Customer, error) {
	var w oapi.Customer
	if err := transport.DecodeJSON(resp, &w); err != nil {
		return nil, err
	}
	c := customerFromGenerated(w)
	return &c, nil
}

// refDecodeCustomerPage is Customers.List's decoding before customer_decode.go.
func refDecodeCustomerPage(resp *http.Response) (*CustomerPage, error, error) {
	var raw json.RawMessage
	if err := transport.DecodeJSON(resp, &raw); err != nil {
		return nil, nil, err
	}
	p, err := decodeCustomerPageGenerated(raw)
	return p, err, nil
}

var errCut = errors.New("connection reset by peer")

// cutReader returns its bytes and errCut in the same read.
type cutReader struct{ b []byte }

func (c *cutReader) Read(p []byte) (int, error) {
	n := copy(p, c.b)
	c.b = c.b[n:]
	if len(c.b) == 0 {
		return n, errCut
	}
	return n, nil
}

// response is body as a 200 response; read 0 reads it whole, 1 a byte at
// a time, 2 cuts it off with errCut halfway, 3 hands out io.EOF with the
// last bytes, 4 errCut with the bytes before the cut; chunked hides its
// length.
func response(body []byte, read uint8, chunked bool) *http.Response {
	var r io.Reader = bytes.NewReader(body)
	switch read % 5 {
	case 1:
		r = iotest.OneByteReader(r)
	case 2:
		r = io.MultiReader(bytes.NewReader(body[:len(body)/2]), iotest.ErrReader(errCut))
	case 3:
		r = iotest.DataErrReader(r)
	case 4:
		r = &cutReader{b: body[:len(body)/2]}
	}
	n := int64(len(body))
	if chunked {
		n = -1
	}
	u, _ := url.Parse("https://gks.example/api/v1/customers")
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body: io.NopCloser(r), ContentLength: n, Request: &http.Request{Method: http.MethodGet, URL: u}}
}

func sameError(a, b error) bool {
	return (a == nil) == (b == nil) && (a == nil || (a.Error() == b.Error() && errors.Is(a, ErrDecode) == errors.Is(b, ErrDecode)))
}

// matchGeneratedDecoders decodes body as a customer and as a page, with
// the SDK's decoders and the reference ones, and with the fast paths alone
// (which must agree with the reference whenever they accept a body).
func matchGeneratedDecoders(t *testing.T, body []byte, read uint8, chunked bool) {
	t.Helper()
	got, err := decodeCustomer(response(body, read, chunked))
	want, refErr := refDecodeCustomer(response(body, read, chunked))
	if !sameError(err, refErr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("customer %q (read %d, chunked %v):\n got %#v %v\nwant %#v %v", body, read, chunked, got, err, want, refErr)
	}
	var w wire.Customer
	if transport.DecodeJSON(response(body, read, chunked), &w) == nil {
		var a PostalAddress
		if c := customerFromWire(&w, &a); refErr != nil || !reflect.DeepEqual(&c, want) {
			t.Fatalf("customer %q: fast path %#v, reference %#v %v", body, c, want, refErr)
		}
	}

	page, pageErr, err := decodeCustomerPageResponse(response(body, read, chunked))
	refPage, refPageErr, refErr := refDecodeCustomerPage(response(body, read, chunked))
	if !sameError(err, refErr) || !sameError(pageErr, refPageErr) || !reflect.DeepEqual(page, refPage) {
		t.Fatalf("page %q (read %d, chunked %v):\n got %#v %v %v\nwant %#v %v %v", body, read, chunked, page, pageErr, err, refPage, refPageErr, refErr)
	}
	var env wire.CustomerPage
	if transport.DecodeJSON(response(body, read, chunked), &env) == nil && env.Items != nil {
		if refPage == nil || !reflect.DeepEqual(customersFromWire(env.Items), refPage.Items) ||
			int(env.PageSize.V) != refPage.PageSize || int(env.TotalCount.V) != refPage.TotalCount || env.TotalCount.Set != refPage.TotalKnown {
			t.Fatalf("page %q: fast path %#v, reference %#v %v", body, env, refPage, refPageErr)
		}
	}
	var items []wire.Customer
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' && json.Unmarshal(trimmed, &items) == nil {
		ref, err := decodeCustomerPageGenerated(trimmed)
		if err != nil || !reflect.DeepEqual(customersFromWire(items), ref.Items) {
			t.Fatalf("bare array %q: fast path %#v, reference %#v %v", body, items, ref, err)
		}
	}
}

// customerSeeds are bodies both decoders must read alike: the fake's and
// the bench's shapes, and the corners of encoding/json the leaf types of
// internal/wiredecode reproduce (null after a value, case-insensitive and
// repeated names, escapes, wrong types, several errors in one body).
var customerSeeds = []string{
	`{"corporateIdentityNumber":"556677-8899","invoiceEmail":"ap@acme.example","name":"Acme AB","number":"K100421","postalAddress":{"address1":"Storgatan 1","city":"Umeå","countryCode":"SE","zipCode":"90326"}}`,
	`{"items":[{"corporateIdentityNumber":"556677-8899","invoiceEmail":"ap@acme.example","name":"Customer 0","number":"K0","postalAddress":{"address1":"Storgatan 1","city":"Umeå","countryCode":"SE","zipCode":"90326"}},{"name":"B","number":null,"invoiceEmail":null,"corporateIdentityNumber":"2"}],"page":1,"pageSize":100,"totalCount":2}`,
	`[{"name":"A","number":"K1","invoiceEmail":null,"corporateIdentityNumber":"1"},{"name":"B","postalAddress":null}]`,
	`{"items":[],"page":1,"pageSize":50,"totalCount":0}`,
	`{"items":null,"totalCount":1}`,
	`{"data":[{"name":"A","number":"K1"}],"total":1}`,
	`{"number":"K1","number":null,"Number":"K2","NUMBER":null,"name":"a","name":null}`,
	`{"postalAddress":{"city":"a","zipCode":"1"},"postalAddress":{"city":null},"postalAddress":{"state":"FL"}}`,
	`{"postalAddress":{"city":"a"},"postalAddress":null,"postalAddress":{"state":"FL"}}`,
	`{"items":[{"number":"a","postalAddress":{"city":"x"}},{"number":"b"}],"items":[{"number":null}]}`,
	`{"items":[{"number":"a"}],"items":null}`,
	`{"totalCount":5,"totalCount":null,"pageSize":7,"pageSize":null,"items":[]}`,
	`{"name":"a\"b\\c\u00e9\ud83d\ude00","number":"\u0041","invoiceEmail":"\t","postalAddress":{"address2":"Å Ä Ö","address3":"\/"}}`,
	`{"number":5}`,
	`{"name":5,"number":6}`,
	`{"postalAddress":5,"number":6}`,
	`{"number":6,"postalAddress":"x"}`,
	`{"postalAddress":{"city":true,"zipCode":[1]},"name":{}}`,
	`{"items":[1,{"number":5}]}`,
	`{"items":{"number":"a"}}`,
	`{"items":[],"totalCount":"1"}`,
	`{"items":[],"totalCount":3000000000}`,
	`{"items":[],"pageSize":1.0,"page":-0}`,
	`{"items":[],"page":"x","totalCount":-2147483648}`,
	`[1]`,
	`[{"number":null},null]`,
	`null`,
	`"x"`,
	`5`,
	` {"number":"K1"} trailing`,
	`{"items":[{"number":"K1"}]} {"items":[]}`,
	`{"number":"K1"`,
	``,
	"{\"name\":\"\xff\"}",
	`{"NAME":"a","corporateidentitynumber":"1","PostalAddress":{"CITY":"x","countrycode":"SE"}}`,
}

// TestCustomerDecodersMatchGenerated runs every seed every way.
func TestCustomerDecodersMatchGenerated(t *testing.T) {
	for _, s := range customerSeeds {
		for read := range uint8(5) {
			matchGeneratedDecoders(t, []byte(s), read, false)
			matchGeneratedDecoders(t, []byte(s), read, true)
		}
	}
}

// FuzzCustomerDecodersMatchGenerated compares the decoders on any body.
func FuzzCustomerDecodersMatchGenerated(f *testing.F) {
	for i, s := range customerSeeds {
		f.Add([]byte(s), uint8(i), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, body []byte, read uint8, chunked bool) {
		matchGeneratedDecoders(t, body, read, chunked)
	})
}
