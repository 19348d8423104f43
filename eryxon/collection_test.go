package eryxon_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestJobSyncSendsColumnNames(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	job := eryxon.Job{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1", Customer: "Acme",
		DueDate: due, Priority: 5, Notes: "rush", Status: eryxon.JobInProgress, Metadata: map[string]any{"plant": "1000"}}
	res, err := c.Jobs.Sync(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != eryxon.ActionCreated || res.Item.ID == "" || res.Item.Customer != "Acme" || !res.Item.DueDate.Equal(due) ||
		res.Item.Status != eryxon.JobInProgress || res.Item.Priority != 5 || res.Item.Metadata["plant"] != "1000" {
		t.Fatalf("result: %+v", res)
	}
	r := srv.Requests()[0]
	if r.Method != "PUT" || r.Path != "/api-jobs/sync" || len(r.Query) != 0 || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("request: %s %s %v", r.Method, r.Path, r.Query)
	}
	body := bodyOf(t, r.Body)
	want := []string{"customer", "due_date", "external_id", "external_source", "job_number", "metadata", "notes", "priority", "status"}
	if got := keys(body); !reflect.DeepEqual(got, want) || body["due_date"] != "2026-12-31" {
		t.Fatalf("body keys %v, due %v", got, body["due_date"])
	}
	job.Notes = "rush, confirmed"
	res, err = c.Jobs.Sync(ctx, job)
	if err != nil || res.Action != eryxon.ActionUpdated || res.Item.Notes != "rush, confirmed" {
		t.Fatalf("update: %+v %v", res, err)
	}
}

func TestSyncResolvesLinksAndNeverSendsThem(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	// A job and a cell that exist already: resolved through one list each.
	jobID := srv.Insert("jobs", map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"})
	cellID := srv.Insert("cells", map[string]any{"external_id": "WC-1", "external_source": "SAP", "name": "Laser", "sequence": 1})
	part, err := c.Parts.Sync(ctx, eryxon.Part{ExternalID: "P-1", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "BRACKET", Material: "S235", Quantity: 4})
	if err != nil {
		t.Fatal(err)
	}
	if part.Item.JobID != jobID || part.Item.JobExternalID != "SO-1" || part.Item.Quantity != 4 {
		t.Fatalf("part: %+v", part.Item)
	}
	// The part's id is known from its sync: no list of parts is needed.
	op, err := c.Operations.Sync(ctx, eryxon.Operation{ExternalID: "O-1", ExternalSource: "SAP", PartExternalID: "P-1",
		CellName: "Laser", OperationName: "Cut", Sequence: 1, EstimatedTimeMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if op.Item.PartID != part.Item.ID || op.Item.CellID != cellID || op.Item.CellName != "Laser" || op.Item.EstimatedTimeMinutes != 30 {
		t.Fatalf("operation: %+v", op.Item)
	}
	var paths []string
	for _, r := range srv.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
		if r.Method == "GET" && r.Query.Get("limit") != "1000" {
			t.Errorf("parent lists use the largest page: %v", r.Query)
		}
	}
	want := []string{"GET /api-jobs", "PUT /api-parts/sync", "GET /api-cells", "PUT /api-operations/sync"}
	if !reflect.DeepEqual(paths, want) {
		t.Fatalf("requests %v", paths)
	}
	reqs := srv.Requests()
	if got := keys(bodyOf(t, reqs[1].Body)); !reflect.DeepEqual(got, []string{"external_id", "external_source", "job_id", "material", "part_number", "quantity"}) {
		t.Fatalf("part body keys %v", got)
	}
	if got := keys(bodyOf(t, reqs[3].Body)); !reflect.DeepEqual(got, []string{"cell_id", "estimated_time", "external_id", "external_source", "operation_name", "part_id", "sequence"}) {
		t.Fatalf("operation body keys %v", got)
	}
}

func TestSyncUnresolvableParentSendsNothing(t *testing.T) {
	srv, c := newFake(t)
	_, err := c.Parts.Sync(context.Background(), eryxon.Part{ExternalID: "P-1", ExternalSource: "SAP", JobExternalID: "NOPE", PartNumber: "A", Material: "S"})
	if !errors.Is(err, eryxon.ErrParentNotFound) {
		t.Fatalf("got %v", err)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" {
			t.Fatalf("sent %s %s", r.Method, r.Path)
		}
	}
}

func TestSyncValidatesBeforeSending(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	for name, err := range map[string]error{
		"no external id": func() error {
			_, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalSource: "SAP", JobNumber: "J"})
			return err
		}(),
		"no source": func() error { _, err := c.Cells.Sync(ctx, eryxon.Cell{ExternalID: "C", Name: "n"}); return err }(),
		"priority": func() error {
			_, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "X", ExternalSource: "S", JobNumber: "J", Priority: 11})
			return err
		}(),
		"job status": func() error {
			_, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "X", ExternalSource: "S", JobNumber: "J", Status: "pending"})
			return err
		}(),
		"resource type": func() error {
			_, err := c.Resources.Sync(ctx, eryxon.Resource{ExternalID: "R", ExternalSource: "S", Name: "Mill", Type: "machine"})
			return err
		}(),
		"resource status": func() error {
			_, err := c.Resources.Sync(ctx, eryxon.Resource{ExternalID: "R", ExternalSource: "S", Name: "Mill", Type: eryxon.ResourceEquipment, Status: "broken"})
			return err
		}(),
		"operation sequence": func() error {
			_, err := c.Operations.Sync(ctx, eryxon.Operation{ExternalID: "O", ExternalSource: "S", PartID: "p", CellID: "c", OperationName: "Cut"})
			return err
		}(),
		"part without job": func() error {
			_, err := c.Parts.Sync(ctx, eryxon.Part{ExternalID: "P", ExternalSource: "S", PartNumber: "A"})
			return err
		}(),
	} {
		if !errors.Is(err, eryxon.ErrInvalidInput) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}

func TestSyncDocShapeAndResources(t *testing.T) {
	srv, c := newFake(t, eryxontest.WithDocShape())
	res, err := c.Resources.Sync(context.Background(), eryxon.Resource{ExternalID: "TOOL-1", ExternalSource: "SAP", Name: "CNC Mill #1",
		Type: eryxon.ResourceEquipment, Identifier: "MILL-001", Location: "Bay 3", Status: eryxon.ResourceAvailable})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := srv.Lookup("resources", "SAP", "TOOL-1")
	if res.Action != eryxon.ActionCreated || res.Item.ID != id || res.Item.Name != "CNC Mill #1" {
		t.Fatalf("result %+v (id %s)", res, id)
	}
	body := bodyOf(t, srv.Requests()[0].Body)
	if body["type"] != "equipment" || body["status"] != "available" || body["identifier"] != "MILL-001" {
		t.Fatalf("body %v", body)
	}
}

func TestSyncRetriesGatewayErrorsNot500(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	cell := eryxon.Cell{ExternalID: "C1", ExternalSource: "SAP", Name: "Cutting", Sequence: 1, Active: eryxon.Bool(false)}
	srv.FailNext(2, eryxontest.Fault{Status: 503})
	res, err := c.Cells.Sync(ctx, cell)
	if err != nil || res.Action != eryxon.ActionCreated || res.Item.Active == nil || *res.Item.Active {
		t.Fatalf("after two 503s: %+v %v", res, err)
	}
	if n := srv.RequestCount(); n != 3 {
		t.Fatalf("attempts %d", n)
	}
	srv.Reset()
	srv.FailNext(1, eryxontest.Fault{Status: 500, Message: "Failed to sync cells: boom"})
	_, err = c.Cells.Sync(ctx, cell)
	var e *eryxon.Error
	if !errors.As(err, &e) || e.StatusCode != 500 || e.Attempts != 1 || e.Message != "Failed to sync cells: boom" || !errors.Is(err, eryxon.ErrServer) {
		t.Fatalf("500: %v", err)
	}
	srv.Reset()
	srv.FailNext(1, eryxontest.Fault{Reset: true})
	if _, err := c.Cells.Sync(ctx, cell); err != nil {
		t.Fatalf("connection reset is retried: %v", err)
	}
	if n := srv.RequestCount(); n != 2 {
		t.Fatalf("attempts after reset %d", n)
	}
}

func TestListPagesByOffset(t *testing.T) {
	srv, c := newFake(t)
	jobID := srv.Insert("jobs", map[string]any{"external_id": "SO-1", "external_source": "SAP", "job_number": "J-1"})
	for i := range 7 {
		srv.Insert("parts", map[string]any{"external_id": fmt.Sprint("P-", i), "external_source": "SAP", "job_id": jobID,
			"part_number": fmt.Sprint("PN-", i), "material": "S235", "quantity": float64(i + 1)})
	}
	var got []eryxon.Part
	for p, err := range c.Parts.List(context.Background(), eryxon.ListParams{Limit: 3, Offset: 1, Sort: "part_number", Order: "asc",
		Filter: map[string]string{"job_id": jobID}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p)
	}
	if len(got) != 6 || got[0].PartNumber != "PN-1" || got[5].PartNumber != "PN-6" || got[0].JobID != jobID || got[0].Quantity != 2 {
		t.Fatalf("parts %+v", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("pages %d", len(reqs))
	}
	for i, wantOffset := range []string{"1", "4"} {
		q := reqs[i].Query
		want := url.Values{"limit": {"3"}, "offset": {wantOffset}, "sort": {"part_number"}, "order": {"asc"}, "job_id": {jobID}}
		if reqs[i].Method != "GET" || reqs[i].Path != "/api-parts" || !reflect.DeepEqual(q, want) {
			t.Fatalf("page %d: %s %s %v", i, reqs[i].Method, reqs[i].Path, q)
		}
	}
	for name, p := range map[string]eryxon.ListParams{
		"limit":  {Limit: 1001},
		"offset": {Offset: -1},
		"order":  {Order: "up"},
		"filter": {Filter: map[string]string{"customer": "x"}},
	} {
		for _, err := range c.Parts.List(context.Background(), p) {
			if !errors.Is(err, eryxon.ErrInvalidInput) {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

func TestGetAndDelete(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	id := srv.Insert("operations", map[string]any{"external_id": "O-1", "external_source": "SAP", "operation_name": "Cut",
		"sequence": float64(1), "estimated_time": float64(15), "part_id": "p", "cell_id": "c"})
	op, err := c.Operations.Get(ctx, id)
	if err != nil || op.ID != id || op.OperationName != "Cut" || op.EstimatedTimeMinutes != 15 {
		t.Fatalf("get: %+v %v", op, err)
	}
	if err := c.Operations.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = c.Operations.Get(ctx, id)
	var e *eryxon.Error
	if !errors.Is(err, eryxon.ErrNotFound) || !errors.As(err, &e) || e.Code != "NOT_FOUND" {
		t.Fatalf("deleted: %v", err)
	}
	if err := c.Operations.Delete(ctx, id); !errors.Is(err, eryxon.ErrNotFound) {
		t.Fatalf("delete twice: %v", err)
	}
	reqs := srv.Requests()
	for i, want := range []string{"GET", "DELETE", "GET", "DELETE"} {
		if reqs[i].Method != want || reqs[i].Path != "/api-operations" || reqs[i].Query.Get("id") != id {
			t.Fatalf("request %d: %s %s %v", i, reqs[i].Method, reqs[i].Path, reqs[i].Query)
		}
	}
	if _, err := c.Operations.Get(ctx, " "); !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("empty id: %v", err)
	}
}
