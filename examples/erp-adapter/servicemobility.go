package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// partsOrderingPath is where the adapter serves the Parts Ordering REST API
// Interface; configure http://<host>/servicemobility/parts-ordering as
// PartsOrdering.EntityServiceURI in ServiceMobility.
const partsOrderingPath = "/servicemobility/parts-ordering"

// serviceMobilityJob serves the Parts Ordering endpoint for as long as the
// program runs. On the fake, each run sends one demo order through the fake
// ServiceMobility, which relays it to the endpoint as the real one would.
type serviceMobilityJob struct {
	a        *adapter
	srv      *http.Server
	served   chan struct{}
	endpoint string
	client   *servicemobility.Client
	fake     *servicemobilitytest.Server
	mode     string
	// seen is how many service orders the ERP held after the last run.
	seen int
}

func (a *adapter) newServiceMobilityJob(context.Context) (job, error) {
	vals, real, err := a.env("SERVICEMOBILITY_BASE_URL", "SERVICEMOBILITY_USERNAME", "SERVICEMOBILITY_PASSWORD")
	if err != nil {
		return nil, err
	}
	j := &serviceMobilityJob{a: a}
	opts := []servicemobility.HandlerOption{servicemobility.WithHandlerLogger(a.log)}
	if real {
		// ServiceMobility has validated the JWT it forwards in
		// x-access-token before calling the endpoint. When your own
		// Authentication endpoint issues those JWTs (ExtUserAuth), give the
		// adapter its key to check them again, as
		// examples/servicemobility-endpoint does.
		if key := a.getenv("SERVICEMOBILITY_JWT_SECRET"); key != "" {
			opts = append(opts, servicemobility.WithJWTSecret([]byte(key)))
		}
		j.client, err = servicemobility.NewClient(vals["SERVICEMOBILITY_BASE_URL"],
			servicemobility.Login{Username: vals["SERVICEMOBILITY_USERNAME"], Password: vals["SERVICEMOBILITY_PASSWORD"]},
			servicemobility.WithUserAgent(userAgent), servicemobility.WithLogger(a.log))
		if err != nil {
			return nil, err
		}
		j.mode = "real API, " + vals["SERVICEMOBILITY_BASE_URL"]
	} else {
		j.fake = servicemobilitytest.NewServer()
		a.fake("servicemobility", j.fake)
		// The fake's tokens are signed with a key the adapter can know, so
		// the endpoint checks every x-access-token, as a careful one should.
		opts = append(opts, servicemobility.WithJWTSecret(j.fake.SigningKey()))
		j.client, err = servicemobility.NewClient(j.fake.URL(), j.fake.Credentials(), servicemobility.WithLogger(a.log))
		if err != nil {
			j.Close()
			return nil, err
		}
	}
	a.erp.View(func(d *Data) { j.seen = len(d.ServiceOrders) })

	ln, err := net.Listen("tcp", a.cfg.listen)
	if err != nil {
		j.Close()
		return nil, fmt.Errorf("parts ordering endpoint: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(partsOrderingPath, servicemobility.NewPartsOrderingHandler(&partsDesk{a: a}, opts...))
	j.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	j.served = make(chan struct{})
	go func() {
		defer close(j.served)
		_ = j.srv.Serve(ln)
	}()
	j.endpoint = "http://" + ln.Addr().String() + partsOrderingPath
	if j.fake != nil {
		j.fake.SetEntityServiceURI(j.endpoint)
		j.mode = "fake (servicemobilitytest at " + j.fake.URL() + "), endpoint " + j.endpoint
	} else {
		j.mode += ", endpoint " + j.endpoint
	}
	return j, nil
}

func (j *serviceMobilityJob) Name() string { return "servicemobility" }
func (j *serviceMobilityJob) Mode() string { return j.mode }

func (j *serviceMobilityJob) Close() {
	if j.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = j.srv.Shutdown(ctx)
		cancel()
		<-j.served
	}
	if j.fake != nil {
		j.fake.Close()
	}
}

func (j *serviceMobilityJob) Run(ctx context.Context, r *Report) error {
	if j.fake != nil {
		if err := j.demoOrder(ctx, r); err != nil {
			return err
		}
	}
	var received []*ServiceOrder
	j.a.erp.View(func(d *Data) {
		for _, so := range d.ServiceOrders[min(j.seen, len(d.ServiceOrders)):] {
			c := *so
			received = append(received, &c)
		}
		j.seen = len(d.ServiceOrders)
	})
	for _, so := range received {
		var lines []string
		for _, l := range so.Lines {
			if l.Source == "unavailable" {
				lines = append(lines, fmt.Sprintf("%s x%g unavailable", l.Part, l.Quantity))
			} else {
				lines = append(lines, fmt.Sprintf("%s x%g from %s", l.Part, l.Quantity, l.Source))
			}
		}
		r.Detailf("parts order %s (work order %s): %s", so.Number, so.WorkOrder, strings.Join(lines, "; "))
	}
	r.Summary = fmt.Sprintf("parts orders answered since the last run: %d (endpoint %s)", len(received), j.endpoint)
	return nil
}

// demoOrder places one order as a technician's mobile app would: through
// ServiceMobility's Parts Ordering REST API, which relays it to the
// adapter's endpoint. It asks for a part the ERP has, one only SPR has
// enough of, and one nobody has.
func (j *serviceMobilityJob) demoOrder(ctx context.Context, r *Report) error {
	order := &servicemobility.PartsOrder{
		AccountNum: "C-10001",
		Command:    servicemobility.CommandPlaceOrder,
		WorkOrder:  "WO-88123",
		UserName:   "tech.lindqvist",
		Location:   servicemobility.Location{StorageLocationID: "1000/VAN07", Name: "Service van 07"},
		Parts: []servicemobility.Part{
			{ProdNum: "MAT-000105", Qty: servicemobility.MustDecimal("2"), ProdAttrs: servicemobility.ProdAttrs{Desc: "Brake pad set, front"}},
			{ProdNum: "DE-814", Qty: servicemobility.MustDecimal("2"), ProdAttrs: servicemobility.ProdAttrs{Desc: "Brake disc"}},
			{ProdNum: "CT1028K1", Qty: servicemobility.MustDecimal("3"), ProdAttrs: servicemobility.ProdAttrs{Desc: "Timing belt kit"}},
		},
	}
	resp, err := j.client.PartsOrdering.Submit(ctx, order)
	if err != nil {
		return fmt.Errorf("demo parts order through the fake ServiceMobility: %w", err)
	}
	if resp == nil || len(resp.Orders) == 0 {
		return errors.New("demo parts order: the endpoint answered without orders")
	}
	r.Detailf("demo order WO-88123 sent to the fake ServiceMobility, relayed to the endpoint, answered Status %q: %s", resp.Status, resp.StatusMsg)
	return nil
}
