package eryxon_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func smallDataset() eryxon.Dataset {
	d := eryxon.Dataset{
		Cells: []eryxon.Cell{{ExternalID: "WC-1", ExternalSource: "SAP", Name: "Laser", Sequence: 1},
			{ExternalID: "WC-2", ExternalSource: "SAP", Name: "Bend", Sequence: 2}},
		Resources: []eryxon.Resource{{ExternalID: "R-1", ExternalSource: "SAP", Name: "Press brake", Type: eryxon.ResourceEquipment}},
	}
	for j := range 3 {
		jid := fmt.Sprint("SO-", j)
		d.Jobs = append(d.Jobs, eryxon.Job{ExternalID: jid, ExternalSource: "SAP", JobNumber: fmt.Sprint("J-", j)})
		for p := range 2 {
			pid := fmt.Sprint(jid, "-", p)
			d.Parts = append(d.Parts, eryxon.Part{ExternalID: pid, ExternalSource: "SAP", JobExternalID: jid, PartNumber: pid, Material: "S235"})
			for o, cell := range []string{"Laser", "Bend"} {
				d.Operations = append(d.Operations, eryxon.Operation{ExternalID: fmt.Sprint(pid, "-", o), ExternalSource: "SAP",
					PartExternalID: pid, CellName: cell, OperationName: cell, Sequence: o + 1, EstimatedTimeMinutes: 10})
			}
		}
	}
	return d
}

func TestInitialSyncOrderAndLinks(t *testing.T) {
	srv, c := newFake(t)
	var stages []string
	rep, err := eryxon.InitialSync(context.Background(), c, smallDataset(), eryxon.WithStageProgress(func(stage string, done, total int) {
		if done == total {
			stages = append(stages, fmt.Sprintf("%s %d", stage, total))
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(stages, ","); got != "cells 2,resources 1,jobs 3,parts 6,operations 12" {
		t.Fatalf("stages %s", got)
	}
	for _, s := range rep.Stages {
		if s.Failed != 0 || s.Created != s.Total {
			t.Fatalf("stage %+v", s)
		}
	}
	ops := srv.Rows("operations")
	if len(ops) != 12 {
		t.Fatalf("operations %d", len(ops))
	}
	laser, _ := srv.Lookup("cells", "SAP", "WC-1")
	part0, _ := srv.Lookup("parts", "SAP", "SO-0-0")
	if ops[0]["cell_id"] != laser || ops[0]["part_id"] != part0 {
		t.Fatalf("operation links %v", ops[0])
	}
	var paths []string
	for _, r := range srv.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	want := "POST /api-cells/bulk-sync,POST /api-resources/bulk-sync,POST /api-jobs/bulk-sync,GET /api-jobs,POST /api-parts/bulk-sync,GET /api-parts,GET /api-cells,POST /api-operations/bulk-sync"
	if got := strings.Join(paths, ","); got != want {
		t.Fatalf("requests\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(rep.String(), "operations") {
		t.Fatal(rep.String())
	}
}

func TestInitialSyncChildrenOfFailedParentsAreNotSent(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithDocShape())
	d := smallDataset()
	d.Jobs[1].Status = "pending" // rejected by the client: its parts and operations are not sent
	d.Parts[5].Material = ""     // part SO-2-1: the server fails it (NOT NULL); its operations are not sent
	rep, err := eryxon.InitialSync(context.Background(), c, d)
	if err != nil {
		t.Fatal(err)
	}
	jobs, parts, ops := rep.Stage(eryxon.StageJobs), rep.Stage(eryxon.StageParts), rep.Stage(eryxon.StageOperations)
	if jobs.Failed != 1 || jobs.Failures[0].ExternalID != "SO-1" || !errors.Is(jobs.Failures[0].Err, eryxon.ErrInvalidInput) {
		t.Fatalf("jobs %+v", jobs)
	}
	if parts.Failed != 3 || parts.NotSent != 2 || parts.Created != 3 || parts.Failures[0].Index != 2 ||
		!errors.Is(parts.Failures[0].Err, eryxon.ErrParentFailed) || parts.Failures[2].ExternalID != "SO-2-1" ||
		!strings.Contains(parts.Failures[2].Err.Error(), "material") {
		t.Fatalf("parts %+v", parts)
	}
	if ops.Failed != 6 || ops.NotSent != 6 || ops.Created != 6 || !errors.Is(ops.Failures[0].Err, eryxon.ErrParentFailed) ||
		ops.Failures[5].ExternalID != "SO-2-1-1" {
		t.Fatalf("operations %+v", ops)
	}
	// With the published shape, ids come back with the results: no lists needed.
	for _, r := range srv.Requests() {
		if r.Method == "GET" {
			t.Fatalf("listed %s", r.Path)
		}
		if strings.Contains(string(r.Body), "SO-1-") {
			t.Fatalf("sent a child of the failed job: %s", r.Path)
		}
	}
}

func TestInitialSyncStopsOnRateLimit(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithDailyLimit(3))
	rep, err := eryxon.InitialSync(context.Background(), c, smallDataset())
	if !errors.Is(err, eryxon.ErrRateLimited) {
		t.Fatalf("err %v", err)
	}
	// cells, resources, jobs use the budget; the list of jobs is refused.
	if rep.Stage(eryxon.StageJobs).Created != 3 {
		t.Fatalf("jobs %+v", rep.Stage(eryxon.StageJobs))
	}
	for _, name := range []string{eryxon.StageParts, eryxon.StageOperations} {
		s := rep.Stage(name)
		if s.Failed != s.Total || s.NotSent != s.Total {
			t.Fatalf("%s %+v", name, s)
		}
		for _, f := range s.Failures {
			if !f.NotSent() || !errors.Is(f.Err, eryxon.ErrRateLimited) {
				t.Fatalf("%s: %+v", name, f)
			}
		}
	}
	if srv.RequestCount() != 4 {
		t.Fatalf("requests %d", srv.RequestCount())
	}
}
