package gks_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
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

// BenchmarkCustomersList walks 1000 customers in pages of 100.
func BenchmarkCustomersList(b *testing.B) {
	cs := make([]gks.Customer, 1000)
	for i := range cs {
		cs[i] = gks.Customer{Name: fmt.Sprintf("Customer %04d", i), Number: fmt.Sprintf("K%04d", i), CorporateIdentityNumber: "1"}
	}
	srv := gkstest.NewServer(gkstest.WithCustomers(cs...))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.Customers.List(ctx, gks.CustomerQuery{PageSize: 100}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("listed %d, want 1000", n)
		}
	}
}
