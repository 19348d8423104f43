package gks

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/gks/internal/wire"
	"github.com/partsync/partsync-go/internal/transport"
)

// Customers are decoded straight from the response into the value-field
// structs of gks/internal/wire and converted without further allocation;
// the generated models (a pointer per field) cost an allocation per field
// and a copy. The body is kept as it is read: one the fast path rejects
// (a value of the wrong type, a bare array, an envelope without items) is
// decoded again from those bytes exactly as before, through the generated
// models (customer_generated.go), so that every error, and which of
// several errors is reported, stays what it was.
// FuzzCustomerDecodersMatchGenerated holds the two paths to the same results.

// bodyCopy is a response body that keeps what is read from it, read by
// read, so that a replay hands the decoder the same chunks and the same
// first error: transport.DecodeJSON's UTF-8 and size checks work on the
// chunks as read, and a replay must meet the body as the first reading did.
type bodyCopy struct {
	r   io.ReadCloser
	buf *copyBuf
}

type copyBuf struct {
	b    []byte
	ends []int // where each read ended in b
	err  error // the first read error
	nerr int   // the number of reads with bytes up to and with it
	// errData says the error came with the last of those bytes rather
	// than from a read of its own.
	errData bool
}

// copyBufs recycles the kept bytes: a customer is a few hundred bytes, a
// page some tens of kilobytes.
var copyBufs = sync.Pool{New: func() any { return new(copyBuf) }}

// keep makes resp's body keep what is read from it, until release.
func (c *bodyCopy) keep(resp *http.Response) {
	if resp.Body == nil {
		return
	}
	c.r, c.buf = resp.Body, copyBufs.Get().(*copyBuf)
	c.buf.b, c.buf.ends, c.buf.err = c.buf.b[:0], c.buf.ends[:0], nil
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
		k.err, k.nerr, k.errData = err, len(k.ends), n > 0
	}
	return n, err
}

func (c *bodyCopy) Close() error { return c.r.Close() }

// replay makes resp's body the kept reads again.
func (c *bodyCopy) replay(resp *http.Response) {
	resp.Body = io.NopCloser(&replayReader{k: c.buf})
}

// release returns the buffer (the decoded values do not refer to it) and
// lets go of the body, which the result of Get would otherwise hold on to.
func (c *bodyCopy) release() {
	if c.buf != nil && cap(c.buf.b) <= 1<<20 {
		c.buf.err = nil
		copyBufs.Put(c.buf)
	}
	c.r, c.buf = nil, nil
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
	if k.err != nil && k.errData && r.i == k.nerr {
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

// customerBody is a Customers.Get response: the wire customer, the result
// and its address in one allocation, as a plain encoding/json decode has.
type customerBody struct {
	w    wire.Customer
	c    Customer
	a    PostalAddress
	body bodyCopy
}

// decodeCustomer decodes a Customers.Get response.
func decodeCustomer(resp *http.Response) (*Customer, error) {
	b := new(customerBody)
	b.body.keep(resp)
	defer b.body.release()
	err := transport.DecodeJSON(resp, &b.w)
	if err == nil {
		b.c = customerFromWire(&b.w, &b.a)
		return &b.c, nil
	}
	if b.body.buf == nil || !rejected(err) {
		return nil, err
	}
	b.body.replay(resp)
	var g oapi.Customer
	if err := transport.DecodeJSON(resp, &g); err != nil {
		return nil, err
	}
	b.c = customerFromGenerated(g)
	return &b.c, nil
}

// customerFromWire converts w; its address, if any, goes into a.
func customerFromWire(w *wire.Customer, a *PostalAddress) Customer {
	c := Customer{
		Name:                    w.Name,
		Number:                  string(w.Number),
		InvoiceEmail:            string(w.InvoiceEmail),
		CorporateIdentityNumber: w.CorporateIdentityNumber,
	}
	if p := w.PostalAddress; p != nil {
		*a = PostalAddress{
			Address1:    string(p.Address1),
			Address2:    string(p.Address2),
			Address3:    string(p.Address3),
			City:        string(p.City),
			ZipCode:     string(p.ZipCode),
			State:       string(p.State),
			CountryCode: string(p.CountryCode),
		}
		c.PostalAddress = a
	}
	return c
}

// customersFromWire converts a page of customers. Their addresses share
// one backing array, one allocation per page instead of one per customer.
func customersFromWire(ws []wire.Customer) []Customer {
	n := 0
	for i := range ws {
		if ws[i].PostalAddress != nil {
			n++
		}
	}
	addrs := make([]PostalAddress, n)
	out := make([]Customer, len(ws))
	for i := range ws {
		if ws[i].PostalAddress == nil {
			out[i] = customerFromWire(&ws[i], nil)
			continue
		}
		out[i] = customerFromWire(&ws[i], &addrs[0])
		addrs = addrs[1:]
	}
	return out
}

// customerPageBody is a Customers.List response.
type customerPageBody struct {
	w    wire.CustomerPage
	body bodyCopy
}

// decodeCustomerPageResponse decodes a Customers.List response. err is the
// transport's (not JSON, too large, malformed); pageErr says that the JSON
// is not a customer list, which page reports with the request.
func decodeCustomerPageResponse(resp *http.Response) (page *CustomerPage, pageErr, err error) {
	b := new(customerPageBody)
	b.body.keep(resp)
	defer b.body.release()
	err = transport.DecodeJSON(resp, &b.w)
	if err == nil && b.w.Items != nil {
		return &CustomerPage{
			Items:    customersFromWire(b.w.Items),
			PageSize: int(b.w.PageSize.V),
			// TotalCount is 0 unless set: a null clears the value too.
			TotalCount: int(b.w.TotalCount.V),
			TotalKnown: b.w.TotalCount.Set,
		}, nil, nil
	}
	if b.body.buf == nil || (err != nil && !rejected(err)) {
		return nil, nil, err
	}
	// A bare array, an envelope without items or a value of the wrong type:
	// the lenient reading decides, on the bytes as sent.
	b.body.replay(resp)
	var raw json.RawMessage
	if err := transport.DecodeJSON(resp, &raw); err != nil {
		return nil, nil, err
	}
	page, pageErr = decodeCustomerPage(raw)
	return page, pageErr, nil
}

// decodeCustomerPage reads a list body leniently: the assumed envelope
// (openapi.yaml's CustomerPage) or a bare array. An object without the
// envelope's item list is an error, never an empty page: a wrong assumption
// must not look like an empty list.
func decodeCustomerPage(raw json.RawMessage) (*CustomerPage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []wire.Customer
		if json.Unmarshal(raw, &items) == nil {
			return &CustomerPage{Items: customersFromWire(items)}, nil
		}
	}
	return decodeCustomerPageGenerated(raw)
}
