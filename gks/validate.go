package gks

import (
	"math"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// checkPathValue rejects a value that cannot name a resource in a path
// segment: empty, or a dot segment that URL resolution would remove.
func checkPathValue(field, v string) error {
	switch strings.TrimSpace(v) {
	case "":
		return apierror.Invalid(vendor, field, "must not be empty")
	case ".", "..":
		return apierror.Invalid(vendor, field, "%q cannot be sent in a URL path", v)
	}
	return nil
}

// looksLikeEmail is a shape check only: one @ with text on both sides, no spaces.
func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && strings.Count(s, "@") == 1 && !strings.ContainsAny(s, " \t\r\n,;<>")
}

// isUpperLetters reports whether s is exactly n ASCII upper-case letters.
func isUpperLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
