package sparetech_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

func count(srv *sparetechtest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func TestGetsAreRetried(t *testing.T) {
	srv, c := newFake(t, nil, sparetech.WithRetry(3, time.Millisecond, time.Millisecond))
	srv.InjectFault(sparetechtest.Fault{Status: 503, RetryAfter: "0", PathPrefix: "/v1/creation-intents/904134"}, 2)
	it, err := c.CreationIntents.Get(context.Background(), "904134")
	if err != nil || it.ID != "904134" {
		t.Fatalf("Get = %+v, %v", it, err)
	}
	if n := count(srv, "GET", "/v1/creation-intents/904134"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

func TestWritesAreNeverRetried(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil, sparetech.WithRetry(3, time.Millisecond, time.Millisecond))
	writes := []struct {
		path string
		call func() error
	}{
		{"/v1/creation-intents/904134/confirm", func() error { _, err := c.CreationIntents.Confirm(ctx, "904134", "M-1"); return err }},
		{"/v1/creation-intents/904135/reject", func() error { return c.CreationIntents.Reject(ctx, "904135", "no") }},
		{"/v1/change-intents/904210/confirm", func() error { return c.ChangeIntents.Confirm(ctx, "904210") }},
		{"/v1/extension-intents/904310/confirm", func() error { return c.ExtensionIntents.Confirm(ctx, "904310") }},
		{"/v1/material", func() error { return c.Materials.Create(ctx, sparetech.Material{"Materialnummer": "X"}) }},
		{"/v1/material/X", func() error { return c.Materials.Update(ctx, "X", sparetech.Material{"a": "b"}) }},
		{"/v2/material", func() error {
			return c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{MARA: sparetech.MARA{MATNR: "X"}})
		}},
		{"/v2/change-intents/904211/confirm", func() error { return c.IntentsV2.ConfirmChange(ctx, "904211") }},
	}
	for _, w := range writes {
		srv.InjectFault(sparetechtest.Fault{Status: 503, PathPrefix: w.path}, 1)
		err := w.call()
		if !errors.Is(err, sparetech.ErrServer) {
			t.Errorf("%s: %v, want the 503", w.path, err)
		}
		method := "POST"
		if w.path == "/v1/material/X" {
			method = "PUT"
		}
		if n := count(srv, method, w.path); n != 1 {
			t.Errorf("%s sent %d times, want 1", w.path, n)
		}
	}
}

func TestResetOnAWriteIsOutcomeUnknown(t *testing.T) {
	srv, c := newFake(t, nil, sparetech.WithRetry(3, time.Millisecond, time.Millisecond))
	ctx := context.Background()
	if _, err := c.Schema.Export(ctx); err != nil { // token and a warm connection
		t.Fatal(err)
	}
	srv.InjectFault(sparetechtest.Fault{Reset: true, PathPrefix: "/v1/change-intents/904210/confirm"}, 1)
	err := c.ChangeIntents.Confirm(ctx, "904210")
	if !errors.Is(err, sparetech.ErrOutcomeUnknown) {
		t.Errorf("reset confirm: %v, want ErrOutcomeUnknown", err)
	}
	if n := count(srv, "POST", "/v1/change-intents/904210/confirm"); n != 1 {
		t.Errorf("confirm sent %d times, want 1", n)
	}
	if st, _ := srv.IntentStatus("904210"); st != sparetech.StatusReady {
		t.Errorf("intent status %q: the reset request must not have been applied", st)
	}
}

func TestTruncatedBodyIsADecodeError(t *testing.T) {
	srv, c := newFake(t, nil, sparetech.WithRetry(0, 0, 0))
	srv.InjectFault(sparetechtest.Fault{Truncate: true, PathPrefix: "/v1/creation-intents"}, 1)
	_, err := c.CreationIntents.List(context.Background(), sparetech.ListParams{})
	if err == nil {
		t.Fatal("a truncated body must fail")
	}
	if !errors.Is(err, sparetech.ErrDecode) {
		t.Errorf("err = %v, want ErrDecode", err)
	}
}
