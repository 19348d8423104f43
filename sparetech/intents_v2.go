package sparetech

import (
	"context"
	"net/http"

	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// IntentV2Service confirms and rejects intents through the v2 root, for
// tenants on the SAP ("v2") integration. v2 has no list or get endpoints:
// find the intents with the v1 services (CreationIntents.All, ...). Like
// their v1 twins, these calls are resent only after a 429.
type IntentV2Service struct{ c *core }

// ConfirmCreation confirms a creation intent with the material's ERP
// number. Unlike v1, v2 does not return the updated intent.
func (s *IntentV2Service) ConfirmCreation(ctx context.Context, id, materialNumber string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMaterialNumber(materialNumber); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.creation-intents.confirm", v2: true, method: http.MethodPost, path: "/creation-intents", id: id, tail: "/confirm",
		body: oapi.CreationIntentConfirmation{MaterialNumber: materialNumber}})
}

// RejectCreation rejects a creation intent; message (required) says why.
func (s *IntentV2Service) RejectCreation(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.creation-intents.reject", v2: true, method: http.MethodPost, path: "/creation-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}

// ConfirmChange confirms a change intent (no body).
func (s *IntentV2Service) ConfirmChange(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.change-intents.confirm", v2: true, method: http.MethodPost, path: "/change-intents", id: id, tail: "/confirm"})
}

// RejectChange rejects a change intent; message (required) says why.
func (s *IntentV2Service) RejectChange(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.change-intents.reject", v2: true, method: http.MethodPost, path: "/change-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}

// ConfirmExtension confirms an extension intent (no body).
func (s *IntentV2Service) ConfirmExtension(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.extension-intents.confirm", v2: true, method: http.MethodPost, path: "/extension-intents", id: id, tail: "/confirm"})
}

// RejectExtension rejects an extension intent; message (required) says why.
func (s *IntentV2Service) RejectExtension(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: "v2.extension-intents.reject", v2: true, method: http.MethodPost, path: "/extension-intents", id: id, tail: "/reject", body: oapi.RejectComment{Message: message}})
}
