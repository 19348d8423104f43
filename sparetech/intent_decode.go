package sparetech

import (
	"net/http"

	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// Intent responses are decoded straight into the wire structs of
// intent_wire.go and converted without further allocation. The body is
// kept as it is read (internal/wiredecode): one the fast reading rejects (a
// value of the wrong type, an unusual user object) is replayed, read for
// read, through the generated models and the conversions of intent.go,
// exactly as before, so that every result and every error (and which of
// several errors is reported: encoding/json reports its first saved error,
// but an error a leaf returns ends the decode) stays what it was.
// FuzzIntentDecodersMatchReference holds the two readings to the same results.

// decodeCreationIntent decodes a creation intent response. The wire
// struct, the result and the body copy are one allocation.
func decodeCreationIntent(resp *http.Response) (*CreationIntent, error) {
	b := new(struct {
		w  creationWire
		it CreationIntent
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.CreationIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = creationIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeChangeIntent decodes a change intent response.
func decodeChangeIntent(resp *http.Response) (*ChangeIntent, error) {
	b := new(struct {
		w  changeWire
		it ChangeIntent
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ChangeIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = changeIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeExtensionIntent decodes an extension intent response.
func decodeExtensionIntent(resp *http.Response) (*ExtensionIntent, error) {
	b := new(struct {
		w  extensionWire
		it ExtensionIntent
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ExtensionIntent
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.it = extensionIntent(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.it = b.w.intent()
	}
	return &b.it, nil
}

// decodeCreationPage decodes a creation intent list response.
func decodeCreationPage(resp *http.Response) (*CreationIntentPage, error) {
	b := new(struct {
		w  creationListWire
		pg CreationIntentPage
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.CreationIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = creationPage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]CreationIntent, len(b.w.CreationIntents))
		for i := range b.w.CreationIntents {
			items[i] = b.w.CreationIntents[i].intent()
		}
		b.pg = CreationIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// decodeChangePage decodes a change intent list response.
func decodeChangePage(resp *http.Response) (*ChangeIntentPage, error) {
	b := new(struct {
		w  changeListWire
		pg ChangeIntentPage
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ChangeIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = changePage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]ChangeIntent, len(b.w.ChangeIntents))
		for i := range b.w.ChangeIntents {
			items[i] = b.w.ChangeIntents[i].intent()
		}
		b.pg = ChangeIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// decodeExtensionPage decodes an extension intent list response.
func decodeExtensionPage(resp *http.Response) (*ExtensionIntentPage, error) {
	b := new(struct {
		w  extensionListWire
		pg ExtensionIntentPage
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g oapi.ExtensionIntentList
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.pg = extensionPage(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		items := make([]ExtensionIntent, len(b.w.ExtensionIntents))
		for i := range b.w.ExtensionIntents {
			items[i] = b.w.ExtensionIntents[i].intent()
		}
		b.pg = ExtensionIntentPage{Items: items}
		b.w.pageWire.into(&b.pg.HasMore, &b.pg.TotalCount, &b.pg.Page, &b.pg.Limit)
	}
	return &b.pg, nil
}

// into sets a page's paging fields as the generated model's were read.
func (p *pageWire) into(hasMore *bool, total, page, limit *int) {
	f := float64(p.TotalCount)
	*hasMore, *total, *page, *limit = bool(p.HasMore), count(&f), int(p.Page), int(p.Limit)
}
