package gks

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/paging"
)

// DefaultPageSize is the page size GKS4 uses when none is sent, and the one
// List asks for when CustomerQuery.PageSize is 0.
const DefaultPageSize = 50

// MaxPageSize is the largest page size GKS4 accepts.
const MaxPageSize = 100

// CustomerQuery filters a customer list. Empty filters are not sent.
type CustomerQuery struct {
	// Number matches the customer number exactly.
	Number string
	// Name matches anywhere in the customer name.
	Name string
	// CorporateIdentityNumber matches the organisation number; GKS4 ignores
	// spaces and dashes when matching.
	CorporateIdentityNumber string
	// PageSize is the page size asked for: 0 means DefaultPageSize (50);
	// anything outside 1..MaxPageSize (100) is an error before sending.
	PageSize int
	// Extra adds query parameters the SDK does not name. A key that a
	// typed field also sends is an error.
	Extra url.Values
}

// CustomerPage is one page of a customer list.
type CustomerPage struct {
	// Items are the customers on this page.
	Items []Customer
	// Page is the 1-based page number.
	Page int
	// PageSize is the page size the server reported, or the one asked for.
	PageSize int
	// TotalCount is the number of customers across all pages, when TotalKnown.
	TotalCount int
	// TotalKnown says whether the server reported TotalCount.
	TotalKnown bool
}

// List yields every customer matching q, walking pages from 1 until a short
// page (or the reported total) ends the list. It stops after the first error,
// which it yields with a zero Customer. q is not modified.
func (s *CustomerService) List(ctx context.Context, q CustomerQuery) iter.Seq2[Customer, error] {
	size, err := q.pageSize()
	if err != nil {
		return func(yield func(Customer, error) bool) { yield(Customer{}, err) }
	}
	return paging.Walk(ctx, paging.Config{Numbering: paging.OneBased, Limit: size},
		func(ctx context.Context, r paging.Request) (*paging.Page[Customer], error) {
			p, err := s.page(ctx, q, r.Page, size)
			if err != nil {
				return nil, err
			}
			return &paging.Page[Customer]{Items: p.Items, Total: p.TotalCount, TotalKnown: p.TotalKnown, PageSize: p.PageSize}, nil
		})
}

// ListPage returns one page (1-based) of the customers matching q.
func (s *CustomerService) ListPage(ctx context.Context, q CustomerQuery, page int) (*CustomerPage, error) {
	size, err := q.pageSize()
	if err != nil {
		return nil, err
	}
	if page < 1 {
		return nil, apierror.Invalid(vendor, "page", "%d is not a page number: pages start at 1", page)
	}
	return s.page(ctx, q, page, size)
}

func (q CustomerQuery) pageSize() (int, error) {
	switch {
	case q.PageSize == 0:
		return DefaultPageSize, nil
	case q.PageSize < 1 || q.PageSize > MaxPageSize:
		return 0, apierror.Invalid(vendor, "CustomerQuery.PageSize", "%d is outside 1..%d (0 means the default, %d)", q.PageSize, MaxPageSize, DefaultPageSize)
	}
	return q.PageSize, nil
}

func (s *CustomerService) page(ctx context.Context, q CustomerQuery, page, size int) (*CustomerPage, error) {
	req, err := s.c.newRequest(ctx, "customers.list", false, http.MethodGet, s.c.ep.customerList(&q, page, size), nil)
	if err != nil {
		return nil, fmt.Errorf("gks: customers.list: building the request: %w", err)
	}
	if err := addExtraQuery(req, q.Extra); err != nil {
		return nil, err
	}
	resp, err := s.c.do(req)
	if err != nil {
		return nil, err
	}
	out, err, terr := decodeCustomerPageResponse(resp)
	if terr != nil {
		return nil, terr
	}
	if err != nil {
		return nil, &apierror.Error{
			Vendor: vendor, Op: "customers.list", Method: req.Method, URL: apierror.SafeURL(req.URL),
			StatusCode: resp.StatusCode, Message: err.Error(), Err: fmt.Errorf("%w: %w", apierror.ErrDecode, err),
		}
	}
	out.Page = page
	if out.PageSize == 0 {
		out.PageSize = size
	}
	return out, nil
}

// addExtraQuery adds caller-supplied query parameters the SDK does not name.
func addExtraQuery(req *http.Request, extra url.Values) error {
	if len(extra) == 0 {
		return nil
	}
	q := req.URL.Query()
	for k, vs := range extra {
		if k == "" {
			return apierror.Invalid(vendor, "CustomerQuery.Extra", "empty parameter name")
		}
		if q.Has(k) {
			return apierror.Invalid(vendor, "CustomerQuery.Extra", "%q is already sent by a typed field; set that field instead", k)
		}
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	req.URL.RawQuery = q.Encode()
	return nil
}
