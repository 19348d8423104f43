package sparetech

import (
	"context"
	"net/http"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// Material is a material master record keyed by the import-schema headings
// (Schema.Import), e.g. {"Materialnummer": "MAT00001", "[MANU]": "Sparetech"}.
type Material map[string]any

// MaterialExtension holds a material's fields for one plant only, keyed by
// the import-schema headings, e.g. {"[WERK]": "1000", "[EKGRP]": "HH"}.
type MaterialExtension map[string]any

// MaterialService sends the ERP's own material changes to SPARETECH
// ("Material Master Sync", v1). Its writes are resent only after a 429.
type MaterialService struct{ c *core }

// Create inserts a new material. An existing reference fails with
// ErrMaterialExists (which SPARETECH sends as a 404).
func (s *MaterialService) Create(ctx context.Context, m Material) error {
	if len(m) == 0 {
		return apierror.Invalid(vendor, "Material", "must have at least one field")
	}
	return s.c.write(ctx, request{op: opMaterialCreate, method: http.MethodPost, path: "/material", body: oapi.MaterialBody{Material: m}})
}

// Update applies m to the material with the given reference. An unknown
// reference or plant matches ErrNotFound; a reference SPARETECH refuses,
// ErrInvalidMaterialReference.
func (s *MaterialService) Update(ctx context.Context, reference string, m Material) error {
	if err := checkID("reference", reference); err != nil {
		return err
	}
	if len(m) == 0 {
		return apierror.Invalid(vendor, "Material", "must have at least one field")
	}
	return s.c.write(ctx, request{op: opMaterialUpdate, method: http.MethodPut, path: "/material", id: reference, body: oapi.MaterialBody{Material: m}})
}

// Extend adds a plant to the material with the given reference. ext holds
// plant fields only: material fields fail with ErrMaterialFieldsInExtension,
// a plant the material has already with ErrPlantAlreadyIncluded.
func (s *MaterialService) Extend(ctx context.Context, reference string, ext MaterialExtension) error {
	if err := checkID("reference", reference); err != nil {
		return err
	}
	if len(ext) == 0 {
		return apierror.Invalid(vendor, "MaterialExtension", "must have at least one field")
	}
	return s.c.write(ctx, request{op: opMaterialExtend, method: http.MethodPost, path: "/material", id: reference, tail: "/extend", body: oapi.MaterialExtensionBody{Material: ext}})
}
