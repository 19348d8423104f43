package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// runDemo starts the endpoint and a fake ServiceMobility configured to use
// it (ExtUserAuth.AuthEndpoint and PartsOrdering.EntityServiceURI), then acts
// as a mobile worker: logs in through ServiceMobility and orders parts.
func runDemo(ctx context.Context, stdout io.Writer, log *slog.Logger) error {
	secret := randomSecret()
	worker := servicemobility.StaticUser{
		Username: "tech01", Password: fmt.Sprintf("demo-%x", randomSecret()[:8]),
		Identity: servicemobility.Identity{Name: "Tess Tech", Email: "tess@example.com"},
	}
	ep := newEndpoint(secret, servicemobility.StaticUsers(worker), log)
	srv, err := listen("127.0.0.1:0", ep.handler)
	if err != nil {
		return err
	}
	defer srv.Close()
	fake := servicemobilitytest.NewServer(
		servicemobilitytest.WithExternalAuth(srv.url+authenticationPath),
		servicemobilitytest.WithEntityServiceURI(srv.url+partsOrderingPath),
	)
	defer fake.Close()

	p := &printer{w: stdout}
	p.f("ServiceMobility endpoint demo")
	p.f("  Parts Ordering endpoint:  %s%s", srv.url, partsOrderingPath)
	p.f("  Authentication endpoint:  %s%s", srv.url, authenticationPath)
	p.f("  fake ServiceMobility:     %s (ExtUserAuth and EntityServiceURI point at the endpoint)", fake.URL())
	p.f("")

	// A wrong password: ServiceMobility passes the login to the
	// Authentication endpoint, which refuses it.
	bad, err := servicemobility.NewClient(fake.URL(), servicemobility.Login{Username: worker.Username, Password: "wrong"}, servicemobility.WithLogger(log))
	if err != nil {
		return err
	}
	_, err = bad.PartsOrdering.Submit(ctx, &servicemobility.PartsOrder{})
	p.f("login %s with a wrong password: %v", worker.Username, err)

	client, err := servicemobility.NewClient(fake.URL(), servicemobility.Login{Username: worker.Username, Password: worker.Password}, servicemobility.WithLogger(log))
	if err != nil {
		return err
	}
	orders := []struct {
		title string
		order *servicemobility.PartsOrder
	}{
		{"everything in stock", demoOrder("WO-1001",
			part("FLT-100", "2"), part("GSK-140", "1.0"))},
		{"short stock: split into deliveries", demoOrder("WO-1002",
			part("BRG-510", "6"), part("PMP-300", "1"), part("FLT-100", "1"))},
		{"a superseded part", demoOrder("WO-1003",
			part("BLT-220", "2"))},
		{"an unknown part", demoOrder("WO-1004",
			part("XYZ-999", "1"), part("GSK-140", "2"))},
	}
	for i, o := range orders {
		p.f("")
		p.f("order %d, %s: %s", i+1, o.title, describeRequest(o.order))
		resp, err := client.PartsOrdering.Submit(ctx, o.order)
		if err != nil {
			return fmt.Errorf("order %d: %w", i+1, err)
		}
		p.response(resp)
	}

	relays := fake.Relays()
	if len(relays) == 0 {
		return fmt.Errorf("the fake relayed no order")
	}
	first := relays[0]
	p.f("")
	p.f("what ServiceMobility relayed to the endpoint for order 1:")
	p.f("  POST %s%s", srv.url, partsOrderingPath)
	p.f("  Content-Type: %s", first.Header.Get("Content-Type"))
	p.f("  x-access-token: [JWT from the Authentication endpoint, %d bytes, not shown]", len(first.Header.Get("x-access-token")))
	p.f("  %s", first.Body)
	p.f("  -> %d %s", first.StatusCode, first.ResponseBody)
	p.f("")
	p.f("Create JWT calls: %d (the refused one, then one for all %d orders: the JWT is reused until shortly before its exp)", fake.LoginRequests(), len(relays))

	report := servicemobilitytest.CheckPartsOrderingURL(ctx, srv.url+partsOrderingPath, servicemobilitytest.CheckConfig{JWTSecret: secret})
	p.f("conformance check of the endpoint: %s", report)
	if !report.OK() {
		return report.Err()
	}
	return p.err
}

func demoOrder(workOrder string, parts ...servicemobility.Part) *servicemobility.PartsOrder {
	return &servicemobility.PartsOrder{
		AccountNum: "ACC-2001",
		WorkOrder:  workOrder,
		UserName:   "tech01",
		Location:   servicemobility.Location{LocationNum: "LOC-17", Name: "Laundromat Central", StorageLocationID: "VAN-07"},
		Parts:      parts,
	}
}

func part(num, qty string) servicemobility.Part {
	return servicemobility.Part{ProdNum: num, Qty: servicemobility.MustDecimal(qty), ShipToLocation: "VAN-07"}
}

func describeRequest(o *servicemobility.PartsOrder) string {
	lines := make([]string, len(o.Parts))
	for i, p := range o.Parts {
		lines[i] = p.Qty.String() + " x " + p.ProdNum
	}
	return o.WorkOrder + " [" + strings.Join(lines, ", ") + "]"
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) response(r *servicemobility.PartsOrderResponse) {
	p.f("  -> 200, Status %q: %s", r.Status, r.StatusMsg)
	for _, o := range r.Orders {
		p.f("     %s, estimated delivery %s:", o.PartOrderNum, o.EstimatedDelivery.UTC().Format(time.DateOnly))
		for _, op := range o.Parts {
			line := fmt.Sprintf("       %s x %s (%s) %s", op.Qty, op.ProdNum, op.ProdAttrs.Desc, op.PartStatus)
			for _, s := range op.SupersededParts {
				line += ", replaces " + s.ProdNum
			}
			p.f("%s", line)
		}
	}
	if b, err := json.Marshal(r); err == nil && len(r.Orders) == 1 && len(r.Orders[0].Parts) == 1 {
		p.f("     wire: %s", b)
	}
}
