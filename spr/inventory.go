package spr

import (
	"context"
	"iter"
	"net/http"
	"sort"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/spr/internal/oapi"
)

// inventoryPerPage is the inventory's page size.
const inventoryPerPage = 100

// The enterprises whose inventory can be read.
const (
	EnterpriseRodatech = "rodatech" // the server's default
	EnterprisePartech  = "partech"
	EnterpriseShark    = "shark"
)

// The filters InventoryQuery.Filters accepts, by their vendor names.
const (
	FilterIngressPolicy      = FieldIngressPolicy      // CORRELATIVODUCAING, No. póliza (ingreso)
	FilterIngressDate        = FieldIngressDate        // FECHAINGRECINTO, fecha de arribo
	FilterIngressDescription = FieldIngressDescription // DESCMERCAINGRESO
	FilterIngressPackages    = FieldIngressPackages    // CANTBULTOSING
	FilterEgressPolicy       = FieldEgressPolicy       // NUMLOTEEGRESO, No. póliza (egreso)
	FilterEgressDescription  = FieldEgressDescription  // DESCMERCAENGRESO
	FilterEgressPackages     = FieldEgressPackages     // BULTOSEGRESO
	FilterBalance            = FieldBalance            // INVBULTOS, saldo en inventario
)

// InventoryService reads the real-time customs-warehouse inventory. The
// vendor offers it for Guatemala only: the client calls it under its own
// Locale, so use a client whose Credentials.Locale is "es_GT"; elsewhere the
// server answers with an error (ErrNotFound on the fake).
type InventoryService struct{ c *core }

// InventoryQuery selects inventory records.
type InventoryQuery struct {
	// Enterprise is rodatech (the default when empty), partech or shark,
	// in any case.
	Enterprise string
	// Filters narrow the records by the vendor's upper-case field names
	// (the Filter* constants), e.g. {"CANTBULTOSING": "6.0"}. Unknown names
	// and empty values are rejected before any request.
	Filters map[string]string
}

// List walks every inventory record matching q, 100 per page from page 1,
// until an empty or short page (or last_page when the server sends it).
// Invalid input is yielded as the first and only error, before any request.
func (s *InventoryService) List(ctx context.Context, q InventoryQuery) iter.Seq2[InventoryRecord, error] {
	params, err := q.params()
	if err != nil {
		return failed[InventoryRecord](err)
	}
	cfg := paging.Config{Numbering: paging.OneBased, Limit: inventoryPerPage}
	return paging.Walk(ctx, cfg, func(ctx context.Context, r paging.Request) (*paging.Page[InventoryRecord], error) {
		pg, err := s.page(ctx, params, r.Page)
		if err != nil {
			return nil, err
		}
		return pagingPage(pg.Items, pg.PerPage, pg.LastPage, pg.Total), nil
	})
}

// Page returns one page of the inventory records matching q; pages are
// numbered from 1.
func (s *InventoryService) Page(ctx context.Context, q InventoryQuery, page int) (*InventoryPage, error) {
	params, err := q.params()
	if err != nil {
		return nil, err
	}
	if err := validPage(page); err != nil {
		return nil, err
	}
	return s.page(ctx, params, page)
}

func (s *InventoryService) page(ctx context.Context, params oapi.ListInventoryParams, page int) (*InventoryPage, error) {
	params.Page = &page
	var w wirePage[InventoryRecord]
	err := s.c.call(ctx, "inventory.list", func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListInventory(ctx, s.c.locale, &params)
	}, &w)
	if err != nil {
		return nil, err
	}
	return &InventoryPage{
		Items: w.Data, CurrentPage: int(w.CurrentPage), PerPage: int(w.PerPage),
		From: int(w.From), To: int(w.To), LastPage: optInt(w.LastPage), Total: optInt(w.Total),
	}, nil
}

// filterFields maps each accepted filter name to its generated parameter.
var filterFields = map[string]func(p *oapi.ListInventoryParams, v *string){
	FilterIngressPolicy:      func(p *oapi.ListInventoryParams, v *string) { p.CORRELATIVODUCAING = v },
	FilterIngressDate:        func(p *oapi.ListInventoryParams, v *string) { p.FECHAINGRECINTO = v },
	FilterIngressDescription: func(p *oapi.ListInventoryParams, v *string) { p.DESCMERCAINGRESO = v },
	FilterIngressPackages:    func(p *oapi.ListInventoryParams, v *string) { p.CANTBULTOSING = v },
	FilterEgressPolicy:       func(p *oapi.ListInventoryParams, v *string) { p.NUMLOTEEGRESO = v },
	FilterEgressDescription:  func(p *oapi.ListInventoryParams, v *string) { p.DESCMERCAENGRESO = v },
	FilterEgressPackages:     func(p *oapi.ListInventoryParams, v *string) { p.BULTOSEGRESO = v },
	FilterBalance:            func(p *oapi.ListInventoryParams, v *string) { p.INVBULTOS = v },
}

// InventoryFilters lists the filter names InventoryQuery.Filters accepts.
func InventoryFilters() []string {
	names := make([]string, 0, len(filterFields))
	for k := range filterFields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (q InventoryQuery) params() (oapi.ListInventoryParams, error) {
	var p oapi.ListInventoryParams
	ent := oapi.ListInventoryParamsEnterprise(strings.ToLower(strings.TrimSpace(q.Enterprise)))
	if ent == "" {
		// The server's default, sent explicitly so the request says what it reads.
		ent = EnterpriseRodatech
	}
	if !ent.Valid() {
		return p, apierror.Invalid(vendor, "InventoryQuery.Enterprise", "%q is not one of rodatech, partech, shark", q.Enterprise)
	}
	p.Enterprise = &ent
	for name, value := range q.Filters {
		set, ok := filterFields[name]
		if !ok {
			return p, apierror.Invalid(vendor, "InventoryQuery.Filters", "unknown filter %q; known: %s", name, strings.Join(InventoryFilters(), ", "))
		}
		if strings.TrimSpace(value) == "" {
			return p, apierror.Invalid(vendor, "InventoryQuery.Filters", "filter %q has an empty value; leave it out instead", name)
		}
		v := value
		set(&p, &v)
	}
	return p, nil
}
