package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestDebugLogsEveryRequest: -debug logs the token request and every
// listing and confirmation at debug level, the token redacted; without it
// nothing is logged.
func TestDebugLogsEveryRequest(t *testing.T) {
	noCredentials(t)
	path := filepath.Join(t.TempDir(), "erp.json")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-erp", path, "-debug"}, &out); err != nil {
		t.Fatalf("run -debug: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		`msg="auth: token request" grant_type=client_credentials`,
		`token.access_token=[REDACTED]`,
		`msg="partsync: http request" vendor=sparetech method=GET`,
		`msg="partsync: http request" vendor=sparetech method=POST`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-debug output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"-erp", path}, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "level=") {
		t.Errorf("without -debug the output has log records:\n%s", out.String())
	}
}
