package eryxon_test

import (
	"context"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
)

func TestSmoke(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	r, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J1", Customer: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
	p, err := c.Parts.Sync(ctx, eryxon.Part{ExternalID: "SO-1-10", ExternalSource: "SAP", JobExternalID: "SO-1", PartNumber: "P", Material: "Steel"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", p)
	for _, rq := range srv.Requests() {
		t.Logf("%s %s %v %s", rq.Method, rq.Path, rq.Query, rq.Body)
	}
}
