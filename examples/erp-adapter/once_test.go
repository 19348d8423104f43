package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// TestOnceOnFakes runs the whole program with -once on the fakes, checks
// the ERP file afterwards and what the fakes received, then runs it a
// second time on the same ERP file and checks that nothing non-idempotent
// happens twice.
func TestOnceOnFakes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	var f1 fakes
	res := runAdapter(t, hooks{onFake: f1.hook}, "-once", "-erp", path)
	if res.code != 0 {
		t.Fatalf("exit code %d, want 0\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, s := range systems {
		if f1.get(s) == nil {
			t.Errorf("no fake started for %s", s)
		}
		if !strings.Contains(res.stdout, "  "+s+" ") {
			t.Errorf("summary has no line for %s:\n%s", s, res.stdout)
		}
	}
	if strings.Contains(res.stdout, "FAILED") {
		t.Errorf("a job failed:\n%s", res.stdout)
	}
	d := readERP(t, path)

	t.Run("sparetech", func(t *testing.T) {
		st := f1.get("sparetech").(*sparetechtest.Server)
		want := map[string]string{"904501": "KT-4410", "904502": "6205-2RSH", "904503": "DSNU-25-100-PPV-A"}
		for id, mpn := range want {
			var m *Material
			for _, c := range d.Materials {
				if c.Sparetech != nil && c.Sparetech.CreationIntent == id {
					m = c
				}
			}
			if m == nil {
				t.Fatalf("no material created from creation intent %s", id)
			}
			if m.MPN != mpn || !m.Sparetech.Confirmed || !strings.HasPrefix(m.Number, "MAT-0001") {
				t.Errorf("material from %s = %+v, want MPN %s, confirmed", id, m, mpn)
			}
			out, ok := st.Outcome(id)
			if !ok || !out.Confirmed || out.MaterialNumber != m.Number {
				t.Errorf("SPARETECH outcome of %s = %+v, want confirmed with %s", id, out, m.Number)
			}
		}
		if len(d.Materials) != 13 {
			t.Errorf("%d materials, want 10 + 3 created (the Done intent 904400 must be left alone)", len(d.Materials))
		}
		if got := material(t, d, "MAT-000101").Description; got != "Proximity sensor M12, PNP, 4 mm" {
			t.Errorf("change intent 904601 not applied: description %q", got)
		}
		if p := material(t, d, "MAT-000102").Plants; len(p) != 1 || p[0].PurchasingGroup != "HR" || p[0].MRPGroup != "HR2" {
			t.Errorf("change intent 904602 (plant 1000) not applied: %+v", p)
		}
		plants := material(t, d, "MAT-000101").Plants
		if len(plants) != 2 || plants[1].Plant != "2000" || plants[1].PurchasingGroup != "HH" || plants[1].MRPGroup != "HR1" {
			t.Errorf("extension intent 904701 not applied: plants %+v", plants)
		}
		for _, id := range []string{"904601", "904602", "904701"} {
			if out, _ := st.Outcome(id); !out.Confirmed {
				t.Errorf("intent %s: %+v, want confirmed", id, out)
			}
		}
		if out, _ := st.Outcome("904702"); !out.Rejected || !strings.Contains(out.Message, "MAT-000999") {
			t.Errorf("intent 904702 for a material the ERP lacks: %+v, want rejected with a reason", out)
		}
		if _, ok := st.Outcome("904400"); ok {
			t.Error("the Done intent 904400 was confirmed or rejected again")
		}
		// The ERP's own changes (change log) went out with Materials.Update.
		puts := countRequests(st.Requests(), func(r sparetechtest.Request) bool {
			return r.Method == "PUT" && strings.HasPrefix(r.Path, "/v1/material/")
		})
		if puts != 2 {
			t.Errorf("%d material updates sent, want 2 (MAT-000104, MAT-000107)", puts)
		}
		if got := st.Materials()["MAT-000104"]["[DESC]"]; got != "Brake disc, front, vented" {
			t.Errorf("SPARETECH has MAT-000104 [DESC] %v", got)
		}
		for _, c := range d.Changes {
			if c.Source == "erp" && c.Seq > d.Sync.Cursors["sparetech"] {
				t.Errorf("ERP change %+v is after the push cursor %d", c, d.Sync.Cursors["sparetech"])
			}
		}
	})

	t.Run("spr", func(t *testing.T) {
		m := material(t, d, "MAT-000104")
		if m.SPR == nil || m.SPR.Price == nil || m.SPR.Price.Value != 760 || m.SPR.ListPrice.Value != 980 {
			t.Fatalf("SPR price of MAT-000104 not recorded: %+v", m.SPR)
		}
		if len(m.SPR.Stock) != 3 || m.SPR.Stock[1].BranchName != "Monterrey" || m.SPR.Stock[1].Quantity != 22 {
			t.Errorf("SPR stock of MAT-000104 = %+v", m.SPR.Stock)
		}
		var created *Material // KT-4410 came from SPARETECH earlier in the same run
		for _, m := range d.Materials {
			if m.MPN == "KT-4410" {
				created = m
			}
		}
		if created == nil || created.SPR == nil || created.SPR.Price == nil || created.SPR.Price.Value != 1215 {
			t.Errorf("material created from SPARETECH not priced from SPR: %+v", created)
		}
		if s := material(t, d, "MAT-000110").SPR; s == nil || !s.NotFound {
			t.Errorf("MAT-000110 (not in SPR) = %+v, want NotFound", s)
		}
		if material(t, d, "MAT-000108").SPR != nil {
			t.Error("MAT-000108 has no MPN and must not be looked up")
		}
		sp := f1.get("spr").(*sprtest.Server)
		gets := countRequests(sp.APIRequests(), func(r sprtest.Request) bool {
			return r.Method == "GET" && strings.HasPrefix(r.Path, "/es_MX/api/products/")
		})
		if gets != 11 { // 8 sample materials with an MPN + 3 created from SPARETECH intents
			t.Errorf("%d product lookups, want 11", gets)
		}
	})

	t.Run("gks", func(t *testing.T) {
		g := f1.get("gks").(*gkstest.Server)
		for _, n := range []string{"SO-5001", "SO-5002", "SO-5003"} {
			o := salesOrder(t, d, n)
			if o.Status != OrderPlaced || o.GKS == nil || o.GKS.PlacedAt.IsZero() || o.GKS.OrderNumber == "" {
				t.Errorf("%s = %+v, want placed with a GKS4 number", n, o)
			}
		}
		if o := salesOrder(t, d, "SO-4999"); o.GKS.OrderNumber != "" {
			t.Errorf("SO-4999 was placed before and must not be sent again: %+v", o.GKS)
		}
		orders := g.Orders()
		if len(orders) != 3 {
			t.Fatalf("GKS4 received %d orders, want 3", len(orders))
		}
		var body map[string]any
		if err := json.Unmarshal(orders[0].Body, &body); err != nil || body["customerNumber"] != "C-10001" || body["purchaseOrderNumber"] != "PO-7744" {
			t.Errorf("first order body %s", orders[0].Body)
		}
		for _, c := range []string{"C-10001", "C-10002", "C-10003"} {
			if _, ok := g.Customer(c); !ok {
				t.Errorf("customer %s does not exist in GKS4", c)
			}
		}
		creates := countRequests(g.Requests(), func(r gkstest.Request) bool { return r.Method == "POST" && r.Path == "/api/v1/customers" })
		if creates != 2 {
			t.Errorf("%d customers created, want 2 (C-10001 existed)", creates)
		}
	})

	t.Run("eryxon", func(t *testing.T) {
		if d.Sync.EryxonInitialSync.IsZero() {
			t.Fatal("the initial sync is not recorded")
		}
		e := f1.get("eryxon").(*eryxontest.Server)
		check := func(what, key, id string) {
			t.Helper()
			if id == "" {
				t.Errorf("%s %s has no Eryxon id", what, key)
			}
		}
		for _, wc := range d.WorkCentres {
			check("work centre", wc.ID, wc.EryxonID)
		}
		for _, tl := range d.Tools {
			check("tool", tl.ID, tl.EryxonID)
		}
		ops := 0
		for _, jb := range d.Jobs {
			check("job", jb.Number, jb.EryxonID)
			for _, p := range jb.Parts {
				check("part", p.ID, p.EryxonID)
				for _, op := range p.Routing {
					check("operation", op.ID, op.EryxonID)
					ops++
				}
			}
		}
		want := map[string]int{"cells": 5, "resources": 4, "jobs": 3, "parts": 4, "operations": ops}
		for table, n := range want {
			if got := len(e.Rows(table)); got != n {
				t.Errorf("Eryxon has %d %s, want %d", got, table, n)
			}
		}
	})

	t.Run("servicemobility", func(t *testing.T) {
		if len(d.ServiceOrders) != 1 {
			t.Fatalf("%d service orders in the ERP, want the demo order", len(d.ServiceOrders))
		}
		so := d.ServiceOrders[0]
		want := []ServiceOrderLine{
			{Part: "MAT-000105", Quantity: 2, Source: "erp:1000/VAN07"},
			{Part: "DE-814", Quantity: 2, Source: "spr:Monterrey"}, // ERP stock 0; SPR Monterrey has 22
			{Part: "CT1028K1", Quantity: 3, Source: "unavailable"},
		}
		if so.WorkOrder != "WO-88123" || len(so.Lines) != len(want) {
			t.Fatalf("service order = %+v", so)
		}
		for i, l := range want {
			if so.Lines[i] != l {
				t.Errorf("line %d = %+v, want %+v", i, so.Lines[i], l)
			}
		}
		for _, s := range material(t, d, "MAT-000105").Stock {
			if s.Location == "1000/VAN07" && s.Quantity != 0 {
				t.Errorf("VAN07 stock of MAT-000105 = %g, want 0 after picking 2", s.Quantity)
			}
		}
		relays := f1.get("servicemobility").(*servicemobilitytest.Server).Relays()
		if len(relays) != 1 || relays[0].StatusCode != 200 || relays[0].Header.Get("x-access-token") == "" {
			t.Fatalf("relays = %+v, want one answered 200 with x-access-token", relays)
		}
		var resp servicemobility.PartsOrderResponse
		if err := json.Unmarshal(relays[0].ResponseBody, &resp); err != nil {
			t.Fatal(err)
		}
		if resp.Status != statusNotAllSourced || len(resp.Orders) != 3 || resp.Orders[0].PartOrderNum != "SM-00001-ERP" {
			t.Errorf("endpoint answered %s", relays[0].ResponseBody)
		}
		if !strings.Contains(res.stdout, "parts order SM-00001 (work order WO-88123)") {
			t.Errorf("summary does not report the demo order:\n%s", res.stdout)
		}
	})

	// The second run: same ERP file, fresh fakes (a new process).
	var f2 fakes
	res2 := runAdapter(t, hooks{onFake: f2.hook}, "-once", "-erp", path)
	if res2.code != 0 {
		t.Fatalf("second run: exit code %d\nstdout:\n%s\nstderr:\n%s", res2.code, res2.stdout, res2.stderr)
	}
	d2 := readERP(t, path)
	if g := f2.get("gks").(*gkstest.Server); len(g.Orders()) != 0 {
		t.Errorf("second run placed %d sales orders again", len(g.Orders()))
	}
	if len(d2.Materials) != len(d.Materials) {
		t.Errorf("second run: %d materials, want %d (no duplicates from re-listed intents)", len(d2.Materials), len(d.Materials))
	}
	// The fresh fake lists the same creation intents again: the summary
	// must not claim new materials for them.
	for _, want := range []string{"0 materials created from creation intents", "3 creation intents confirmed with materials created earlier",
		"creation intent 904501 (SPR KT-4410) -> material created for it earlier, MAT-000111, confirmed"} {
		if !strings.Contains(res2.stdout, want) {
			t.Errorf("second run's summary lacks %q:\n%s", want, res2.stdout)
		}
	}
}
