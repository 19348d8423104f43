package spr_test

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func TestRetriesServerErrorsWithRetryAfter(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	code := srv.Products()[0].Code
	synctest.Test(t, func(t *testing.T) {
		c := bubbleClient(t, srv, spr.WithRetry(3, 100*time.Millisecond, time.Minute))
		if _, err := c.Products.Get(t.Context(), code); err != nil { // log in first
			t.Fatal(err)
		}
		srv.ResetRequests()
		srv.InjectFault(2, sprtest.Fault{Status: 503, RetryAfter: 7 * time.Second})
		start := time.Now()
		p, err := c.Products.Get(t.Context(), code)
		if err != nil || p.Code != code {
			t.Fatalf("Get: %v", err)
		}
		if waited := time.Since(start); waited < 14*time.Second {
			t.Fatalf("waited %v, want the server's Retry-After twice (14s)", waited)
		}
	})
	if n := len(apiRequests(srv, "GET")); n != 3 {
		t.Fatalf("attempts = %d, want 3", n)
	}
}

func TestServerErrorAfterRetries(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	synctest.Test(t, func(t *testing.T) {
		c := bubbleClient(t, srv, spr.WithRetry(2, time.Second, time.Second))
		srv.InjectFault(3, sprtest.Fault{Status: 500})
		srv.InjectFault(3, sprtest.Fault{Status: 503})
		_, err := c.Products.Get(t.Context(), "X")
		var e *spr.Error
		if !errors.Is(err, spr.ErrServer) || !errors.As(err, &e) || e.StatusCode != 500 || e.Message != "Server Error" {
			t.Fatalf("err = %v", err)
		}
	})
	// 500 is not retried (only 429, 502, 503, 504 are).
	if n := len(apiRequests(srv, "GET")); n != 1 {
		t.Fatalf("attempts = %d, want 1", n)
	}
}

func TestConnectionResetIsANetworkError(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	synctest.Test(t, func(t *testing.T) {
		c := bubbleClient(t, srv, spr.WithRetry(1, time.Second, time.Second))
		if _, err := c.Products.Get(t.Context(), srv.Products()[0].Code); err != nil {
			t.Fatal(err)
		}
		srv.InjectFault(2, sprtest.Fault{Reset: true})
		_, err := c.Products.Get(t.Context(), srv.Products()[0].Code)
		if !errors.Is(err, spr.ErrNetwork) {
			t.Fatalf("err = %v, want ErrNetwork", err)
		}
	})
}

func TestThrottleIsExposed(t *testing.T) {
	srv := sprtest.NewServer(sprtest.WithThrottle(3))
	defer srv.Close()
	c := newClient(t, srv, spr.WithMaxRateLimitWait(time.Millisecond))
	code := srv.Products()[0].Code
	for i := range 2 {
		if _, err := c.Products.Get(ctxT(t), code); err != nil {
			t.Fatal(err)
		}
		if rl := c.RateLimit(); rl.Limit != 3 || rl.Remaining != 3-(i+1) {
			t.Fatalf("after call %d: RateLimit = %+v", i+1, rl)
		}
	}
	_, err := c.Products.Get(ctxT(t), code)
	if err != nil {
		t.Fatal(err)
	}
	// The budget is spent until the window resets, later than the client may
	// wait: the call fails without reaching the server, or on its 429.
	_, err = c.Products.Get(ctxT(t), code)
	if !errors.Is(err, spr.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
}

func TestLaravelValidationErrorDetails(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	stub := stubAPI(t, srv, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(422)
		fmt.Fprint(w, `{"message":"The make field is required.","errors":{"make":["The make field is required."]}}`)
	})
	defer stub.Close()
	_, err := newClient(t, srv, spr.WithBaseURL(stub.URL)).Products.CatalogPage(ctxT(t), spr.CatalogQuery{Year: 2011, Make: "X"}, 1)
	var e *spr.Error
	if !errors.Is(err, spr.ErrBadRequest) || !errors.As(err, &e) || e.Message != "The make field is required." ||
		!reflect.DeepEqual(e.Details, map[string][]string{"make": {"The make field is required."}}) {
		t.Fatalf("err = %v (%#v)", err, e)
	}
}

func TestHTMLInsteadOfJSONIsADecodeError(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	stub := stubAPI(t, srv, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, "<!DOCTYPE html><title>Login</title>")
	})
	defer stub.Close()
	_, err := newClient(t, srv, spr.WithBaseURL(stub.URL)).Products.Get(ctxT(t), "X")
	if !errors.Is(err, spr.ErrDecode) {
		t.Fatalf("err = %v, want ErrDecode", err)
	}
}

func TestErrorsCarryNoSecrets(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	creds := srv.Credentials()
	creds.Password = "hunter2-not-this"
	_, err := newClientFor(t, srv, creds).Products.Get(ctxT(t), "X")
	if err == nil {
		t.Fatal("wrong password accepted")
	}
	for _, s := range []string{creds.Password, creds.ClientSecret} {
		if msg := fmt.Sprintf("%v %+v", err, err); strings.Contains(msg, s) {
			t.Fatal("the error text contains a secret")
		}
	}
}
