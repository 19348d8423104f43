package ratelimit

import (
	"net/http"
	"testing"
	"time"
)

// FuzzParseRetryAfter: never negative, never panics, and a valid wait is
// stable under surrounding whitespace.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "120", "1.5", "10000000000", "-1", "Wed, 21 Oct 2026 07:28:00 GMT", "NaN", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v: negative", v, d)
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v with ok=false", v, d)
		}
		if d2, ok2 := ParseRetryAfter(" "+v+"\t", now); d2 != d || ok2 != ok {
			t.Fatalf("whitespace changed %q: %v/%v vs %v/%v", v, d, ok, d2, ok2)
		}
	})
}

// FuzzFromHeaders: any header values give a sane Info (no panic, counts not
// negative, Remaining only with HasRemaining, a reset in a plausible range).
func FuzzFromHeaders(f *testing.F) {
	f.Add("100", "0", "1795867200")
	f.Add("100.0", "-1", "30")
	f.Add("50, 50;w=60", "49", "2026-11-22T12:01:00Z")
	f.Add("x", "", "1795867200500")
	f.Add("9999999999999", "3", "99999999999999999999999")
	f.Fuzz(func(t *testing.T, limit, remaining, reset string) {
		h := http.Header{}
		h.Set("X-RateLimit-Limit", limit)
		h.Set("X-RateLimit-Remaining", remaining)
		h.Set("X-RateLimit-Reset", reset)
		info := FromHeaders(h, now)
		if info.Limit < 0 || info.Remaining < 0 {
			t.Fatalf("negative counts %+v", info)
		}
		if !info.HasRemaining && info.Remaining != 0 {
			t.Fatalf("Remaining without HasRemaining %+v", info)
		}
		if !info.Reset.IsZero() && (info.Reset.Year() < 0 || info.Reset.Year() > 10000) {
			t.Fatalf("implausible reset %v from %q", info.Reset, reset)
		}
		_ = info.Exhausted(now.Add(time.Second))
	})
}
