package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
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

// TestForgedTokenNeverReachesTheERP: an order whose x-access-token was
// signed with another key, or that has none, is refused with ServiceMobility's
// 401 "Invalid Logon." and leaves the ERP untouched; the same order with a
// token the fake issued is recorded.
func TestForgedTokenNeverReachesTheERP(t *testing.T) {
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
	hc := &http.Client{Timeout: 10 * time.Second}
	defer hc.CloseIdleConnections()
	body := `{"WorkOrder":"WO-FORGED","Parts":[{"ProdNum":"MAT-000108","Qty":1}]}`
	post := func(token string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, sj.endpoint, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("x-access-token", token)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	orders := func() int {
		n := 0
		erp.View(func(d *Data) { n = len(d.ServiceOrders) })
		return n
	}

	forged, err := servicemobility.NewJWT([]byte("not-the-key-servicemobility-signs-with"), servicemobility.Identity{Name: "Mallory"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"forged": forged, "missing": ""} {
		code, text := post(token)
		if code != http.StatusUnauthorized || !strings.Contains(text, "Invalid Logon.") {
			t.Errorf("%s token: %d %q, want 401 Invalid Logon.", name, code, text)
		}
	}
	if n := orders(); n != 0 {
		t.Fatalf("%d service orders recorded from refused requests", n)
	}
	if code, text := post(sj.fake.IssueToken("tech01")); code != http.StatusOK {
		t.Fatalf("valid token: %d %s", code, text)
	}
	if n := orders(); n != 1 {
		t.Errorf("%d service orders after one valid request, want 1", n)
	}
}
