package gks_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func seedCustomers(n int) gkstest.ServerOption {
	cs := make([]gks.Customer, n)
	for i := range cs {
		cs[i] = gks.Customer{Name: fmt.Sprintf("Customer %02d", i+1), Number: fmt.Sprintf("K%03d", i+1), CorporateIdentityNumber: fmt.Sprintf("5566%02d-0000", i+1)}
	}
	return gkstest.WithCustomers(cs...)
}

func TestCustomersListWalksSeveralPages(t *testing.T) {
	srv, c := newFake(t, seedCustomers(7))
	var got []string
	for cu, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, cu.Number)
	}
	if want := "K001 K002 K003 K004 K005 K006 K007"; strings.Join(got, " ") != want {
		t.Errorf("numbers = %v, want %s", got, want)
	}
	rs := requests(srv, http.MethodGet, "/api/v1/customers")
	if len(rs) != 3 {
		t.Fatalf("pages requested = %d, want 3", len(rs))
	}
	for i, r := range rs {
		want := url.Values{"page": {fmt.Sprint(i + 1)}, "pageSize": {"3"}}
		if r.Path != "/api/v1/customers" || r.Query.Encode() != want.Encode() {
			t.Errorf("page %d: %s ?%s, want ?%s", i+1, r.Path, r.Query.Encode(), want.Encode())
		}
	}
}

// An exact multiple of the page size ends on the reported total, without an
// extra empty page.
func TestCustomersListStopsAtTheTotal(t *testing.T) {
	srv, c := newFake(t, seedCustomers(4))
	n := 0
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 4 || len(requests(srv, http.MethodGet, "/api/v1/customers")) != 2 {
		t.Errorf("items %d, pages %d; want 4 and 2", n, len(requests(srv, http.MethodGet, "/api/v1/customers")))
	}
}

func TestCustomersListFilters(t *testing.T) {
	srv, c := newFake(t,
		gkstest.WithCustomers(
			gks.Customer{Name: "Acme Industri AB", Number: "K1", CorporateIdentityNumber: "556677-8899"},
			gks.Customer{Name: "Beta Verkstad AB", Number: "K2", CorporateIdentityNumber: "556000-0001"},
			gks.Customer{Name: "ACME Service", Number: "K3", CorporateIdentityNumber: "556111-0002"},
		))
	tests := []struct {
		q     gks.CustomerQuery
		query url.Values
		want  string
	}{
		{gks.CustomerQuery{Name: "acme"}, url.Values{"name": {"acme"}}, "K1 K3"},
		{gks.CustomerQuery{Number: "K2"}, url.Values{"number": {"K2"}}, "K2"},
		{gks.CustomerQuery{CorporateIdentityNumber: "556677 8899"}, url.Values{"corporateIdentityNumber": {"556677 8899"}}, "K1"},
		{gks.CustomerQuery{Name: "AB", Number: "K1"}, url.Values{"name": {"AB"}, "number": {"K1"}}, "K1"},
		{gks.CustomerQuery{Name: "nobody"}, url.Values{"name": {"nobody"}}, ""},
	}
	for _, tt := range tests {
		srv.ResetRequests()
		var got []string
		for cu, err := range c.Customers.List(context.Background(), tt.q) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, cu.Number)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%+v: got %v, want %q", tt.q, got, tt.want)
		}
		r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers")
		want := url.Values{"page": {"1"}, "pageSize": {"50"}}
		for k, v := range tt.query {
			want[k] = v
		}
		if r.Query.Encode() != want.Encode() {
			t.Errorf("%+v: query %s, want %s", tt.q, r.Query.Encode(), want.Encode())
		}
	}
}

func TestCustomersListPageSize(t *testing.T) {
	srv, c := newFake(t, seedCustomers(1))
	for _, size := range []int{-1, 101, 1000} {
		n := 0
		for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: size}) {
			n++
			if !errors.Is(err, gks.ErrInvalidInput) || !strings.Contains(err.Error(), "PageSize") {
				t.Errorf("PageSize %d: err = %v", size, err)
			}
		}
		if n != 1 {
			t.Errorf("PageSize %d: yielded %d values, want the one error", size, n)
		}
	}
	if len(srv.Requests()) != 0 {
		t.Fatal("requests sent for an invalid page size")
	}
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: 100}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers"); r.Query.Get("pageSize") != "100" {
		t.Errorf("pageSize = %q, want 100", r.Query.Get("pageSize"))
	}
}

func TestCustomersListPage(t *testing.T) {
	srv, c := newFake(t, seedCustomers(5))
	p, err := c.Customers.ListPage(context.Background(), gks.CustomerQuery{PageSize: 2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || p.Items[0].Number != "K005" || p.Page != 3 || p.PageSize != 2 || !p.TotalKnown || p.TotalCount != 5 {
		t.Errorf("page = %+v", p)
	}
	if r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers"); r.Query.Get("page") != "3" {
		t.Errorf("page param = %q", r.Query.Get("page"))
	}
	if _, err := c.Customers.ListPage(context.Background(), gks.CustomerQuery{}, 0); !errors.Is(err, gks.ErrInvalidInput) {
		t.Errorf("page 0: err = %v", err)
	}
}

func TestCustomersListExtraQuery(t *testing.T) {
	srv, c := newFake(t, seedCustomers(1))
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{Extra: url.Values{"approved": {"true"}}}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers"); r.Query.Get("approved") != "true" {
		t.Errorf("query = %v", r.Query)
	}
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{Name: "x", Extra: url.Values{"name": {"y"}}}) {
		if !errors.Is(err, gks.ErrInvalidInput) {
			t.Errorf("colliding Extra: err = %v", err)
		}
	}
}

// The envelope is an assumption: a bare array is accepted as well.
func TestCustomersListAcceptsABareArray(t *testing.T) {
	var pages []string
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Query().Get("page"))
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "1" {
			_, _ = w.Write([]byte(`[{"name":"A","number":"K1","invoiceEmail":null,"corporateIdentityNumber":"1"},{"name":"B","number":"K2","invoiceEmail":null,"corporateIdentityNumber":"2"}]`))
			return
		}
		_, _ = w.Write([]byte(`[{"name":"C","number":"K3","invoiceEmail":"c@c.se","corporateIdentityNumber":"3"}]`))
	})
	var got []string
	for cu, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, cu.Number)
	}
	if strings.Join(got, " ") != "K1 K2 K3" || strings.Join(pages, ",") != "1,2" {
		t.Errorf("got %v from pages %v", got, pages)
	}
}

// An object without the assumed item list must not pass for an empty list.
func TestCustomersListRejectsAnUnknownEnvelope(t *testing.T) {
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":[{"name":"A","number":"K1"}],"total":1}`))
	})
	n := 0
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{}) {
		n++
		if !errors.Is(err, gks.ErrDecode) || !strings.Contains(err.Error(), "data, total") {
			t.Errorf("err = %v, want ErrDecode naming the members", err)
		}
	}
	if n != 1 {
		t.Errorf("yielded %d values, want one error", n)
	}
}

func TestCustomersListStopsAtTheFirstError(t *testing.T) {
	srv, c := newFake(t, seedCustomers(5))
	srv.InjectFault(1, gkstest.Fault{Method: http.MethodGet, Status: 500})
	var items, errs int
	for _, err := range c.Customers.List(context.Background(), gks.CustomerQuery{PageSize: 2}) {
		if err != nil {
			errs++
			if !errors.Is(err, gks.ErrServer) {
				t.Errorf("err = %v", err)
			}
			continue
		}
		items++
	}
	if items != 0 || errs != 1 {
		t.Errorf("items %d errors %d; want 0 and 1", items, errs)
	}
}
