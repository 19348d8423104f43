package reliability

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// kind tells what a second send of an operation would do.
type kind int

const (
	// read: safe to send again.
	read kind = iota
	// upsert: a write keyed by the caller's id; sending it again changes nothing.
	upsert
	// write: not idempotent; must never be sent twice.
	write
)

func (k kind) String() string { return [...]string{"read", "idempotent write", "write"}[k] }

// target is one operation of one vendor client, run against a fresh fake
// behind an injector.
type target struct {
	vendor, op   string
	kind         kind
	method, path string // what the injector matches
	// okOn2xx: the operation's success body is not published, so a 2xx is
	// the outcome whatever its body holds (an error would invite a resend).
	okOn2xx bool
	// start builds the fake and the client; call runs the operation once.
	start func(t *testing.T, f fault) (call func(ctx context.Context) error, in *injector)
}

// fast retries keep the matrix quick; a Retry-After is clamped to maxWait.
const (
	retries = 2
	minWait = 5 * time.Millisecond
	maxWait = 50 * time.Millisecond
)

var targets = []target{
	{vendor: "sparetech", op: "CreationIntents.Get", kind: read, method: "GET", path: "/creation-intents/904134",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := sparetechtest.NewServer()
			t.Cleanup(srv.Close)
			in, base := newInjector(t, srv.URL(), "GET", "/creation-intents/904134", f)
			c := must(sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(base), sparetech.WithTokenURL(srv.TokenURL()),
				sparetech.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				it, err := c.CreationIntents.Get(ctx, "904134")
				if err == nil && it.ID != "904134" {
					t.Errorf("sparetech: got intent %q", it.ID)
				}
				return err
			}, in
		}},
	{vendor: "sparetech", op: "CreationIntents.Confirm", kind: write, method: "POST", path: "/creation-intents/904134/confirm",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := sparetechtest.NewServer()
			t.Cleanup(srv.Close)
			in, base := newInjector(t, srv.URL(), "POST", "/creation-intents/904134/confirm", f)
			c := must(sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(base), sparetech.WithTokenURL(srv.TokenURL()),
				sparetech.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				_, err := c.CreationIntents.Confirm(ctx, "904134", "MAT-000777")
				return err
			}, in
		}},
	{vendor: "spr", op: "Products.Get", kind: read, method: "GET", path: "/api/products/",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := sprtest.NewServer()
			t.Cleanup(srv.Close)
			code := srv.Products()[0].Code
			in, base := newInjector(t, srv.URL(), "GET", "/api/products/", f)
			c := must(spr.NewClient(srv.Credentials(), spr.WithBaseURL(base), spr.WithTokenURL(srv.TokenURL()),
				spr.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				p, err := c.Products.Get(ctx, code)
				if err == nil && p.Code != code {
					t.Errorf("spr: got product %q, want %q", p.Code, code)
				}
				return err
			}, in
		}},
	{vendor: "gks", op: "Customers.Get", kind: read, method: "GET", path: "/customers/K1",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := gkstest.NewServer()
			t.Cleanup(srv.Close)
			srv.AddCustomer(gks.Customer{Name: "Acme Industri AB", Number: "K1"})
			in, base := newInjector(t, srv.URL(), "GET", "/customers/K1", f)
			c := must(srv.NewClient(gks.WithBaseURL(base), gks.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				cu, err := c.Customers.Get(ctx, "K1")
				if err == nil && cu.Name != "Acme Industri AB" {
					t.Errorf("gks: got customer %q", cu.Name)
				}
				return err
			}, in
		}},
	{vendor: "gks", op: "SalesOrders.Create", kind: write, method: "POST", path: "/salesorders", okOn2xx: true,
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := gkstest.NewServer()
			t.Cleanup(srv.Close)
			srv.AddCustomer(gks.Customer{Name: "Acme Industri AB", Number: "K1"})
			in, base := newInjector(t, srv.URL(), "POST", "/salesorders", f)
			c := must(srv.NewClient(gks.WithBaseURL(base), gks.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				_, err := c.SalesOrders.Create(ctx, gks.SalesOrder{CustomerNumber: "K1", PurchaseOrderNumber: "PO-1",
					Language: gks.LanguageSwedish, Currency: "SEK", Rows: []gks.SalesOrderRow{{ArticleNumber: "A-100", Quantity: 2, Price: 99.5}}})
				return err
			}, in
		}},
	{vendor: "servicemobility", op: "PartsOrdering.Submit", kind: write, method: "POST", path: "/PartsOrdering",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(map[string]any{"Status": "1000", "StatusMsg": "ordered",
					"Orders": []map[string]any{{"PartOrderNum": "SO-1"}}})
			}))
			t.Cleanup(endpoint.Close)
			login := servicemobility.Login{Username: "tech01", Password: "van-07-secret"}
			srv := servicemobilitytest.NewServer(servicemobilitytest.WithUser(login, servicemobility.Identity{Name: "Tech One"}),
				servicemobilitytest.WithEntityServiceURI(endpoint.URL+"/PartsOrdering"))
			t.Cleanup(srv.Close)
			in, base := newInjector(t, srv.URL(), "POST", "/seiapi/v3/mobile/PartsOrdering", f)
			c := must(servicemobility.NewClient(base, login, servicemobility.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				resp, err := c.PartsOrdering.Submit(ctx, servicemobilitytest.SampleOrder())
				if err == nil && resp.Status != "1000" {
					t.Errorf("servicemobility: status %q", resp.Status)
				}
				return err
			}, in
		}},
	{vendor: "eryxon", op: "Jobs.Get", kind: read, method: "GET", path: "/api-jobs",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := eryxontest.NewServer()
			t.Cleanup(srv.Close)
			direct := must(eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL())))
			res, err := direct.Jobs.Sync(context.Background(), eryxonJob())
			if err != nil {
				t.Fatal(err)
			}
			id := res.Item.ID
			in, base := newInjector(t, srv.URL(), "GET", "/api-jobs", f)
			c := must(eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(base), eryxon.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				j, err := c.Jobs.Get(ctx, id)
				if err == nil && j.JobNumber != "JOB-1" {
					t.Errorf("eryxon: got job %q", j.JobNumber)
				}
				return err
			}, in
		}},
	{vendor: "eryxon", op: "Jobs.Sync", kind: upsert, method: "PUT", path: "/api-jobs/sync",
		start: func(t *testing.T, f fault) (func(context.Context) error, *injector) {
			srv := eryxontest.NewServer()
			t.Cleanup(srv.Close)
			in, base := newInjector(t, srv.URL(), "PUT", "/api-jobs/sync", f)
			c := must(eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(base), eryxon.WithRetry(retries, minWait, maxWait)))
			return func(ctx context.Context) error {
				_, err := c.Jobs.Sync(ctx, eryxonJob())
				if err == nil && len(srv.Rows("jobs")) != 1 {
					t.Errorf("eryxon: %d job rows after one upsert, want 1", len(srv.Rows("jobs")))
				}
				return err
			}, in
		}},
}

func eryxonJob() eryxon.Job {
	return eryxon.Job{ExternalID: "SO-1", ExternalSource: "erp", JobNumber: "JOB-1", Customer: "Acme"}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
