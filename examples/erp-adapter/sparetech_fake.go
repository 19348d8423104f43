package main

import (
	"time"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// newSparetechFake starts the SPARETECH fake with intents that match the
// sample ERP: three new materials (one of them an auto part SPR knows), a
// change of a description, a change of plant data, an extension to a new
// plant, an intent for a material the ERP does not have (rejected), and an
// intent that is already Done (left alone). Its material master starts as a
// copy of the ERP's, as if the two had been in step before.
func newSparetechFake(a *adapter) *sparetechtest.Server {
	srv := sparetechtest.NewServer(sparetechtest.WithoutSeed())
	at := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }
	alice, bob := sparetech.User{Email: "alice@demo-fab.example"}, sparetech.User{Email: "bob@demo-fab.example"}
	srv.SeedCreationIntent(sparetech.CreationIntent{ID: "904501", CreatedAt: at(18, 9), CreatedBy: alice, ApprovedBy: bob,
		Metadata: map[string]any{"MANU": "SPR", "ART_NUM": "KT-4410", "TYP": "Pump", "DESC": "Water pump kit"}})
	srv.SeedCreationIntent(sparetech.CreationIntent{ID: "904502", CreatedAt: at(18, 10), CreatedBy: alice, ApprovedBy: bob,
		Metadata: map[string]any{"MANU": "SKF", "ART_NUM": "6205-2RSH", "TYP": "Bearing", "DESC": "Deep groove ball bearing 25x52x15"}})
	srv.SeedCreationIntent(sparetech.CreationIntent{ID: "904503", CreatedAt: at(19, 14), CreatedBy: bob,
		Metadata: map[string]any{"[MANU]": "Festo", "[ART_NUM]": "DSNU-25-100-PPV-A", "[DESC]": "Round cylinder 25x100"}})
	srv.SeedCreationIntent(sparetech.CreationIntent{ID: "904400", CreatedAt: at(2, 8), CreatedBy: alice, Status: sparetech.StatusDone,
		Metadata: map[string]any{"MANU": "Siemens", "ART_NUM": "6ES7214-1AG40-0XB0", "DESC": "PLC CPU 1214C"}})
	srv.SeedChangeIntent(sparetech.ChangeIntent{ID: "904601", CreatedAt: at(20, 10), CreatedBy: bob, ApprovedBy: alice,
		MaterialNumber: "MAT-000101", Metadata: map[string]any{"DESC": "Proximity sensor M12, PNP, 4 mm"}},
		map[string]any{"MANU": "ifm", "ART_NUM": "IFS204"})
	srv.SeedChangeIntent(sparetech.ChangeIntent{ID: "904602", CreatedAt: at(20, 11), CreatedBy: bob, ApprovedBy: alice,
		MaterialNumber: "MAT-000102", Plant: "1000", Metadata: map[string]any{"EKGRP": "HR", "DISGR": "HR2"}},
		map[string]any{"WERK": "1000"})
	srv.SeedExtensionIntent(sparetech.ExtensionIntent{ID: "904701", CreatedAt: at(21, 9), CreatedBy: alice, ApprovedBy: bob,
		MaterialNumber: "MAT-000101", Metadata: map[string]any{"WERK": "2000", "EKGRP": "HH", "DISGR": "HR1"}})
	srv.SeedExtensionIntent(sparetech.ExtensionIntent{ID: "904702", CreatedAt: at(21, 10), CreatedBy: alice,
		MaterialNumber: "MAT-000999", Metadata: map[string]any{"WERK": "3000", "EKGRP": "HH"}})
	a.erp.View(func(d *Data) {
		for _, m := range d.Materials {
			srv.SeedMaterial(sparetech.Material(materialRecord(m, nil)))
		}
	})
	return srv
}
