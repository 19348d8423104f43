package spr_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func TestGetDecodesEveryField(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	want := srv.Products()[7]
	got, err := c.Products.Get(ctxT(t), want.Code)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("Get(%s) =\n%+v\nwant\n%+v", want.Code, *got, want)
	}
	r := apiRequests(srv, "GET")[0]
	if r.Path != "/es_MX/api/products/"+want.Code || len(r.Query) != 0 {
		t.Fatalf("request %s ?%v", r.Path, r.Query)
	}
}

func TestGetFromTheVendorsExample(t *testing.T) {
	// The vendor document's product example, with a factor and string numbers.
	const body = `{"code":"RT-510056","apps":{"FORD":{"FIESTA":[{"make":"FORD","model":"FIESTA","year":"2003-2013","engine":"L4 1.6L","fueltype":"GAS","drivetype":"FWD","position":"DEL"}],"FOCUS":[{"make":"FORD","model":"FOCUS"},{"make":"FORD","model":"FOCUS","year":2011}]},"VOLKSWAGEN":{"GOL":[{"make":"VOLKSWAGEN","model":"GOL"}]}},
	"price_00":{"value":12.34,"prefix":"$","sufix":"MXN"},"price_01":{"value":"12.34","prefix":"$","sufix":"MXN","factor":"0.5"},
	"stock":[{"branch_id":1,"branch_name":"Fresnillo, Zac","quantity":123},{"branch_id":"4","branch_name":"Monterrey, NL","quantity":"123"}],
	"category":{"singular":"Balero de Maza","plural":"Baleros de Maza","keywords":"cojinete cojinetes rodamiento rodamientos","line":{"name_short":"rodatech","name_long":"Rodatech Automotive","description":"Mazas, distribución y rodamientos"}},
	"props":[{"content":"72","name":"Diámetro exterior"}],"oems":[{"code":"6S4Z-1215-B","make":{"value":"FORD"}}],
	"interchanges":[{"code":"XYZ123456","make":{"value":"ANOTHERSELLER"}}],"detailed_description":"MAZA","picture_url":"https://x/p.jpg"}`
	srv := sprtest.NewServer()
	defer srv.Close()
	var got *spr.Product
	mux := stubAPI(t, srv, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/es_MX/api/products/RT-510056" {
			t.Errorf("path %s", r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, body)
	})
	defer mux.Close()
	c := newClient(t, srv, spr.WithBaseURL(mux.URL))
	got, err := c.Products.Get(ctxT(t), "RT-510056")
	if err != nil {
		t.Fatal(err)
	}
	half := 0.5
	want := spr.Product{
		Code: "RT-510056", DetailedDescription: "MAZA", PictureURL: "https://x/p.jpg",
		Apps: map[string]map[string][]spr.Application{
			"FORD": {
				"FIESTA": {{Make: "FORD", Model: "FIESTA", Year: "2003-2013", Engine: "L4 1.6L", FuelType: "GAS", DriveType: "FWD", Position: "DEL"}},
				"FOCUS":  {{Make: "FORD", Model: "FOCUS"}, {Make: "FORD", Model: "FOCUS", Year: "2011"}},
			},
			"VOLKSWAGEN": {"GOL": {{Make: "VOLKSWAGEN", Model: "GOL"}}},
		},
		Price00:      &spr.Price{Value: 12.34, Prefix: "$", Sufix: "MXN"},
		Price01:      &spr.Price{Value: 12.34, Prefix: "$", Sufix: "MXN", Factor: &half},
		Stock:        []spr.Stock{{BranchID: 1, BranchName: "Fresnillo, Zac", Quantity: 123}, {BranchID: 4, BranchName: "Monterrey, NL", Quantity: 123}},
		Category:     &spr.Category{Singular: "Balero de Maza", Plural: "Baleros de Maza", Keywords: "cojinete cojinetes rodamiento rodamientos", Line: &spr.Line{NameShort: "rodatech", NameLong: "Rodatech Automotive", Description: "Mazas, distribución y rodamientos"}},
		Props:        []spr.Property{{Name: "Diámetro exterior", Content: "72"}},
		OEMs:         []spr.CrossReference{{Code: "6S4Z-1215-B", Make: "FORD"}},
		Interchanges: []spr.CrossReference{{Code: "XYZ123456", Make: "ANOTHERSELLER"}},
	}
	if !reflect.DeepEqual(*got, want) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", *got, want)
	}
	if got.TotalStock() != 246 || got.Price01.String() != "$12.34 MXN" {
		t.Fatalf("TotalStock %d, price %s", got.TotalStock(), got.Price01)
	}
}

// stubAPI serves API paths with h and token requests with the fake, so that
// a test can answer with hand-written bodies.
func stubAPI(t *testing.T, srv *sprtest.Server, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			srv.Handler().ServeHTTP(w, r)
			return
		}
		h(w, r)
	}))
}

func TestGetPermissionDependentFieldsAreNil(t *testing.T) {
	srv := sprtest.NewServer(sprtest.WithPermissions(sprtest.Permissions{}))
	defer srv.Close()
	c := newClient(t, srv)
	p, err := c.Products.Get(ctxT(t), srv.Products()[0].Code)
	if err != nil {
		t.Fatal(err)
	}
	if p.Price00 != nil || p.Price01 != nil || p.Stock != nil || p.Apps != nil || p.Props != nil || p.OEMs != nil || p.Interchanges != nil {
		t.Fatalf("a user without permissions got %+v", p)
	}
	if p.Code == "" || p.Category == nil || p.DetailedDescription == "" {
		t.Fatal("permission-free fields are missing")
	}
}

func TestGetQuirkVariants(t *testing.T) {
	ref := sprtest.NewServer()
	defer ref.Close()
	want := ref.Products()[3]
	for name, opts := range map[string][]sprtest.ServerOption{
		"applications key": {sprtest.WithApplicationsKey()},
		"string numbers":   {sprtest.WithStringNumbers()},
	} {
		srv := sprtest.NewServer(opts...)
		got, err := newClient(t, srv).Products.Get(ctxT(t), want.Code)
		srv.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("%s: decoded product differs", name)
		}
	}
}

func TestGetEscapesAndValidatesCodes(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	srv.AddProduct(spr.Product{Code: "DE/814 A?"})
	c := newClient(t, srv)
	p, err := c.Products.Get(ctxT(t), "DE/814 A?")
	if err != nil || p.Code != "DE/814 A?" {
		t.Fatalf("Get with reserved characters: %v", err)
	}
	if raw := apiRequests(srv, "GET")[0].RawPath; raw != "/es_MX/api/products/DE%2F814%20A%3F" {
		t.Fatalf("escaped path = %s", raw)
	}
	before := len(srv.Requests())
	for _, code := range []string{"", "  ", ".", ".."} {
		if _, err := c.Products.Get(ctxT(t), code); !errors.Is(err, spr.ErrInvalidInput) {
			t.Errorf("Get(%q) err = %v, want ErrInvalidInput", code, err)
		}
	}
	if len(srv.Requests()) != before {
		t.Fatal("invalid codes reached the server")
	}
}

func TestGetNotFound(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	_, err := newClient(t, srv).Products.Get(ctxT(t), "NOPE-1")
	var e *spr.Error
	if !errors.Is(err, spr.ErrNotFound) || !errors.As(err, &e) || e.StatusCode != 404 || e.Message == "" || e.Vendor != "spr" {
		t.Fatalf("err = %v", err)
	}
}

// seedVehicle adds n products that fit only TESTMAKE TESTMODEL 2020.
func seedVehicle(srv *sprtest.Server, n int) []string {
	codes := make([]string, n)
	for i := range n {
		codes[i] = fmt.Sprintf("TM-%04d", i)
		srv.AddProduct(spr.Product{
			Code: codes[i], DetailedDescription: "PIEZA DE PRUEBA " + codes[i],
			Apps: map[string]map[string][]spr.Application{"TESTMAKE": {"TESTMODEL": {{Make: "TESTMAKE", Model: "TESTMODEL", Year: "2019-2021"}}}},
		})
	}
	return codes
}

func collect(t *testing.T, seq func(func(spr.ProductSummary, error) bool)) []string {
	t.Helper()
	var codes []string
	for p, err := range seq {
		if err != nil {
			t.Fatalf("iterator: %v", err)
		}
		codes = append(codes, p.Code)
	}
	return codes
}

func pagesRequested(srv *sprtest.Server) []string {
	var pages []string
	for _, r := range apiRequests(srv, "GET") {
		pages = append(pages, r.Query.Get("page"))
	}
	return pages
}

func TestCatalogWalksEveryPageOnce(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		opts  []sprtest.ServerOption
		pages []string
	}{
		// 95 = 30+30+30+5: the short page ends the walk.
		{"short last page", 95, nil, []string{"1", "2", "3", "4"}},
		// 90 = three full pages: the empty fourth page ends it.
		{"empty page", 90, nil, []string{"1", "2", "3", "4"}},
		// last_page sent: no request after it.
		{"last_page", 90, []sprtest.ServerOption{sprtest.WithPaginationTotals()}, []string{"1", "2", "3"}},
		// Meta as strings (the older document's types).
		{"string meta", 61, []sprtest.ServerOption{sprtest.WithStringNumbers()}, []string{"1", "2", "3"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := sprtest.NewServer(append([]sprtest.ServerOption{sprtest.WithCatalog(0, 0)}, tc.opts...)...)
			defer srv.Close()
			want := seedVehicle(srv, tc.n)
			c := newClient(t, srv)
			q := spr.CatalogQuery{Year: 2020, Make: "testmake", Model: " TESTMODEL "}
			got := collect(t, c.Products.Catalog(ctxT(t), q))
			if !slices.Equal(got, want) {
				t.Fatalf("walked %d codes, want each of %d once", len(got), len(want))
			}
			if p := pagesRequested(srv); !slices.Equal(p, tc.pages) {
				t.Fatalf("pages requested %v, want %v", p, tc.pages)
			}
			r := apiRequests(srv, "GET")[0]
			if r.Path != "/es_MX/api/products" || r.Query.Get("year") != "2020" || r.Query.Get("make") != "testmake" ||
				r.Query.Get("model") != "TESTMODEL" || r.Query.Has("category") || r.Query.Has("search") {
				t.Fatalf("catalog request %s?%v", r.Path, r.Query.Encode())
			}
			if q.Model != " TESTMODEL " {
				t.Fatal("the caller's query was modified")
			}
		})
	}
}

func TestCatalogOfTheGeneratedData(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	q := spr.CatalogQuery{Year: 2011, Make: "FORD"}
	want := srv.CatalogCodes(q)
	if len(want) <= 60 {
		t.Fatalf("only %d products; want several pages", len(want))
	}
	got := collect(t, newClient(t, srv).Products.Catalog(ctxT(t), q))
	if !slices.Equal(got, want) {
		t.Fatalf("walked %d, want %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for _, code := range got {
		if seen[code] {
			t.Fatalf("%s yielded twice", code)
		}
		seen[code] = true
	}
}

func TestCatalogPageAndCategory(t *testing.T) {
	srv := sprtest.NewServer(sprtest.WithPaginationTotals())
	defer srv.Close()
	c := newClient(t, srv)
	q := spr.CatalogQuery{Year: 2011, Make: "FORD", Category: "Mazas de Rueda"}
	want := srv.CatalogCodes(q)
	pg, err := c.Products.CatalogPage(ctxT(t), q, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := min(len(want), 30)
	if len(pg.Items) != n || pg.CurrentPage != 1 || pg.PerPage != 30 || pg.From != min(1, n) || pg.To != n ||
		pg.LastPage == nil || pg.Total == nil || *pg.Total != len(want) {
		t.Fatalf("page = %+v (want %d items)", pg, n)
	}
	for _, it := range pg.Items {
		if it.Category == nil || it.Category.Plural != "Mazas de Rueda" || it.Price01 == nil || it.Stock == nil {
			t.Fatalf("item %+v", it)
		}
	}
	if r := apiRequests(srv, "GET")[0]; r.Query.Get("category") != "Mazas de Rueda" || r.Query.Get("page") != "1" {
		t.Fatalf("query %v", r.Query)
	}
	empty, err := c.Products.CatalogPage(ctxT(t), q, 99)
	if err != nil || len(empty.Items) != 0 || empty.From != 0 || empty.To != 0 || empty.CurrentPage != 99 {
		t.Fatalf("page 99 = %+v, %v", empty, err)
	}
}

func TestCatalogAndSearchRejectInvalidInput(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	ctx := ctxT(t)
	for _, q := range []spr.CatalogQuery{{Make: "FORD"}, {Year: 2011}, {Year: 2011, Make: "  "}, {Year: 11, Make: "FORD"}} {
		for _, err := range c.Products.Catalog(ctx, q) {
			if !errors.Is(err, spr.ErrInvalidInput) {
				t.Errorf("Catalog(%+v) err = %v", q, err)
			}
		}
		if _, err := c.Products.CatalogPage(ctx, q, 1); !errors.Is(err, spr.ErrInvalidInput) {
			t.Errorf("CatalogPage(%+v) err = %v", q, err)
		}
	}
	if _, err := c.Products.CatalogPage(ctx, spr.CatalogQuery{Year: 2011, Make: "FORD"}, 0); !errors.Is(err, spr.ErrInvalidInput) {
		t.Errorf("page 0 err = %v", err)
	}
	for _, terms := range []string{"", " \t "} {
		n := 0
		for _, err := range c.Products.Search(ctx, terms) {
			n++
			if !errors.Is(err, spr.ErrInvalidInput) {
				t.Errorf("Search(%q) err = %v", terms, err)
			}
		}
		if n != 1 {
			t.Errorf("Search(%q) yielded %d times, want one error", terms, n)
		}
		if _, err := c.Products.SearchPage(ctx, terms, 1); !errors.Is(err, spr.ErrInvalidInput) {
			t.Errorf("SearchPage(%q) err = %v", terms, err)
		}
	}
	if len(srv.Requests()) != 0 {
		t.Fatalf("%d requests reached the server", len(srv.Requests()))
	}
}

func TestSearch(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	want := srv.SearchCodes("balatas aveo")
	if len(want) == 0 {
		t.Fatal("the fake has no brake pads for an Aveo")
	}
	got := collect(t, c.Products.Search(ctxT(t), "  balatas aveo "))
	if !slices.Equal(got, want) {
		t.Fatalf("search yielded %v, want %v", got, want)
	}
	r := apiRequests(srv, "GET")[0]
	if r.Path != "/es_MX/api/products" || r.Query.Get("search") != "balatas aveo" || r.Query.Get("page") != "1" || r.Query.Has("year") {
		t.Fatalf("search request %s?%s", r.Path, r.Query.Encode())
	}
	pg, err := c.Products.SearchPage(ctxT(t), "rodatech", 2)
	if err != nil || pg.CurrentPage != 2 || len(pg.Items) != 30 || pg.From != 31 || pg.LastPage != nil {
		t.Fatalf("SearchPage = %+v, %v", pg, err)
	}
}

func TestIteratorStopsEarlyAndOnError(t *testing.T) {
	srv := sprtest.NewServer(sprtest.WithCatalog(0, 0))
	defer srv.Close()
	seedVehicle(srv, 95)
	c := newClient(t, srv)
	q := spr.CatalogQuery{Year: 2020, Make: "TESTMAKE"}
	n := 0
	for _, err := range c.Products.Catalog(ctxT(t), q) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 31 {
			break
		}
	}
	if p := pagesRequested(srv); !slices.Equal(p, []string{"1", "2"}) {
		t.Fatalf("pages %v after stopping at item 31", p)
	}

	srv.ResetRequests()
	srv.InjectFault(1, sprtest.Fault{Truncate: true})
	var errs []error
	for _, err := range c.Products.Catalog(ctxT(t), q) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], spr.ErrDecode) {
		t.Fatalf("truncated page: %v", errs)
	}
}

func TestIteratorStopsOnARepeatedPage(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	items := make([]string, 30)
	for i := range items {
		items[i] = fmt.Sprintf(`{"code":"R-%d"}`, i)
	}
	// A server that ignores the page parameter.
	page := `{"current_page":1,"per_page":30,"from":1,"to":30,"data":[` + strings.Join(items, ",") + `]}`
	stub := stubAPI(t, srv, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, page)
	})
	defer stub.Close()
	n, errs := 0, 0
	for _, err := range newClient(t, srv, spr.WithBaseURL(stub.URL)).Products.Search(ctxT(t), "x") {
		if err != nil {
			errs++
			continue
		}
		n++
	}
	if n != 30 || errs != 1 {
		t.Fatalf("yielded %d items and %d errors, want 30 and 1", n, errs)
	}
}
