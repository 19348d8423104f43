package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
)

func respWith(status int, ct string, body io.ReadCloser, length int64) *http.Response {
	h := http.Header{}
	if ct != "" {
		h.Set("Content-Type", ct)
	}
	req, _ := http.NewRequest("GET", "https://api.example.com/v1/things?secret=x", nil)
	return &http.Response{StatusCode: status, Header: h, Body: body, ContentLength: length, Request: req}
}

func TestDecodeJSONSuccessDrainsAndCloses(t *testing.T) {
	body := newTracked(`{"name":"pump"}` + "\n\n  ")
	var v struct{ Name string }
	if err := DecodeJSON(respWith(200, "application/json; charset=utf-8", body, -1), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "pump" || !body.eof.Load() || !body.closed.Load() {
		t.Fatalf("v %+v eof %v closed %v", v, body.eof.Load(), body.closed.Load())
	}
}

func TestDecodeJSONFailures(t *testing.T) {
	cases := []struct {
		name, ct, body string
		want           string
	}{
		{"html page", "text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>", "not JSON"},
		{"xml", "application/xml", "<a/>", "not JSON"},
		{"truncated", "application/json", `{"name":"pu`, "unexpected EOF"},
		{"empty", "application/json", "", "empty body"},
		{"wrong type", "application/json", `{"name":5}`, "cannot unmarshal"},
		{"not json at all", "", "OK", "invalid character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := newTracked(tc.body)
			var v struct{ Name string }
			err := DecodeJSON(respWith(200, tc.ct, body, int64(len(tc.body))), &v)
			var e *apierror.Error
			if !errors.As(err, &e) || !errors.Is(err, apierror.ErrDecode) {
				t.Fatalf("got %T %v", err, err)
			}
			if e.StatusCode != 200 || e.Method != "GET" || e.URL != "https://api.example.com/v1/things" {
				t.Errorf("fields %+v", e)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "secret") {
				t.Errorf("message %q, want %q", err.Error(), tc.want)
			}
			if !body.closed.Load() {
				t.Error("body not closed")
			}
			if errors.Is(err, apierror.ErrNetwork) || errors.Is(err, apierror.ErrServer) {
				t.Error("decode error matches a wrong class")
			}
		})
	}
}

func TestDecodeJSONTooLarge(t *testing.T) {
	old := MaxResponseBytes
	MaxResponseBytes = 64
	defer func() { MaxResponseBytes = old }()
	big := `{"name":"` + strings.Repeat("a", 200) + `"}`
	for _, length := range []int64{-1, int64(len(big))} {
		var v struct{ Name string }
		err := DecodeJSON(respWith(200, "application/json", io.NopCloser(strings.NewReader(big)), length), &v)
		if !errors.Is(err, apierror.ErrDecode) || !strings.Contains(err.Error(), "larger than 64 bytes") {
			t.Fatalf("length %d: %v", length, err)
		}
	}
}

func TestDecodeJSONThroughStackCarriesCallInfo(t *testing.T) {
	c, sc := newMockStack(t, Config{Vendor: "spr", Settings: settings()}, reply(200, "<html>login</html>", "Content-Type", "text/html"))
	resp, err := get(t, c, WithOp(context.Background(), "products.get"), "https://api.example.com/p/1")
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	err = DecodeJSON(resp, &v)
	var e *apierror.Error
	if !errors.As(err, &e) || e.Vendor != "spr" || e.Op != "products.get" || e.Attempts != 1 ||
		e.RequestID != sc.requests()[0].Header.Get("X-Request-Id") || string(e.Body) != "<html>login</html>" {
		t.Fatalf("%+v", e)
	}
}

func TestDiscard(t *testing.T) {
	body := newTracked("OK")
	Discard(&http.Response{Body: body})
	if !body.eof.Load() || !body.closed.Load() {
		t.Fatal("not drained and closed")
	}
	Discard(nil)
}
