package gkstest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// Test an adapter against the fake: seed a customer, make the next create
// lose its connection after GKS4 received it, and inspect what was sent.
func Example() {
	srv := gkstest.NewServer(gkstest.WithCustomers(
		gks.Customer{Name: "Acme Industri AB", Number: "K100421", CorporateIdentityNumber: "556677-8899"},
	))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	order := gks.SalesOrder{CustomerNumber: "K100421", Rows: []gks.SalesOrderRow{{ArticleNumber: "A-100", Quantity: 1, Price: 10}}}

	srv.InjectFault(1, gkstest.Fault{Method: http.MethodPost, Reset: gkstest.ResetAfterBody})
	_, err = c.SalesOrders.Create(context.Background(), order)
	fmt.Println("outcome unknown:", errors.Is(err, gks.ErrOutcomeUnknown))

	res, err := c.SalesOrders.Create(context.Background(), order)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", res.Number)
	fmt.Println("requests:", len(srv.Requests()), "token requests:", len(srv.TokenRequests()))
	// Output:
	// outcome unknown: true
	// created: SO500001
	// requests: 2 token requests: 1
}
