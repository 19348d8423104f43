package spr_test

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func gtServer(opts ...sprtest.ServerOption) *sprtest.Server {
	return sprtest.NewServer(append([]sprtest.ServerOption{sprtest.WithLocale("es_GT")}, opts...)...)
}

func TestInventoryListWalksAllPages(t *testing.T) {
	srv := gtServer()
	defer srv.Close()
	c := newClient(t, srv)
	want := srv.Inventory("rodatech")
	var got []spr.InventoryRecord
	for rec, err := range c.Inventory.List(ctxT(t), spr.InventoryQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("walked %d records, want %d identical ones", len(got), len(want))
	}
	reqs := apiRequests(srv, "GET")
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3 (100+100+50)", len(reqs))
	}
	for i, r := range reqs {
		if r.Path != "/es_GT/api/inventory" || r.Query.Get("enterprise") != "rodatech" || r.Query.Get("page") != string(rune('1'+i)) || len(r.Query) != 2 {
			t.Fatalf("request %d: %s?%s", i, r.Path, r.Query.Encode())
		}
	}
}

func TestInventoryPageWithFilters(t *testing.T) {
	srv := gtServer()
	defer srv.Close()
	c := newClient(t, srv)
	count := ""
	for _, rec := range srv.Inventory("partech") {
		if strings.Contains(rec.IngressDescription(), "CLUTCH") {
			count = rec.Get(spr.FieldIngressPackages)
			break
		}
	}
	q := spr.InventoryQuery{Enterprise: " Partech", Filters: map[string]string{spr.FilterIngressPackages: count, "DESCMERCAINGRESO": "clutch"}}
	pg, err := c.Inventory.Page(ctxT(t), q, 1)
	if err != nil {
		t.Fatal(err)
	}
	if pg.CurrentPage != 1 || pg.PerPage != 100 || len(pg.Items) == 0 || pg.From != 1 || pg.To != len(pg.Items) {
		t.Fatalf("page = %+v", pg)
	}
	for _, rec := range pg.Items {
		if rec.Get(spr.FieldIngressPackages) != count || !strings.Contains(rec.IngressDescription(), "CLUTCH") {
			t.Fatalf("filter let %v through", rec)
		}
	}
	r := apiRequests(srv, "GET")[0]
	if r.Query.Get("enterprise") != "partech" || r.Query.Get("CANTBULTOSING") != count || r.Query.Get("DESCMERCAINGRESO") != "clutch" || r.Query.Get("page") != "1" {
		t.Fatalf("query %s", r.Query.Encode())
	}
	if len(q.Filters) != 2 || q.Enterprise != " Partech" {
		t.Fatal("the caller's query was modified")
	}
}

func TestInventoryRejectsInvalidInput(t *testing.T) {
	srv := gtServer()
	defer srv.Close()
	c := newClient(t, srv)
	bad := []spr.InventoryQuery{
		{Enterprise: "acme"},
		{Filters: map[string]string{"cantbultosing": "6"}},
		{Filters: map[string]string{"NOMBRECINTO": "ZZ1"}},
		{Filters: map[string]string{"INVBULTOS": " "}},
	}
	for _, q := range bad {
		for _, err := range c.Inventory.List(ctxT(t), q) {
			if !errors.Is(err, spr.ErrInvalidInput) {
				t.Errorf("List(%+v) err = %v", q, err)
			}
		}
		if _, err := c.Inventory.Page(ctxT(t), q, 1); !errors.Is(err, spr.ErrInvalidInput) {
			t.Errorf("Page(%+v) err = %v", q, err)
		}
	}
	if _, err := c.Inventory.Page(ctxT(t), spr.InventoryQuery{}, -1); !errors.Is(err, spr.ErrInvalidInput) {
		t.Errorf("page -1 err = %v", err)
	}
	if len(srv.Requests()) != 0 {
		t.Fatal("invalid input reached the server")
	}
	if f := spr.InventoryFilters(); len(f) != 8 || !slices.Contains(f, "INVBULTOS") {
		t.Fatalf("InventoryFilters() = %v", f)
	}
}

func TestInventoryOutsideGuatemala(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	_, err := newClient(t, srv).Inventory.Page(ctxT(t), spr.InventoryQuery{}, 1)
	if !errors.Is(err, spr.ErrNotFound) {
		t.Fatalf("es_MX inventory err = %v, want ErrNotFound", err)
	}
	if r := apiRequests(srv, "GET")[0]; r.Path != "/es_MX/api/inventory" {
		t.Fatalf("path %s", r.Path)
	}
}

func TestInventoryRecordAccessors(t *testing.T) {
	srv := gtServer(sprtest.WithPaginationTotals())
	defer srv.Close()
	// The vendor document's example record, plus a number sent as a number.
	srv.SetInventory("shark", []spr.InventoryRecord{{
		"NOMBRECINTO": "ZZ1 - Zona Franca Parque Industrial Zeta La Union, S.A.", "CORRELATIVODUCAING": "SAT-ZZ1-780-2023",
		"CONSIGNATARIO": "AH GUATEMALA, SOCIEDAD ANONIMA", "FECHAINGRECINTO": "2023-10-31 00:00:00.000",
		"DESCMERCAINGRESO": "111920 BOMBA DE CLUTCH", "CANTBULTOSING": "6.0", "NUMLOTEEGRESO": "327-1703359-0086-0780-23",
		"BULTOSEGRESO": "0.0", "INVBULTOS": "6.0", "IMPUESTOS": "5.7350399999999997", "UBICACIONBODEGA": "33-36",
		"OBSBODEGA": "BOMBA DE CLUTCH FORD ESCORT", "FECHAABANDONO": "C20", "ESTATUS": "C21", "NUMORDENDUCA": "",
	}})
	pg, err := newClient(t, srv).Inventory.Page(ctxT(t), spr.InventoryQuery{Enterprise: spr.EnterpriseShark}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Items) != 1 || pg.LastPage == nil || *pg.LastPage != 1 || *pg.Total != 1 {
		t.Fatalf("page = %+v", pg)
	}
	rec := pg.Items[0]
	if rec.Get("IMPUESTOS") != "5.7350399999999997" || rec.Get("FECHAINGRECINTO") != "2023-10-31 00:00:00.000" || rec.Get("NUMORDENDUCA") != "" {
		t.Fatal("the vendor's strings were not kept exactly")
	}
	pk, err1 := rec.Packages()
	bal, err2 := rec.Balance()
	out, err3 := rec.EgressPackages()
	tax, err4 := rec.Taxes()
	in, err5 := rec.IngressDate()
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	if pk != 6 || bal != 6 || out != 0 || math.Abs(tax-5.73504) > 1e-12 {
		t.Fatalf("numbers %v %v %v %v", pk, bal, out, tax)
	}
	if want := time.Date(2023, 10, 31, 0, 0, 0, 0, spr.InventoryZone); !in.Equal(want) || in.Location() != spr.InventoryZone {
		t.Fatalf("IngressDate = %v", in)
	}
	if _, err := rec.AbandonDate(); err == nil {
		t.Fatal(`"C20" parsed as a date`)
	}
	if _, err := rec.Float("PLACAS"); err == nil {
		t.Fatal("an absent field parsed as a number")
	}
	if rec.Warehouse() == "" || rec.Status() != "C21" || rec.Location() != "33-36" || rec.Consignee() == "" ||
		rec.IngressPolicy() != "SAT-ZZ1-780-2023" || rec.EgressPolicy() == "" || rec.Remarks() == "" {
		t.Fatal("named accessors")
	}
}

func TestInventoryRecordKeepsNumbersAndNulls(t *testing.T) {
	var rec spr.InventoryRecord
	if err := rec.UnmarshalJSON([]byte(`{"CANTBULTOSING": 6.0, "INVBULTOS": 12, "PLACAS": null, "OBSBODEGA": "x", "NEW": true}`)); err != nil {
		t.Fatal(err)
	}
	want := spr.InventoryRecord{"CANTBULTOSING": "6.0", "INVBULTOS": "12", "PLACAS": "", "OBSBODEGA": "x", "NEW": "true"}
	if !reflect.DeepEqual(rec, want) {
		t.Fatalf("rec = %v", rec)
	}
	if err := rec.UnmarshalJSON([]byte(`{"X": {"nested": 1}}`)); err == nil {
		t.Fatal("an object value was accepted")
	}
}
