package sparetech

import (
	"context"
	"iter"
	"net/http"

	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// CreationIntentService lists, reads, confirms and rejects creation intents
// (v1). The usual loop: All with Status StatusReady, create each material in
// the ERP, then Confirm with its ERP number (or Reject with a reason).
type CreationIntentService struct{ c *core }

// List returns one page. p.Page is zero-based.
func (s *CreationIntentService) List(ctx context.Context, p ListParams) (*CreationIntentPage, error) {
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "creation-intents.list", method: http.MethodGet, path: "/creation-intents", query: q.encode(nil)})
	if err != nil {
		return nil, err
	}
	pg, err := decodeCreationPage(resp)
	if err != nil {
		return nil, classify("creation-intents.list", err)
	}
	return pg, nil
}

// All yields every matching intent, fetching pages of 99 (or p.Limit)
// from p.Page on until the server says hasMore is false. It stops at the
// first error, which it yields. Confirming intents while iterating with
// Status StatusReady shrinks the result set under the walk: collect the
// intents first, or list again until none are left.
func (s *CreationIntentService) All(ctx context.Context, p ListParams) iter.Seq2[CreationIntent, error] {
	return walk(ctx, p, func(ctx context.Context, p ListParams) (*paging.Page[CreationIntent], error) {
		pg, err := s.List(ctx, p)
		if err != nil {
			return nil, err
		}
		return &paging.Page[CreationIntent]{Items: pg.Items, HasMore: &pg.HasMore}, nil
	})
}

// Get returns one creation intent; an unknown id matches ErrNotFound.
func (s *CreationIntentService) Get(ctx context.Context, id string) (*CreationIntent, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "creation-intents.get", method: http.MethodGet, path: "/creation-intents", id: id})
	if err != nil {
		return nil, err
	}
	it, err := decodeCreationIntent(resp)
	if err != nil {
		return nil, classify("creation-intents.get", err)
	}
	return it, nil
}

// Confirm tells SPARETECH the material now exists in the ERP under
// materialNumber, and returns the updated intent. It is resent only after a
// 429 (a refusal before any work): on ErrOutcomeUnknown, Get the intent to
// see whether it is Done.
func (s *CreationIntentService) Confirm(ctx context.Context, id, materialNumber string) (*CreationIntent, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	if err := checkMaterialNumber(materialNumber); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "creation-intents.confirm", write: true, method: http.MethodPost, path: "/creation-intents", id: id, tail: "/confirm",
		body: oapi.CreationIntentConfirmation{MaterialNumber: materialNumber}})
	if err != nil {
		return nil, err
	}
	return decodeCreationIntent(resp)
}

// Reject tells SPARETECH the ERP will not create the material; message
// (required) says why.
func (s *CreationIntentService) Reject(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "creation-intents.reject", method: http.MethodPost, path: "/creation-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}

// ChangeIntentService lists, reads, confirms and rejects change intents (v1).
type ChangeIntentService struct{ c *core }

// List returns one page. p.ChangesOnly false asks for every field in
// Metadata instead of only the changed ones.
func (s *ChangeIntentService) List(ctx context.Context, p ListParams) (*ChangeIntentPage, error) {
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "change-intents.list", method: http.MethodGet, path: "/change-intents", query: q.encode(p.ChangesOnly)})
	if err != nil {
		return nil, err
	}
	pg, err := decodeChangePage(resp)
	if err != nil {
		return nil, classify("change-intents.list", err)
	}
	return pg, nil
}

// All yields every matching change intent (see CreationIntentService.All).
func (s *ChangeIntentService) All(ctx context.Context, p ListParams) iter.Seq2[ChangeIntent, error] {
	return walk(ctx, p, func(ctx context.Context, p ListParams) (*paging.Page[ChangeIntent], error) {
		pg, err := s.List(ctx, p)
		if err != nil {
			return nil, err
		}
		return &paging.Page[ChangeIntent]{Items: pg.Items, HasMore: &pg.HasMore}, nil
	})
}

// Get returns one change intent with only the changed fields in Metadata.
func (s *ChangeIntentService) Get(ctx context.Context, id string) (*ChangeIntent, error) {
	return s.get(ctx, id, nil)
}

// GetFull returns one change intent with every field in Metadata
// (changes.only=false), not only the changed ones.
func (s *ChangeIntentService) GetFull(ctx context.Context, id string) (*ChangeIntent, error) {
	f := false
	return s.get(ctx, id, &f)
}

func (s *ChangeIntentService) get(ctx context.Context, id string, changesOnly *bool) (*ChangeIntent, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "change-intents.get", method: http.MethodGet, path: "/change-intents", id: id, query: changesQuery(false, changesOnly)})
	if err != nil {
		return nil, err
	}
	it, err := decodeChangeIntent(resp)
	if err != nil {
		return nil, classify("change-intents.get", err)
	}
	return it, nil
}

// Confirm tells SPARETECH the change is applied in the ERP. It sends no
// body and is resent only after a 429.
func (s *ChangeIntentService) Confirm(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "change-intents.confirm", method: http.MethodPost, path: "/change-intents", id: id, tail: "/confirm"})
}

// Reject tells SPARETECH the ERP will not apply the change; message
// (required) says why.
func (s *ChangeIntentService) Reject(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "change-intents.reject", method: http.MethodPost, path: "/change-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}

// ExtensionIntentService lists, reads, confirms and rejects extension
// intents (v1).
type ExtensionIntentService struct{ c *core }

// List returns one page.
func (s *ExtensionIntentService) List(ctx context.Context, p ListParams) (*ExtensionIntentPage, error) {
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "extension-intents.list", method: http.MethodGet, path: "/extension-intents", query: q.encode(nil)})
	if err != nil {
		return nil, err
	}
	pg, err := decodeExtensionPage(resp)
	if err != nil {
		return nil, classify("extension-intents.list", err)
	}
	return pg, nil
}

// All yields every matching extension intent (see CreationIntentService.All).
func (s *ExtensionIntentService) All(ctx context.Context, p ListParams) iter.Seq2[ExtensionIntent, error] {
	return walk(ctx, p, func(ctx context.Context, p ListParams) (*paging.Page[ExtensionIntent], error) {
		pg, err := s.List(ctx, p)
		if err != nil {
			return nil, err
		}
		return &paging.Page[ExtensionIntent]{Items: pg.Items, HasMore: &pg.HasMore}, nil
	})
}

// Get returns one extension intent.
func (s *ExtensionIntentService) Get(ctx context.Context, id string) (*ExtensionIntent, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: "extension-intents.get", method: http.MethodGet, path: "/extension-intents", id: id})
	if err != nil {
		return nil, err
	}
	it, err := decodeExtensionIntent(resp)
	if err != nil {
		return nil, classify("extension-intents.get", err)
	}
	return it, nil
}

// Confirm tells SPARETECH the material is extended to the plant in the
// ERP. It sends no body and is resent only after a 429.
func (s *ExtensionIntentService) Confirm(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "extension-intents.confirm", method: http.MethodPost, path: "/extension-intents", id: id, tail: "/confirm"})
}

// Reject tells SPARETECH the ERP will not extend the material; message
// (required) says why.
func (s *ExtensionIntentService) Reject(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "extension-intents.reject", method: http.MethodPost, path: "/extension-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}

// walk pages through a list with the shared walker: zero-based pages of
// MaxLimit unless p.Limit says otherwise. p is the caller's copy.
func walk[T any](ctx context.Context, p ListParams, list func(context.Context, ListParams) (*paging.Page[T], error)) iter.Seq2[T, error] {
	if p.Limit == 0 {
		p.Limit = MaxLimit
	}
	if _, err := p.query(); err != nil {
		return func(yield func(T, error) bool) {
			var zero T
			yield(zero, err)
		}
	}
	cfg := paging.Config{Numbering: paging.ZeroBased, Start: p.Page, Limit: p.Limit}
	return paging.Walk(ctx, cfg, func(ctx context.Context, r paging.Request) (*paging.Page[T], error) {
		q := p
		q.Page, q.Limit = r.Page, r.Limit
		return list(ctx, q)
	})
}
