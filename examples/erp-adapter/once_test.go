package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/sparetech"
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
	res := runAdapter(t, hooks{onFake: f1.hook}, "-once", "-only", "sparetech,spr,gks", "-erp", path)
	if res.code != 0 {
		t.Fatalf("exit code %d, want 0\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, s := range systems[:3] {
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
		want := map[string]string{"904134": "SED1234", "904135": "6205-2RSH", "904136": "DSNU-25-100-PPV-A"}
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
			if m.MPN != mpn || !m.Sparetech.Confirmed || !strings.HasPrefix(m.Number, "MAT-") {
				t.Errorf("material from %s = %+v, want MPN %s, confirmed", id, m, mpn)
			}
			out, ok := st.Outcome(id)
			if !ok || !out.Confirmed || out.MaterialNumber != m.Number {
				t.Errorf("SPARETECH outcome of %s = %+v, want confirmed with %s", id, out, m.Number)
			}
		}
		if got := material(t, d, "MAT-000101").Description; got != "Proximity sensor M12, PNP" {
			t.Errorf("change intent 904210 not applied: description %q", got)
		}
		if got := material(t, d, "MAT-000102").MPN; got != "NBB5-18GM50-E2" {
			t.Errorf("change intent 904211 not applied: MPN %q", got)
		}
		plants := material(t, d, "MAT-000101").Plants
		if len(plants) != 2 || plants[1].Plant != "2000" || plants[1].PurchasingGroup != "HH" {
			t.Errorf("extension intent 904310 not applied: plants %+v", plants)
		}
		for _, id := range []string{"904210", "904211", "904310"} {
			if s, _ := st.IntentStatus(id); s != sparetech.StatusDone {
				t.Errorf("intent %s status %q, want Done", id, s)
			}
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
		if d.Sync.Cursors["sparetech"] != d.LastSeq() {
			t.Errorf("push cursor %d, want the log head %d", d.Sync.Cursors["sparetech"], d.LastSeq())
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

	// The second run: same ERP file, fresh fakes (a new process).
	var f2 fakes
	res2 := runAdapter(t, hooks{onFake: f2.hook}, "-once", "-only", "sparetech,spr,gks", "-erp", path)
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
}
