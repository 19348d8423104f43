package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDebugLogsToStderr: -debug logs every system's requests at debug level
// on stderr, leaving the summary on stdout clean; without it stderr holds
// only progress lines.
func TestDebugLogsToStderr(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	res := runAdapter(t, hooks{}, "-once", "-debug", "-erp", path)
	if res.code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, s := range systems {
		if want := `msg="partsync: http request" vendor=` + s + ` `; !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if !strings.Contains(res.stderr, `msg="servicemobility: parts order processed"`) {
		t.Errorf("the endpoint's handler did not log:\n%s", res.stderr)
	}
	if strings.Contains(res.stdout, "level=") {
		t.Errorf("log records on stdout:\n%s", res.stdout)
	}

	res = runAdapter(t, hooks{}, "-once", "-erp", filepath.Join(t.TempDir(), "erp.json"))
	if res.code != 0 || strings.Contains(res.stderr, "level=") {
		t.Errorf("without -debug: exit %d, stderr:\n%s", res.code, res.stderr)
	}
}
