package servicemobility_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// fuzzService answers according to the order's WorkOrder, so that the
// fuzzer reaches every outcome: a panic, an error, an invalid logon, no
// response, or a 200 echoing the order.
var fuzzService = sm.PartsOrderingFunc(func(_ context.Context, o *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
	switch o.WorkOrder {
	case "panic":
		panic("fuzz panic")
	case "error":
		return nil, errors.New("fuzz error " + o.AccountNum)
	case "logon":
		return nil, sm.ErrInvalidLogon
	case "nil":
		return nil, nil
	}
	r := &sm.PartsOrderResponse{Status: sm.Status(o.AccountNum), StatusMsg: o.UserName}
	for _, p := range o.Parts {
		r.Orders = append(r.Orders, sm.Order{PartOrderNum: p.ProdNum, EstimatedDelivery: time.Unix(1e9, 0),
			Parts: []sm.OrderedPart{{ProdNum: p.ProdNum, Qty: p.Qty, ProdAttrs: p.ProdAttrs}}})
	}
	return r, nil
})

// FuzzPartsOrderingHandler feeds arbitrary methods, tokens and bodies to the
// handler, with and without JWT checking: it must never panic and must only
// answer 200, 401 or 500 to a POST, 405 to anything else.
func FuzzPartsOrderingHandler(f *testing.F) {
	valid := hs256(f, validClaims(), testKey)
	f.Add("POST", valid, []byte(sampleOrder))
	f.Add("POST", "", []byte(vendorOrder))
	f.Add("POST", valid, []byte(`{"WorkOrder":"panic"}`))
	f.Add("POST", valid, []byte(`{"WorkOrder":"error","AccountNum":"x"}`))
	f.Add("POST", "garbage", []byte(`{"Parts":{"ProdNum":1,"Qty":"1e999"}}`))
	f.Add("GET", valid, []byte(nil))
	f.Add("POST", valid, []byte(`{"Command":1e3,"Location":{"POReq":"1"}}trailing`))
	withKey := sm.NewPartsOrderingHandler(fuzzService, sm.WithJWTSecret(testKey), sm.WithMaxBodyBytes(4<<10))
	without := sm.NewPartsOrderingHandler(fuzzService, sm.WithMaxBodyBytes(4<<10))
	f.Fuzz(func(t *testing.T, method, token string, body []byte) {
		for _, h := range []http.Handler{withKey, without} {
			r := &http.Request{
				Method: method, URL: &url.URL{Path: "/parts"}, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
				Header: http.Header{"Content-Type": {"application/json"}, "X-Access-Token": {token}},
				Body:   io.NopCloser(bytes.NewReader(body)), Host: "example.com",
			}
			r = r.WithContext(context.Background())
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			switch {
			case method != http.MethodPost:
				if w.Code != http.StatusMethodNotAllowed {
					t.Fatalf("%q: status %d", method, w.Code)
				}
			case w.Code == http.StatusOK:
				var resp sm.PartsOrderResponse
				if err := resp.UnmarshalJSON(w.Body.Bytes()); err != nil {
					t.Fatalf("200 with an undecodable body %q: %v", w.Body, err)
				}
			case w.Code == http.StatusUnauthorized:
				if w.Body.String() != "Invalid Logon." {
					t.Fatalf("401 body %q", w.Body)
				}
			case w.Code == http.StatusInternalServerError:
				if w.Body.Len() == 0 {
					t.Fatal("500 without a reason")
				}
			default:
				t.Fatalf("status %d", w.Code)
			}
		}
	})
}

// FuzzAuthenticationHandler feeds arbitrary bodies to the Authentication
// handler: 200, 401 or 500 only, and the password never in the answer.
func FuzzAuthenticationHandler(f *testing.F) {
	f.Add([]byte(`{"username":"tech1","password":"s3cret-pw"}`))
	f.Add([]byte(`{"username":"tech1","password":"wrong"}`))
	f.Add([]byte(`{"username":1}`))
	f.Add([]byte(``))
	h := sm.NewAuthenticationHandler(users, testKey, time.Minute)
	f.Fuzz(func(t *testing.T, body []byte) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/auth", bytes.NewReader(body)))
		switch w.Code {
		case http.StatusOK:
			if !strings.HasPrefix(w.Body.String(), `{"token":"ey`) {
				t.Fatalf("200 body %q", w.Body)
			}
		case http.StatusUnauthorized, http.StatusInternalServerError:
			if strings.Contains(w.Body.String(), "s3cret-pw") {
				t.Fatal("password echoed")
			}
		default:
			t.Fatalf("status %d", w.Code)
		}
	})
}
