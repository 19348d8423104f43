package auth

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// FuzzDecodeTokenResponse checks the success-path decoder: it never
// panics, a token it returns has an access token and a sane expiry, and an
// error it returns never carries the secret.
func FuzzDecodeTokenResponse(f *testing.F) {
	f.Add("application/json", []byte(`{"access_token":"a","token_type":"bearer","expires_in":3600,"refresh_token":"r"}`))
	f.Add("application/json", []byte(`{"access_token":"a","expires_in":"59.5"}`))
	f.Add("application/x-www-form-urlencoded", []byte("access_token=a&expires_in=10"))
	f.Add("application/json", []byte(`{"error":"invalid_scope","error_description":"fz-SECRET-1234"}`))
	f.Add("text/plain", []byte("access_token=a"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		h := http.Header{}
		h.Set("Content-Type", contentType)
		start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
		tok, err := decodeTokenResponse(200, h, body, start, secretForms(fuzzSecret))
		if err != nil {
			if tok != nil {
				t.Fatalf("token and error")
			}
			if strings.Contains(err.Error(), fuzzSecret) {
				t.Fatalf("secret in the error")
			}
			return
		}
		if tok.AccessToken == "" {
			t.Fatalf("token without access token")
		}
		if !tok.Expiry.IsZero() && (!tok.Expiry.After(start) || tok.Expiry.After(start.Add(maxExpiresIn))) {
			t.Fatalf("expiry %v out of range", tok.Expiry)
		}
	})
}
