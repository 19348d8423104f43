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
	return s.c.write(ctx, "v2.creation-intents.confirm", func(server string) (*http.Request, error) {
		return oapi.NewConfirmCreationIntentV2Request(server, id, oapi.CreationIntentConfirmation{MaterialNumber: materialNumber})
	})
}

// RejectCreation rejects a creation intent; message (required) says why.
func (s *IntentV2Service) RejectCreation(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, "v2.creation-intents.reject", func(server string) (*http.Request, error) {
		return oapi.NewRejectCreationIntentV2Request(server, id, oapi.RejectComment{Message: message})
	})
}

// ConfirmChange confirms a change intent (no body).
func (s *IntentV2Service) ConfirmChange(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, "v2.change-intents.confirm", func(server string) (*http.Request, error) {
		return oapi.NewConfirmChangeIntentV2Request(server, id)
	})
}

// RejectChange rejects a change intent; message (required) says why.
func (s *IntentV2Service) RejectChange(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, "v2.change-intents.reject", func(server string) (*http.Request, error) {
		return oapi.NewRejectChangeIntentV2Request(server, id, oapi.RejectComment{Message: message})
	})
}

// ConfirmExtension confirms an extension intent (no body).
func (s *IntentV2Service) ConfirmExtension(ctx context.Context, id string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return s.c.write(ctx, "v2.extension-intents.confirm", func(server string) (*http.Request, error) {
		return oapi.NewConfirmExtensionIntentV2Request(server, id)
	})
}

// RejectExtension rejects an extension intent; message (required) says why.
func (s *IntentV2Service) RejectExtension(ctx context.Context, id, message string) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	if err := checkMessage(message); err != nil {
		return err
	}
	return s.c.write(ctx, "v2.extension-intents.reject", func(server string) (*http.Request, error) {
		return oapi.NewRejectExtensionIntentV2Request(server, id, oapi.RejectComment{Message: message})
	})
}
