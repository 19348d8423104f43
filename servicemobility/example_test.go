package servicemobility_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// Serve the Parts Ordering REST API Interface: ServiceMobility POSTs each
// order to this endpoint (PartsOrdering.EntityServiceURI) and relays the
// answer to the mobile worker.
func ExampleNewPartsOrderingHandler() {
	svc := servicemobility.PartsOrderingFunc(func(ctx context.Context, o *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
		resp := &servicemobility.PartsOrderResponse{Status: "1000", StatusMsg: "ordered"}
		order := servicemobility.Order{PartOrderNum: "SO-1", EstimatedDelivery: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
		for _, p := range o.Parts {
			order.Parts = append(order.Parts, servicemobility.OrderedPart{ProdNum: p.ProdNum, Qty: p.Qty, PartStatus: "Ordered"})
		}
		resp.Orders = append(resp.Orders, order)
		return resp, nil
	})
	srv := httptest.NewServer(servicemobility.NewPartsOrderingHandler(svc))
	defer srv.Close()

	// What ServiceMobility sends: the order, and the caller's JWT.
	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"Command":1002,"WorkOrder":"WO-7","Parts":[{"ProdNum":"FLT-100","Qty":2.0}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-access-token", "<JWT>")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))

	// A malformed order is a 500 with a reason, as the interface asks.
	resp2, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"Parts":[{"Qty":"lots"}]}`))
	if err != nil {
		log.Fatal(err)
	}
	defer resp2.Body.Close()
	body, _ = io.ReadAll(resp2.Body)
	fmt.Println(resp2.StatusCode, string(body))
	// Output:
	// 200 {"Orders":[{"EstimatedDelivery":"2026-03-02T10:00:00.000Z","PartOrderNum":"SO-1","Parts":[{"ProdNum":"FLT-100","PartStatus":"Ordered","Qty":2.0}]}],"Status":"1000","StatusMsg":"ordered"}
	// 500 malformed Parts Ordering Object: PartsOrder.Parts: Part.Qty: servicemobility: "lots" is not a decimal number
}

// Serve the Authentication REST API Interface and verify its tokens in the
// Parts Ordering endpoint.
func ExampleNewAuthenticationHandler() {
	key := []byte("a-32-byte-or-longer-signing-key!")
	users := servicemobility.StaticUsers(servicemobility.StaticUser{
		Username: "tech01", Password: "s3cret", Identity: servicemobility.Identity{Name: "Tess Tech"},
	})
	auth := httptest.NewServer(servicemobility.NewAuthenticationHandler(users, key, time.Hour))
	defer auth.Close()

	svc := servicemobility.PartsOrderingFunc(func(ctx context.Context, o *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
		claims, _ := servicemobility.ClaimsFromContext(ctx)
		return &servicemobility.PartsOrderResponse{Status: "1000", StatusMsg: "ordered for " + claims.Name}, nil
	})
	parts := httptest.NewServer(servicemobility.NewPartsOrderingHandler(svc, servicemobility.WithJWTSecret(key)))
	defer parts.Close()

	// ServiceMobility passes a login through (ExtUserAuth) ...
	resp, err := http.Post(auth.URL, "application/json", strings.NewReader(`{"username":"tech01","password":"s3cret"}`))
	if err != nil {
		log.Fatal(err)
	}
	var token struct{ Token string }
	_ = json.NewDecoder(resp.Body).Decode(&token)
	resp.Body.Close()
	fmt.Println("login:", resp.StatusCode)

	// ... and later forwards an order with that token.
	for _, tok := range []string{token.Token, "forged"} {
		req, _ := http.NewRequest(http.MethodPost, parts.URL, strings.NewReader(`{"Parts":[]}`))
		req.Header.Set("x-access-token", tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	// Output:
	// login: 200
	// 200 {"Orders":[],"Status":"1000","StatusMsg":"ordered for Tess Tech"}
	// 401 Invalid Logon.
}

// Submit a parts order to ServiceMobility, here the in-process fake, which
// relays it to a Parts Ordering endpoint.
func ExampleNewClient() {
	inv := servicemobility.NewMemoryInventory()
	inv.Put(servicemobility.StockItem{ProdNum: "FLT-100", Attrs: servicemobility.ProdAttrs{Desc: "Air filter"}}, 1)
	endpoint := httptest.NewServer(servicemobility.NewPartsOrderingHandler(
		servicemobility.NewStockService(inv, servicemobility.StockConfig{})))
	defer endpoint.Close()

	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()

	client, err := servicemobility.NewClient(fake.URL(), fake.Credentials())
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.PartsOrdering.Submit(context.Background(), &servicemobility.PartsOrder{
		WorkOrder: "WO-7",
		Parts:     []servicemobility.Part{{ProdNum: "FLT-100", Qty: servicemobility.MustDecimal("3")}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Status %s: %s\n", resp.Status, resp.StatusMsg)
	for _, o := range resp.Orders {
		for _, p := range o.Parts {
			fmt.Printf("%s x %s: %s\n", p.Qty, p.ProdNum, p.PartStatus)
		}
	}
	// Output:
	// Status 1000: 1 line ordered in 2 deliveries
	// 1 x FLT-100: Shipped from stock
	// 2 x FLT-100: Back-ordered
}

// Decimal keeps a quantity's text exactly.
func ExampleDecimal() {
	var p servicemobility.Part
	_ = p.UnmarshalJSON([]byte(`{"ProdNum":"GSK-140","Qty":10.0}`))
	fmt.Println(p.Qty, p.Qty.Float64())
	b, _ := json.Marshal(p)
	fmt.Println(string(b))
	// Output:
	// 10.0 10
	// {"ProdNum":"GSK-140","Qty":10.0}
}

// Failed calls are *Error values that errors.Is classifies: a refused login
// matches ErrUnauthorized (the client logs in once more after a 401 on a
// call, never in a loop), and an endpoint's 500 reaches the caller as
// ErrServer with the endpoint's text. Submit places an order, so it is
// never sent twice.
func ExampleError() {
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "ERP is down for maintenance", http.StatusInternalServerError)
	}))
	defer endpoint.Close()
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()
	ctx := context.Background()
	order := &servicemobility.PartsOrder{WorkOrder: "WO-7", Parts: []servicemobility.Part{{ProdNum: "FLT-100", Qty: servicemobility.MustDecimal("1")}}}

	wrong := fake.Credentials()
	wrong.Password = "not-the-password"
	bad, err := servicemobility.NewClient(fake.URL(), wrong)
	if err != nil {
		log.Fatal(err)
	}
	_, err = bad.PartsOrdering.Submit(ctx, order)
	fmt.Println(errors.Is(err, servicemobility.ErrUnauthorized))

	client, err := servicemobility.NewClient(fake.URL(), fake.Credentials())
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.PartsOrdering.Submit(ctx, order)
	var e *servicemobility.Error
	if errors.As(err, &e) {
		fmt.Println(errors.Is(err, servicemobility.ErrServer), e.StatusCode, e.Message, len(fake.Relays()))
	}
	// Output:
	// true
	// true 500 ERP is down for maintenance 1
}
