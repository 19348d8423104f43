package spr_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"maps"
	"slices"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// A client for the fake; against the real API, pass your credentials and
// leave out WithBaseURL.
func ExampleNewClient() {
	srv := sprtest.NewServer()
	defer srv.Close()

	c, err := spr.NewClient(spr.Credentials{
		ClientID:     sprtest.ClientID,
		ClientSecret: sprtest.ClientSecret,
		Username:     "demo", // logs in as demo@es_MX
		Password:     sprtest.DefaultPass,
		Locale:       "es_MX",
	}, spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.BaseURL() == srv.URL(), c.TokenURL() == srv.TokenURL(), c.Locale())
	// Output: true true es_MX
}

func ExampleProductService_Get() {
	srv := sprtest.NewServer()
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	p, err := c.Products.Get(ctx, "RT-511011")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Code, p.DetailedDescription)
	fmt.Println("list price:", p.Price00, "your price:", p.Price01)
	for _, s := range p.Stock {
		fmt.Printf("  %-18s %3d\n", s.BranchName, s.Quantity)
	}
	for _, mk := range slices.Sorted(maps.Keys(p.Apps)) {
		for _, model := range slices.Sorted(maps.Keys(p.Apps[mk])) {
			for _, a := range p.Apps[mk][model] {
				fmt.Println("fits", a.Make, a.Model, a.Year, a.Engine, a.Position)
			}
		}
	}

	_, err = c.Products.Get(ctx, "NO-SUCH-CODE")
	fmt.Println(errors.Is(err, spr.ErrNotFound))
	// Output:
	// RT-511011 MAZA DE RUEDA TRAS. FWD NISSAN VERSA 13-18
	// list price: $1066.19 MXN your price: $853.41 MXN
	//   Fresnillo, Zac      66
	//   CDMX                87
	//   Guadalajara, Jal   139
	//   Monterrey, NL      121
	// fits NISSAN VERSA 2013-2018 V6 3.5L TRAS
	// true
}

func ExampleProductService_Catalog() {
	srv := sprtest.NewServer()
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	// Every page, 30 products at a time, for one vehicle.
	n := 0
	for p, err := range c.Products.Catalog(context.Background(), spr.CatalogQuery{Year: 2011, Make: "FORD", Model: "FIESTA"}) {
		if err != nil {
			log.Fatal(err)
		}
		if n < 3 {
			fmt.Println(p.Code, p.Category.Singular)
		}
		n++
	}
	fmt.Println(n, "products")
	// Output:
	// PC11032 Pastillas de Frenos
	// RT-511037 Maza de Rueda
	// RT-521046 Balero de Maza
	// 15 products
}

func ExampleProductService_Search() {
	srv := sprtest.NewServer()
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	for p, err := range c.Products.Search(context.Background(), "balatas aveo") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Code, p.DetailedDescription, p.Price01, "stock", p.TotalStock())
	}
	// Output:
	// PC11122 PASTILLAS DE FRENOS DEL. 4WD NISSAN NP300 09-22 $369.79 MXN stock 348
	// PC11148 PASTILLAS DE FRENOS TRAS. 4WD HONDA CR-V 09-13 $247.89 MXN stock 328
	// PC11214 PASTILLAS DE FRENOS TRAS. 4WD CHEVROLET AVEO 10-24 $349.86 MXN stock 494
	// PC11266 PASTILLAS DE FRENOS DEL. 4WD CHEVROLET AVEO 03-09 $226.34 MXN stock 188
	// PC11281 PASTILLAS DE FRENOS TRAS. 4WD CHEVROLET AVEO 04-09 $231.27 MXN stock 495
}

func ExampleProductService_CatalogPage() {
	srv := sprtest.NewServer()
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	pg, err := c.Products.CatalogPage(context.Background(), spr.CatalogQuery{Year: 2011, Make: "FORD"}, 2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("page %d: items %d to %d, %d per page, last page known: %v\n", pg.CurrentPage, pg.From, pg.To, pg.PerPage, pg.LastPage != nil)
	// Output: page 2: items 31 to 60, 30 per page, last page known: false
}

// The inventory is Guatemala's: the client's locale must be es_GT.
func ExampleInventoryService_List() {
	srv := sprtest.NewServer(sprtest.WithLocale("es_GT"))
	defer srv.Close()
	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	q := spr.InventoryQuery{Enterprise: spr.EnterpriseShark, Filters: map[string]string{spr.FilterIngressDescription: "amortiguador"}}
	total, records := 0.0, 0
	for rec, err := range c.Inventory.List(context.Background(), q) {
		if err != nil {
			log.Fatal(err)
		}
		balance, err := rec.Balance()
		if err != nil {
			log.Fatal(err)
		}
		total += balance
		records++
	}
	fmt.Printf("%d records, %.0f packages in stock\n", records, total)
	// Output: 24 records, 137 packages in stock
}

func ExampleInventoryRecord() {
	rec := spr.InventoryRecord{"FECHAINGRECINTO": "2023-10-31 00:00:00.000", "CANTBULTOSING": "6.0", "FECHAABANDONO": "C20"}
	arrived, _ := rec.IngressDate()
	packages, _ := rec.Packages()
	_, err := rec.AbandonDate()
	fmt.Println(arrived.Format("2006-01-02 MST"), packages, rec.Get(spr.FieldAbandonDate), err != nil)
	// Output: 2023-10-31 America/Guatemala 6 C20 true
}
