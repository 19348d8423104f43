package gks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// The decoders through the generated models, as the SDK decoded customers
// before customer_decode.go: the slow path for the bodies the fast path
// rejects (so that every error reads as it always did), and the reference
// the fast path is tested against.

// decodeCustomerPageGenerated reads the list body leniently: the assumed envelope
// (openapi.yaml's CustomerPage) or a bare array. An object without the
// envelope's item list is an error, never an empty page: a wrong assumption
// must not look like an empty list.
func decodeCustomerPageGenerated(raw json.RawMessage) (*CustomerPage, error) {
	raw = bytes.TrimSpace(raw)
	var items []oapi.Customer
	out := &CustomerPage{}
	switch {
	case len(raw) > 0 && raw[0] == '[':
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("customer list: %w", err)
		}
	case len(raw) > 0 && raw[0] == '{':
		var env oapi.CustomerPage
		if err := json.Unmarshal(raw, &env); err != nil {
			return nil, fmt.Errorf("customer list envelope: %w", err)
		}
		if env.Items == nil {
			var keys map[string]json.RawMessage
			_ = json.Unmarshal(raw, &keys)
			names := make([]string, 0, len(keys))
			for k := range keys {
				names = append(names, k)
			}
			slices.Sort(names)
			return nil, fmt.Errorf("customer list envelope has no item list (members: %s); the envelope assumed in gks/openapi.yaml does not match the server", strings.Join(names, ", "))
		}
		items = env.Items
		out.PageSize = int(deref(env.PageSize))
		if env.TotalCount != nil {
			out.TotalCount, out.TotalKnown = int(*env.TotalCount), true
		}
	default:
		return nil, fmt.Errorf("customer list: expected a JSON object or array")
	}
	out.Items = make([]Customer, len(items))
	for i, w := range items {
		out.Items[i] = customerFromGenerated(w)
	}
	return out, nil
}

func customerFromGenerated(w oapi.Customer) Customer {
	c := Customer{
		Name:                    w.Name,
		Number:                  deref(w.Number),
		InvoiceEmail:            deref(w.InvoiceEmail),
		CorporateIdentityNumber: w.CorporateIdentityNumber,
	}
	if w.PostalAddress != nil {
		a := addressFromGenerated(*w.PostalAddress)
		c.PostalAddress = &a
	}
	return c
}

func addressFromGenerated(w oapi.PostalAddress) PostalAddress {
	return PostalAddress{
		Address1:    deref(w.Address1),
		Address2:    deref(w.Address2),
		Address3:    deref(w.Address3),
		City:        deref(w.City),
		ZipCode:     deref(w.ZipCode),
		State:       deref(w.State),
		CountryCode: deref(w.CountryCode),
	}
}
