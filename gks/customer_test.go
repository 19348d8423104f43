package gks_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// number and invoiceEmail are nullable but required: empty means an explicit
// null on the wire, never a missing key; postalAddress is left out when nil.
func TestCustomersCreateSendsExplicitNulls(t *testing.T) {
	srv, c := newFake(t)
	err := c.Customers.Create(context.Background(), gks.Customer{Name: "Acme AB", CorporateIdentityNumber: "556677-8899"})
	if err != nil {
		t.Fatal(err)
	}
	r := onlyRequest(t, srv, http.MethodPost, "/api/v1/customers")
	if r.Path != "/api/v1/customers" {
		t.Errorf("path = %q", r.Path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer gkstest-") {
		t.Error("no bearer token on the create")
	}
	assertJSON(t, r.Body, `{"name":"Acme AB","number":null,"invoiceEmail":null,"corporateIdentityNumber":"556677-8899"}`)
	m := jsonObject(t, r.Body)
	for _, k := range []string{"number", "invoiceEmail"} {
		if v, ok := m[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want an explicit null", k, v, ok)
		}
	}
	if _, ok := m["postalAddress"]; ok {
		t.Error("postalAddress sent although nil")
	}
	// The fake allocated a number, which the 200-without-body could not report.
	if cs := srv.Customers(); len(cs) != 1 || cs[0].Name != "Acme AB" || cs[0].Number == "" {
		t.Errorf("stored customers = %+v", cs)
	}
}

func TestCustomersCreateSendsEveryField(t *testing.T) {
	srv, c := newFake(t)
	in := gks.Customer{
		Name: "Acme AB", Number: "K100421", InvoiceEmail: "invoice@acme.se", CorporateIdentityNumber: "556677-8899",
		PostalAddress: &gks.PostalAddress{Address1: "Storgatan 1", ZipCode: "114 44", City: "Stockholm", CountryCode: "SE"},
	}
	if err := c.Customers.Create(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	r := onlyRequest(t, srv, http.MethodPost, "/api/v1/customers")
	assertJSON(t, r.Body, `{"name":"Acme AB","number":"K100421","invoiceEmail":"invoice@acme.se",
		"corporateIdentityNumber":"556677-8899",
		"postalAddress":{"address1":"Storgatan 1","zipCode":"114 44","city":"Stockholm","countryCode":"SE"}}`)
	got, ok := srv.Customer("K100421")
	if !ok || got.InvoiceEmail != "invoice@acme.se" || got.PostalAddress == nil || got.PostalAddress.City != "Stockholm" {
		t.Errorf("stored = %+v, %v", got, ok)
	}
}

func TestCustomersCreateValidatesBeforeSending(t *testing.T) {
	ok := gks.Customer{Name: "Acme", CorporateIdentityNumber: "556677-8899"}
	tests := []struct {
		name  string
		edit  func(*gks.Customer)
		field string
	}{
		{"no name", func(c *gks.Customer) { c.Name = " " }, "Customer.Name"},
		{"no corporate identity number", func(c *gks.Customer) { c.CorporateIdentityNumber = "" }, "Customer.CorporateIdentityNumber"},
		{"padded number", func(c *gks.Customer) { c.Number = " K1" }, "Customer.Number"},
		{"bad e-mail", func(c *gks.Customer) { c.InvoiceEmail = "invoices at acme" }, "Customer.InvoiceEmail"},
		{"bad country", func(c *gks.Customer) { c.PostalAddress = &gks.PostalAddress{CountryCode: "Sweden"} }, "Customer.PostalAddress.CountryCode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c := newFake(t)
			in := ok
			tt.edit(&in)
			err := c.Customers.Create(context.Background(), in)
			if !errors.Is(err, gks.ErrInvalidInput) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v, want ErrInvalidInput for %s", err, tt.field)
			}
			if n := len(srv.Requests()) + len(srv.TokenRequests()); n != 0 {
				t.Errorf("%d requests sent for invalid input", n)
			}
		})
	}
}

// A duplicate number is refused with a ProblemDetails validation body,
// decoded into the error.
func TestCustomersCreateDecodesProblemDetails(t *testing.T) {
	_, c := newFake(t, gkstest.WithCustomers(gks.Customer{Name: "Old", Number: "K1", CorporateIdentityNumber: "1"}))
	err := c.Customers.Create(context.Background(), gks.Customer{Name: "New", Number: "K1", CorporateIdentityNumber: "2"})
	if !errors.Is(err, gks.ErrBadRequest) {
		t.Fatalf("err = %v, want ErrBadRequest", err)
	}
	var e *gks.Error
	if !errors.As(err, &e) {
		t.Fatalf("err %T is not *gks.Error", err)
	}
	pd, ok := e.Details.(*gks.ProblemDetails)
	if !ok {
		t.Fatalf("Details = %T, want *gks.ProblemDetails", e.Details)
	}
	if pd.Status != 400 || pd.Title != "One or more validation errors occurred." || pd.TraceID == "" {
		t.Errorf("problem = %+v", pd)
	}
	if msgs := pd.FieldErrors("number"); len(msgs) != 1 || !strings.Contains(msgs[0], "already exists") {
		t.Errorf("FieldErrors(number) = %q", msgs)
	}
	if !strings.Contains(e.Message, "Number: A customer with number K1 already exists.") {
		t.Errorf("Message = %q", e.Message)
	}
	if e.StatusCode != 400 || e.Op != "customers.create" || e.Vendor != "gks" {
		t.Errorf("error = %+v", e)
	}
}

func TestCustomersGet(t *testing.T) {
	srv, c := newFake(t, gkstest.WithCustomers(gks.Customer{
		Name: "Acme AB", Number: "K100421", InvoiceEmail: "i@acme.se", CorporateIdentityNumber: "556677-8899",
		PostalAddress: &gks.PostalAddress{Address1: "Storgatan 1", City: "Stockholm", CountryCode: "SE"},
	}))
	got, err := c.Customers.Get(context.Background(), "K100421")
	if err != nil {
		t.Fatal(err)
	}
	want := gks.Customer{Name: "Acme AB", Number: "K100421", InvoiceEmail: "i@acme.se", CorporateIdentityNumber: "556677-8899",
		PostalAddress: &gks.PostalAddress{Address1: "Storgatan 1", City: "Stockholm", CountryCode: "SE"}}
	if got.Name != want.Name || got.Number != want.Number || got.InvoiceEmail != want.InvoiceEmail ||
		got.CorporateIdentityNumber != want.CorporateIdentityNumber || got.PostalAddress == nil || *got.PostalAddress != *want.PostalAddress {
		t.Errorf("Get = %+v, want %+v", got, want)
	}
	r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers/")
	if r.Path != "/api/v1/customers/K100421" || len(r.Body) != 0 {
		t.Errorf("request = %s %q body %q", r.Method, r.Path, r.Body)
	}
}

func TestCustomersGetEscapesTheNumber(t *testing.T) {
	srv, c := newFake(t, gkstest.WithCustomers(gks.Customer{Name: "Odd", Number: "K 1/2?x", CorporateIdentityNumber: "1"}))
	got, err := c.Customers.Get(context.Background(), "K 1/2?x")
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "K 1/2?x" {
		t.Errorf("Number = %q", got.Number)
	}
	r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers/")
	if r.Path != "/api/v1/customers/K%201%2F2%3Fx" || len(r.Query) != 0 {
		t.Errorf("path = %q query %v, want one escaped segment", r.Path, r.Query)
	}
}

func TestCustomersGetNotFound(t *testing.T) {
	_, c := newFake(t)
	_, err := c.Customers.Get(context.Background(), "K404")
	if !errors.Is(err, gks.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	var e *gks.Error
	if !errors.As(err, &e) || e.StatusCode != 404 || !strings.Contains(e.Message, "was not found") {
		t.Errorf("error = %+v", e)
	}
	if pd, ok := e.Details.(*gks.ProblemDetails); !ok || pd.Detail != "The customer with provided customer number was not found." {
		t.Errorf("Details = %#v", e.Details)
	}
}

func TestCustomersGetRejectsUnusableNumbers(t *testing.T) {
	srv, c := newFake(t)
	for _, n := range []string{"", "  ", ".", ".."} {
		if _, err := c.Customers.Get(context.Background(), n); !errors.Is(err, gks.ErrInvalidInput) {
			t.Errorf("Get(%q) err = %v, want ErrInvalidInput", n, err)
		}
	}
	if len(srv.Requests()) != 0 {
		t.Error("requests sent for invalid numbers")
	}
}

// Without ProblemDetails the error keeps the plain-text body as its message.
func TestPlainTextErrorBody(t *testing.T) {
	srv, c := newFake(t)
	srv.InjectFault(1, gkstest.Fault{Status: 500, Body: "Database unavailable"})
	_, err := c.Customers.Get(context.Background(), "K1")
	if !errors.Is(err, gks.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	var e *gks.Error
	if !errors.As(err, &e) || e.Message != "Database unavailable" || e.Details != nil {
		t.Errorf("error = %+v", e)
	}
}

func TestCustomersCreateAndGet(t *testing.T) {
	srv, c := newFake(t)
	got, err := c.Customers.CreateAndGet(context.Background(), gks.Customer{Name: "Acme", Number: "K5", CorporateIdentityNumber: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "K5" || got.Name != "Acme" {
		t.Errorf("customer = %+v", got)
	}
	onlyRequest(t, srv, http.MethodPost, "/api/v1/customers")
	onlyRequest(t, srv, http.MethodGet, "/api/v1/customers/K5")

	if _, err := c.Customers.CreateAndGet(context.Background(), gks.Customer{Name: "No number", CorporateIdentityNumber: "1"}); !errors.Is(err, gks.ErrInvalidInput) {
		t.Errorf("without a number: err = %v", err)
	}
	srv.InjectFault(1, gkstest.Fault{Method: http.MethodGet, Status: 500})
	_, err = c.Customers.CreateAndGet(context.Background(), gks.Customer{Name: "B", Number: "K6", CorporateIdentityNumber: "2"})
	if !errors.Is(err, gks.ErrServer) || !strings.Contains(err.Error(), "K6 was created") {
		t.Errorf("failed read-back: err = %v", err)
	}
}
