package servicemobility_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// BenchmarkPartsOrderingHandler measures one order through the handler:
// JWT verification, lenient decoding, the service, encoding.
func BenchmarkPartsOrderingHandler(b *testing.B) {
	resp := okResponse()
	svc := sm.PartsOrderingFunc(func(context.Context, *sm.PartsOrder) (*sm.PartsOrderResponse, error) { return resp, nil })
	h := sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey))
	tok := hs256(b, validClaims(), testKey)
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(vendorOrder))
		r.Header.Set("x-access-token", tok)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
