package security

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

type capT struct {
	mu  sync.Mutex
	out map[string]string
}

func (c *capT) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	c.mu.Lock()
	c.out[r.Method+" "+r.URL.Path+" "+resp.Status] = string(b)
	c.mu.Unlock()
	return resp, nil
}

func TestZZCapture(t *testing.T) {
	ctx := context.Background()
	cp := &capT{out: map[string]string{}}
	hc := &http.Client{Transport: cp}
	st := sparetechtest.NewServer()
	defer st.Close()
	sc, _ := sparetech.NewClient(st.Credentials(), append(st.Options(), sparetech.WithHTTPClient(hc))...)
	p, err := sc.CreationIntents.List(ctx, sparetech.ListParams{})
	t.Log(err)
	if p != nil && len(p.Items) > 0 {
		sc.CreationIntents.Get(ctx, p.Items[0].ID)
	}
	cp2, _ := sc.ChangeIntents.List(ctx, sparetech.ListParams{})
	if cp2 != nil && len(cp2.Items) > 0 {
		sc.ChangeIntents.Get(ctx, cp2.Items[0].ID)
	}
	ep, _ := sc.ExtensionIntents.List(ctx, sparetech.ListParams{})
	if ep != nil && len(ep.Items) > 0 {
		sc.ExtensionIntents.Get(ctx, ep.Items[0].ID)
	}
	sc.Schema.Export(ctx)
	sc.Schema.Import(ctx)
	sc.CreationIntents.Get(ctx, "nope")

	sp := sprtest.NewServer()
	defer sp.Close()
	rc, _ := spr.NewClient(sp.Credentials(), spr.WithBaseURL(sp.URL()), spr.WithHTTPClient(hc))
	rc.Products.SearchPage(ctx, "balatas aveo", 1)
	rc.Products.CatalogPage(ctx, spr.CatalogQuery{Year: 2011, Make: "FORD", Model: "FIESTA"}, 1)
	rc.Products.Get(ctx, "PC11214")
	rc.Products.Get(ctx, "NOPE")

	g := gkstest.NewServer()
	defer g.Close()
	gc, _ := g.NewClient(gks.WithHTTPClient(hc))
	gc.Customers.Get(ctx, "NOPE")
	gc.Customers.Create(ctx, gks.Customer{Name: "A", Number: "K1"})
	gc.Customers.Get(ctx, "K1")
	gc.Customers.ListPage(ctx, gks.CustomerQuery{}, 1)

	e := eryxontest.NewServer()
	defer e.Close()
	ec, _ := eryxon.NewClient(e.APIKey(), eryxon.WithBaseURL(e.URL()), eryxon.WithHTTPClient(hc))
	ec.Jobs.BulkSync(ctx, []eryxon.Job{{ExternalID: "J1", ExternalSource: "erp", JobNumber: "J1"}})
	for range ec.Jobs.List(ctx, eryxon.ListParams{}) {
	}
	ec.Jobs.Sync(ctx, eryxon.Job{ExternalID: "J2", ExternalSource: "erp", JobNumber: "J2"})
	ec.ERPSync.Sync(ctx, eryxon.ERPSyncRequest{})
	b, _ := json.MarshalIndent(cp.out, "", " ")
	os.WriteFile("/tmp/fz/captured.json", b, 0o644)
}
