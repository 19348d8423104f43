package gks_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/gks"
)

func TestDoCallsUnwrappedOperations(t *testing.T) {
	var method, path, query, auth, ct string
	var body []byte
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		method, path, query = r.Method, r.URL.EscapedPath(), r.URL.RawQuery
		auth, ct = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"approved":true}`))
	})
	var out struct {
		Approved bool `json:"approved"`
	}
	err := c.Do(context.Background(), "post", "/api/v1/customers/K1/approval?x=1", map[string]string{"note": "hi"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if method != "POST" || path != "/api/v1/customers/K1/approval" || query != "x=1" || auth != "Bearer mock-token" || ct != "application/json" {
		t.Errorf("request = %s %s ?%s auth %q ct %q", method, path, query, auth, ct)
	}
	var sent map[string]string
	if json.Unmarshal(body, &sent) != nil || sent["note"] != "hi" {
		t.Errorf("body = %s", body)
	}
	if !out.Approved {
		t.Error("response not decoded")
	}
}

func TestDoReturnsErrorsAndRefusesBadInput(t *testing.T) {
	c := newMock(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"title":"Not Found","status":404,"detail":"The customer with provided customer number was not found."}`))
	})
	err := c.Do(context.Background(), http.MethodGet, "api/v1/customers/K1/approval", nil, nil)
	if !errors.Is(err, gks.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	for _, p := range []string{"https://evil.example.com/x", "//evil.example.com/x"} {
		if err := c.Do(context.Background(), http.MethodGet, p, nil, nil); !errors.Is(err, gks.ErrInvalidInput) {
			t.Errorf("Do(%q) err = %v, want ErrInvalidInput", p, err)
		}
	}
	if err := c.Do(context.Background(), "GE T", "/x", nil, nil); !errors.Is(err, gks.ErrInvalidInput) {
		t.Errorf("bad method: err = %v", err)
	}
}
