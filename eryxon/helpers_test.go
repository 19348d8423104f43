package eryxon_test

import (
	"encoding/json"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newFake starts a fake and a client for it with fast retries.
func newFake(t testing.TB, opts ...eryxontest.ServerOption) (*eryxontest.Server, *eryxon.Client) {
	t.Helper()
	srv := eryxontest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()),
		eryxon.WithRetry(2, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// bodyOf decodes a recorded request body.
func bodyOf(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %q: %v", b, err)
	}
	return m
}
