package security

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/internal/clientopt"
)

const apiHost = "api.example.com"

// TestRedirectElsewhereCarriesNoCredential: every client, sent by its API
// host to another host with each redirect status, sends the credential to
// the API host (proving the call was authenticated) and nothing secret to
// the other host: not the token, the API key, the customer code, the
// password or the client secret.
func TestRedirectElsewhereCarriesNoCredential(t *testing.T) {
	targets := []struct {
		name, url string
		// refused: the client fails instead of following (plain http to
		// the API host's own name is where the token would go).
		refused bool
	}{
		{"other host", "https://cdn.example.net/blob", false},
		{"same name, other port", "https://api.example.com:8443/blob", false},
		{"same name, plain http", "http://api.example.com/blob", true},
		{"loopback", "http://127.0.0.1:9/blob", false},
	}
	for _, v := range vendors() {
		for _, status := range []int{301, 302, 303, 307, 308} {
			for _, target := range targets {
				t.Run(fmt.Sprintf("%s/%d/%s", v.name, status, target.name), func(t *testing.T) {
					w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
						if resp := answerTokens(r); resp != nil {
							return resp
						}
						if r.URL.Host == apiHost && r.URL.Scheme == "https" {
							return reply(status, "", "Location", target.url)
						}
						return nil
					}}
					call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(),
						clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
					if err != nil {
						t.Fatalf("NewClient: %v", scrub(err))
					}
					callErr := call(context.Background())

					var first, hops []seenRequest
					for _, s := range w.requests() {
						switch {
						case s.URL.Host == tokenHost:
						case s.URL.Host == apiHost && s.URL.Scheme == "https":
							first = append(first, s)
						default:
							hops = append(hops, s)
						}
					}
					want := 1
					if target.refused {
						want = 0
						if callErr == nil {
							t.Error("the call succeeded though the redirect was refused")
						}
					}
					if len(first) != 1 || len(hops) != want {
						t.Fatalf("%d requests to the API host and %d to the redirect target, want 1 and %d", len(first), len(hops), want)
					}
					if leaked(first[0].text(), v.secrets) == "" {
						t.Fatalf("the API host got no credential: the test proves nothing")
					}
					if want == 0 {
						return
					}
					if v.header != "" && hops[0].Header.Get(v.header) != "" {
						t.Errorf("the redirect target got a %s header", v.header)
					}
					if name := leaked(hops[0].text(), v.secrets); name != "" {
						t.Errorf("the redirect target %s got the %s", hops[0].URL.Host, name)
					}
				})
			}
		}
	}
}

// TestRedirectOnTheHostKeepsCredential: a redirect that stays on the API
// host (same scheme, name and port) is still authenticated, so the checks
// above are about the host, not about redirects as such.
func TestRedirectOnTheHostKeepsCredential(t *testing.T) {
	for _, v := range vendors() {
		t.Run(v.name, func(t *testing.T) {
			w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
				if resp := answerTokens(r); resp != nil {
					return resp
				}
				if r.URL.Path != "/moved" {
					return reply(307, "", "Location", "https://"+apiHost+"/moved")
				}
				return nil
			}}
			call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(),
				clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
			if err != nil {
				t.Fatalf("NewClient: %v", scrub(err))
			}
			_ = call(context.Background())
			var moved []seenRequest
			for _, s := range w.to(apiHost) {
				if s.URL.Path == "/moved" {
					moved = append(moved, s)
				}
			}
			if len(moved) != 1 {
				t.Fatalf("%d requests followed the redirect, want 1", len(moved))
			}
			if leaked(moved[0].text(), v.secrets) == "" {
				t.Errorf("a redirect to the API host itself lost the credential")
			}
		})
	}
}
