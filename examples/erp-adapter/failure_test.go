package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// TestJobFailureExitsNonZero: a failing system fails the run (exit 1, FAILED
// in the summary, the error printed) while the other jobs still run.
func TestJobFailureExitsNonZero(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	var f fakes
	res := runAdapter(t, hooks{onFake: func(system string, srv any) {
		f.hook(system, srv)
		if st, ok := srv.(*sparetechtest.Server); ok {
			st.InjectFault(sparetechtest.Fault{Status: http.StatusInternalServerError, Method: "GET", PathPrefix: "/v1/creation-intents"}, 10)
		}
	}}, "-once", "-only", "sparetech,spr", "-erp", path)
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1\nstdout:\n%s", res.code, res.stdout)
	}
	if !strings.Contains(res.stdout, "sparetech  FAILED") || !strings.Contains(res.stdout, "500") {
		t.Errorf("summary does not show the failure:\n%s", res.stdout)
	}
	if !strings.Contains(res.stdout, "spr        ok") {
		t.Errorf("spr did not run after sparetech failed:\n%s", res.stdout)
	}
	d := readERP(t, path)
	if _, ok := d.Sync.LastRun["sparetech"]; ok {
		t.Error("a failed job must not record a successful run")
	}
	if _, ok := d.Sync.LastRun["spr"]; !ok {
		t.Error("spr's successful run is not recorded")
	}
	if sp := f.get("spr").(*sprtest.Server); len(sp.APIRequests()) == 0 {
		t.Error("spr sent no requests")
	}
}

// TestUnknownOutcomeIsNeverResent: when the connection drops after GKS4 has
// received a sales order, the order may or may not exist. The run fails,
// the order stays "placing" in the ERP, and the next run does not send it
// again (placing an order is not idempotent).
func TestUnknownOutcomeIsNeverResent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	var f1 fakes
	res := runAdapter(t, hooks{onFake: func(system string, srv any) {
		f1.hook(system, srv)
		if g, ok := srv.(*gkstest.Server); ok {
			g.InjectFault(1, gkstest.Fault{Method: "POST", Path: "/api/v1/salesorders", Reset: gkstest.ResetAfterBody})
		}
	}}, "-once", "-only", "gks", "-erp", path)
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1\nstdout:\n%s", res.code, res.stdout)
	}
	if !strings.Contains(res.stdout, "SO-5001: placing it may or may not have worked") {
		t.Errorf("the unknown outcome is not reported:\n%s", res.stdout)
	}
	d := readERP(t, path)
	if o := salesOrder(t, d, "SO-5001"); o.Status != OrderPlacing || o.GKS == nil || o.GKS.Error == "" {
		t.Errorf("SO-5001 = %+v, want placing with the error", o)
	}
	for _, n := range []string{"SO-5002", "SO-5003"} {
		if o := salesOrder(t, d, n); o.Status != OrderPlaced {
			t.Errorf("%s = %q, want placed: one order's failure must not stop the others", n, o.Status)
		}
	}
	if got := len(f1.get("gks").(*gkstest.Server).Orders()); got != 2 {
		t.Errorf("GKS4 stored %d orders, want 2", got)
	}

	var f2 fakes
	res2 := runAdapter(t, hooks{onFake: f2.hook}, "-once", "-only", "gks", "-erp", path)
	if res2.code != 0 {
		t.Fatalf("second run: exit code %d\n%s", res2.code, res2.stdout)
	}
	g2 := f2.get("gks").(*gkstest.Server)
	posts := countRequests(g2.Requests(), func(r gkstest.Request) bool { return r.Method == "POST" && r.Path == "/api/v1/salesorders" })
	if posts != 0 {
		t.Errorf("second run sent %d sales orders; SO-5001 must wait for a human", posts)
	}
	if !strings.Contains(res2.stdout, "1 need checking") {
		t.Errorf("second run does not remind of SO-5001:\n%s", res2.stdout)
	}
}
