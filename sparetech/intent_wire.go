package sparetech

import (
	"bytes"
	"encoding/json"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/wiredecode"
)

// Intents are decoded into these wire structs, one field per field of the
// generated models (oapi.CreationIntent, ...) under the same JSON name, but
// with value fields: the generated pointer fields cost an allocation each
// per intent, and a copy. The leaf types (internal/wiredecode's, and wtime
// and wuser below for SPARETECH's timestamps and users) decode as the
// generated pointer fields do when the value fits (a null clears the
// field, unknown names are ignored); anything else (a value of the wrong
// type, a user object the fast reading does not take) is a
// *json.UnmarshalTypeError, on which intent_decode.go decodes the same
// bytes again through the generated models, so that results and errors
// stay exactly what they were.

// wtime is createdAt (a *string): the time it reads as RFC 3339, zero when
// it does not (or is null).
type wtime struct{ t time.Time }

// UnmarshalJSON parses a plain RFC 3339 string in place (as time.Parse
// would: the same parser) and any other string as the generated model's
// string was parsed.
func (w *wtime) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case 'n':
		w.t = time.Time{}
		return nil
	case '"':
	default:
		return wiredecode.TypeError(b, stringType)
	}
	if body := b[1 : len(b)-1]; plainRFC3339(body) {
		// Both time.Parse(time.RFC3339Nano, ...) and UnmarshalText first
		// try the same RFC 3339 parser, which takes every string of this
		// shape that is a valid time at all.
		if err := w.t.UnmarshalText(body); err != nil {
			w.t = time.Time{}
		}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	w.t = timestamp(&s)
	return nil
}

// plainRFC3339 reports whether b is shaped 2006-01-02T15:04:05[.frac]Z or
// ...±07:00, digits where digits go.
func plainRFC3339(b []byte) bool {
	const head = "0000-00-00T00:00:00"
	if len(b) < len(head)+1 {
		return false
	}
	for i := range len(head) {
		if head[i] == '0' {
			if b[i] < '0' || b[i] > '9' {
				return false
			}
		} else if b[i] != head[i] {
			return false
		}
	}
	rest := b[len(head):]
	if rest[0] == '.' {
		n := 1
		for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 1 {
			return false
		}
		rest = rest[n:]
	}
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
		return true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		for _, i := range [...]int{1, 2, 4, 5} {
			if rest[i] < '0' || rest[i] > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// wuser is createdBy or approvedBy (a *User).
type wuser struct{ email wiredecode.String }

// UnmarshalJSON takes null, {} and {"email":"<plain string>"}, the shapes
// SPARETECH sends; any other object goes to the generated models.
func (u *wuser) UnmarshalJSON(b []byte) error {
	switch {
	case b[0] == 'n':
		*u = wuser{}
		return nil
	case string(b) == "{}":
		return nil
	}
	const open, end = `{"email":"`, `"}`
	if body, ok := bytes.CutPrefix(b, []byte(open)); ok {
		if body, ok = bytes.CutSuffix(body, []byte(end)); ok &&
			bytes.IndexByte(body, '"') < 0 && bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
			u.email = wiredecode.String(body)
			return nil
		}
	}
	return wiredecode.TypeError(b, userType)
}

var (
	stringType = reflect.TypeFor[string]()
	userType   = reflect.TypeFor[User]()
)

// The wire structs, field for field the generated models.

type creationWire struct {
	ApprovedBy wuser             `json:"approvedBy"`
	CreatedAt  wtime             `json:"createdAt"`
	CreatedBy  wuser             `json:"createdBy"`
	ID         wiredecode.String `json:"id"`
	Metadata   map[string]any    `json:"metadata"`
	Status     wiredecode.String `json:"status"`
}

type changeWire struct {
	ApprovedBy     wuser             `json:"approvedBy"`
	CreatedAt      wtime             `json:"createdAt"`
	CreatedBy      wuser             `json:"createdBy"`
	ID             wiredecode.String `json:"id"`
	MaterialNumber wiredecode.String `json:"materialNumber"`
	Metadata       map[string]any    `json:"metadata"`
	Plant          wiredecode.String `json:"plant"`
	Status         wiredecode.String `json:"status"`
}

type extensionWire struct {
	ApprovedBy     wuser             `json:"approvedBy"`
	CreatedAt      wtime             `json:"createdAt"`
	CreatedBy      wuser             `json:"createdBy"`
	ID             wiredecode.String `json:"id"`
	MaterialNumber wiredecode.String `json:"materialNumber"`
	Metadata       map[string]any    `json:"metadata"`
	Status         wiredecode.String `json:"status"`
}

// pageWire is the paging part of every list.
type pageWire struct {
	HasMore    wiredecode.Bool    `json:"hasMore"`
	Limit      wiredecode.Int     `json:"limit"`
	Page       wiredecode.Int     `json:"page"`
	TotalCount wiredecode.Float64 `json:"totalCount"`
}

type creationListWire struct {
	CreationIntents []creationWire `json:"creationIntents"`
	pageWire
}

type changeListWire struct {
	ChangeIntents []changeWire `json:"changeIntents"`
	pageWire
}

type extensionListWire struct {
	ExtensionIntents []extensionWire `json:"extensionIntents"`
	pageWire
}

func (w *creationWire) intent() CreationIntent {
	return CreationIntent{
		ID: string(w.ID), CreatedAt: w.CreatedAt.t, CreatedBy: User{Email: string(w.CreatedBy.email)},
		ApprovedBy: User{Email: string(w.ApprovedBy.email)}, Status: Status(w.Status), Metadata: metadataOf(w.Metadata),
	}
}

func (w *changeWire) intent() ChangeIntent {
	return ChangeIntent{
		ID: string(w.ID), CreatedAt: w.CreatedAt.t, CreatedBy: User{Email: string(w.CreatedBy.email)},
		ApprovedBy: User{Email: string(w.ApprovedBy.email)}, Status: Status(w.Status),
		MaterialNumber: string(w.MaterialNumber), Plant: string(w.Plant), Metadata: metadataOf(w.Metadata),
	}
}

func (w *extensionWire) intent() ExtensionIntent {
	return ExtensionIntent{
		ID: string(w.ID), CreatedAt: w.CreatedAt.t, CreatedBy: User{Email: string(w.CreatedBy.email)},
		ApprovedBy: User{Email: string(w.ApprovedBy.email)}, Status: Status(w.Status),
		MaterialNumber: string(w.MaterialNumber), Metadata: metadataOf(w.Metadata),
	}
}

func (w *creationListWire) page() CreationIntentPage {
	pg := CreationIntentPage{Items: wireItems(w.CreationIntents, (*creationWire).intent)}
	w.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
	return pg
}

func (w *changeListWire) page() ChangeIntentPage {
	pg := ChangeIntentPage{Items: wireItems(w.ChangeIntents, (*changeWire).intent)}
	w.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
	return pg
}

func (w *extensionListWire) page() ExtensionIntentPage {
	pg := ExtensionIntentPage{Items: wireItems(w.ExtensionIntents, (*extensionWire).intent)}
	w.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
	return pg
}

// into sets a page's paging fields as the generated model's were read.
func (p *pageWire) into(hasMore *bool, total, page, limit *int) {
	f := float64(p.TotalCount)
	*hasMore, *total, *page, *limit = bool(p.HasMore), count(&f), int(p.Page), int(p.Limit)
}

// wireItems converts a page's wire intents; never nil, as mapItems.
func wireItems[W, T any](ws []W, conv func(*W) T) []T {
	out := make([]T, len(ws))
	for i := range ws {
		out[i] = conv(&ws[i])
	}
	return out
}

// metadataOf is the generated model's metadata as Metadata: never nil.
func metadataOf(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
