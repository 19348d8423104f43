package spr_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/internal/benchkit"
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

// benchEnv is a replay server answering what the fake answered to one
// product Get (and the password-grant token request), plus generated
// catalog pages; an SDK client and a plain client pointed at it.
type benchEnv struct {
	srv   *benchkit.Replay
	sdk   *spr.Client
	plain *http.Client
	auth  string // the Authorization header the SDK sent
	code  string // the product Get asks for
	path  string // its path
}

const benchLocale = "es_MX"

func newBenchEnv(b *testing.B, items int) *benchEnv {
	b.Helper()
	fake := sprtest.NewServer()
	defer fake.Close()
	rec := &benchkit.Recorder{Base: &http.Transport{}}
	defer rec.Base.(*http.Transport).CloseIdleConnections()
	creds := fake.Credentials()
	c, err := spr.NewClient(creds, spr.WithBaseURL(fake.URL()), spr.WithTokenURL(fake.TokenURL()),
		spr.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		b.Fatal(err)
	}
	e := &benchEnv{plain: benchkit.PlainClient(b), code: fake.Products()[0].Code}
	if _, err := c.Products.Get(context.Background(), e.code); err != nil {
		b.Fatal(err)
	}
	e.path = "/" + benchLocale + "/api/products/" + e.code
	get, ok := rec.Last(http.MethodGet, e.path)
	if !ok {
		b.Fatal("no GET recorded")
	}
	e.auth = get.Header.Get("Authorization")
	e.srv = benchkit.NewReplay(b, rec.Exchanges()...)
	e.srv.Handle("GET /"+benchLocale+"/api/products", catalogPages(items, e.auth))
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	e.sdk, err = spr.NewClient(creds, spr.WithBaseURL(e.srv.URL()), spr.WithTokenURL(e.srv.URL()+"/oauth/token"),
		spr.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// catalogPages generates the catalog's pages of 30 on the fly (?page= from
// 1), in the fake's wire format; the page after the last is empty.
func catalogPages(total int, auth string) http.HandlerFunc {
	const per = 30
	pool := sync.Pool{New: func() any { return new([]byte) }}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != auth {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		bp := pool.Get().(*[]byte)
		buf := append((*bp)[:0], `{"current_page":`...)
		buf = strconv.AppendInt(buf, int64(page), 10)
		buf = append(buf, `,"data":[`...)
		first, last := min((page-1)*per, total), min(page*per, total)
		for i := first; i < last; i++ {
			if i > first {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"category":{"singular":"Balero de Maza","plural":"Baleros de Maza","keywords":"cojinete cojinetes rodamiento rodamientos","line":{"name_short":"rodatech","name_long":"Rodatech Automotive","description":"Mazas, distribución y rodamientos"}},"code":"RT-`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `","detailed_description":"BALERO DE MAZA DEL. 4WD FORD ESCAPE 10-22","oems":[{"code":"C08BC-0435-D","make":{"value":"TOYOTA"}}],"picture_url":"https://sprautomotive.com/storage/products/RT-521006.jpg","price_00":{"prefix":"$","sufix":"MXN","value":405.77},"price_01":{"prefix":"$","sufix":"MXN","value":362.11},"stock":[{"branch_id":1,"branch_name":"Fresnillo, Zac","quantity":89},{"branch_id":2,"branch_name":"CDMX","quantity":168},{"branch_id":3,"branch_name":"Guadalajara, Jal","quantity":39},{"branch_id":4,"branch_name":"Monterrey, NL","quantity":97}]}`...)
		}
		buf = append(buf, `],"per_page":30,"from":`...)
		if last > first {
			buf = strconv.AppendInt(buf, int64(first+1), 10)
			buf = append(buf, `,"to":`...)
			buf = strconv.AppendInt(buf, int64(last), 10)
		} else {
			buf = append(buf, `null,"to":null`...)
		}
		buf = append(buf, '}')
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(buf)
		*bp = buf
		pool.Put(bp)
	}
}

// The plain baseline's wire types: what a hand-written client decodes into.
type plainPrice struct {
	Prefix string  `json:"prefix"`
	Sufix  string  `json:"sufix"`
	Value  float64 `json:"value"`
}

type plainStock struct {
	BranchID   int    `json:"branch_id"`
	BranchName string `json:"branch_name"`
	Quantity   int    `json:"quantity"`
}

type plainCategory struct {
	Singular string `json:"singular"`
	Plural   string `json:"plural"`
	Keywords string `json:"keywords"`
	Line     *struct {
		NameShort   string `json:"name_short"`
		NameLong    string `json:"name_long"`
		Description string `json:"description"`
	} `json:"line"`
}

type plainRef struct {
	Code string `json:"code"`
	Make struct {
		Value string `json:"value"`
	} `json:"make"`
}

type plainSummary struct {
	Code                string         `json:"code"`
	DetailedDescription string         `json:"detailed_description"`
	PictureURL          string         `json:"picture_url"`
	Price00             *plainPrice    `json:"price_00"`
	Price01             *plainPrice    `json:"price_01"`
	Stock               []plainStock   `json:"stock"`
	Category            *plainCategory `json:"category"`
	OEMs                []plainRef     `json:"oems"`
}

type plainApp struct {
	Make      string `json:"make"`
	Model     string `json:"model"`
	Year      string `json:"year"`
	Engine    string `json:"engine"`
	FuelType  string `json:"fueltype"`
	DriveType string `json:"drivetype"`
	Position  string `json:"position"`
}

type plainProduct struct {
	plainSummary
	Apps         map[string]map[string][]plainApp `json:"apps"`
	Interchanges []plainRef                       `json:"interchanges"`
	Props        []struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	} `json:"props"`
}

type plainPage struct {
	CurrentPage int            `json:"current_page"`
	Data        []plainSummary `json:"data"`
	PerPage     int            `json:"per_page"`
}

// BenchmarkCall is one product lookup (Products.Get, a full product with
// applications, stock and prices) through the SDK against the same GET
// with net/http + encoding/json, both against a replay of the fake's answer.
func BenchmarkCall(b *testing.B) {
	e := newBenchEnv(b, 0)
	ctx := context.Background()
	url := e.srv.URL() + e.path
	benchkit.Compare(b, func(b *testing.B) {
		p, err := e.sdk.Products.Get(ctx, e.code)
		if err != nil || p.Code != e.code {
			b.Fatal(err)
		}
	}, func(b *testing.B) {
		var p plainProduct
		err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &p, "Authorization", e.auth, "Accept", "application/json")
		if err != nil || p.Code != e.code {
			b.Fatal(err)
		}
	})
}

// BenchmarkIterate walks catalog products with Products.Catalog (pages of
// 30, generated on the fly) and with a plain loop over the same pages (see
// benchkit.IterateCompare).
func BenchmarkIterate(b *testing.B) {
	q := spr.CatalogQuery{Year: 2011, Make: "FORD"}
	benchkit.IterateCompare(b, func(b *testing.B, n int) (sdk, plain benchkit.Walk) {
		e := newBenchEnv(b, n)
		ctx := context.Background()
		sdk = func() (int, error) {
			seen := 0
			for p, err := range e.sdk.Products.Catalog(ctx, q) {
				if err != nil {
					return seen, err
				}
				if p.Code != "" {
					seen++
				}
			}
			return seen, nil
		}
		plain = func() (int, error) {
			seen := 0
			for page := 1; ; page++ {
				var pg plainPage
				url := e.srv.URL() + "/" + benchLocale + "/api/products?year=2011&make=FORD&page=" + strconv.Itoa(page)
				if err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &pg, "Authorization", e.auth, "Accept", "application/json"); err != nil {
					return seen, err
				}
				for _, p := range pg.Data {
					if p.Code != "" {
						seen++
					}
				}
				if len(pg.Data) < 30 {
					return seen, nil
				}
			}
		}
		return sdk, plain
	})
}
