package servicemobility_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/partsync/partsync-go/internal/conformance"
	sm "github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// TestTrafficMatchesOpenAPI runs the whole chain, client -> fake
// ServiceMobility -> customer endpoints, and validates every exchange
// against openapi.yaml: the client's calls, the fake's answers, and the
// relayed calls to the customer-implemented interfaces (served here at the
// document's placeholder paths).
func TestTrafficMatchesOpenAPI(t *testing.T) {
	doc, err := conformance.Load(conformance.Config{Path: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	v := conformance.NewValidator(doc)
	validated := &http.Client{Transport: v.Transport(nil)}

	key := []byte("customer-signing-key")
	users := sm.StaticUsers(sm.StaticUser{Username: "tech01", Password: "pw", Identity: sm.Identity{Name: "T", Email: "t@example.com"}})
	svc := sm.PartsOrderingFunc(func(_ context.Context, o *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
		if o.WorkOrder == "fail" {
			return nil, errors.New("ERP unavailable")
		}
		return okResponse(), nil
	})
	mux := http.NewServeMux()
	mux.Handle("/customer-endpoint/PartsOrdering", sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(key)))
	mux.Handle("/customer-endpoint/Authentication", sm.NewAuthenticationHandler(users, key, time.Hour))
	customer := httptest.NewServer(mux)
	defer customer.Close()

	fake := servicemobilitytest.NewServer(
		servicemobilitytest.WithExternalAuth(customer.URL+"/customer-endpoint/Authentication"),
		servicemobilitytest.WithEntityServiceURI(customer.URL+"/customer-endpoint/PartsOrdering"),
		servicemobilitytest.WithEntityHTTPClient(validated),
	)
	defer fake.Close()

	ctx := context.Background()
	c, err := sm.NewClient(fake.URL(), sm.Login{Username: "tech01", Password: "pw"}, sm.WithHTTPClient(validated))
	if err != nil {
		t.Fatal(err)
	}
	order := servicemobilitytest.SampleOrder()
	order.Location.Contacts = []sm.Contact{{FirstName: "A", IsPrimary: true, Phones: []sm.Phone{{PhoneNum: "1", PhoneType: "Work"}}}}
	order.Location.POReq, order.Location.SigReq = true, true
	if _, err := c.PartsOrdering.Submit(ctx, order); err != nil {
		t.Fatal(err)
	}
	order.WorkOrder = "fail"
	if _, err := c.PartsOrdering.Submit(ctx, order); !errors.Is(err, sm.ErrServer) {
		t.Errorf("failing order: %v", err)
	}
	bad, _ := sm.NewClient(fake.URL(), sm.Login{Username: "tech01", Password: "wrong"}, sm.WithHTTPClient(validated))
	if _, err := bad.PartsOrdering.Submit(ctx, order); !errors.Is(err, sm.ErrInvalidLogon) {
		t.Errorf("wrong password: %v", err)
	}

	v.Report(t)
	if u := v.Uncovered(); len(u) != 0 {
		t.Errorf("operations never exercised: %v", u)
	}
	// 2 logins + 2 relayed logins, 2 orders + 2 relayed orders.
	if v.Checked() != 8 {
		t.Errorf("%d exchanges validated, want 8", v.Checked())
	}
}
