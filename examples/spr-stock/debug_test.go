package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDebugLogsEveryRequest: -debug logs the password grant and each API
// request at debug level, tokens redacted; without it nothing is logged.
func TestDebugLogsEveryRequest(t *testing.T) {
	unsetEnv(t)
	args := []string{"-show", "1"}
	var out bytes.Buffer
	if err := run(context.Background(), append(args, "-debug"), &out); err != nil {
		t.Fatalf("run -debug: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		`msg="auth: token request" grant_type=password`,
		`token.access_token=[REDACTED] token.refresh_token=[REDACTED]`,
		`msg="partsync: http request" vendor=spr method=GET`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-debug output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "level=") {
		t.Errorf("without -debug the output has log records:\n%s", out.String())
	}
}
