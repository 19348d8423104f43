package ratelimit

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// epochThreshold separates a Reset given as seconds-to-wait from one given as
// Unix epoch seconds: no window lasts longer than ten years.
const epochThreshold = 10 * 365 * 24 * 3600

// epochMillisThreshold separates epoch seconds from epoch milliseconds: as
// seconds it would be the year 5138.
const epochMillisThreshold = 1e11

// maxSeconds is the largest number of seconds a time.Duration holds.
const maxSeconds = float64(math.MaxInt64) / float64(time.Second)

// The header families read, most specific first: the de facto X-RateLimit-*
// and the IETF draft's RateLimit-*.
var (
	limitHeaders     = []string{"X-Ratelimit-Limit", "Ratelimit-Limit"}
	remainingHeaders = []string{"X-Ratelimit-Remaining", "Ratelimit-Remaining"}
	resetHeaders     = []string{"X-Ratelimit-Reset", "Ratelimit-Reset"}
)

// Present reports whether h carries any rate-limit header FromHeaders reads.
func Present(h http.Header) bool {
	for _, names := range [][]string{limitHeaders, remainingHeaders, resetHeaders} {
		if first(h, names) != "" {
			return true
		}
	}
	return false
}

// first returns the first value of the first header in names that is set.
func first(h http.Header, names []string) string {
	for _, n := range names {
		if v := h[n]; len(v) > 0 && v[0] != "" {
			return v[0]
		}
	}
	return ""
}

// FromHeaders reads X-RateLimit-Limit, X-RateLimit-Remaining and
// X-RateLimit-Reset (or the IETF draft's RateLimit-* when those are absent).
// It never fails: a header it cannot read stays zero. A negative Remaining
// (some servers count past zero) reads as 0.
func FromHeaders(h http.Header, now time.Time) Info {
	var info Info
	if v := first(h, limitHeaders); v != "" {
		if n, ok := parseCount(v); ok && n >= 0 {
			info.Limit = n
		}
	}
	if v := first(h, remainingHeaders); v != "" {
		if n, ok := parseCount(v); ok {
			info.Remaining = max(n, 0)
			info.HasRemaining = true
		}
	}
	if v := first(h, resetHeaders); v != "" {
		if t, ok := ParseReset(v, now); ok {
			info.Reset = t
		}
	}
	return info
}

// resetLayouts are the timestamp forms a Reset may take (ISO 8601 with and
// without zone or fraction, and the HTTP date).
var resetLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	http.TimeFormat,
	time.RFC1123Z,
}

// ParseReset reads a reset given as Unix epoch seconds (or milliseconds), as
// seconds to wait, or as an ISO-8601 / RFC 3339 timestamp (Eryxon sends the
// last form); a timestamp without zone is UTC.
func ParseReset(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if f, ok := parseSeconds(v); ok {
		switch {
		case f >= epochMillisThreshold:
			f /= 1000
			if f >= epochMillisThreshold {
				return time.Time{}, false
			}
			fallthrough
		case f >= epochThreshold:
			sec, frac := math.Modf(f)
			return time.Unix(int64(sec), int64(frac*1e9)), true
		default:
			return now.Add(time.Duration(f * float64(time.Second))), true
		}
	}
	for _, layout := range resetLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ParseRetryAfter reads Retry-After as delay-seconds or as an HTTP date and
// returns the wait from now. A date in the past is a zero wait. The result is
// never negative and saturates at the largest time.Duration (a server may send
// 10000000000); callers clamp it to their own maximum.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if f, ok := parseSeconds(v); ok {
		if f >= maxSeconds {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(f * float64(time.Second)), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

// parseSeconds accepts DIGITS or DIGITS.DIGITS only: no sign, exponent,
// hex, underscores, Inf or NaN, which strconv.ParseFloat would take.
func parseSeconds(v string) (float64, bool) {
	dot := false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(v)-1:
			dot = true
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil && f == 0 {
		return 0, false
	}
	// A value too large for float64 comes back as +Inf with ErrRange:
	// saturate instead of failing.
	if math.IsInf(f, 0) {
		f = math.MaxFloat64
	}
	return f, true
}

// parseCount reads a count: an integer, "100.0", or the first item of a
// structured value ("100, 100;w=60" from the IETF draft).
func parseCount(v string) (int, bool) {
	if i := strings.IndexAny(v, ",;"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil {
		if n > math.MaxInt32 || n < math.MinInt32 {
			return 0, false
		}
		return n, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > math.MaxInt32 || f < math.MinInt32 {
		return 0, false
	}
	return int(f), true
}
