package security

import (
	"context"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// TestLoginOverPlainHTTPWhenAllowed: WithInsecureHTTP also lets the login
// go to a plain-http token endpoint on a remote host.
func TestLoginOverPlainHTTPWhenAllowed(t *testing.T) {
	for _, v := range vendors() {
		if !v.oauth {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			w := &wire{}
			tokenURL := "http://id.example.invalid" + mustPath(t, v.tokenURL())
			call, err := v.newClient("https://"+apiHost+v.apiPath, tokenURL, clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry, clientopt.WithInsecureHTTP())
			if err != nil {
				t.Fatalf("NewClient with WithInsecureHTTP: %v", scrub(err))
			}
			_ = call(context.Background())
			got := w.to("id.example.invalid")
			if len(got) == 0 || leaked(got[0].text(), v.secrets) == "" {
				t.Errorf("with WithInsecureHTTP %d logins went out, want one with the credentials", len(got))
			}
		})
	}
}
