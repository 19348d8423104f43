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

// FromHeaders reads X-RateLimit-Limit, X-RateLimit-Remaining and
// X-RateLimit-Reset. It never fails: a header it cannot read stays zero.
func FromHeaders(h http.Header, now time.Time) Info {
	var info Info
	if v := h.Get("X-RateLimit-Limit"); v != "" {
		if n, ok := parseCount(v); ok {
			info.Limit = n
		}
	}
	if v := h.Get("X-RateLimit-Remaining"); v != "" {
		if n, ok := parseCount(v); ok {
			info.Remaining = n
			info.HasRemaining = true
		}
	}
	if v := h.Get("X-RateLimit-Reset"); v != "" {
		if t, ok := ParseReset(v, now); ok {
			info.Reset = t
		}
	}
	return info
}

// ParseReset reads a reset given as Unix epoch seconds, as seconds to wait, or
// as an ISO-8601 / RFC 3339 timestamp (Eryxon sends the last form).
func ParseReset(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			return time.Time{}, false
		}
		if f >= epochThreshold {
			if f > float64(math.MaxInt64/int64(time.Second)) {
				return time.Time{}, false
			}
			sec, frac := math.Modf(f)
			return time.Unix(int64(sec), int64(frac*1e9)), true
		}
		return now.Add(time.Duration(f * float64(time.Second))), true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", http.TimeFormat} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ParseRetryAfter reads Retry-After as delay-seconds or as an HTTP date and
// returns the wait from now. A date in the past is a zero wait. The result is
// never negative; callers clamp it to their own maximum.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(f) || f < 0 {
			return 0, false
		}
		if f >= float64(math.MaxInt64)/float64(time.Second) {
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

func parseCount(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil {
		return n, true
	}
	// Some servers send "100.0".
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > math.MaxInt32 || f < math.MinInt32 {
		return 0, false
	}
	return int(f), true
}
