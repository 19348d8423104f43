//go:build !pending

package security

import "testing"

// pending lists the cases that fail today because of a leak found by these
// tests and reported to the owner of the code (the ids are those of the
// security findings in the final report). They are skipped, visibly, so
// that CI stays green; `go test -tags pending ./internal/security` runs
// them. Remove an entry when its fix lands.
var pending = map[string]string{
	// F1: the token client follows a 307/308 to another host with the login body.
	"TokenRedirect/sparetech-legacy/307": "F1", "TokenRedirect/sparetech-legacy/308": "F1",
	"TokenRedirect/servicemobility/307": "F1", "TokenRedirect/servicemobility/308": "F1",
	// F5: "customercode" is not a secret name for apierror.Redact.
	"APIError/servicemobility-cct/fields": "F5", "APIError/servicemobility-cct/prose": "F5",
	// F6: an API error body quoting the access token in prose keeps it.
	"APIError/sparetech/prose": "F6", "APIError/sparetech-legacy/prose": "F6", "APIError/spr/prose": "F6",
	"APIError/gks/prose": "F6", "APIError/servicemobility/prose": "F6",
}

// skipPending skips a case listed in pending, naming its finding.
func skipPending(t *testing.T, key string) {
	t.Helper()
	if f, ok := pending[key]; ok {
		t.Skipf("known leak %s, reported to the code's owner; go test -tags pending runs this case", f)
	}
}
