package eryxon_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func Example() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	job, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "SO-12345", ExternalSource: "SAP", JobNumber: "JOB-2024-001", Customer: "Acme Corp"})
	if err != nil {
		panic(err)
	}
	fmt.Println("job", job.Action)
	// The part names its job by external id; the client sends its job_id.
	part, err := c.Parts.Sync(ctx, eryxon.Part{ExternalID: "SO-12345-10", ExternalSource: "SAP", JobExternalID: "SO-12345",
		PartNumber: "BRACKET-A", Material: "Steel 304", Quantity: 25})
	if err != nil {
		panic(err)
	}
	fmt.Println("part", part.Action, part.Item.JobID == job.Item.ID)
	// Output:
	// job created
	// part created true
}

func ExampleCollection_BulkSync() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	jobs := make([]eryxon.Job, 2500)
	for i := range jobs {
		jobs[i] = eryxon.Job{ExternalID: fmt.Sprintf("SO-%05d", i), ExternalSource: "SAP", JobNumber: fmt.Sprintf("J-%05d", i)}
	}
	jobs[42].JobNumber = "" // invalid: never sent
	res, err := c.Jobs.BulkSync(context.Background(), jobs, eryxon.WithConcurrency(2))
	if err != nil {
		panic(err)
	}
	fmt.Println("requests:", res.Requests)
	fmt.Println("created:", len(res.Created), "updated:", len(res.Updated), "failed:", len(res.Failed))
	fmt.Println("failed item:", res.Failed[0].Index, res.Failed[0].ExternalID)
	// Output:
	// requests: 3
	// created: 2499 updated: 0 failed: 1
	// failed item: 42 SO-00042
}

func ExampleInitialSync() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	d := eryxon.Dataset{
		Cells: []eryxon.Cell{{ExternalID: "WC-CUT", ExternalSource: "SAP", Name: "Cutting", Sequence: 1}},
		Jobs:  []eryxon.Job{{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "JOB-1"}},
		Parts: []eryxon.Part{{ExternalID: "SO-1-10", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "BRACKET-A", Material: "Steel"}},
		Operations: []eryxon.Operation{{ExternalID: "SO-1-10-010", ExternalSource: "SAP", PartExternalID: "SO-1-10",
			CellName: "Cutting", OperationName: "Laser Cut", Sequence: 1, EstimatedTimeMinutes: 30}},
	}
	rep, err := eryxon.InitialSync(context.Background(), c, d)
	if err != nil {
		panic(err)
	}
	for _, s := range rep.Stages {
		fmt.Println(s.Stage, s.Created, s.Failed)
	}
	// Output:
	// cells 1 0
	// resources 0 0
	// jobs 1 0
	// parts 1 0
	// operations 1 0
}

func ExampleVerifyWebhook() {
	secret := []byte("webhook-secret")
	body := []byte(`{"event":"job.completed","timestamp":"2026-11-22T10:00:00.000Z","data":{"job_id":"1"}}`)
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	header := "sha256=" + hex.EncodeToString(mac.Sum(nil))

	fmt.Println(eryxon.VerifyWebhook(secret, body, header))
	fmt.Println(eryxon.VerifyWebhook([]byte("wrong"), body, header))
	e, _ := eryxon.ParseWebhook(body)
	fmt.Println(e.Event)
	// Output:
	// <nil>
	// eryxon: webhook signature does not match
	// job.completed
}

// List walks a collection page by page (every page spends one request of
// the daily budget); Filter narrows it by column.
func ExampleCollection_List() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, n := range []string{"J-1", "J-2", "J-3"} {
		if _, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "SO-" + n, ExternalSource: "SAP", JobNumber: n, Customer: "Acme"}); err != nil {
			panic(err)
		}
	}
	for j, err := range c.Jobs.List(ctx, eryxon.ListParams{Limit: 2, Sort: "job_number", Order: "asc"}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(j.JobNumber, j.ExternalID)
	}
	// Output:
	// J-1 SO-J-1
	// J-2 SO-J-2
	// J-3 SO-J-3
}

// The unified endpoint resolves a part's JobExternalID on the server and
// skips records that have not changed since the last sync.
func ExampleERPSyncService_Sync() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	req := eryxon.ERPSyncRequest{
		Jobs:  []eryxon.Job{{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "JOB-1"}},
		Parts: []eryxon.Part{{ExternalID: "SO-1-10", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "BRACKET-A", Material: "Steel"}},
	}
	for range 2 {
		res, err := c.ERPSync.Sync(context.Background(), req)
		if err != nil {
			panic(err)
		}
		s := res.Summary
		fmt.Println("created", s.TotalCreated, "updated", s.TotalUpdated, "skipped", s.TotalSkipped)
	}
	// Output:
	// created 2 updated 0 skipped 0
	// created 0 updated 0 skipped 2
}

// When the day's request budget is spent, the 429's wait is far longer than
// WithMaxRateLimitWait: the call fails at once with ErrRateLimited, and the
// error says when the budget returns.
func ExampleErrRateLimited() {
	srv := eryxontest.NewServer(eryxontest.WithDailyLimit(1))
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	job := eryxon.Job{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "JOB-1"}
	_, err = c.Jobs.Sync(ctx, job)
	fmt.Println(err)
	_, err = c.Jobs.Sync(ctx, job)
	var e *eryxon.Error
	fmt.Println(errors.Is(err, eryxon.ErrRateLimited), errors.As(err, &e) && e.RateLimit.Reset.After(time.Now().Add(23*time.Hour)))
	// Output:
	// <nil>
	// true true
}
