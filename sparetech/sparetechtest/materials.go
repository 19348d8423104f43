package sparetechtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/sparetech"
)

// material is a material master record the ERP sent.
type material struct {
	fields sparetech.Material
	plants map[string]sparetech.MaterialExtension
}

func decodeMaterial(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var body struct {
		Material map[string]any `json:"material"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.Material) == 0 {
		text(w, http.StatusBadRequest, "material should not be empty")
		return nil, false
	}
	return body.Material, true
}

func fieldString(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// handleCreateMaterial serves POST /v1/material.
func (s *Server) handleCreateMaterial(w http.ResponseWriter, r *http.Request) {
	m, ok := decodeMaterial(w, r)
	if !ok {
		return
	}
	ref := fieldString(m, s.cfg.referenceKey)
	if ref == "" {
		text(w, http.StatusBadRequest, s.cfg.referenceKey+" should not be empty")
		return
	}
	s.mu.Lock()
	_, exists := s.materials[ref]
	if !exists {
		rec := &material{fields: sparetech.Material{}, plants: map[string]sparetech.MaterialExtension{}}
		s.mergeLocked(rec, m)
		s.materials[ref] = rec
	}
	s.mu.Unlock()
	if exists {
		// Quirk kept faithfully: an existing reference is a 404.
		text(w, http.StatusNotFound, "Material reference already exists.")
		return
	}
	ok200(w)
}

// mergeLocked puts plant fields under their plant and the rest on the material.
func (s *Server) mergeLocked(rec *material, m map[string]any) {
	plant := fieldString(m, s.cfg.plantKey)
	for k, v := range m {
		if plant != "" && slices.Contains(s.cfg.plantFields, k) {
			if rec.plants[plant] == nil {
				rec.plants[plant] = sparetech.MaterialExtension{}
			}
			rec.plants[plant][k] = v
			continue
		}
		rec.fields[k] = v
	}
}

// handleUpdateMaterial serves PUT /v1/material/{reference}.
func (s *Server) handleUpdateMaterial(w http.ResponseWriter, r *http.Request) {
	m, ok := decodeMaterial(w, r)
	if !ok {
		return
	}
	ref := r.PathValue("reference")
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.materials[ref]
	plant := fieldString(m, s.cfg.plantKey)
	switch {
	case rec == nil || (plant != "" && rec.plants[plant] == nil):
		text(w, http.StatusNotFound, "Material reference and/or plant couldn't be found.")
	case fieldString(m, s.cfg.referenceKey) != "" && fieldString(m, s.cfg.referenceKey) != ref:
		text(w, http.StatusConflict, "Invalid material reference.")
	default:
		s.mergeLocked(rec, m)
		ok200(w)
	}
}

// handleExtendMaterial serves POST /v1/material/{reference}/extend.
func (s *Server) handleExtendMaterial(w http.ResponseWriter, r *http.Request) {
	m, ok := decodeMaterial(w, r)
	if !ok {
		return
	}
	ref := r.PathValue("reference")
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.materials[ref]
	plant := fieldString(m, s.cfg.plantKey)
	foreign := slices.ContainsFunc(slices.Collect(maps.Keys(m)), func(k string) bool { return !slices.Contains(s.cfg.plantFields, k) })
	switch {
	case rec == nil:
		text(w, http.StatusNotFound, "Material reference and/or plant couldn't be found.")
	case foreign:
		text(w, http.StatusUnprocessableEntity, "Material fields should not be part of an extension.")
	case plant == "":
		text(w, http.StatusBadRequest, s.cfg.plantKey+" should not be empty")
	case rec.plants[plant] != nil:
		text(w, http.StatusConflict, "Plant is already included in material")
	default:
		rec.plants[plant] = maps.Clone(sparetech.MaterialExtension(m))
		ok200(w)
	}
}

// handleUpsertV2 serves POST /v2/material.
func (s *Server) handleUpsertV2(w http.ResponseWriter, r *http.Request) {
	var m sparetech.UpsertMaterial
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil || strings.TrimSpace(m.MARA.MATNR) == "" {
		text(w, http.StatusBadRequest, "MARA.MATNR should not be empty")
		return
	}
	s.mu.Lock()
	s.upserts = append(s.upserts, m)
	s.mu.Unlock()
	ok200(w)
}

func ok200(w http.ResponseWriter) { ok(w) }

// SeedMaterial stores a material as if the ERP had created it; the value of
// the reference key (default "Materialnummer") names it.
func (s *Server) SeedMaterial(m sparetech.Material) {
	ref := fieldString(m, s.cfg.referenceKey)
	if ref == "" {
		panic("sparetechtest: SeedMaterial needs " + s.cfg.referenceKey)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &material{fields: sparetech.Material{}, plants: map[string]sparetech.MaterialExtension{}}
	s.mergeLocked(rec, m)
	s.materials[ref] = rec
}

// Materials returns copies of the materials received, by reference, without
// their plant fields (see Plants).
func (s *Server) Materials() map[string]sparetech.Material {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]sparetech.Material, len(s.materials))
	for ref, rec := range s.materials {
		out[ref] = maps.Clone(rec.fields)
	}
	return out
}

// Plants returns copies of a material's plant fields, by plant.
func (s *Server) Plants(reference string) map[string]sparetech.MaterialExtension {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]sparetech.MaterialExtension{}
	if rec := s.materials[reference]; rec != nil {
		for p, f := range rec.plants {
			out[p] = maps.Clone(f)
		}
	}
	return out
}

// UpsertsV2 returns the v2 material upserts received, in order.
func (s *Server) UpsertsV2() []sparetech.UpsertMaterial {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.upserts)
}
