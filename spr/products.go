package spr

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/paging"
	"github.com/partsync/partsync-go/spr/internal/oapi"
)

// productsPerPage is the catalog's and the search's page size.
const productsPerPage = 30

// ProductService reads products: one by code, the catalog for a vehicle, and
// the text search.
type ProductService struct{ c *core }

// CatalogQuery selects the catalog for one vehicle. Year and Make are
// required; Model and Category narrow the list.
type CatalogQuery struct {
	// Year is the vehicle's model year, e.g. 2011.
	Year int
	// Make is the vehicle's make, e.g. "FORD" (the server ignores case).
	Make string
	// Model is the vehicle's model, e.g. "FIESTA".
	Model string
	// Category is a product line or category, e.g. "mazas de rueda".
	Category string
}

// Get returns the product with the given code, with every field the user's
// permissions allow. A code the server does not know is an error matching
// ErrNotFound.
func (s *ProductService) Get(ctx context.Context, code string) (*Product, error) {
	code = strings.TrimSpace(code)
	if err := validCode(code); err != nil {
		return nil, err
	}
	var p Product
	err := s.c.call(ctx, "products.get", func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.GetProduct(ctx, s.c.locale, code)
	}, &p)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Catalog walks every product of the catalog for the vehicle in q, page by
// page from page 1, and stops after the last page (an empty or short page,
// or last_page when the server sends it). Invalid input is yielded as the
// first and only error, before any request.
func (s *ProductService) Catalog(ctx context.Context, q CatalogQuery) iter.Seq2[ProductSummary, error] {
	params, err := q.params()
	if err != nil {
		return failed[ProductSummary](err)
	}
	return s.walk(ctx, "products.catalog", params)
}

// CatalogPage returns one page of the catalog for the vehicle in q; pages
// are numbered from 1.
func (s *ProductService) CatalogPage(ctx context.Context, q CatalogQuery, page int) (*ProductPage, error) {
	params, err := q.params()
	if err != nil {
		return nil, err
	}
	if err := validPage(page); err != nil {
		return nil, err
	}
	return s.page(ctx, "products.catalog", params, page)
}

// Search walks every product matching terms (e.g. "balatas aveo"), page by
// page from page 1. Empty terms are yielded as the first and only error,
// before any request.
func (s *ProductService) Search(ctx context.Context, terms string) iter.Seq2[ProductSummary, error] {
	params, err := searchParams(terms)
	if err != nil {
		return failed[ProductSummary](err)
	}
	return s.walk(ctx, "products.search", params)
}

// SearchPage returns one page of the products matching terms; pages are
// numbered from 1.
func (s *ProductService) SearchPage(ctx context.Context, terms string, page int) (*ProductPage, error) {
	params, err := searchParams(terms)
	if err != nil {
		return nil, err
	}
	if err := validPage(page); err != nil {
		return nil, err
	}
	return s.page(ctx, "products.search", params, page)
}

func (s *ProductService) walk(ctx context.Context, op string, params oapi.ListProductsParams) iter.Seq2[ProductSummary, error] {
	cfg := paging.Config{Numbering: paging.OneBased, Limit: productsPerPage}
	return paging.Walk(ctx, cfg, func(ctx context.Context, r paging.Request) (*paging.Page[ProductSummary], error) {
		pg, err := s.page(ctx, op, params, r.Page)
		if err != nil {
			return nil, err
		}
		return pagingPage(pg.Items, pg.PerPage, pg.LastPage, pg.Total), nil
	})
}

// page fetches one page; params is a copy, so setting Page here never
// touches the caller's query.
func (s *ProductService) page(ctx context.Context, op string, params oapi.ListProductsParams, page int) (*ProductPage, error) {
	params.Page = &page
	var w wirePage[ProductSummary]
	err := s.c.call(ctx, op, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListProducts(ctx, s.c.locale, &params)
	}, &w)
	if err != nil {
		return nil, err
	}
	return &ProductPage{
		Items: w.Data, CurrentPage: int(w.CurrentPage), PerPage: int(w.PerPage),
		From: int(w.From), To: int(w.To), LastPage: optInt(w.LastPage), Total: optInt(w.Total),
	}, nil
}

func (q CatalogQuery) params() (oapi.ListProductsParams, error) {
	var p oapi.ListProductsParams
	if q.Year <= 0 {
		return p, apierror.Invalid(vendor, "CatalogQuery.Year", "is required")
	}
	if q.Year < 1900 || q.Year > 2200 {
		return p, apierror.Invalid(vendor, "CatalogQuery.Year", "%d is not a vehicle year", q.Year)
	}
	mk := strings.TrimSpace(q.Make)
	if mk == "" {
		return p, apierror.Invalid(vendor, "CatalogQuery.Make", "is required")
	}
	year := q.Year
	p.Year, p.Make = &year, &mk
	if m := strings.TrimSpace(q.Model); m != "" {
		p.Model = &m
	}
	if c := strings.TrimSpace(q.Category); c != "" {
		p.Category = &c
	}
	return p, nil
}

func searchParams(terms string) (oapi.ListProductsParams, error) {
	t := strings.TrimSpace(terms)
	if t == "" {
		return oapi.ListProductsParams{}, apierror.Invalid(vendor, "terms", "the search terms must not be empty")
	}
	return oapi.ListProductsParams{Search: &t}, nil
}

func validCode(code string) error {
	switch code {
	case "":
		return apierror.Invalid(vendor, "code", "the product code must not be empty")
	case ".", "..":
		// The generated URL would resolve the dot segment to another path.
		return apierror.Invalid(vendor, "code", "%q is not a product code", code)
	}
	return nil
}

func validPage(page int) error {
	if page < 1 {
		return apierror.Invalid(vendor, "page", "pages are numbered from 1, got %d", page)
	}
	return nil
}

// failed is an iterator that yields err and stops.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
