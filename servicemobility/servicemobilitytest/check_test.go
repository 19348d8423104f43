package servicemobilitytest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sm "github.com/partsync/partsync-go/servicemobility"
	smt "github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

var secret = []byte("conformance-secret")

func stockHandler(opts ...sm.HandlerOption) http.Handler {
	inv := sm.NewMemoryInventory()
	inv.Put(sm.StockItem{ProdNum: "P-100"}, 1000)
	inv.Put(sm.StockItem{ProdNum: "P-200"}, 1000)
	return sm.NewPartsOrderingHandler(sm.NewStockService(inv, sm.StockConfig{}), opts...)
}

func TestCheckPassesForTheSDKHandler(t *testing.T) {
	r := smt.CheckPartsOrderingHandler(stockHandler(sm.WithJWTSecret(secret)), smt.CheckConfig{JWTSecret: secret})
	if !r.OK() || r.Err() != nil || len(r.Skipped) != 0 || len(r.Passed) != 19 {
		t.Fatalf("%s\npassed %v", r, r.Passed)
	}
	if !strings.HasPrefix(r.String(), "Parts Ordering endpoint conforms: 19 checks passed") {
		t.Errorf("%q", r.String())
	}
	// Without JWT checking, the token checks are skipped.
	r = smt.RequireConformance(t, stockHandler(), smt.CheckConfig{})
	if len(r.Skipped) != 8 || len(r.Passed) != 11 {
		t.Errorf("skipped %v passed %v", r.Skipped, r.Passed)
	}
}

func TestCheckURL(t *testing.T) {
	srv := httptest.NewServer(stockHandler(sm.WithJWTSecret(secret)))
	defer srv.Close()
	r := smt.CheckPartsOrderingURL(context.Background(), srv.URL, smt.CheckConfig{JWTSecret: secret, HTTPClient: srv.Client()})
	if !r.OK() {
		t.Fatal(r)
	}
	srv.Close()
	r = smt.CheckPartsOrderingURL(context.Background(), srv.URL, smt.CheckConfig{})
	if r.OK() || !strings.Contains(r.String(), "request failed") {
		t.Errorf("%s", r)
	}
}

// Deliberately broken handlers: each must fail with a report naming the
// deviation.
func TestCheckReportsBrokenHandlers(t *testing.T) {
	good := stockHandler()
	cases := []struct {
		name   string
		h      http.Handler
		cfg    smt.CheckConfig
		expect []string // substrings of the report
	}{
		{
			name: "ignores the token",
			h:    stockHandler(),
			cfg:  smt.CheckConfig{JWTSecret: secret},
			expect: []string{"missing token: want 401", "expired token: want 401", "token with alg none: want 401",
				"RS256 token signed with the HMAC secret: want 401", "HS512 token: want 401", "token without exp: want 401"},
		},
		{
			name: "400 for malformed orders",
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if !strings.HasPrefix(string(body), "{") || !strings.HasSuffix(string(body), "}") || strings.Contains(string(body), "}{") {
					http.Error(w, "bad request", http.StatusBadRequest)
					return
				}
				good.ServeHTTP(w, httptestRequest(r, body))
			}),
			expect: []string{`empty body: want 500 with a text body describing the cause; got 400 "bad request"`, "data after the JSON object: want 500"},
		},
		{
			name: "no body limit",
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.Copy(io.Discard, r.Body)
				_, _ = io.WriteString(w, `{"Orders":[],"Status":"1000"}`)
			}),
			expect: []string{"oversized body (2097152 bytes): want 500", "empty body: want 500", "GET instead of POST: want 405"},
		},
		{
			name: "200 with a text body",
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.WriteString(w, "order received")
			}),
			expect: []string{`valid order: want 200 with a JSON Parts Ordering Response Object; got 200 with Content-Type "text/plain; charset=utf-8"`},
		},
		{
			name: "Orders not an array, empty 500",
			h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost {
					w.WriteHeader(http.StatusMethodNotAllowed)
					return
				}
				body, _ := io.ReadAll(r.Body)
				if len(body) == 0 {
					w.WriteHeader(500)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"Orders":{"PartOrderNum":"1"}}`)
			}),
			expect: []string{"200 whose Orders is not an array", "empty body: want 500 with a text body describing the cause; got 500 with an empty body"},
		},
		{
			name: "rejects Command 1001",
			h: sm.NewPartsOrderingHandler(sm.PartsOrderingFunc(func(_ context.Context, o *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
				if o.Command != sm.CommandPlaceOrder {
					return nil, errors.New("unsupported command")
				}
				return &sm.PartsOrderResponse{Status: "1000"}, nil
			})),
			expect: []string{`order with Command 1001 (the vendor's own example): want 200 with a JSON Parts Ordering Response Object (any Command is accepted); got 500 "parts order failed: unsupported command"`},
		},
		{
			name: "fails every order",
			h: sm.NewPartsOrderingHandler(sm.PartsOrderingFunc(func(context.Context, *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
				return nil, errors.New("ERP down")
			})),
			expect: []string{`valid order: want 200 with a JSON Parts Ordering Response Object; got 500 "parts order failed: ERP down"`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := smt.CheckPartsOrderingHandler(tc.h, tc.cfg)
			if r.OK() || r.Err() == nil {
				t.Fatalf("broken handler passed: %s", r)
			}
			report := r.String()
			if !strings.HasPrefix(report, "Parts Ordering endpoint deviates from the interface in ") {
				t.Errorf("report starts %q", report)
			}
			for _, want := range tc.expect {
				if !strings.Contains(report, want) {
					t.Errorf("report lacks %q:\n%s", want, report)
				}
			}
			if len(r.Deviations)+len(r.Passed)+len(r.Skipped) != 19 {
				t.Errorf("%d checks accounted for", len(r.Deviations)+len(r.Passed)+len(r.Skipped))
			}
		})
	}
}

func TestRequireConformanceFailsT(t *testing.T) {
	ft := &fakeT{}
	smt.RequireConformance(ft, http.NotFoundHandler(), smt.CheckConfig{})
	if len(ft.errors) != 1 || !strings.Contains(ft.errors[0], "valid order: want 200") {
		t.Errorf("%q", ft.errors)
	}
}

type fakeT struct{ errors []string }

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func httptestRequest(r *http.Request, body []byte) *http.Request {
	r2 := httptest.NewRequest(r.Method, "/", strings.NewReader(string(body)))
	r2.Header = r.Header
	return r2
}
