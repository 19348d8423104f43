package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestERPWriteBack: an Update is on disk when it returns, leaves no
// temporary file behind, and a failed write leaves memory as the file is.
func TestERPWriteBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "erp.json")
	e, err := OpenERP(path)
	if err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path); string(raw) != string(sampleERP) {
		t.Fatal("a missing ERP file is not seeded with the sample")
	}
	if err := e.Update(func(d *Data) error {
		d.Material("MAT-000101").Description = "changed"
		d.LogChange(EntityMaterial, "MAT-000101", "erp", time.Unix(0, 0))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := readERP(t, path); got.Material("MAT-000101").Description != "changed" || got.LastSeq() != 3 {
		t.Errorf("the update is not on disk: %q, log head %d", got.Material("MAT-000101").Description, got.LastSeq())
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if en.Name() != "erp.json" {
			t.Errorf("left behind: %s", en.Name())
		}
	}

	// fn's error: nothing is written and memory is rolled back.
	if err := e.Update(func(d *Data) error {
		d.Material("MAT-000101").Description = "half done"
		return errors.New("stop")
	}); err == nil || err.Error() != "stop" {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	// A write that cannot happen (the directory is gone): memory rolls back too.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := e.Update(func(d *Data) error {
		d.Material("MAT-000101").Description = "never written"
		return nil
	}); err == nil || !strings.Contains(err.Error(), "writing") {
		t.Fatalf("Update into a missing directory = %v, want a write error", err)
	}
	e.View(func(d *Data) {
		if got := d.Material("MAT-000101").Description; got != "changed" {
			t.Errorf("memory holds %q after failed updates, want the last written %q", got, "changed")
		}
	})
}

func TestOpenERPRejectsUnknownFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	if err := os.WriteFile(path, []byte(`{"materials": [], "matrials": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenERP(path); err == nil || !strings.Contains(err.Error(), "matrials") {
		t.Errorf("OpenERP = %v, want an error naming the unknown field", err)
	}
}
