package gkstest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestCreateCustomer(t *testing.T) {
	s := newServer(t)
	tok := token(t, s)
	resp, body := call(t, s, tok, http.MethodPost, "/api/v1/customers",
		`{"name":"Acme AB","number":"K100421","invoiceEmail":null,"corporateIdentityNumber":"556677-8899","postalAddress":{"city":"Stockholm"}}`)
	if resp.StatusCode != 200 || len(body) != 0 {
		t.Fatalf("create: %d %q, want 200 with no content", resp.StatusCode, body)
	}
	c, ok := s.Customer("K100421")
	if !ok || c.Name != "Acme AB" || c.InvoiceEmail != "" || c.PostalAddress == nil || c.PostalAddress.City != "Stockholm" {
		t.Errorf("stored = %+v, %v", c, ok)
	}
	// A null number gets one allocated, which the response cannot report.
	resp, _ = call(t, s, tok, http.MethodPost, "/api/v1/customers", `{"name":"B","number":null,"invoiceEmail":null,"corporateIdentityNumber":"1"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("create with null number: %d", resp.StatusCode)
	}
	if cs := s.Customers(); len(cs) != 2 || cs[0].Number != "K100001" || cs[0].Name != "B" {
		t.Errorf("customers = %+v", cs)
	}
}

func TestCreateCustomerValidation(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "Old", Number: "K1", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	tests := []struct {
		name, body string
		fields     []string
	}{
		{"missing name", `{"number":null,"invoiceEmail":null,"corporateIdentityNumber":"1"}`, []string{"Name"}},
		{"missing nullable keys", `{"name":"A","corporateIdentityNumber":"1"}`, []string{"Number", "InvoiceEmail"}},
		{"missing corporate identity number", `{"name":"A","number":null,"invoiceEmail":null}`, []string{"CorporateIdentityNumber"}},
		{"duplicate", `{"name":"A","number":"K1","invoiceEmail":null,"corporateIdentityNumber":"1"}`, []string{"Number"}},
		{"malformed", `{"name":`, []string{"$"}},
	}
	for _, tt := range tests {
		resp, body := call(t, s, tok, http.MethodPost, "/api/v1/customers", tt.body)
		p := decodeProblem(t, resp, body, 400)
		if len(p.Errors) != len(tt.fields) {
			t.Errorf("%s: errors = %v, want fields %v", tt.name, p.Errors, tt.fields)
		}
		for _, f := range tt.fields {
			if len(p.Errors[f]) == 0 {
				t.Errorf("%s: no error for %s in %v", tt.name, f, p.Errors)
			}
		}
		if p.Title != "One or more validation errors occurred." {
			t.Errorf("%s: title %q", tt.name, p.Title)
		}
	}
	if n := len(s.Customers()); n != 1 {
		t.Errorf("customers = %d, want only the seeded one", n)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/api/v1/customers", strings.NewReader("name=A"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("form body: %d, want 415", resp.StatusCode)
	}
}

func TestGetCustomer(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "Slash", Number: "K1/2", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	resp, body := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1%2F2", "")
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var c map[string]any
	_ = json.Unmarshal(body, &c)
	if c["number"] != "K1/2" || c["name"] != "Slash" {
		t.Errorf("body = %s", body)
	}
	if v, ok := c["invoiceEmail"]; !ok || v != nil {
		t.Errorf("invoiceEmail = %v (present %v), want null", v, ok)
	}
	resp, body = call(t, s, tok, http.MethodGet, "/api/v1/customers/K404", "")
	p := decodeProblem(t, resp, body, 404)
	if p.Detail != "The customer with provided customer number was not found." {
		t.Errorf("detail = %q", p.Detail)
	}
}

type page struct {
	Items []struct {
		Number string `json:"number"`
	} `json:"items"`
	Page, PageSize, TotalCount int
}

func listNumbers(t *testing.T, s *gkstest.Server, tok, query string) page {
	t.Helper()
	resp, body := call(t, s, tok, http.MethodGet, "/api/v1/customers"+query, "")
	if resp.StatusCode != 200 {
		t.Fatalf("list %s: %d %s", query, resp.StatusCode, body)
	}
	var p page
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func numbers(p page) string {
	var ns []string
	for _, it := range p.Items {
		ns = append(ns, it.Number)
	}
	return strings.Join(ns, " ")
}

func TestListCustomersPagingAndFilters(t *testing.T) {
	var cs []gks.Customer
	for i := 1; i <= 120; i++ {
		cs = append(cs, gks.Customer{Name: fmt.Sprintf("Firma %03d", i), Number: fmt.Sprintf("K%03d", i), CorporateIdentityNumber: fmt.Sprintf("556%03d-0000", i)})
	}
	cs = append(cs, gks.Customer{Name: "Acme Industri AB", Number: "X1", CorporateIdentityNumber: "556677-8899"})
	s := newServer(t, gkstest.WithCustomers(cs...))
	tok := token(t, s)

	p := listNumbers(t, s, tok, "")
	if len(p.Items) != 50 || p.Page != 1 || p.PageSize != 50 || p.TotalCount != 121 {
		t.Errorf("defaults: %d items, page %d size %d total %d", len(p.Items), p.Page, p.PageSize, p.TotalCount)
	}
	p = listNumbers(t, s, tok, "?page=2&pageSize=100")
	if len(p.Items) != 21 || p.Items[0].Number != "K101" || p.Items[20].Number != "X1" {
		t.Errorf("page 2 of 100: %s", numbers(p))
	}
	if p = listNumbers(t, s, tok, "?page=9"); len(p.Items) != 0 || p.TotalCount != 121 {
		t.Errorf("past the end: %+v", p)
	}
	for q, want := range map[string]string{
		"?name=INDUSTRI":                         "X1",
		"?number=K007":                           "K007",
		"?number=K00":                            "",
		"?corporateIdentityNumber=5566778899":    "X1",
		"?corporateIdentityNumber=556+677+-8899": "X1",
		"?name=firma+01&pageSize=3&page=2":       "K013 K014 K015",
	} {
		if got := numbers(listNumbers(t, s, tok, q)); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
	for _, q := range []string{"?pageSize=101", "?pageSize=0", "?page=0", "?page=abc"} {
		resp, body := call(t, s, tok, http.MethodGet, "/api/v1/customers"+q, "")
		if p := decodeProblem(t, resp, body, 400); len(p.Errors) == 0 {
			t.Errorf("%s: no field errors in %s", q, body)
		}
	}
}
