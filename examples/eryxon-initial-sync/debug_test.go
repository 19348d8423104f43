package main

import (
	"context"
	"strings"
	"testing"
)

// TestDebugLogsEveryRequest: -debug logs each bulk-sync request at debug
// level (the records name the collection, never the key).
func TestDebugLogsEveryRequest(t *testing.T) {
	t.Setenv("ERYXON_API_KEY", "")
	t.Setenv("ERYXON_BASE_URL", "")
	var out strings.Builder
	if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
		t.Fatalf("run -debug: %v\n%s", err, out.String())
	}
	for _, op := range []string{"cells", "resources", "jobs", "parts", "operations"} {
		want := `msg="partsync: http request" vendor=eryxon method=POST`
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "op="+op+".bulk-sync") {
			t.Errorf("-debug output has no %s.bulk-sync record:\n%s", op, out.String())
		}
	}
}

// TestPartialConfiguration: one of the two variables alone is a mistake,
// not a wish for the fake.
func TestPartialConfiguration(t *testing.T) {
	t.Setenv("ERYXON_API_KEY", "ery_test_x")
	t.Setenv("ERYXON_BASE_URL", "")
	var out strings.Builder
	err := run(context.Background(), nil, &out)
	if err == nil || !strings.Contains(err.Error(), "ERYXON_BASE_URL") {
		t.Fatalf("err = %v, want one naming ERYXON_BASE_URL", err)
	}
}
