package servicemobility_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	sm "github.com/partsync/partsync-go/servicemobility"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func stock() *sm.MemoryInventory {
	inv := sm.NewMemoryInventory()
	inv.Put(sm.StockItem{ProdNum: "FLT-1", Attrs: sm.ProdAttrs{Desc: "Filter", Price: sm.MustDecimal("12.50")}}, 5)
	inv.Put(sm.StockItem{ProdNum: "BLT-OLD", ReplacedBy: "BLT-MID"}, 100)
	inv.Put(sm.StockItem{ProdNum: "BLT-MID", ReplacedBy: "BLT-NEW"}, 0)
	inv.Put(sm.StockItem{ProdNum: "BLT-NEW", Attrs: sm.ProdAttrs{Desc: "Belt v3"}, RestockLead: 48 * time.Hour}, 1)
	inv.Put(sm.StockItem{ProdNum: "PMP-9", Attrs: sm.ProdAttrs{Desc: "Pump"}}, 0)
	return inv
}

func order(parts ...sm.Part) *sm.PartsOrder { return &sm.PartsOrder{WorkOrder: "WO-1", Parts: parts} }

func part(p, qty string) sm.Part {
	return sm.Part{ProdNum: p, Qty: sm.MustDecimal(qty), ShipToLocation: "VAN-1"}
}

func TestStockServiceSplitsAndSupersedes(t *testing.T) {
	inv := stock()
	svc := sm.NewStockService(inv, sm.StockConfig{Now: func() time.Time { return t0 }})
	resp, err := svc.SubmitPartsOrder(context.Background(), order(part("FLT-1", "2.0"), part("FLT-1", "4"), part("BLT-OLD", "3"), part("PMP-9", "1")))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(resp)
	want := `{"Orders":[` +
		`{"EstimatedDelivery":"2026-03-03T09:00:00.000Z","PartOrderNum":"SO-000001","Parts":[` +
		`{"ProdNum":"FLT-1","PartStatus":"Shipped from stock","ProdAttrs":{"Desc":"Filter","Price":12.50},"Qty":2.0,"ShipToLocation":"VAN-1"},` +
		`{"ProdNum":"FLT-1","PartStatus":"Shipped from stock","ProdAttrs":{"Desc":"Filter","Price":12.50},"Qty":3,"ShipToLocation":"VAN-1"},` +
		`{"ProdNum":"BLT-NEW","PartStatus":"Shipped from stock","ProdAttrs":{"Desc":"Belt v3"},"Qty":1,"ShipToLocation":"VAN-1","SupersededParts":[{"ProdNum":"BLT-OLD","PartStatus":"Superseded by BLT-NEW","Qty":3},{"ProdNum":"BLT-MID","PartStatus":"Superseded by BLT-NEW","Qty":3}]}]},` +
		`{"EstimatedDelivery":"2026-03-04T09:00:00.000Z","PartOrderNum":"SO-000002","Parts":[` +
		`{"ProdNum":"BLT-NEW","PartStatus":"Back-ordered","ProdAttrs":{"Desc":"Belt v3"},"Qty":2,"ShipToLocation":"VAN-1","SupersededParts":[{"ProdNum":"BLT-OLD","PartStatus":"Superseded by BLT-NEW","Qty":3},{"ProdNum":"BLT-MID","PartStatus":"Superseded by BLT-NEW","Qty":3}]}]},` +
		`{"EstimatedDelivery":"2026-03-09T09:00:00.000Z","PartOrderNum":"SO-000003","Parts":[` +
		`{"ProdNum":"FLT-1","PartStatus":"Back-ordered","ProdAttrs":{"Desc":"Filter","Price":12.50},"Qty":1,"ShipToLocation":"VAN-1"},` +
		`{"ProdNum":"PMP-9","PartStatus":"Back-ordered","ProdAttrs":{"Desc":"Pump"},"Qty":1,"ShipToLocation":"VAN-1"}]}],` +
		`"Status":"1000","StatusMsg":"4 lines ordered in 3 deliveries"}`
	if string(got) != want {
		t.Errorf("response\n got %s\nwant %s", got, want)
	}
	if inv.OnHand("FLT-1") != 0 || inv.OnHand("BLT-NEW") != 0 || inv.OnHand("BLT-OLD") != 100 {
		t.Errorf("stock left: FLT-1 %v, BLT-NEW %v, BLT-OLD %v", inv.OnHand("FLT-1"), inv.OnHand("BLT-NEW"), inv.OnHand("BLT-OLD"))
	}
}

func TestStockServiceAccountsForEveryLine(t *testing.T) {
	svc := sm.NewStockService(stock(), sm.StockConfig{
		Now: func() time.Time { return t0 }, StatusPartial: "P", StatusNotOrdered: "N",
		OrderNumber: func(_ context.Context, o *sm.PartsOrder) string { return o.WorkOrder + "-A" },
	})
	resp, err := svc.SubmitPartsOrder(context.Background(), order(part("FLT-1", "1"), part("NOPE", "1"), sm.Part{ProdNum: "FLT-1"}, part("FLT-1", "-2")))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "P" || len(resp.Orders) != 1 || resp.Orders[0].PartOrderNum != "WO-1-A" ||
		resp.StatusMsg != `1 of 4 lines ordered; not ordered: line 2 (NOPE): unknown part; line 3 (FLT-1): quantity "" is not a positive number; line 4 (FLT-1): quantity "-2" is not a positive number` {
		t.Errorf("%+v", resp)
	}
	resp, err = svc.SubmitPartsOrder(context.Background(), order())
	if err != nil || resp.Status != "N" || len(resp.Orders) != 0 || resp.StatusMsg != "No parts ordered" {
		t.Errorf("%+v %v", resp, err)
	}
	resp, _ = svc.SubmitPartsOrder(context.Background(), order(part("NOPE", "1")))
	if resp.Status != "N" || !strings.Contains(resp.StatusMsg, "NOPE") {
		t.Errorf("%+v", resp)
	}
}

type failingInventory struct{ sm.Inventory }

func (failingInventory) Take(context.Context, string, float64) (float64, error) {
	return 0, errors.New("ERP timeout")
}

func TestStockServiceErrors(t *testing.T) {
	inv := stock()
	inv.Put(sm.StockItem{ProdNum: "LOOP-A", ReplacedBy: "LOOP-B"}, 1)
	inv.Put(sm.StockItem{ProdNum: "LOOP-B", ReplacedBy: "LOOP-A"}, 2)
	inv.Put(sm.StockItem{ProdNum: "DANGLING", ReplacedBy: "GONE"}, 1)
	svc := sm.NewStockService(inv, sm.StockConfig{})
	// A cycle ends at the last part before it repeats.
	resp, err := svc.SubmitPartsOrder(context.Background(), order(part("LOOP-A", "1")))
	if err != nil || resp.Orders[0].Parts[0].ProdNum != "LOOP-B" {
		t.Errorf("cycle: %+v %v", resp, err)
	}
	if _, err := svc.SubmitPartsOrder(context.Background(), order(part("DANGLING", "1"))); err == nil || !strings.Contains(err.Error(), "replaced by GONE, which is unknown") {
		t.Errorf("dangling: %v", err)
	}
	bad := sm.NewStockService(failingInventory{inv}, sm.StockConfig{})
	if _, err := bad.SubmitPartsOrder(context.Background(), order(part("FLT-1", "1"))); err == nil || !strings.Contains(err.Error(), "ERP timeout") {
		t.Errorf("inventory error: %v", err)
	}
}
