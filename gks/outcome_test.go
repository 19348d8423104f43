package gks_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// A create whose connection drops after the server read the whole request is
// not sent again, even with retries on, and the caller learns that the
// outcome is unknown.
func TestCreatesAreNeverSentTwice(t *testing.T) {
	ops := []struct {
		name, path string
		call       func(*gks.Client) error
	}{
		{"customer", "/api/v1/customers", func(c *gks.Client) error {
			return c.Customers.Create(context.Background(), gks.Customer{Name: "Acme", Number: "K9", CorporateIdentityNumber: "1"})
		}},
		{"sales order", "/api/v1/salesorders", func(c *gks.Client) error {
			_, err := c.SalesOrders.Create(context.Background(), fullOrder())
			return err
		}},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			srv, c := newFake(t, buyer)
			srv.InjectFault(5, gkstest.Fault{Method: http.MethodPost, Path: op.path, Reset: gkstest.ResetAfterBody})
			err := op.call(c)
			if !errors.Is(err, gks.ErrOutcomeUnknown) {
				t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
			}
			if !strings.Contains(err.Error(), "outcome unknown") {
				t.Errorf("error %q does not say the outcome is unknown", err)
			}
			var e *gks.Error
			if !errors.As(err, &e) || e.Attempts != 1 || e.StatusCode != 0 {
				t.Errorf("error = %+v, want one attempt and no status", e)
			}
			posts := requests(srv, http.MethodPost, op.path)
			if len(posts) != 1 {
				t.Fatalf("%s received %d times, want exactly once", op.path, len(posts))
			}
			if len(posts[0].Body) == 0 {
				t.Error("the fake did not read the body before dropping the connection")
			}
		})
	}
}

// A 503 on a create is not retried either: only reads are.
func TestCreatesAreNotRetriedOnServerErrors(t *testing.T) {
	srv, c := newFake(t, buyer)
	srv.InjectFault(1, gkstest.Fault{Method: http.MethodPost, Status: http.StatusServiceUnavailable, RetryAfter: "0"})
	_, err := c.SalesOrders.Create(context.Background(), fullOrder())
	if !errors.Is(err, gks.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if n := len(requests(srv, http.MethodPost, "/api/v1/salesorders")); n != 1 {
		t.Errorf("sales order sent %d times, want once", n)
	}
	if len(srv.Orders()) != 0 {
		t.Error("an order was stored")
	}
}

func TestReadsAreRetried(t *testing.T) {
	srv, c := newFake(t, buyer)
	srv.InjectFault(1, gkstest.Fault{Method: http.MethodGet, Status: http.StatusServiceUnavailable, RetryAfter: "0"})
	srv.InjectFault(1, gkstest.Fault{Method: http.MethodGet, Reset: gkstest.ResetAfterBody})
	got, err := c.Customers.Get(context.Background(), "K100421")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Acme AB" {
		t.Errorf("customer = %+v", got)
	}
	if n := len(requests(srv, http.MethodGet, "/api/v1/customers/K100421")); n != 3 {
		t.Errorf("GETs = %d, want 3 (503, reset, success)", n)
	}
}

func TestRetriesGiveUpWithTheLastError(t *testing.T) {
	srv, c := newFake(t, buyer)
	srv.InjectFault(10, gkstest.Fault{Method: http.MethodGet, Status: http.StatusTooManyRequests, RetryAfter: "0"})
	_, err := c.Customers.Get(context.Background(), "K100421")
	if !errors.Is(err, gks.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	if n := len(requests(srv, http.MethodGet, "/")); n != 4 {
		t.Errorf("GETs = %d, want 4 (1 + 3 retries)", n)
	}
}
