package sparetech_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// BenchmarkAll walks 297 creation intents (three pages of 99) through the
// full stack against the fake.
func BenchmarkAll(b *testing.B) {
	srv := sparetechtest.NewServer(sparetechtest.WithoutSeed())
	defer srv.Close()
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 297 {
		srv.SeedCreationIntent(sparetech.CreationIntent{CreatedAt: base.Add(time.Duration(i) * time.Minute),
			Metadata: map[string]any{"MANU": "Sparetech", "ART_NUM": fmt.Sprint("SED", i), "DESC": "Material Description"}})
	}
	c, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.CreationIntents.All(ctx, sparetech.ListParams{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 297 {
			b.Fatalf("%d intents", n)
		}
	}
}

// BenchmarkGet is one authenticated GET with a cached token.
func BenchmarkGet(b *testing.B) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	c, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreationIntents.Get(ctx, "904134"); err != nil {
			b.Fatal(err)
		}
	}
}
