package spr

import "github.com/partsync/partsync-go/internal/paging"

// ProductPage is one page of the catalog or the search (30 products per
// page on the vendor's side).
type ProductPage struct {
	// Items are the page's products, in the server's order.
	Items []ProductSummary
	// CurrentPage is the page number, from 1.
	CurrentPage int
	// PerPage is the server's page size.
	PerPage int
	// From and To are the 1-based positions of the first and last item on
	// this page; zero on an empty page.
	From, To int
	// LastPage and Total are nil unless the server sends them (only the
	// vendor's older document shows them).
	LastPage, Total *int
}

// InventoryPage is one page of inventory records (100 per page on the
// vendor's side).
type InventoryPage struct {
	// Items are the page's records, in the server's order.
	Items []InventoryRecord
	// CurrentPage, PerPage, From and To mean what they mean in ProductPage.
	CurrentPage int
	PerPage     int
	From, To    int
	// LastPage and Total are nil unless the server sends them.
	LastPage, Total *int
}

// wirePage is Laravel's paginator JSON. Quirk: the older document types the
// meta fields as strings, so they decode leniently; from and to are null on
// an empty page.
type wirePage[T any] struct {
	CurrentPage flexInt    `json:"current_page"`
	PerPage     flexInt    `json:"per_page"`
	From        flexInt    `json:"from"`
	To          flexInt    `json:"to"`
	LastPage    *flexInt   `json:"last_page"`
	Total       *flexInt   `json:"total"`
	Data        phpList[T] `json:"data"`
}

func optInt(p *flexInt) *int {
	if p == nil {
		return nil
	}
	v := int(*p)
	return &v
}

// pagingPage tells the walker what the server said about the pages.
func pagingPage[T any](items []T, perPage int, lastPage, total *int) *paging.Page[T] {
	pg := &paging.Page[T]{Items: items, PageSize: perPage}
	if lastPage != nil && *lastPage > 0 {
		pg.LastPage = *lastPage
	}
	if total != nil {
		pg.Total, pg.TotalKnown = *total, true
	}
	return pg
}
