package eryxon_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
)

func TestERPSyncDiffSyncStatus(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	req := eryxon.ERPSyncRequest{
		Jobs:      []eryxon.Job{{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1", Customer: "Acme"}},
		Parts:     []eryxon.Part{{ExternalID: "P-1", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "A", Material: "S235", Quantity: 2}},
		Resources: []eryxon.Resource{{ExternalID: "R-1", ExternalSource: "SAP", Name: "Mill", Type: eryxon.ResourceEquipment}},
		Source:    "sap-nightly",
	}
	diff, err := c.ERPSync.Diff(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if diff.Summary.TotalRecords != 3 || diff.Entities["jobs"].ToCreate != 1 || diff.Entities["jobs"].Records[0].Status != "create" {
		t.Fatalf("diff %+v", diff)
	}
	res, err := c.ERPSync.Sync(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	jobID, _ := srv.Lookup("jobs", "SAP", "SO-1")
	if res.Summary.TotalCreated != 3 || res.Entities["jobs"].Results[0].ID != jobID || res.Entities["parts"].Created != 1 {
		t.Fatalf("sync %+v", res)
	}
	if parts := srv.Rows("parts"); len(parts) != 1 || parts[0]["job_id"] != jobID {
		t.Fatalf("the server resolved job_external_id: %v", parts)
	}
	// Unchanged records are skipped the second time.
	res, err = c.ERPSync.Sync(ctx, req)
	if err != nil || res.Summary.TotalSkipped != 3 || res.Entities["parts"].Results[0].Action != "skipped" {
		t.Fatalf("resync %+v %v", res, err)
	}
	req.Jobs[0].Customer = "Acme GmbH"
	diff, err = c.ERPSync.Diff(ctx, req)
	if err != nil || diff.Entities["jobs"].ToUpdate != 1 || !reflect.DeepEqual(diff.Entities["jobs"].Records[0].Changes, []string{"customer"}) {
		t.Fatalf("diff after change %+v %v", diff, err)
	}
	st, err := c.ERPSync.Status(ctx, eryxon.ERPStatusParams{EntityType: "jobs", Limit: 5})
	if err != nil || st.Stats.TotalSyncs != 2 || len(st.History) != 2 || st.History[0].Source != "sap-nightly" || st.History[1].CreatedCount != 1 {
		t.Fatalf("status %+v %v", st, err)
	}

	reqs := srv.Requests()
	wire := []string{"POST /api-erp-sync/diff", "POST /api-erp-sync/sync", "POST /api-erp-sync/sync", "POST /api-erp-sync/diff", "GET /api-erp-sync/status"}
	for i, w := range wire {
		if got := reqs[i].Method + " " + reqs[i].Path; got != w {
			t.Fatalf("request %d: %s", i, got)
		}
	}
	if q := reqs[4].Query; q.Get("entity_type") != "jobs" || q.Get("limit") != "5" {
		t.Fatalf("status query %v", q)
	}
	body := bodyOf(t, reqs[1].Body)
	part := body["parts"].([]any)[0].(map[string]any)
	job := body["jobs"].([]any)[0].(map[string]any)
	if part["job_external_id"] != "SO-1" || job["customer"] != "Acme" || body["source"] != "sap-nightly" || body["options"] != nil {
		t.Fatalf("body %v", body)
	}
}

func TestERPSyncValidates(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	if _, err := c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{}); !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("empty: %v", err)
	}
	_, err := c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{Parts: []eryxon.Part{{ExternalID: "P", ExternalSource: "S", PartNumber: "A"}}})
	var ie *eryxon.InputError
	if !errors.As(err, &ie) || ie.Field != "Parts[0].JobID" {
		t.Fatalf("part without job: %v", err)
	}
	if _, err := c.ERPSync.Status(ctx, eryxon.ERPStatusParams{Limit: 101}); !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("limit: %v", err)
	}
	if srv.RequestCount() != 0 {
		t.Fatal("sent a request")
	}
	f := false
	_, err = c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{Jobs: []eryxon.Job{{ExternalID: "J", ExternalSource: "S", JobNumber: "1"}},
		Options: eryxon.ERPSyncOptions{SkipUnchanged: &f, BatchSize: 50}})
	if err != nil {
		t.Fatal(err)
	}
	opts := bodyOf(t, srv.Requests()[0].Body)["options"].(map[string]any)
	if opts["skip_unchanged"] != false || opts["batch_size"] != float64(50) || len(opts) != 2 {
		t.Fatalf("options %v", opts)
	}
}
