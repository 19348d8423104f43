package sparetech

import (
	"math"
	"time"

	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// Status is an intent's status. SPARETECH documents Ready and Done; other
// values (its overview shows "Exported") are passed through unchanged.
type Status string

const (
	// StatusReady: waiting for the ERP to apply and confirm the intent.
	StatusReady Status = "Ready"
	// StatusDone: synchronised between SPARETECH and the ERP.
	StatusDone Status = "Done"
)

// User is a SPARETECH user named in an intent.
type User struct {
	Email string
}

// CreationIntent is a material SPARETECH wants created in the ERP. Confirm
// it with the material's ERP number once created.
type CreationIntent struct {
	ID string
	// CreatedAt is zero when SPARETECH sent none (or an unreadable one).
	CreatedAt  time.Time
	CreatedBy  User
	ApprovedBy User
	Status     Status
	// Metadata holds the material's fields, keyed by the export schema
	// (Schema.Export), e.g. "MANU", "ART_NUM"; keys may contain brackets
	// ("[MANU]"). Empty fields are left out. Never nil.
	Metadata map[string]any
}

// ChangeIntent is a change SPARETECH wants applied to an ERP material.
type ChangeIntent struct {
	ID         string
	CreatedAt  time.Time
	CreatedBy  User
	ApprovedBy User
	Status     Status
	// MaterialNumber is the ERP material to change.
	MaterialNumber string
	// Plant is the plant the change applies to; empty for plant-independent changes.
	Plant string
	// Metadata holds only the changed fields, unless ChangesOnly was false.
	Metadata map[string]any
}

// ExtensionIntent is a plant SPARETECH wants an ERP material extended to.
type ExtensionIntent struct {
	ID         string
	CreatedAt  time.Time
	CreatedBy  User
	ApprovedBy User
	Status     Status
	// MaterialNumber is the ERP material to extend to a new plant.
	MaterialNumber string
	// Metadata holds the plant's fields.
	Metadata map[string]any
}

// CreationIntentPage is one page of creation intents.
type CreationIntentPage struct {
	Items []CreationIntent
	// HasMore says whether another page follows.
	HasMore bool
	// TotalCount is the number of intents matching the filters, on all pages.
	TotalCount int
	// Page is the zero-based page number; Limit the page size the server used.
	Page, Limit int
}

// ChangeIntentPage is one page of change intents.
type ChangeIntentPage struct {
	Items       []ChangeIntent
	HasMore     bool
	TotalCount  int
	Page, Limit int
}

// ExtensionIntentPage is one page of extension intents.
type ExtensionIntentPage struct {
	Items       []ExtensionIntent
	HasMore     bool
	TotalCount  int
	Page, Limit int
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num[T int | float64 | bool](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func user(u *oapi.User) User {
	if u == nil {
		return User{}
	}
	return User{Email: str(u.Email)}
}

func timestamp(p *string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, str(p))
	if err != nil {
		return time.Time{}
	}
	return t
}

func metadata(p *map[string]any) map[string]any {
	if p == nil || *p == nil {
		return map[string]any{}
	}
	return *p
}

// count reads totalCount, which the vendor declares a JSON number (not an
// integer) and which may carry a fraction.
func count(p *float64) int {
	if p == nil || math.IsNaN(*p) || *p < 0 {
		return 0
	}
	return int(math.Round(*p))
}

func creationIntent(w oapi.CreationIntent) CreationIntent {
	return CreationIntent{
		ID: str(w.Id), CreatedAt: timestamp(w.CreatedAt), CreatedBy: user(w.CreatedBy), ApprovedBy: user(w.ApprovedBy),
		Status: Status(str(w.Status)), Metadata: metadata(w.Metadata),
	}
}

func changeIntent(w oapi.ChangeIntent) ChangeIntent {
	return ChangeIntent{
		ID: str(w.Id), CreatedAt: timestamp(w.CreatedAt), CreatedBy: user(w.CreatedBy), ApprovedBy: user(w.ApprovedBy),
		Status: Status(str(w.Status)), MaterialNumber: str(w.MaterialNumber), Plant: str(w.Plant), Metadata: metadata(w.Metadata),
	}
}

func extensionIntent(w oapi.ExtensionIntent) ExtensionIntent {
	return ExtensionIntent{
		ID: str(w.Id), CreatedAt: timestamp(w.CreatedAt), CreatedBy: user(w.CreatedBy), ApprovedBy: user(w.ApprovedBy),
		Status: Status(str(w.Status)), MaterialNumber: str(w.MaterialNumber), Metadata: metadata(w.Metadata),
	}
}

func mapItems[W, T any](ws *[]W, f func(W) T) []T {
	if ws == nil {
		return []T{}
	}
	out := make([]T, len(*ws))
	for i, w := range *ws {
		out[i] = f(w)
	}
	return out
}

// The generated models' pages, as List returned them before the wire
// structs: the slow path of intent_decode.go and the reference of its tests.

func creationPage(w oapi.CreationIntentList) CreationIntentPage {
	return CreationIntentPage{
		Items: mapItems(w.CreationIntents, creationIntent), HasMore: num(w.HasMore), TotalCount: count(w.TotalCount),
		Page: num(w.Page), Limit: num(w.Limit),
	}
}

func changePage(w oapi.ChangeIntentList) ChangeIntentPage {
	return ChangeIntentPage{
		Items: mapItems(w.ChangeIntents, changeIntent), HasMore: num(w.HasMore), TotalCount: count(w.TotalCount),
		Page: num(w.Page), Limit: num(w.Limit),
	}
}

func extensionPage(w oapi.ExtensionIntentList) ExtensionIntentPage {
	return ExtensionIntentPage{
		Items: mapItems(w.ExtensionIntents, extensionIntent), HasMore: num(w.HasMore), TotalCount: count(w.TotalCount),
		Page: num(w.Page), Limit: num(w.Limit),
	}
}
