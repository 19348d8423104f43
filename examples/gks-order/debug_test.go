package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDebugLogsEveryRequest: -debug logs each request (token, customer
// lookup and creation, the order) at debug level; without it nothing is logged.
func TestDebugLogsEveryRequest(t *testing.T) {
	for _, k := range []string{"GKS_CLIENT_ID", "GKS_CLIENT_SECRET", "GKS_BASE_URL", "GKS_TOKEN_URL"} {
		t.Setenv(k, "")
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
		t.Fatalf("run -debug: %v\n%s", err, out.String())
	}
	for _, want := range []string{"op=token", "op=customers.get", "op=customers.create", "op=salesorders.create"} {
		if !strings.Contains(out.String(), `msg="partsync: http request" vendor=gks`) || !strings.Contains(out.String(), want) {
			t.Errorf("-debug output has no record with %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "level=") {
		t.Errorf("without -debug the output has log records:\n%s", out.String())
	}
}
