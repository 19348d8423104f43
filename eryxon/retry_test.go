package eryxon_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func TestUpsertPostsAreRetriedOnGatewayErrors(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	post := func(r *http.Request, _ []byte) bool { return r.Method == http.MethodPost }
	srv.FailNext(1, eryxontest.Fault{Status: 502, Match: post})
	res, err := c.Jobs.BulkSync(ctx, jobsN("A", "B"))
	if err != nil || len(res.Created) != 2 || res.Requests != 1 || srv.RequestCount() != 2 {
		t.Fatalf("bulk: %+v %v, %d requests", res, err, srv.RequestCount())
	}
	srv.Reset()
	srv.FailNext(1, eryxontest.Fault{Status: 504, Match: post})
	out, err := c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{Jobs: jobsN("C")})
	if err != nil || out.Summary.TotalCreated != 1 || srv.RequestCount() != 2 {
		t.Fatalf("erp sync: %+v %v, %d requests", out, err, srv.RequestCount())
	}
	// A replay of the same ERP sync finds the record unchanged.
	out, err = c.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{Jobs: jobsN("C")})
	if err != nil || out.Summary.TotalSkipped != 1 {
		t.Fatalf("replay: %+v %v", out, err)
	}
}

func TestRateLimitHeadersOnOrdinaryResponses(t *testing.T) {
	reset := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	c, _, _ := canned(t, 200, map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "998",
		"X-RateLimit-Reset": reset.Format(time.RFC3339)}, `{"success":true,"data":{"cell":{"id":"c1","name":"Laser"}}}`)
	if _, err := c.Cells.Get(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	rl := c.RateLimit()
	if rl.Limit != 1000 || rl.Remaining != 998 || !rl.Reset.Equal(reset) {
		t.Fatalf("rate limit %+v", rl)
	}
}

func TestSlowServerAndDeadline(t *testing.T) {
	srv, c := newFake(t)
	srv.FailNext(1, eryxontest.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Cells.Get(ctx, "x")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
}
