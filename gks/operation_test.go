package gks_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/partsync/partsync-go/gks"
)

// Every wrapped call names its operation in its errors, reads are retried
// and writes are not: the requests built in endpoint.go carry the same
// operation context the generated calls had.
func TestOperationsNameThemselvesAndRetryOnlyReads(t *testing.T) {
	var hits atomic.Int32
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx := context.Background()
	calls := []struct {
		op    string
		reads bool
		call  func() error
	}{
		{"customers.get", true, func() error { _, err := c.Customers.Get(ctx, "K1"); return err }},
		{"customers.list", true, func() error { _, err := c.Customers.ListPage(ctx, gks.CustomerQuery{}, 1); return err }},
		{"customers.create", false, func() error {
			return c.Customers.Create(ctx, gks.Customer{Name: "A", Number: "K1", CorporateIdentityNumber: "1"})
		}},
		{"salesorders.create", false, func() error { _, err := c.SalesOrders.Create(ctx, fullOrder()); return err }},
	}
	for _, tc := range calls {
		hits.Store(0)
		err := tc.call()
		var e *gks.Error
		if !errors.As(err, &e) || e.Op != tc.op || !errors.Is(err, gks.ErrServer) {
			t.Fatalf("%s: err = %v (%+v)", tc.op, err, e)
		}
		if n := hits.Load(); (tc.reads && n != 4) || (!tc.reads && n != 1) {
			t.Errorf("%s: sent %d times (retries on: 3)", tc.op, n)
		}
	}
}
