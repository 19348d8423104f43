package sparetech_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/partsync/partsync-go/internal/conformance"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// TestConformance sends every operation through the client to the fake and
// validates each request and each response against the vendor's own
// OpenAPI documents (../shared/reference/sparetech).
func TestConformance(t *testing.T) {
	dir := conformance.ReferenceDir(t, "sparetech")
	// The one documented spec bug: ChangeIntents and ExtensionIntents
	// require "changeRequests", a property that does not exist.
	relax := func(doc *openapi3.T) error {
		return errors.Join(
			conformance.DropRequired(doc, "ChangeIntents", "changeRequests"),
			conformance.DropRequired(doc, "ExtensionIntents", "changeRequests"),
		)
	}
	v1, err := conformance.Load(conformance.Config{Path: filepath.Join(dir, "sync-v1-openapi.json"), PathPrefix: "/v1", Relax: relax})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := conformance.Load(conformance.Config{Path: filepath.Join(dir, "sync-v2-openapi.json"), PathPrefix: "/v2"})
	if err != nil {
		t.Fatal(err)
	}
	val := conformance.NewValidator(v1, v2)
	runEveryOperation(t, val)
	val.Report(t)
	if u := val.Uncovered(); len(u) != 0 {
		t.Errorf("vendor operations never exercised: %q", u)
	}
	if n := val.Checked(); n < 30 {
		t.Errorf("only %d exchanges validated", n)
	}
}

// TestOwnDocumentMatchesTraffic holds our openapi.yaml to the same
// standard: it must describe what the client sends and the fake answers.
func TestOwnDocumentMatchesTraffic(t *testing.T) {
	own, err := conformance.Load(conformance.Config{Path: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	val := conformance.NewValidator(own)
	runEveryOperation(t, val)
	val.Report(t)
	if u := val.Uncovered(); len(u) != 0 {
		t.Errorf("operations of openapi.yaml never exercised: %q", u)
	}
}

// runEveryOperation sends every v1 and v2 operation, the documented error
// cases and every token endpoint through clients whose traffic val checks.
func runEveryOperation(t *testing.T, val *conformance.Validator) {
	t.Helper()
	var err error
	base := &http.Transport{}
	t.Cleanup(base.CloseIdleConnections)
	hc := &http.Client{Transport: val.Transport(base)}

	srv := sparetechtest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	newClient := func(opts ...sparetech.Option) *sparetech.Client {
		c, err := sparetech.NewClient(srv.Credentials(), append([]sparetech.Option{sparetech.WithBaseURL(srv.URL()), sparetech.WithHTTPClient(hc), sparetech.WithRetry(0, 0, 0)}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := newClient()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	no := false

	_, err = c.Schema.Export(ctx)
	must("export", err)
	_, err = c.Schema.Import(ctx)
	must("import", err)
	for _, err := range c.CreationIntents.All(ctx, sparetech.ListParams{Status: sparetech.StatusReady}) {
		must("creation all", err)
	}
	_, err = c.CreationIntents.List(ctx, sparetech.ListParams{Limit: 2, Page: 1, CreatedFrom: srvDay(10), CreatedTo: srvDay(20)})
	must("creation list", err)
	_, err = c.ChangeIntents.List(ctx, sparetech.ListParams{Status: sparetech.StatusReady, ChangesOnly: &no})
	must("change list", err)
	_, err = c.ExtensionIntents.List(ctx, sparetech.ListParams{Status: sparetech.StatusReady})
	must("extension list", err)
	_, err = c.CreationIntents.Get(ctx, "904134")
	must("creation get", err)
	_, err = c.ChangeIntents.GetFull(ctx, "904210")
	must("change get", err)
	_, err = c.ExtensionIntents.Get(ctx, "904310")
	must("extension get", err)
	_, err = c.CreationIntents.Get(ctx, "404")
	if !errors.Is(err, sparetech.ErrNotFound) {
		t.Errorf("unknown intent: %v", err)
	}

	_, err = c.CreationIntents.Confirm(ctx, "904134", "MAT-1")
	must("creation confirm", err)
	must("creation reject", c.CreationIntents.Reject(ctx, "904135", "duplicate"))
	must("change confirm", c.ChangeIntents.Confirm(ctx, "904210"))
	must("change reject", c.ChangeIntents.Reject(ctx, "904211", "wrong plant"))
	must("extension confirm", c.ExtensionIntents.Confirm(ctx, "904310"))
	must("extension reject", c.ExtensionIntents.Reject(ctx, "904310", "again"))

	mat := sparetech.Material{"Materialnummer": "MAT00001", "[MANU]": "Sparetech", "[WERK]": "1000"}
	must("material create", c.Materials.Create(ctx, mat))
	if err := c.Materials.Create(ctx, mat); !errors.Is(err, sparetech.ErrMaterialExists) {
		t.Errorf("create again: %v", err)
	}
	must("material update", c.Materials.Update(ctx, "MAT00001", sparetech.Material{"[TYP]": "SPT"}))
	if err := c.Materials.Update(ctx, "MAT00001", sparetech.Material{"Materialnummer": "X"}); !errors.Is(err, sparetech.ErrInvalidMaterialReference) {
		t.Errorf("update with another reference: %v", err)
	}
	must("material extend", c.Materials.Extend(ctx, "MAT00001", sparetech.MaterialExtension{"[WERK]": "2000", "[EKGRP]": "HH"}))
	if err := c.Materials.Extend(ctx, "MAT00001", sparetech.MaterialExtension{"[WERK]": "2000"}); !errors.Is(err, sparetech.ErrPlantAlreadyIncluded) {
		t.Errorf("extend twice: %v", err)
	}
	if err := c.Materials.Extend(ctx, "MAT00001", sparetech.MaterialExtension{"[WERK]": "3000", "[MANU]": "x"}); !errors.Is(err, sparetech.ErrMaterialFieldsInExtension) {
		t.Errorf("extend with material fields: %v", err)
	}

	matnr, maktx, minbe := "MAT00002", "Kugellager", 4.0
	must("v2 upsert", c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{MARA: sparetech.MARA{
		MATNR: matnr, MAKT: &[]sparetech.MAKT{{SPRAS: "D", MAKTX: &maktx}},
		MARC: &[]sparetech.MARC{{WERKS: "1000", MINBE: &minbe, MARD: &[]sparetech.MARD{{LGORT: "0001"}}}},
	}}))
	must("v2 creation confirm", c.IntentsV2.ConfirmCreation(ctx, "904136", "MAT-3"))
	must("v2 creation reject", c.IntentsV2.RejectCreation(ctx, "904136", "late"))
	must("v2 change confirm", c.IntentsV2.ConfirmChange(ctx, "904211"))
	must("v2 change reject", c.IntentsV2.RejectChange(ctx, "904211", "late"))
	must("v2 extension confirm", c.IntentsV2.ConfirmExtension(ctx, "904310"))
	must("v2 extension reject", c.IntentsV2.RejectExtension(ctx, "904310", "late"))

	// The other token endpoints: v2 /oauth/token and both deprecated /auth.
	_, err = newClient(sparetech.WithTokenURL(srv.URLV2() + "/oauth/token")).Schema.Export(ctx)
	must("v2 token", err)
	_, err = newClient(sparetech.WithLegacyAuth()).Schema.Export(ctx)
	must("v1 legacy token", err)
	_, err = newClient(sparetech.WithLegacyAuth(), sparetech.WithTokenURL(srv.URLV2()+"/auth")).Schema.Export(ctx)
	must("v2 legacy token", err)
}

// srvDay is a day of December 2022, when the default seed was created.
func srvDay(d int) time.Time { return time.Date(2022, 12, d, 0, 0, 0, 0, time.UTC) }
