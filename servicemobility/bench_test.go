package servicemobility_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/internal/benchkit"
	sm "github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// BenchmarkPartsOrderingHandler measures one order through the handler:
// JWT verification, lenient decoding, the service, encoding.
func BenchmarkPartsOrderingHandler(b *testing.B) {
	resp := okResponse()
	svc := sm.PartsOrderingFunc(func(context.Context, *sm.PartsOrder) (*sm.PartsOrderResponse, error) { return resp, nil })
	h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey))
	tok := hs256(b, validClaims(), testKey)
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vendorOrder))
		r.Header.Set("x-access-token", tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// benchOrder is the order both sides submit.
func benchOrder() *sm.PartsOrder {
	return &sm.PartsOrder{WorkOrder: "WO-7", Parts: []sm.Part{{ProdNum: "FLT-100", Qty: sm.MustDecimal("3")}}}
}

// The plain baseline's wire types.
type plainOrder struct {
	Command   int         `json:"Command"`
	Parts     []plainPart `json:"Parts"`
	WorkOrder string      `json:"WorkOrder"`
}

type plainPart struct {
	ProdNum    string      `json:"ProdNum"`
	Qty        json.Number `json:"Qty"`
	PartStatus string      `json:"PartStatus,omitempty"`
	ProdAttrs  *struct {
		Desc string `json:"Desc"`
	} `json:"ProdAttrs,omitempty"`
}

type plainResponse struct {
	Orders []struct {
		EstimatedDelivery time.Time   `json:"EstimatedDelivery"`
		PartOrderNum      string      `json:"PartOrderNum"`
		Parts             []plainPart `json:"Parts"`
	} `json:"Orders"`
	Status    string `json:"Status"`
	StatusMsg string `json:"StatusMsg"`
}

// BenchmarkCall is one PartsOrdering.Submit (an order of one line, after
// the /createjwt login the client caches) through the SDK against the same
// POST with net/http + encoding/json (same x-access-token, Content-Type and
// body), both against a replay of the fake's answer. ServiceMobility has no
// list operation, so this package has no iteration benchmark.
func BenchmarkCall(b *testing.B) {
	inv := sm.NewMemoryInventory()
	inv.Put(sm.StockItem{ProdNum: "FLT-100", Attrs: sm.ProdAttrs{Desc: "Air filter"}}, 1_000_000)
	endpoint := httptest.NewServer(sm.NewPartsOrderingHandler(sm.NewStockService(inv, sm.StockConfig{})))
	defer endpoint.Close()
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()
	rec := &benchkit.Recorder{Base: &http.Transport{}}
	defer rec.Base.(*http.Transport).CloseIdleConnections()
	c, err := sm.NewClient(fake.URL(), fake.Credentials(), sm.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.PartsOrdering.Submit(ctx, benchOrder()); err != nil {
		b.Fatal(err)
	}
	post, ok := rec.Last(http.MethodPost, servicemobilitytest.PartsOrderingPath)
	if !ok {
		b.Fatal("no order recorded")
	}
	srv := benchkit.NewReplay(b, rec.Exchanges()...)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	sdk, err := sm.NewClient(srv.URL(), fake.Credentials(), sm.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	plain, token := benchkit.PlainClient(b), post.Header.Get("X-Access-Token")
	url := srv.URL() + servicemobilitytest.PartsOrderingPath
	benchkit.Compare(b, func(b *testing.B) {
		r, err := sdk.PartsOrdering.Submit(ctx, benchOrder())
		if err != nil || len(r.Orders) != 1 {
			b.Fatal(err)
		}
	}, func(b *testing.B) {
		body, err := json.Marshal(plainOrder{Command: 1002, Parts: []plainPart{{ProdNum: "FLT-100", Qty: "3"}}, WorkOrder: "WO-7"})
		if err != nil {
			b.Fatal(err)
		}
		var r plainResponse
		err = benchkit.PlainJSON(ctx, plain, http.MethodPost, url, body, &r,
			"X-Access-Token", token, "Content-Type", "application/json", "Accept", "application/json")
		if err != nil || len(r.Orders) != 1 {
			b.Fatal(err)
		}
	})
}
