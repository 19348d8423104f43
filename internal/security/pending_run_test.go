//go:build pending

package security

import "testing"

// skipPending runs every case: see pending_test.go.
func skipPending(*testing.T, string) {}
