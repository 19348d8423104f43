package gks_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/internal/benchkit"
)

// BenchmarkSalesOrdersCreate measures one sales order (validation, encoding
// with Extra fields, the HTTP stack, the fake) per iteration.
func BenchmarkSalesOrdersCreate(b *testing.B) {
	srv := gkstest.NewServer(gkstest.WithCustomers(gks.Customer{Name: "Acme AB", Number: "K100421", CorporateIdentityNumber: "1"}))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		b.Fatal(err)
	}
	o := fullOrder()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SalesOrders.Create(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
}

// benchEnv is a replay server answering what the fake answered to one
// customer Get (and its token request), plus generated customer pages; an
// SDK client and a plain client pointed at it.
type benchEnv struct {
	srv   *benchkit.Replay
	sdk   *gks.Client
	plain *http.Client
	auth  string // the Authorization header the SDK sent
}

const benchCustomer = "K100421"

func newBenchEnv(b *testing.B, items int) *benchEnv {
	b.Helper()
	fake := gkstest.NewServer(gkstest.WithCustomers(gks.Customer{Name: "Acme AB", Number: benchCustomer,
		CorporateIdentityNumber: "556677-8899", InvoiceEmail: "ap@acme.example",
		PostalAddress: &gks.PostalAddress{Address1: "Storgatan 1", City: "Umeå", ZipCode: "90326", CountryCode: "SE"}}))
	defer fake.Close()
	rec := &benchkit.Recorder{Base: &http.Transport{}}
	defer rec.Base.(*http.Transport).CloseIdleConnections()
	c, err := fake.NewClient(gks.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Customers.Get(context.Background(), benchCustomer); err != nil {
		b.Fatal(err)
	}
	get, ok := rec.Last(http.MethodGet, "/api/v1/customers/"+benchCustomer)
	if !ok {
		b.Fatal("no GET recorded")
	}
	e := &benchEnv{srv: benchkit.NewReplay(b, rec.Exchanges()...), plain: benchkit.PlainClient(b), auth: get.Header.Get("Authorization")}
	e.srv.Handle("GET /api/v1/customers", customerPages(items, e.auth))
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	e.sdk, err = gks.NewClient(fake.Credentials(), gks.WithBaseURL(e.srv.URL()), gks.WithTokenURL(e.srv.URL()+"/connect/token"),
		gks.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// customerPages generates the pages of total customers on the fly (?page=
// from 1, ?pageSize=), in the fake's wire format.
func customerPages(total int, auth string) http.HandlerFunc {
	pool := sync.Pool{New: func() any { return new([]byte) }}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != auth {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("pageSize"))
		bp := pool.Get().(*[]byte)
		buf := append((*bp)[:0], `{"items":[`...)
		first, last := min((page-1)*size, total), min(page*size, total)
		for i := first; i < last; i++ {
			if i > first {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"corporateIdentityNumber":"556677-8899","invoiceEmail":"ap@acme.example","name":"Customer `...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `","number":"K`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `","postalAddress":{"address1":"Storgatan 1","city":"Umeå","countryCode":"SE","zipCode":"90326"}}`...)
		}
		buf = append(buf, `],"page":`...)
		buf = strconv.AppendInt(buf, int64(page), 10)
		buf = append(buf, `,"pageSize":`...)
		buf = strconv.AppendInt(buf, int64(size), 10)
		buf = append(buf, `,"totalCount":`...)
		buf = strconv.AppendInt(buf, int64(total), 10)
		buf = append(buf, '}')
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(buf)
		*bp = buf
		pool.Put(bp)
	}
}

// plainCustomer is what a hand-written client decodes a customer into.
type plainCustomer struct {
	Name                    string `json:"name"`
	Number                  string `json:"number"`
	InvoiceEmail            string `json:"invoiceEmail"`
	CorporateIdentityNumber string `json:"corporateIdentityNumber"`
	PostalAddress           *struct {
		Address1    string `json:"address1"`
		Address2    string `json:"address2"`
		Address3    string `json:"address3"`
		City        string `json:"city"`
		ZipCode     string `json:"zipCode"`
		State       string `json:"state"`
		CountryCode string `json:"countryCode"`
	} `json:"postalAddress"`
}

type plainPage struct {
	Items      []plainCustomer `json:"items"`
	TotalCount int             `json:"totalCount"`
}

// BenchmarkCall is one customer Get through the SDK against the same GET
// with net/http + encoding/json, both against a replay of the fake's answer.
func BenchmarkCall(b *testing.B) {
	e := newBenchEnv(b, 0)
	ctx := context.Background()
	url := e.srv.URL() + "/api/v1/customers/" + benchCustomer
	benchkit.Compare(b, func(b *testing.B) {
		cu, err := e.sdk.Customers.Get(ctx, benchCustomer)
		if err != nil || cu.Number != benchCustomer {
			b.Fatal(err)
		}
	}, func(b *testing.B) {
		var cu plainCustomer
		err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &cu, "Authorization", e.auth, "Accept", "application/json")
		if err != nil || cu.Number != benchCustomer {
			b.Fatal(err)
		}
	})
}

// BenchmarkIterate walks customers with Customers.List (pages of 100,
// generated on the fly) and with a plain loop over the same pages (see
// benchkit.IterateCompare).
func BenchmarkIterate(b *testing.B) {
	benchkit.IterateCompare(b, func(b *testing.B, n int) (sdk, plain benchkit.Walk) {
		e := newBenchEnv(b, n)
		ctx := context.Background()
		sdk = func() (int, error) {
			seen := 0
			for cu, err := range e.sdk.Customers.List(ctx, gks.CustomerQuery{PageSize: gks.MaxPageSize}) {
				if err != nil {
					return seen, err
				}
				if cu.Number != "" {
					seen++
				}
			}
			return seen, nil
		}
		plain = func() (int, error) {
			seen := 0
			for page := 1; ; page++ {
				var pg plainPage
				url := fmt.Sprintf("%s/api/v1/customers?page=%d&pageSize=100", e.srv.URL(), page)
				if err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &pg, "Authorization", e.auth, "Accept", "application/json"); err != nil {
					return seen, err
				}
				for _, cu := range pg.Items {
					if cu.Number != "" {
						seen++
					}
				}
				if len(pg.Items) == 0 || page*100 >= pg.TotalCount {
					return seen, nil
				}
			}
		}
		return sdk, plain
	})
}
