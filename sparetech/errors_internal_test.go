package sparetech

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/apierror"
)

func TestQuotaWait(t *testing.T) {
	now := time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC)
	for msg, want := range map[string]time.Duration{
		"You have exceeded your token quota and cannot create any more tokens until 2026-11-23T00:00:00Z":  4 * time.Hour,
		"You have exceeded your token quota and cannot create any more tokens until 2026-11-22T20:30:00Z.": 30 * time.Minute,
		"... until Mon, 23 Nov 2026 00:00:00 UTC":                                                          4 * time.Hour,
		"... until {timestamp}":          0,
		"... until 2026-11-01T00:00:00Z": 0, // in the past
		"no timestamp at all":            0,
	} {
		if got := quotaWait(msg, now); got != want {
			t.Errorf("quotaWait(%q) = %v, want %v", msg, got, want)
		}
	}
}

func TestDecodeErrorShapes(t *testing.T) {
	for body, want := range map[string]string{
		`{"message":"Creation intent 5 couldn't be found"}`:            "Creation intent 5 couldn't be found",
		`{"statusCode":400,"message":["a","b"],"error":"Bad Request"}`: "a; b",
		`{"error":"invalid_client"}`:                                   "invalid_client",
		`Material reference already exists.`:                           "",
		`{"message":{"nested":true}}`:                                  "",
	} {
		e := &apierror.Error{}
		decodeError(e, nil, []byte(body))
		if e.Message != want {
			t.Errorf("decodeError(%s) Message = %q, want %q", body, e.Message, want)
		}
	}
}

func FuzzDecodeError(f *testing.F) {
	for _, s := range []string{`{"message":"x"}`, `{"message":["a"]}`, `{"error":"e"}`, `OK`, ``, `{"message":`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &apierror.Error{}
		decodeError(e, nil, body)
		if e.Message != strings.TrimSpace(e.Message) {
			t.Errorf("Message %q is not trimmed", e.Message)
		}
		if utf8.Valid(body) && e.Message != "" && !strings.Contains(string(body), firstWord(e.Message)) && !strings.Contains(string(body), `\`) {
			t.Errorf("Message %q does not come from the body %q", e.Message, body)
		}
	})
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	w, _, _ = strings.Cut(w, ";")
	return w
}
