package eryxon_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/internal/conformance"
)

// TestOwnDocumentMatchesTraffic holds openapi.yaml to what the client sends
// and the fake answers: every operation, in both response shapes, and the
// error envelope, validated with kin-openapi.
func TestOwnDocumentMatchesTraffic(t *testing.T) {
	own, err := conformance.Load(conformance.Config{Path: "openapi.yaml", PathPrefix: eryxontest.Root})
	if err != nil {
		t.Fatal(err)
	}
	val := conformance.NewValidator(own)
	base := &http.Transport{}
	t.Cleanup(base.CloseIdleConnections)
	hc := &http.Client{Transport: val.Transport(base)}
	for _, opts := range [][]eryxontest.ServerOption{nil, {eryxontest.WithDocShape()}} {
		srv := eryxontest.NewServer(opts...)
		c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()), eryxon.WithHTTPClient(hc), eryxon.WithRetry(0, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		exerciseEveryOperation(t, c)
		srv.Close()
	}
	// The error envelope: a 422 with details, a 429 with rateLimitInfo.
	srv := eryxontest.NewServer(eryxontest.WithDailyLimit(1))
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()), eryxon.WithHTTPClient(hc), eryxon.WithRetry(0, 0, 0),
		eryxon.WithMaxRateLimitWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(1, eryxontest.Fault{Status: 422, Code: "VALIDATION_ERROR", Message: "Validation failed"})
	if _, err := c.Cells.Get(context.Background(), "x"); err == nil {
		t.Fatal("422 passed")
	}
	if _, err := c.Cells.Get(context.Background(), "x"); err == nil {
		t.Fatal("404 passed")
	}
	if _, err := c.Cells.Get(context.Background(), "x"); err == nil {
		t.Fatal("429 passed")
	}
	val.Report(t)
	if u := val.Uncovered(); len(u) != 0 {
		t.Errorf("operations of openapi.yaml never exercised: %q", u)
	}
	if n := val.Checked(); n < 60 {
		t.Errorf("only %d exchanges validated", n)
	}
}

func exerciseEveryOperation(t *testing.T, c *eryxon.Client) {
	t.Helper()
	ctx := context.Background()
	d := smallDataset()
	d.Jobs[0].DueDate = time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	d.Jobs[0].Status = eryxon.JobOnHold
	d.Jobs[0].Metadata = map[string]any{"plant": "1000"}
	d.Resources[0].Status = eryxon.ResourceInUse
	if _, err := eryxon.InitialSync(ctx, c, d); err != nil {
		t.Fatal(err)
	}
	mustSync := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustSync(c.Cells.Sync(ctx, d.Cells[0]))
	mustSync(c.Resources.Sync(ctx, d.Resources[0]))
	mustSync(c.Jobs.Sync(ctx, d.Jobs[0]))
	mustSync(c.Parts.Sync(ctx, d.Parts[0]))
	mustSync(c.Operations.Sync(ctx, d.Operations[0]))
	check := func(ids []string) {
		t.Helper()
		if len(ids) == 0 {
			t.Fatal("nothing listed")
		}
	}
	var ids []string
	for x, err := range c.Operations.List(ctx, eryxon.ListParams{Limit: 5, Sort: "sequence", Order: "desc"}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	check(ids)
	mustSync(c.Operations.Get(ctx, ids[0]))
	mustSync(nil, c.Operations.Delete(ctx, ids[0]))
	ids = ids[:0]
	for x, err := range c.Parts.List(ctx, eryxon.ListParams{Search: "SO-"}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	check(ids)
	mustSync(c.Parts.Get(ctx, ids[0]))
	mustSync(nil, c.Parts.Delete(ctx, ids[0]))
	ids = ids[:0]
	for x, err := range c.Jobs.List(ctx, eryxon.ListParams{Filter: map[string]string{"status": "on_hold"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	check(ids)
	mustSync(c.Jobs.Get(ctx, ids[0]))
	mustSync(nil, c.Jobs.Delete(ctx, ids[0]))
	ids = ids[:0]
	for x, err := range c.Cells.List(ctx, eryxon.ListParams{Filter: map[string]string{"active": "true"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	check(ids)
	mustSync(c.Cells.Get(ctx, ids[0]))
	mustSync(nil, c.Cells.Delete(ctx, ids[0]))
	ids = ids[:0]
	for x, err := range c.Resources.List(ctx, eryxon.ListParams{Filter: map[string]string{"type": "equipment"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	check(ids)
	mustSync(c.Resources.Get(ctx, ids[0]))
	mustSync(nil, c.Resources.Delete(ctx, ids[0]))
	req := eryxon.ERPSyncRequest{Jobs: d.Jobs, Parts: d.Parts, Resources: d.Resources, Source: "conformance"}
	mustSync(c.ERPSync.Diff(ctx, req))
	mustSync(c.ERPSync.Sync(ctx, req))
	mustSync(c.ERPSync.Status(ctx, eryxon.ERPStatusParams{Source: "conformance", Limit: 10}))
}
