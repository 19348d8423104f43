package gks_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

var buyer = gkstest.WithCustomers(gks.Customer{Name: "Acme AB", Number: "K100421", CorporateIdentityNumber: "556677-8899"})

func fullOrder() gks.SalesOrder {
	return gks.SalesOrder{
		CustomerNumber:      "K100421",
		Name:                "Spring campaign",
		PurchaseOrderNumber: "PO-77",
		Language:            gks.LanguageSwedish,
		Currency:            "SEK",
		Comment:             "Ring innan leverans",
		Rows: []gks.SalesOrderRow{
			{ArticleNumber: "A-100", Quantity: 10, Price: 99.5, Discount: 12.5, Deliveries: []gks.Delivery{
				{Address: gks.PostalAddress{Address1: "Storgatan 1", ZipCode: "114 44", City: "Stockholm", CountryCode: "SE"}, Quantity: 4},
				{Address: gks.PostalAddress{Address1: "Hamngatan 2", City: "Göteborg", CountryCode: "SE"}, Quantity: 6},
			}, Extra: map[string]any{"unit": "st"}},
			{ArticleNumber: "B-200", Quantity: 1, Price: 0},
		},
		Extra: map[string]any{"project": "P-9"},
	}
}

func TestSalesOrdersCreateWire(t *testing.T) {
	srv, c := newFake(t, buyer)
	res, err := c.SalesOrders.Create(context.Background(), fullOrder())
	if err != nil {
		t.Fatal(err)
	}
	r := onlyRequest(t, srv, http.MethodPost, "/api/v1/salesorders")
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	assertJSON(t, r.Body, `{
		"customerNumber":"K100421","name":"Spring campaign","purchaseOrderNumber":"PO-77",
		"language":"sv","currency":"SEK","comment":"Ring innan leverans","project":"P-9",
		"rows":[
			{"articleNumber":"A-100","quantity":10,"price":99.5,"discount":12.5,"unit":"st","deliveries":[
				{"address":{"address1":"Storgatan 1","zipCode":"114 44","city":"Stockholm","countryCode":"SE"},"quantity":4},
				{"address":{"address1":"Hamngatan 2","city":"Göteborg","countryCode":"SE"},"quantity":6}]},
			{"articleNumber":"B-200","quantity":1,"price":0}]}`)
	assertNoPurchaseDate(t, r.Body)
	orders := srv.Orders()
	if len(orders) != 1 || res.Number != orders[0].Number || !strings.HasPrefix(res.Number, "SO") {
		t.Fatalf("result %+v, stored %+v", res, orders)
	}
	if res.StatusCode != 200 || !strings.Contains(string(res.Raw), res.Number) {
		t.Errorf("result = %+v", res)
	}
	if o := orders[0].Order; o.Rows[0].Deliveries[1].Address.City != "Göteborg" || o.Extra["project"] != "P-9" || o.Rows[0].Extra["unit"] != "st" {
		t.Errorf("stored order = %+v", o)
	}
}

// assertNoPurchaseDate checks that no key anywhere in the body names a date:
// the obsolete purchase date is never sent.
func assertNoPurchaseDate(t *testing.T, body []byte) {
	t.Helper()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if strings.Contains(strings.ToLower(k), "date") {
					t.Errorf("body has a date field %q", k)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(jsonObject(t, body))
}

// Empty optional fields are not sent: the name then defaults to
// "Webshop order" on the server.
func TestSalesOrdersCreateMinimal(t *testing.T) {
	srv, c := newFake(t, buyer)
	_, err := c.SalesOrders.Create(context.Background(), gks.SalesOrder{
		CustomerNumber: "K100421",
		Rows:           []gks.SalesOrderRow{{ArticleNumber: "A-100", Quantity: 2, Price: 10}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := onlyRequest(t, srv, http.MethodPost, "/api/v1/salesorders")
	assertJSON(t, r.Body, `{"customerNumber":"K100421","rows":[{"articleNumber":"A-100","quantity":2,"price":10}]}`)
	assertNoPurchaseDate(t, r.Body)
	if o := srv.Orders(); len(o) != 1 || o[0].Order.Name != gks.DefaultSalesOrderName {
		t.Errorf("stored = %+v", o)
	}
}

func TestSalesOrdersCreateValidatesBeforeSending(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*gks.SalesOrder)
		field string
	}{
		{"no customer", func(o *gks.SalesOrder) { o.CustomerNumber = "" }, "CustomerNumber"},
		{"language", func(o *gks.SalesOrder) { o.Language = "de" }, "Language"},
		{"language case", func(o *gks.SalesOrder) { o.Language = "SV" }, "Language"},
		{"currency lower", func(o *gks.SalesOrder) { o.Currency = "sek" }, "Currency"},
		{"currency length", func(o *gks.SalesOrder) { o.Currency = "KRONA" }, "Currency"},
		{"no rows", func(o *gks.SalesOrder) { o.Rows = nil }, "Rows"},
		{"no article", func(o *gks.SalesOrder) { o.Rows[1].ArticleNumber = "" }, "Rows[1].ArticleNumber"},
		{"zero quantity", func(o *gks.SalesOrder) { o.Rows[1].Quantity = 0 }, "Rows[1].Quantity"},
		{"negative quantity", func(o *gks.SalesOrder) { o.Rows[0].Quantity = -10 }, "Rows[0].Quantity"},
		{"NaN quantity", func(o *gks.SalesOrder) { o.Rows[0].Quantity = math.NaN() }, "Rows[0].Quantity"},
		{"negative price", func(o *gks.SalesOrder) { o.Rows[1].Price = -1 }, "Rows[1].Price"},
		{"infinite price", func(o *gks.SalesOrder) { o.Rows[1].Price = math.Inf(1) }, "Rows[1].Price"},
		{"discount over 100", func(o *gks.SalesOrder) { o.Rows[0].Discount = 120 }, "Rows[0].Discount"},
		{"negative discount", func(o *gks.SalesOrder) { o.Rows[0].Discount = -1 }, "Rows[0].Discount"},
		{"delivery quantity", func(o *gks.SalesOrder) { o.Rows[0].Deliveries[0].Quantity = 0 }, "Rows[0].Deliveries[0].Quantity"},
		{"delivery sum", func(o *gks.SalesOrder) { o.Rows[0].Deliveries[1].Quantity = 5 }, "Rows[0].Deliveries"},
		{"delivery address", func(o *gks.SalesOrder) { o.Rows[0].Deliveries[0].Address = gks.PostalAddress{} }, "Rows[0].Deliveries[0].Address"},
		{"extra collides", func(o *gks.SalesOrder) { o.Extra = map[string]any{"Comment": "x"} }, "SalesOrder.Extra"},
		{"row extra collides", func(o *gks.SalesOrder) { o.Rows[0].Extra = map[string]any{"price": 1} }, "Rows[0].Extra"},
		{"extra purchase date", func(o *gks.SalesOrder) { o.Extra = map[string]any{"purchaseDate": "2026-01-01"} }, "purchase date"},
		{"extra not JSON", func(o *gks.SalesOrder) { o.Extra = map[string]any{"f": func() {}} }, "SalesOrder.Extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := newFake(t, buyer)
			o := fullOrder()
			tt.edit(&o)
			_, err := c.SalesOrders.Create(context.Background(), o)
			if !errors.Is(err, gks.ErrInvalidInput) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v, want ErrInvalidInput naming %s", err, tt.field)
			}
			if len(srv.Requests()) != 0 {
				t.Error("a request was sent for invalid input")
			}
		})
	}
}

func TestSalesOrdersCreateDoesNotChangeTheCallersOrder(t *testing.T) {
	_, c := newFake(t, buyer)
	o := fullOrder()
	if _, err := c.SalesOrders.Create(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if len(o.Extra) != 1 || len(o.Rows[0].Extra) != 1 || o.Name != "Spring campaign" {
		t.Errorf("caller's order changed: %+v", o)
	}
}

func TestSalesOrdersCreateUnknownCustomer(t *testing.T) {
	srv, c := newFake(t)
	_, err := c.SalesOrders.Create(context.Background(), fullOrder())
	if !errors.Is(err, gks.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	var e *gks.Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "The customer number was not found.") || e.Op != "salesorders.create" {
		t.Errorf("error = %+v", e)
	}
	if len(srv.Orders()) != 0 {
		t.Error("an order was stored")
	}
}

func TestSalesOrderPathOverride(t *testing.T) {
	var got string
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path
		w.WriteHeader(http.StatusCreated)
	}, gks.WithSalesOrderPath("/api/v2/orders"))
	res, err := c.SalesOrders.Create(context.Background(), gks.SalesOrder{CustomerNumber: "K1", Rows: []gks.SalesOrderRow{{ArticleNumber: "A", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if got != "POST /api/v2/orders" {
		t.Errorf("request = %q", got)
	}
	// The success body is not published: 201 with no body is a success too.
	if res.StatusCode != 201 || res.Number != "" || res.Raw != nil {
		t.Errorf("result = %+v", res)
	}
}

func TestSalesOrderResultKeepsTheRawBody(t *testing.T) {
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"number":"SO-9","id":42,"status":"Registered"}`))
	})
	res, err := c.SalesOrders.Create(context.Background(), gks.SalesOrder{CustomerNumber: "K1", Rows: []gks.SalesOrderRow{{ArticleNumber: "A", Quantity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Number != "SO-9" || string(res.Raw) != `{"number":"SO-9","id":42,"status":"Registered"}` {
		t.Errorf("result = %+v (raw %s)", res, res.Raw)
	}
}
