package sprtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// Test an adapter against the fake: seed a product, call it, inspect what
// the fake received.
func ExampleNewServer() {
	srv := sprtest.NewServer(sprtest.WithCatalog(0, 0))
	defer srv.Close()
	srv.AddProduct(spr.Product{
		Code:    "DE-814",
		Price01: &spr.Price{Value: 326.94, Prefix: "$", Sufix: "MXN"},
		Stock:   []spr.Stock{{BranchID: 2, BranchName: "CDMX", Quantity: 3}},
	})

	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	p, err := c.Products.Get(context.Background(), "DE-814")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Code, p.Price01, p.TotalStock())
	fmt.Println("password grants:", srv.TokenRequests("password"), "refresh grants:", srv.TokenRequests("refresh_token"))
	for _, r := range srv.APIRequests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// DE-814 $326.94 MXN 3
	// password grants: 1 refresh grants: 0
	// GET /es_MX/api/products/DE-814 200
}

// Fault injection: the next API request answers 404, the access token
// expires, and the user lacks the stock permission.
func ExampleServer_InjectFault() {
	srv := sprtest.NewServer(sprtest.WithPermissions(sprtest.Permissions{CustomerPrice: true}))
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	code := srv.Products()[0].Code

	srv.InjectFault(1, sprtest.Fault{Status: 404})
	_, err = c.Products.Get(ctx, code)
	fmt.Println("injected:", errors.Is(err, spr.ErrNotFound))

	srv.ExpireAccessTokens() // the next call gets 401, refreshes, replays
	p, err := c.Products.Get(ctx, code)
	fmt.Println("after expiry:", err == nil, "stock visible:", p.Stock != nil, "price visible:", p.Price01 != nil)
	fmt.Println("refresh grants:", srv.TokenRequests("refresh_token"))
	// Output:
	// injected: true
	// after expiry: true stock visible: false price visible: true
	// refresh grants: 1
}
