package sparetech

import (
	"net/http"

	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
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

// decodeVia decodes resp into the wire struct W, converted by fast, or,
// when W rejects the body, into the generated model G, converted by slow.
// The wire struct, the result and the kept body are one allocation.
func decodeVia[W, G, T any](resp *http.Response, fast func(*W) T, slow func(G) T) (*T, error) {
	b := new(struct {
		w  W
		t  T
		bc wiredecode.Body
	})
	replayed, err := wiredecode.Decode(resp, &b.bc, &b.w, func(r *http.Response) error {
		var g G
		if err := transport.DecodeJSON(r, &g); err != nil {
			return err
		}
		b.t = slow(g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !replayed {
		b.t = fast(&b.w)
	}
	return &b.t, nil
}

// decodeCreationIntent decodes a creation intent response.
func decodeCreationIntent(resp *http.Response) (*CreationIntent, error) {
	return decodeVia(resp, (*creationWire).intent, creationIntent)
}

// decodeChangeIntent decodes a change intent response.
func decodeChangeIntent(resp *http.Response) (*ChangeIntent, error) {
	return decodeVia(resp, (*changeWire).intent, changeIntent)
}

// decodeExtensionIntent decodes an extension intent response.
func decodeExtensionIntent(resp *http.Response) (*ExtensionIntent, error) {
	return decodeVia(resp, (*extensionWire).intent, extensionIntent)
}

// decodeCreationPage decodes a creation intent list response.
func decodeCreationPage(resp *http.Response) (*CreationIntentPage, error) {
	return decodeVia(resp, (*creationListWire).page, creationPage)
}

// decodeChangePage decodes a change intent list response.
func decodeChangePage(resp *http.Response) (*ChangeIntentPage, error) {
	return decodeVia(resp, (*changeListWire).page, changePage)
}

// decodeExtensionPage decodes an extension intent list response.
func decodeExtensionPage(resp *http.Response) (*ExtensionIntentPage, error) {
	return decodeVia(resp, (*extensionListWire).page, extensionPage)
}
