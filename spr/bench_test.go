package spr_test

import (
	"encoding/json"
	"testing"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// BenchmarkDecodeProduct decodes one full product (every field) as Get does.
func BenchmarkDecodeProduct(b *testing.B) {
	srv := sprtest.NewServer()
	defer srv.Close()
	body, err := json.Marshal(srv.Products()[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var p spr.Product
		if err := json.Unmarshal(body, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCatalogPage fetches and decodes one page of 30 products through
// the whole stack (auth, retries, decoding) against the fake.
func BenchmarkCatalogPage(b *testing.B) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		b.Fatal(err)
	}
	q := spr.CatalogQuery{Year: 2011, Make: "FORD"}
	b.ReportAllocs()
	for b.Loop() {
		pg, err := c.Products.CatalogPage(b.Context(), q, 1)
		if err != nil || len(pg.Items) != 30 {
			b.Fatalf("page: %v", err)
		}
	}
}
