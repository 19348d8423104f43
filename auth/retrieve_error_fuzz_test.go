package auth

import (
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSecret stands for a client secret the request carried.
const fuzzSecret = "fz-SECRET-1234"

// FuzzDecodeRetrieveError checks the OAuth error decoder on any status,
// content type, Retry-After and body: it never panics, keeps the status,
// and its message is one line of bounded, valid UTF-8 without the secret.
func FuzzDecodeRetrieveError(f *testing.F) {
	f.Add(400, "application/json", "", []byte(`{"error":"invalid_grant","error_description":"expired","message":"x"}`))
	f.Add(403, "application/json", "", []byte(`{"message":"You have exceeded your token quota and cannot create any more tokens until 2026-01-01T00:00:00Z"}`))
	f.Add(429, "text/plain", "30", []byte("slow down"))
	f.Add(503, "text/html", "Wed, 21 Oct 2015 07:28:00 GMT", []byte("<html>\n<b>down</b></html>"))
	f.Add(400, "application/x-www-form-urlencoded", "", []byte("error=invalid_client&error_description=fz-SECRET-1234"))
	f.Add(401, "application/json", "-1", []byte(`{"error":{"code":"x","message":"fz-SECRET-1234"}}`))
	f.Fuzz(func(t *testing.T, status int, contentType, retryAfter string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		h.Set("Retry-After", retryAfter)
		e := decodeRetrieveError(status, h, body, secretForms(fuzzSecret))
		if e.StatusCode != status {
			t.Fatalf("status %d, want %d", e.StatusCode, status)
		}
		if e.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %v", e.RetryAfter)
		}
		msg := e.Error()
		if !utf8.ValidString(msg) {
			t.Fatalf("message is not valid UTF-8")
		}
		if len(msg) > 64+64+2*maxErrorText+128 {
			t.Fatalf("message of %d bytes", len(msg))
		}
		for _, r := range msg {
			if unicode.IsControl(r) {
				t.Fatalf("control character %U in message", r)
			}
		}
		for _, field := range []string{msg, e.ErrorCode, e.Description, e.Message} {
			if strings.Contains(field, fuzzSecret) {
				t.Fatalf("secret in %q", field)
			}
		}
	})
}
