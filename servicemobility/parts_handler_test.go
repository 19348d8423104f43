package servicemobility_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	sm "github.com/partsync/partsync-go/servicemobility"
)

func TestPartsHandlerOK(t *testing.T) {
	svc := &recordingService{resp: okResponse()}
	h := sm.NewPartsOrderingHandler(svc)
	w := post(h, "opaque-token-from-servicemobility", sampleOrder)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, body %q", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	want := `{"Orders":[{"EstimatedDelivery":"2014-12-18T10:00:00.000Z","PartOrderNum":"PO-1","Parts":[{"ProdNum":"P-100","PartStatus":"Ordered","Qty":10.0}]}],"Status":"1000","StatusMsg":"ordered"}`
	if got := w.Body.String(); got != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
	if svc.calls != 1 {
		t.Fatalf("service called %d times", svc.calls)
	}
	o := svc.orders[0]
	if o.Command != 1001 || o.AccountNum != "A-1" || o.WorkOrder != "WO-42" || o.UserName != "tech1" {
		t.Errorf("order header decoded as %+v", o)
	}
	if len(o.Parts) != 1 || o.Parts[0].Qty.String() != "10.0" || o.Parts[0].ProdAttrs.Desc != "Filter" || o.Parts[0].Urgency != "High" {
		t.Errorf("parts decoded as %+v", o.Parts)
	}
	if o.Location.Address.City != "Lund" || o.Location.Contacts[0].Phones[0].PhoneNum != "123" {
		t.Errorf("location decoded as %+v", o.Location)
	}
	if svc.claims[0] != nil {
		t.Error("claims in context without WithJWTSecret")
	}
	if svc.tokens[0] != "opaque-token-from-servicemobility" {
		t.Error("AccessTokenFromContext does not give the received token")
	}
}

func TestPartsHandlerMethodNotAllowed(t *testing.T) {
	svc := &recordingService{resp: okResponse()}
	h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey))
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead, http.MethodOptions} {
		r := httptest.NewRequest(m, "/parts", strings.NewReader(sampleOrder))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "POST" {
			t.Errorf("%s: status %d, Allow %q", m, w.Code, w.Header().Get("Allow"))
		}
	}
	if svc.calls != 0 {
		t.Errorf("service called %d times", svc.calls)
	}
}

func TestPartsHandlerJWT(t *testing.T) {
	now := time.Now()
	noneToken, err := jwt.NewWithClaims(jwt.SigningMethodNone, validClaims()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	hs512, err := jwt.NewWithClaims(jwt.SigningMethodHS512, validClaims()).SignedString(testKey)
	if err != nil {
		t.Fatal(err)
	}
	valid := hs256(t, validClaims(), testKey)
	parts := strings.Split(valid, ".")
	cases := []struct {
		name, token string
	}{
		{"missing", ""},
		{"garbage", "not-a-jwt"},
		{"wrong key", hs256(t, validClaims(), []byte("another-key"))},
		{"alg none", noneToken},
		{"alg none without signature", parts[0] + "." + parts[1] + "."},
		{"RS256 header signed with the HMAC key", signed(t, "RS256", validClaims(), testKey)},
		{"none header signed with the HMAC key", signed(t, "none", validClaims(), testKey)},
		{"HS512", hs512},
		{"expired", hs256(t, jwt.MapClaims{"iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}, testKey)},
		{"no exp", hs256(t, jwt.MapClaims{"iat": now.Unix(), "name": "x"}, testKey)},
		{"exp as string", hs256(t, jwt.MapClaims{"exp": fmt.Sprint(now.Add(time.Hour).Unix())}, testKey)},
		{"not yet valid", hs256(t, jwt.MapClaims{"exp": now.Add(2 * time.Hour).Unix(), "nbf": now.Add(time.Hour).Unix()}, testKey)},
		{"tampered payload", parts[0] + "." + strings.TrimRight(parts[1], "=") + "x." + parts[2]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svc := &recordingService{resp: okResponse()}
			var logs bytes.Buffer
			h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey),
				sm.WithHandlerLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
			w := post(h, tc.token, sampleOrder)
			if w.Code != http.StatusUnauthorized || w.Body.String() != "Invalid Logon." {
				t.Errorf("status %d body %q, want 401 Invalid Logon.", w.Code, w.Body)
			}
			if svc.calls != 0 {
				t.Error("service called with a refused token")
			}
			if tc.token != "" && strings.Contains(logs.String(), tc.token) {
				t.Error("the token was logged")
			}
			if !strings.Contains(logs.String(), "x-access-token not accepted") {
				t.Errorf("refusal not logged: %q", logs.String())
			}
		})
	}

	t.Run("valid", func(t *testing.T) {
		svc := &recordingService{resp: okResponse()}
		var logs bytes.Buffer
		h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey),
			sm.WithHandlerLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
		w := post(h, valid, sampleOrder)
		if w.Code != http.StatusOK {
			t.Fatalf("status %d body %q", w.Code, w.Body)
		}
		c := svc.claims[0]
		if c == nil || c.Name != "Tech One" || c.Email != "tech1@example.com" || c.ExpiresAt.Unix() != validClaims()["exp"] || c.IssuedAt.IsZero() {
			t.Errorf("claims %+v", c)
		}
		if strings.Contains(logs.String(), valid) {
			t.Error("the token was logged")
		}
	})

	t.Run("empty secret refuses everything", func(t *testing.T) {
		svc := &recordingService{resp: okResponse()}
		h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(nil))
		emptyKeyToken := signed(t, "HS256", validClaims(), nil)
		if w := post(h, emptyKeyToken, sampleOrder); w.Code != http.StatusUnauthorized {
			t.Errorf("status %d", w.Code)
		}
	})
}

func TestPartsHandlerServiceOutcomes(t *testing.T) {
	cases := []struct {
		name     string
		svc      *recordingService
		status   int
		body     string
		contains bool
	}{
		{"invalid logon", &recordingService{err: sm.ErrInvalidLogon}, 401, "Invalid Logon.", false},
		{"wrapped invalid logon", &recordingService{err: fmt.Errorf("user store: %w", sm.ErrInvalidLogon)}, 401, "Invalid Logon.", false},
		{"service error", &recordingService{err: errors.New("ERP is down for maintenance")}, 500, "parts order failed: ERP is down for maintenance", false},
		{"nil response", &recordingService{}, 500, "the service returned no response", true},
		{"panic", &recordingService{panic: "secret-in-panic-value"}, 500, "internal error: the parts ordering service failed unexpectedly", false},
		{"panic with error", &recordingService{panic: errors.New("boom")}, 500, "internal error", true},
		{"business failure is a 200", &recordingService{resp: &sm.PartsOrderResponse{Status: "2001", StatusMsg: "account on hold"}}, 200, `{"Orders":[],"Status":"2001","StatusMsg":"account on hold"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := sm.NewPartsOrderingHandler(tc.svc, sm.WithHandlerLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			w := post(h, "", sampleOrder)
			if w.Code != tc.status {
				t.Errorf("status %d, want %d (body %q)", w.Code, tc.status, w.Body)
			}
			if got := w.Body.String(); (tc.contains && !strings.Contains(got, tc.body)) || (!tc.contains && got != tc.body) {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			if tc.status == 500 && !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
				t.Errorf("500 Content-Type %q", w.Header().Get("Content-Type"))
			}
			if strings.Contains(logs.String(), "secret-in-panic-value") {
				t.Error("panic value logged")
			}
		})
	}
}

func TestPartsHandlerAbortHandlerPanicPropagates(t *testing.T) {
	h := sm.NewPartsOrderingHandler(&recordingService{panic: http.ErrAbortHandler})
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	post(h, "", sampleOrder)
	t.Error("no panic")
}

func TestPartsHandlerBodies(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"empty", "", "malformed Parts Ordering Object: the body is empty"},
		{"whitespace", " \n\t", "malformed Parts Ordering Object: the body is empty"},
		{"not JSON", "Command=1002", "malformed Parts Ordering Object: expected a JSON object, got invalid JSON"},
		{"array", "[" + sampleOrder + "]", "malformed Parts Ordering Object: expected a JSON object, got an array"},
		{"null", "null", "malformed Parts Ordering Object: expected a JSON object, got null"},
		{"truncated", sampleOrder[:len(sampleOrder)/2], "malformed Parts Ordering Object: unexpected end of JSON input"},
		{"trailing object", sampleOrder + `{"Parts":[]}`, "malformed Parts Ordering Object: invalid character '{' after top-level value"},
		{"trailing garbage", sampleOrder + "x", "malformed Parts Ordering Object: invalid character 'x' after top-level value"},
		{"bad Qty", `{"Parts":[{"ProdNum":"P","Qty":"ten"}]}`, `malformed Parts Ordering Object: PartsOrder.Parts: Part.Qty: servicemobility: "ten" is not a decimal number`},
		{"bad Command", `{"Command":10.5}`, "malformed Parts Ordering Object: PartsOrder.Command: Command: 10.5 is not a 32-bit integer"},
		{"Parts is a string", `{"Parts":"P-100"}`, "malformed Parts Ordering Object: PartsOrder.Parts: json: cannot unmarshal string into Go value of type []servicemobility.Part"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svc := &recordingService{resp: okResponse()}
			w := post(sm.NewPartsOrderingHandler(svc), "", tc.body)
			if w.Code != http.StatusInternalServerError || w.Body.String() != tc.want {
				t.Errorf("got %d %q\nwant 500 %q", w.Code, w.Body, tc.want)
			}
			if svc.calls != 0 {
				t.Error("service called with a malformed body")
			}
		})
	}
	t.Run("trailing whitespace is fine", func(t *testing.T) {
		svc := &recordingService{resp: okResponse()}
		if w := post(sm.NewPartsOrderingHandler(svc), "", "\n"+sampleOrder+"\r\n "); w.Code != 200 {
			t.Errorf("status %d %q", w.Code, w.Body)
		}
	})
}

func TestPartsHandlerBodyLimit(t *testing.T) {
	big := `{"WorkOrder":"` + strings.Repeat("x", int(sm.DefaultMaxBodyBytes)) + `"}`
	svc := &recordingService{resp: okResponse()}
	w := post(sm.NewPartsOrderingHandler(svc), "", big)
	if w.Code != 500 || w.Body.String() != "request body too large: the limit is 1048576 bytes" {
		t.Errorf("got %d %q", w.Code, w.Body)
	}
	if svc.calls != 0 {
		t.Error("service called with an oversized body")
	}

	h := sm.NewPartsOrderingHandler(svc, sm.WithMaxBodyBytes(int64(len(sampleOrder))))
	if w := post(h, "", sampleOrder); w.Code != 200 {
		t.Errorf("body of exactly the limit: %d %q", w.Code, w.Body)
	}
	if w := post(h, "", sampleOrder+" "); w.Code != 500 || !strings.Contains(w.Body.String(), "too large") {
		t.Errorf("one byte over the limit: %d %q", w.Code, w.Body)
	}
}

func TestPartsHandlerLongErrorText(t *testing.T) {
	long := strings.Repeat("é", 2000) + "\xff"
	w := post(sm.NewPartsOrderingHandler(&recordingService{err: errors.New(long)}), "", sampleOrder)
	body := w.Body.String()
	if w.Code != 500 || !strings.HasPrefix(body, "parts order failed: éé") || !strings.HasSuffix(body, "é…") || len(body) > 1100 || !utf8.ValidString(body) {
		t.Errorf("%d %d bytes %q…", w.Code, len(body), body[:40])
	}
}
