package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// TestIntervalRunsIncrementally runs the adapter as a service (no -once):
// between its first and second run the ERP's users change a job, an
// operation and a material and add a tool. The second run, against the
// same fakes, sends exactly those changes and repeats nothing else.
func TestIntervalRunsIncrementally(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var f fakes
	var afterFirst []eryxontest.Request
	var out, errOut bytes.Buffer
	code := runWith(ctx, []string{"-interval", "1ms", "-erp", path}, &out, &errOut, hooks{
		getenv: noEnv,
		onFake: f.hook,
		afterRun: func(n int) {
			switch n {
			case 1:
				afterFirst = f.get("eryxon").(*eryxontest.Server).Requests()
				editERP(t, path)
			case 2:
				cancel()
			}
		},
	})
	if code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
	stdout := out.String()
	if !strings.Contains(stdout, "summary of run 2") || strings.Contains(stdout, "run 3") || strings.Contains(stdout, "FAILED") {
		t.Fatalf("want exactly two good runs:\n%s", stdout)
	}

	e := f.get("eryxon").(*eryxontest.Server)
	second := e.Requests()[len(afterFirst):]
	var syncs []string
	for _, r := range second {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/sync") {
			syncs = append(syncs, r.Path)
		} else if r.Method != "GET" {
			t.Errorf("second run sent %s %s; only per-record syncs expected", r.Method, r.Path)
		}
	}
	want := []string{"/api-resources/sync", "/api-jobs/sync", "/api-operations/sync"}
	if strings.Join(syncs, " ") != strings.Join(want, " ") {
		t.Errorf("second run synced %v, want %v (parents first, one per changed record)", syncs, want)
	}
	if !strings.Contains(stdout, "incremental sync: 3 changed records (1 created, 2 updated)") {
		t.Errorf("summary does not show the incremental sync:\n%s", stdout)
	}
	found := false
	for _, row := range e.Rows("jobs") {
		if row["external_id"] == "J-24001" {
			found = true
			if p, _ := row["priority"].(float64); p != 9 {
				t.Errorf("J-24001 in Eryxon has priority %v, want 9", row["priority"])
			}
		}
	}
	if !found || len(e.Rows("jobs")) != 3 {
		t.Errorf("Eryxon jobs: %v; want J-24001 updated in place, no duplicate", e.Rows("jobs"))
	}

	if n := len(f.get("gks").(*gkstest.Server).Orders()); n != 3 {
		t.Errorf("GKS4 received %d sales orders over two runs, want 3 (each once)", n)
	}
	st := f.get("sparetech").(*sparetechtest.Server)
	puts := countRequests(st.Requests(), func(r sparetechtest.Request) bool { return r.Method == "PUT" })
	if puts != 3 || st.Materials()["MAT-000103"]["[DESC]"] != "Wheel hub bearing, front, ABS" {
		t.Errorf("%d material updates, MAT-000103 = %v; want 2 + the one edited between runs", puts, st.Materials()["MAT-000103"])
	}
	confirms := countRequests(st.Requests(), func(r sparetechtest.Request) bool { return strings.HasSuffix(r.Path, "/confirm") })
	if confirms != 6 {
		t.Errorf("%d confirms over two runs, want 6 (the first run's; Done intents are not listed again)", confirms)
	}

	d := readERP(t, path)
	for _, tl := range d.Tools {
		if tl.EryxonID == "" {
			t.Errorf("tool %s has no Eryxon id", tl.ID)
		}
	}
	for _, c := range d.Changes {
		if c.Entity != EntityMaterial && c.Seq > d.Sync.Cursors["eryxon"] {
			t.Errorf("change %+v is after the eryxon cursor %d", c, d.Sync.Cursors["eryxon"])
		}
	}
}

// editERP changes the ERP file as its users would, logging each change.
func editERP(t *testing.T, path string) {
	t.Helper()
	d := readERP(t, path)
	now := time.Now()
	d.Jobs[0].Priority = 9
	d.LogChange(EntityJob, d.Jobs[0].Number, "erp", now)
	op := d.Jobs[1].Parts[0].Routing[2]
	op.EstimatedMinutes = 75
	d.LogChange(EntityOperation, op.ID, "erp", now)
	d.Tools = append(d.Tools, &Tool{ID: "TL-0005", Name: "Weld clamp set", Type: "fixture", Status: "available"})
	d.LogChange(EntityTool, "TL-0005", "erp", now)
	d.Material("MAT-000103").Description = "Wheel hub bearing, front, ABS"
	d.LogChange(EntityMaterial, "MAT-000103", "erp", now)
	raw, err := json.MarshalIndent(&d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
