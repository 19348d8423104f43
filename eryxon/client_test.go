package eryxon_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func TestNewClientChecksKeyAndBaseURL(t *testing.T) {
	const secret = "sk_live_0123456789abcdef"
	_, err := eryxon.NewClient(secret, eryxon.WithBaseURL("https://x.supabase.co/functions/v1"))
	if !errors.Is(err, eryxon.ErrInvalidInput) || strings.Contains(err.Error(), secret) ||
		strings.Contains(fmt.Sprintf("%+v %#v", err, err), secret) || !strings.Contains(err.Error(), "ery_live_") {
		t.Fatalf("bad prefix: %v", err)
	}
	_, err = eryxon.NewClient("ery_live_00112233445566778899aabbccddeeff")
	if !errors.Is(err, eryxon.ErrInvalidInput) || !strings.Contains(err.Error(), "WithBaseURL") {
		t.Fatalf("no base URL: %v", err)
	}
	_, err = eryxon.NewClient("ery_test_00112233445566778899aabbccddeeff", eryxon.WithBaseURL("supabase.co/functions"))
	if !errors.Is(err, eryxon.ErrInvalidInput) {
		t.Fatalf("relative base URL: %v", err)
	}
	if _, err := eryxon.NewClient("ery_test_x", eryxon.WithBaseURL("https://x.supabase.co/functions/v1")); err != nil {
		t.Fatalf("good: %v", err)
	}
}

func TestEveryRequestCarriesKeyAndRequestID(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	if _, err := c.Cells.Sync(ctx, eryxon.Cell{ExternalID: "C1", ExternalSource: "SAP", Name: "Cutting", Sequence: 1}); err != nil {
		t.Fatal(err)
	}
	for _, err := range c.Cells.List(ctx, eryxon.ListParams{}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("requests: %d", len(reqs))
	}
	ids := map[string]bool{}
	for _, r := range reqs {
		if r.Header.Get("Authorization") != "Bearer "+srv.APIKey() {
			t.Errorf("%s %s: no bearer key", r.Method, r.Path)
		}
		id := r.Header.Get("x-request-id")
		if id == "" || ids[id] {
			t.Errorf("%s %s: request id %q missing or repeated", r.Method, r.Path, id)
		}
		ids[id] = true
		if !strings.Contains(r.Header.Get("User-Agent"), "partsync-go") {
			t.Errorf("user agent %q", r.Header.Get("User-Agent"))
		}
	}
}

func TestWrongKeyIsUnauthorizedWithoutLeakingIt(t *testing.T) {
	srv := eryxontest.NewServer()
	defer srv.Close()
	const key = "ery_live_ffffffffffffffffffffffffffffffff"
	c, err := eryxon.NewClient(key, eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Jobs.Get(context.Background(), "x")
	var e *eryxon.Error
	if !errors.As(err, &e) || !errors.Is(err, eryxon.ErrUnauthorized) || e.Message != "Invalid API key" || e.Code != "UNAUTHORIZED" {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), key) || strings.Contains(string(e.Body), key) {
		t.Fatal("the key leaked into the error")
	}
	if e.Attempts != 1 {
		t.Fatalf("a rejected key is not replayed: %d attempts", e.Attempts)
	}
}
