package gks_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// The base URL is required (Simutek gives it to you); the token URL defaults
// to https://id.simutek.se/connect/token. Here both point at the fake.
func ExampleNewClient() {
	srv := gkstest.NewServer()
	defer srv.Close()

	c, err := gks.NewClient(
		gks.Credentials{ClientID: srv.Credentials().ClientID, ClientSecret: srv.Credentials().ClientSecret},
		gks.WithBaseURL(srv.URL()),
		gks.WithTokenURL(srv.TokenURL()),
	)
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Customers.Get(context.Background(), "K1")
	fmt.Println(errors.Is(err, gks.ErrNotFound))

	_, err = gks.NewClient(gks.Credentials{ClientID: "id", ClientSecret: "secret"})
	fmt.Println(err)
	// Output:
	// true
	// gks: invalid WithBaseURL: the GKS4 API base URL is required and has no default: it is not published; obtain it from Simutek
}

// Create answers with nothing; read the customer back with Get. Get on an
// unknown number gives ErrNotFound, which makes "ensure it exists" simple.
func ExampleCustomerService_Create() {
	srv := gkstest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	cu, err := c.Customers.Get(ctx, "K100421")
	if errors.Is(err, gks.ErrNotFound) {
		err = c.Customers.Create(ctx, gks.Customer{
			Name:                    "Acme Industri AB",
			Number:                  "K100421",
			CorporateIdentityNumber: "556677-8899",
			PostalAddress:           &gks.PostalAddress{Address1: "Storgatan 1", ZipCode: "114 44", City: "Stockholm", CountryCode: "SE"},
		})
		if err == nil {
			cu, err = c.Customers.Get(ctx, "K100421")
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cu.Number, cu.Name, cu.PostalAddress.City)
	// Output: K100421 Acme Industri AB Stockholm
}

func ExampleCustomerService_List() {
	srv := gkstest.NewServer(gkstest.WithCustomers(
		gks.Customer{Name: "Acme Industri AB", Number: "K1", CorporateIdentityNumber: "556677-8899"},
		gks.Customer{Name: "Beta Verkstad AB", Number: "K2", CorporateIdentityNumber: "556000-0001"},
		gks.Customer{Name: "Acme Service AB", Number: "K3", CorporateIdentityNumber: "556111-0002"},
	))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	// Pages are fetched as the loop needs them (here one customer per page).
	for cu, err := range c.Customers.List(context.Background(), gks.CustomerQuery{Name: "acme", PageSize: 1}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(cu.Number, cu.Name)
	}
	// Output:
	// K1 Acme Industri AB
	// K3 Acme Service AB
}

func ExampleSalesOrderService_Create() {
	srv := gkstest.NewServer(gkstest.WithCustomers(
		gks.Customer{Name: "Acme Industri AB", Number: "K100421", CorporateIdentityNumber: "556677-8899"},
	))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.SalesOrders.Create(context.Background(), gks.SalesOrder{
		CustomerNumber:      "K100421",
		PurchaseOrderNumber: "PO-2026-17",
		Language:            gks.LanguageSwedish,
		Currency:            "SEK",
		Rows: []gks.SalesOrderRow{
			{ArticleNumber: "A-100", Quantity: 10, Price: 99.5, Discount: 5, Deliveries: []gks.Delivery{
				{Address: gks.PostalAddress{Address1: "Storgatan 1", City: "Stockholm", CountryCode: "SE"}, Quantity: 6},
				{Address: gks.PostalAddress{Address1: "Hamngatan 2", City: "Göteborg", CountryCode: "SE"}, Quantity: 4},
			}},
			{ArticleNumber: "B-200", Quantity: 1, Price: 250, Extra: map[string]any{"unit": "st"}},
		},
	})
	if errors.Is(err, gks.ErrOutcomeUnknown) {
		log.Fatal("the order may or may not exist: look it up before sending it again")
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Number, srv.Orders()[0].Order.Name)
	// Output: SO500001 Webshop order
}

// Validation errors come back as ProblemDetails, with the messages per field.
func ExampleProblemDetails() {
	srv := gkstest.NewServer(gkstest.WithCustomers(
		gks.Customer{Name: "Acme Industri AB", Number: "K1", CorporateIdentityNumber: "556677-8899"},
	))
	defer srv.Close()
	c, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	err = c.Customers.Create(context.Background(), gks.Customer{Name: "Other AB", Number: "K1", CorporateIdentityNumber: "556000-0001"})
	var e *gks.Error
	if errors.As(err, &e) {
		if pd, ok := e.Details.(*gks.ProblemDetails); ok {
			fmt.Println(e.StatusCode, pd.Title)
			fmt.Println(pd.FieldErrors("number"))
		}
	}
	// Output:
	// 400 One or more validation errors occurred.
	// [A customer with number K1 already exists.]
}
