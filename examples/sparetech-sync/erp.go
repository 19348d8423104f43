package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// ERP is what the sync needs from an ERP. Each method must be idempotent
// for the same intent: a run that applied an intent but could not confirm
// it (ErrOutcomeUnknown, a crash) meets the same Ready intent again.
type ERP interface {
	// CreateMaterial creates a material from SPARETECH fields and returns
	// its ERP number. sourceID identifies the intent: a second call with it
	// returns the first number instead of creating a duplicate.
	CreateMaterial(sourceID string, fields map[string]any) (number string, created bool, err error)
	// ChangeMaterial applies changed fields to material number, for plant
	// when it is not empty. An unknown material or plant is ErrUnknown.
	ChangeMaterial(number, plant string, changes map[string]any) error
	// ExtendMaterial adds plant with its fields to material number; an
	// existing plant is not an error (already done).
	ExtendMaterial(number, plant string, fields map[string]any) (added bool, err error)
}

// ErrUnknown is a material or plant the ERP does not have: the intent is
// rejected, not retried.
var ErrUnknown = errors.New("not in the ERP")

// erpMaterial is one material of the JSON-file ERP.
type erpMaterial struct {
	Number string                    `json:"number"`
	Source string                    `json:"source,omitempty"`
	Fields map[string]any            `json:"fields"`
	Plants map[string]map[string]any `json:"plants,omitempty"`
}

type erpData struct {
	NextNumber int           `json:"nextNumber"`
	Materials  []erpMaterial `json:"materials"`
}

// fileERP is a small ERP kept in a JSON file, rewritten atomically after
// every change, before SPARETECH is told about it.
type fileERP struct {
	mu   sync.Mutex
	path string
	data erpData
}

func openFileERP(path string) (*fileERP, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	e := &fileERP{path: path}
	if err := json.Unmarshal(b, &e.data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

func (e *fileERP) find(number string) *erpMaterial {
	for i := range e.data.Materials {
		if e.data.Materials[i].Number == number {
			return &e.data.Materials[i]
		}
	}
	return nil
}

// CreateMaterial implements ERP.
func (e *fileERP) CreateMaterial(sourceID string, fields map[string]any) (string, bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, m := range e.data.Materials {
		if m.Source == sourceID {
			return m.Number, false, nil
		}
	}
	number := fmt.Sprintf("MAT-%06d", e.data.NextNumber)
	e.data.NextNumber++
	e.data.Materials = append(e.data.Materials, erpMaterial{Number: number, Source: sourceID, Fields: maps.Clone(fields)})
	return number, true, e.save()
}

// ChangeMaterial implements ERP.
func (e *fileERP) ChangeMaterial(number, plant string, changes map[string]any) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.find(number)
	if m == nil {
		return fmt.Errorf("material %s: %w", number, ErrUnknown)
	}
	target := m.Fields
	if plant != "" {
		if target = m.Plants[plant]; target == nil {
			return fmt.Errorf("material %s plant %s: %w", number, plant, ErrUnknown)
		}
	}
	maps.Copy(target, changes)
	return e.save()
}

// ExtendMaterial implements ERP.
func (e *fileERP) ExtendMaterial(number, plant string, fields map[string]any) (bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.find(number)
	if m == nil {
		return false, fmt.Errorf("material %s: %w", number, ErrUnknown)
	}
	if m.Plants[plant] != nil {
		return false, nil
	}
	if m.Plants == nil {
		m.Plants = map[string]map[string]any{}
	}
	m.Plants[plant] = maps.Clone(fields)
	return true, e.save()
}

// Numbers lists the ERP's material numbers.
func (e *fileERP) Numbers() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, m := range e.data.Materials {
		out = append(out, m.Number)
	}
	sort.Strings(out)
	return out
}

// save replaces the file atomically: a crash leaves the old or the new
// file, never half of one.
func (e *fileERP) save() error {
	b, err := json.MarshalIndent(e.data, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(e.path), ".erp-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), e.path)
}
