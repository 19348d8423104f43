package wiredecode_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"

	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
)

// item is a generated model: a pointer per field.
type item struct {
	ID    *string `json:"id"`
	Count *int    `json:"count"`
}

// itemWire is its wire struct: value fields, one allocation in all.
type itemWire struct {
	ID    wiredecode.String `json:"id"`
	Count wiredecode.Int    `json:"count"`
}

// Decode reads a body into the wire struct; a body the wire struct
// rejects is replayed into the generated model, which reports it as it
// always did.
func Example() {
	for _, body := range []string{`{"id":"a-1","count":3}`, `{"id":"a-1","count":"3"}`} {
		resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader([]byte(body))), ContentLength: int64(len(body))}
		var b struct {
			w    itemWire
			body wiredecode.Body // kept with the result: no allocation of its own
		}
		replayed, err := wiredecode.Decode(resp, &b.body, &b.w, func(r *http.Response) error {
			var g item
			return transport.DecodeJSON(r, &g)
		})
		if err != nil {
			fmt.Printf("replayed: %v, %v\n", replayed, err)
			continue
		}
		fmt.Printf("replayed: %v, id %s, count %d\n", replayed, b.w.ID, b.w.Count)
	}
	// Output:
	// replayed: false, id a-1, count 3
	// replayed: true, 200: response could not be decoded: json: cannot unmarshal string into Go struct field item.count of type int
}
