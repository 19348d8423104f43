package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// TestPartsOrderingEndpointConforms runs servicemobilitytest's conformance
// check against the endpoint the servicemobility job serves: valid, forged,
// expired and missing tokens, malformed and oversized bodies, other methods.
func TestPartsOrderingEndpointConforms(t *testing.T) {
	erp, err := OpenERP(filepath.Join(t.TempDir(), "erp.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := &adapter{erp: erp, cfg: config{listen: "127.0.0.1:0"}, getenv: noEnv, progressOut: io.Discard, now: time.Now}
	j, err := a.newServiceMobilityJob(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	sj := j.(*serviceMobilityJob)
	order := &servicemobility.PartsOrder{WorkOrder: "WO-1", Parts: []servicemobility.Part{{ProdNum: "MAT-000108", Qty: servicemobility.MustDecimal("1")}}}
	rep := servicemobilitytest.CheckPartsOrderingURL(context.Background(), sj.endpoint, servicemobilitytest.CheckConfig{
		JWTSecret: sj.fake.SigningKey(),
		Order:     order,
	})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rep.Passed) == 0 {
		t.Fatal("no check ran")
	}
	// Only the valid orders reached the ERP: one line from stock each.
	erp.View(func(d *Data) {
		if len(d.ServiceOrders) == 0 {
			t.Fatal("no order was recorded")
		}
		for _, so := range d.ServiceOrders {
			if len(so.Lines) != 1 || so.Lines[0].Source != "erp:1000/WH01" {
				t.Errorf("order %s = %+v, want MAT-000108 from ERP stock", so.Number, so.Lines)
			}
		}
	})
}
