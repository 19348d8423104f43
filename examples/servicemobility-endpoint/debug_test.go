package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDebugLogsEveryRequest: in the demo, -debug logs the client's requests
// and the endpoint's decisions at debug level; without it nothing is logged.
func TestDebugLogsEveryRequest(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-demo", "-debug"}, &out); err != nil {
		t.Fatalf("run -debug: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		`msg="partsync: http request" vendor=servicemobility method=POST`,
		`msg="servicemobility: parts order processed"`,
		`msg="servicemobility: parts order refused: x-access-token not accepted"`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-debug output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"-demo"}, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "level=") {
		t.Errorf("without -debug the output has log records:\n%s", out.String())
	}
}
