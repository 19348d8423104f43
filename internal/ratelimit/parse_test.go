package ratelimit

import (
	"math"
	"net/http"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestFromHeaders(t *testing.T) {
	cases := []struct {
		name string
		h    http.Header
		want Info
	}{
		{"none", http.Header{}, Info{}},
		{"epoch reset", http.Header{"X-Ratelimit-Limit": {"100"}, "X-Ratelimit-Remaining": {"7"}, "X-Ratelimit-Reset": {"1795867200"}},
			Info{Limit: 100, Remaining: 7, HasRemaining: true, Reset: time.Unix(1795867200, 0)}},
		{"seconds to wait", http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"30"}},
			Info{Remaining: 0, HasRemaining: true, Reset: now.Add(30 * time.Second)}},
		{"iso timestamp", http.Header{"X-Ratelimit-Reset": {"2026-11-22T12:01:00Z"}}, Info{Reset: now.Add(time.Minute)}},
		{"iso with offset and fraction", http.Header{"X-Ratelimit-Reset": {"2026-11-22T13:00:30.5+01:00"}}, Info{Reset: now.Add(30*time.Second + 500*time.Millisecond)}},
		{"iso without zone is UTC", http.Header{"X-Ratelimit-Reset": {"2026-11-22T12:00:10"}}, Info{Reset: now.Add(10 * time.Second)}},
		{"epoch millis", http.Header{"X-Ratelimit-Reset": {"1795867200500"}}, Info{Reset: time.Unix(1795867200, 5e8)}},
		{"float counts", http.Header{"X-Ratelimit-Limit": {"100.0"}, "X-Ratelimit-Remaining": {" 3 "}}, Info{Limit: 100, Remaining: 3, HasRemaining: true}},
		{"negative remaining reads as zero", http.Header{"X-Ratelimit-Remaining": {"-1"}}, Info{HasRemaining: true}},
		{"negative limit ignored", http.Header{"X-Ratelimit-Limit": {"-5"}}, Info{}},
		{"garbage ignored", http.Header{"X-Ratelimit-Limit": {"lots"}, "X-Ratelimit-Remaining": {"few"}, "X-Ratelimit-Reset": {"soon"}}, Info{}},
		{"ietf draft names", http.Header{"Ratelimit-Limit": {"50, 50;w=60"}, "Ratelimit-Remaining": {"49"}, "Ratelimit-Reset": {"12"}},
			Info{Limit: 50, Remaining: 49, HasRemaining: true, Reset: now.Add(12 * time.Second)}},
		{"x- names win", http.Header{"X-Ratelimit-Limit": {"10"}, "Ratelimit-Limit": {"50"}}, Info{Limit: 10}},
		{"overflowing count ignored", http.Header{"X-Ratelimit-Limit": {"99999999999999999999"}}, Info{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := FromHeaders(tc.h, now)
			if got.Limit != tc.want.Limit || got.Remaining != tc.want.Remaining || got.HasRemaining != tc.want.HasRemaining || !got.Reset.Equal(tc.want.Reset) {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			if Present(tc.h) != (len(tc.h) > 0) {
				t.Fatalf("Present = %v", Present(tc.h))
			}
		})
	}
}

func TestExhausted(t *testing.T) {
	if !(Info{HasRemaining: true, Reset: now.Add(time.Second)}).Exhausted(now) {
		t.Error("0 remaining before reset is exhausted")
	}
	if (Info{HasRemaining: true, Reset: now.Add(-time.Second)}).Exhausted(now) {
		t.Error("past reset is not exhausted")
	}
	if (Info{Reset: now.Add(time.Second)}).Exhausted(now) {
		t.Error("Remaining not sent is not exhausted")
	}
	if (Info{HasRemaining: true, Remaining: 1, Reset: now.Add(time.Second)}).Exhausted(now) {
		t.Error("1 remaining is not exhausted")
	}
}

func TestParseRetryAfter(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"10000000000", time.Duration(math.MaxInt64), true},
		{"99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999", time.Duration(math.MaxInt64), true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"Sunday, 22-Nov-26 12:00:05 GMT", 5 * time.Second, true},
		{"Sun Nov 22 12:00:07 2026", 7 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"-5", 0, false},
		{"+5", 0, false},
		{"1e3", 0, false},
		{"Inf", 0, false},
		{"NaN", 0, false},
		{"0x10", 0, false},
		{"1_000", 0, false},
		{".5", 0, false},
		{"5.", 0, false},
		{"", 0, false},
		{"soon", 0, false},
	}
	for _, tc := range cases {
		got, ok := ParseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseResetRejects(t *testing.T) {
	for _, in := range []string{"", "-3", "NaN", "Inf", "1e400", "99999999999999999999", "tomorrow", "2026-13-01T00:00:00Z"} {
		if got, ok := ParseReset(in, now); ok {
			t.Errorf("ParseReset(%q) = %v, want rejected", in, got)
		}
	}
}
