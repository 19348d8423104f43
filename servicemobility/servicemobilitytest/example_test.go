package servicemobilitytest_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// Check a Parts Ordering endpoint against the interface, as a customer
// would in its own tests (there: servicemobilitytest.RequireConformance(t, h, cfg)).
func ExampleCheckPartsOrderingHandler() {
	secret := []byte("the-endpoint's-jwt-secret")
	inv := servicemobility.NewMemoryInventory()
	inv.Put(servicemobility.StockItem{ProdNum: "P-100"}, 100)
	inv.Put(servicemobility.StockItem{ProdNum: "P-200"}, 100)
	h := servicemobility.NewPartsOrderingHandler(servicemobility.NewStockService(inv, servicemobility.StockConfig{}),
		servicemobility.WithJWTSecret(secret))

	report := servicemobilitytest.CheckPartsOrderingHandler(h, servicemobilitytest.CheckConfig{JWTSecret: secret})
	fmt.Println(report)

	// A handler that does not check the token deviates.
	lax := servicemobility.NewPartsOrderingHandler(servicemobility.NewStockService(inv, servicemobility.StockConfig{}))
	report = servicemobilitytest.CheckPartsOrderingHandler(lax, servicemobilitytest.CheckConfig{JWTSecret: secret})
	d := report.Deviations[0]
	fmt.Printf("%d deviations, first: %s: want %s\n", len(report.Deviations), d.Check, d.Want)
	// Output:
	// Parts Ordering endpoint conforms: 19 checks passed, 0 skipped
	// 8 deviations, first: missing token: want 401 "Invalid Logon."
}

// The fake relays orders to your endpoint as ServiceMobility does, and
// records what it sent.
func ExampleNewServer() {
	endpoint := httptest.NewServer(servicemobility.NewPartsOrderingHandler(servicemobility.PartsOrderingFunc(
		func(ctx context.Context, o *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
			return &servicemobility.PartsOrderResponse{Status: "1000", StatusMsg: "ok " + o.WorkOrder}, nil
		})))
	defer endpoint.Close()
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()

	client, err := servicemobility.NewClient(fake.URL(), fake.Credentials())
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.PartsOrdering.Submit(context.Background(), &servicemobility.PartsOrder{WorkOrder: "WO-1"})
	if err != nil {
		log.Fatal(err)
	}
	relay := fake.Relays()[0]
	fmt.Println(resp.StatusMsg)
	fmt.Println(relay.Header.Get("Content-Type"), relay.Header.Get("x-access-token") != "", string(relay.Body))
	fmt.Println("logins:", fake.LoginRequests())
	// Output:
	// ok WO-1
	// application/json true {"Command":1002,"Parts":[],"WorkOrder":"WO-1"}
	// logins: 1
}
