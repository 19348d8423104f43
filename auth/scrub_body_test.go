package auth

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestErrorBodyQuotingTheTokenIsScrubbed(t *testing.T) {
	const tok = "opaque-4f1c9a7be2d0"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		switch r.URL.Path {
		case "/ok":
			_, _ = io.WriteString(w, `{"echo":"`+got+`"}`)
		default:
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, "credential "+got+" is not valid for this tenant; "+strings.Repeat("x", 70<<10))
		}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	hc := &http.Client{Transport: NewTransport(Static(tok), http.DefaultTransport, u.Host)}

	resp, err := hc.Get(srv.URL + "/denied")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), tok) || !strings.HasPrefix(string(body), "credential [REDACTED] is not valid") {
		t.Fatalf("403 body starts %q: want the token replaced", strings.ReplaceAll(string(body[:60]), tok, "<token>"))
	}
	if want := len("credential [REDACTED] is not valid for this tenant; ") + 70<<10; len(body) != want {
		t.Fatalf("body has %d bytes, want all %d", len(body), want)
	}

	// A successful answer is the caller's data: untouched.
	resp, err = hc.Get(srv.URL + "/ok")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if !strings.Contains(string(body), tok) {
		t.Fatal("a 2xx body was altered")
	}
}
