package servicemobility_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	sm "github.com/partsync/partsync-go/servicemobility"
)

var testKey = []byte("test-hmac-key-0123456789abcdef")

// signed returns a JWT with the given alg header and claims, signed with
// HMAC-SHA256 over key whatever the header says (for alg-confusion tests).
func signed(t testing.TB, alg string, claims map[string]any, key []byte) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"alg": alg, "typ": "JWT"})
	p, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	input := enc.EncodeToString(h) + "." + enc.EncodeToString(p)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(input))
	return input + "." + enc.EncodeToString(m.Sum(nil))
}

func hs256(t testing.TB, claims jwt.MapClaims, key []byte) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validClaims() jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "name": "Tech One", "email": "tech1@example.com"}
}

// recordingService records what it was given and answers with resp/err.
type recordingService struct {
	mu     sync.Mutex
	calls  int
	orders []*sm.PartsOrder
	claims []*sm.Claims
	tokens []string
	resp   *sm.PartsOrderResponse
	err    error
	panic  any
}

func (s *recordingService) SubmitPartsOrder(ctx context.Context, o *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
	s.mu.Lock()
	s.calls++
	s.orders = append(s.orders, o)
	c, _ := sm.ClaimsFromContext(ctx)
	s.claims = append(s.claims, c)
	tok, _ := sm.AccessTokenFromContext(ctx)
	s.tokens = append(s.tokens, tok)
	s.mu.Unlock()
	if s.panic != nil {
		panic(s.panic)
	}
	return s.resp, s.err
}

func okResponse() *sm.PartsOrderResponse {
	return &sm.PartsOrderResponse{
		Status:    "1000",
		StatusMsg: "ordered",
		Orders: []sm.Order{{
			PartOrderNum:      "PO-1",
			EstimatedDelivery: time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC),
			Parts:             []sm.OrderedPart{{ProdNum: "P-100", Qty: sm.MustDecimal("10.0"), PartStatus: "Ordered"}},
		}},
	}
}

const sampleOrder = `{"AccountNum":"A-1","Command":1001,"Location":{"Address":{"City":"Lund"},"Contacts":[{"FirstName":"Ann","Phones":[{"PhoneNum":"123","PhoneType":"Mobile"}]}],"LocationNum":"L-7"},"Parts":[{"ProdNum":"P-100","ProdAttrs":{"Desc":"Filter"},"Qty":10.0,"ShipToLocation":"VAN-3","Urgency":"High"}],"UserName":"tech1","WorkOrder":"WO-42"}`

func post(h http.Handler, token, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/parts", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("x-access-token", token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
