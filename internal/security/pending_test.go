//go:build !pending

package security

import "testing"

// pending lists the cases that fail today because of a leak found by these
// tests and reported to the owner of the code (the ids are those of the
// security findings in the final report). They are skipped, visibly, so
// that CI stays green; `go test -tags pending ./internal/security` runs
// them. Remove an entry when its fix lands.
var pending = map[string]string{
	// F5b: the CCT customer code quoted in prose (not as customercode=...)
	// is not redacted by value.
	"APIError/servicemobility-cct/prose": "F5b",
}

// skipPending skips a case listed in pending, naming its finding.
func skipPending(t *testing.T, key string) {
	t.Helper()
	if f, ok := pending[key]; ok {
		t.Skipf("known leak %s, reported to the code's owner; go test -tags pending runs this case", f)
	}
}
