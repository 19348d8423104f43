package gkstest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestCreateSalesOrder(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "Acme", Number: "K100421", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	body := `{"customerNumber":"K100421","currency":"SEK","language":"en","project":"P-1",
		"rows":[{"articleNumber":"A","quantity":3,"price":10,"discount":50,"unit":"st",
		"deliveries":[{"address":{"city":"Malmö"},"quantity":1},{"address":{"city":"Lund"},"quantity":2}]}]}`
	resp, b := call(t, s, tok, http.MethodPost, "/api/v1/salesorders", body)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	var res map[string]any
	_ = json.Unmarshal(b, &res)
	if res["number"] != "SO500001" {
		t.Errorf("response = %s", b)
	}
	orders := s.Orders()
	if len(orders) != 1 {
		t.Fatalf("orders = %d", len(orders))
	}
	o := orders[0]
	if o.Number != "SO500001" || o.Order.Name != gks.DefaultSalesOrderName || o.Order.Language != "en" || o.Order.Extra["project"] != "P-1" || string(o.Body) != body {
		t.Errorf("order = %+v", o)
	}
	r := o.Order.Rows[0]
	if r.Discount != 50 || r.Extra["unit"] != "st" || len(r.Deliveries) != 2 || r.Deliveries[1].Address.City != "Lund" {
		t.Errorf("row = %+v", r)
	}
	resp, _ = call(t, s, tok, http.MethodPost, "/api/v1/salesorders", `{"customerNumber":"K100421","name":"Mine","rows":[{"articleNumber":"B","quantity":1,"price":0}]}`)
	if resp.StatusCode != 200 || s.Orders()[1].Order.Name != "Mine" || s.Orders()[1].Number != "SO500002" {
		t.Errorf("second order: %d %+v", resp.StatusCode, s.Orders())
	}
}

func TestCreateSalesOrderRequiresTheCustomer(t *testing.T) {
	s := newServer(t)
	tok := token(t, s)
	resp, b := call(t, s, tok, http.MethodPost, "/api/v1/salesorders", `{"customerNumber":"K9","rows":[{"articleNumber":"A","quantity":1,"price":1}]}`)
	if p := decodeProblem(t, resp, b, 404); p.Detail != "The customer number was not found." {
		t.Errorf("problem = %+v", p)
	}
	if len(s.Orders()) != 0 {
		t.Error("order stored")
	}
}

func TestCreateSalesOrderValidation(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "Acme", Number: "K1", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	tests := map[string]string{
		`{"rows":[{"articleNumber":"A","quantity":1,"price":1}]}`:                                                                  "CustomerNumber",
		`{"customerNumber":"K1","rows":[]}`:                                                                                        "Rows",
		`{"customerNumber":"K1","language":"de","rows":[{"articleNumber":"A","quantity":1,"price":1}]}`:                            "Language",
		`{"customerNumber":"K1","currency":"kr","rows":[{"articleNumber":"A","quantity":1,"price":1}]}`:                            "Currency",
		`{"customerNumber":"K1","rows":[{"quantity":1,"price":1}]}`:                                                                "Rows[0].ArticleNumber",
		`{"customerNumber":"K1","rows":[{"articleNumber":"A","quantity":0,"price":1}]}`:                                            "Rows[0].Quantity",
		`{"customerNumber":"K1","rows":[{"articleNumber":"A","quantity":1,"price":-1}]}`:                                           "Rows[0].Price",
		`{"customerNumber":"K1","rows":[{"articleNumber":"A","quantity":1,"price":1,"discount":101}]}`:                             "Rows[0].Discount",
		`{"customerNumber":"K1","rows":[{"articleNumber":"A","quantity":2,"price":1,"deliveries":[{"address":{},"quantity":1}]}]}`: "Rows[0].Deliveries",
	}
	for body, field := range tests {
		resp, b := call(t, s, tok, http.MethodPost, "/api/v1/salesorders", body)
		if p := decodeProblem(t, resp, b, 400); len(p.Errors[field]) == 0 {
			t.Errorf("%s: errors %v lack %s", body, p.Errors, field)
		}
	}
	if len(s.Orders()) != 0 {
		t.Error("invalid orders stored")
	}
}
