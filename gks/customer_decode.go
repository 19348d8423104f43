package gks

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/gks/internal/wire"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
)

// Customers are decoded straight from the response into the value-field
// structs of gks/internal/wire and converted without further allocation;
// the generated models (a pointer per field) cost an allocation per field
// and a copy. The body is kept as it is read (internal/wiredecode): one
// the fast path rejects (a value of the wrong type, a bare array, an
// envelope without items) is replayed, read for read, exactly as before
// through the generated models (customer_generated.go), so that every
// error, and which of several errors is reported, stays what it was.
// FuzzCustomerDecodersMatchGenerated holds the two paths to the same results.

// customerBody is a Customers.Get response: the wire customer, the result
// and its address in one allocation, as a plain encoding/json decode has.
type customerBody struct {
	w    wire.Customer
	c    Customer
	a    PostalAddress
	body wiredecode.Body
}

// decodeCustomer decodes a Customers.Get response.
func decodeCustomer(resp *http.Response) (*Customer, error) {
	b := new(customerBody)
	replayed, err := wiredecode.Decode(resp, &b.body, &b.w, func(r *http.Response) error {
		var g oapi.Customer
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.c = customerFromGenerated(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.c = customerFromWire(&b.w, &b.a)
	}
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
	body wiredecode.Body
}

// decodeCustomerPageResponse decodes a Customers.List response. err is the
// transport's (not JSON, too large, malformed); pageErr says that the JSON
// is not a customer list, which page reports with the request.
func decodeCustomerPageResponse(resp *http.Response) (page *CustomerPage, pageErr, err error) {
	b := new(customerPageBody)
	b.body.Keep(resp)
	defer b.body.Release()
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
	// A bare array, an envelope without items or a value of the wrong type:
	// the lenient reading decides, on the bytes as sent.
	if (err != nil && !wiredecode.Rejected(err)) || !b.body.Replay(resp) {
		return nil, nil, err
	}
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
