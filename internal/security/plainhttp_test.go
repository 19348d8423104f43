package security

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// remoteHosts are plain-http API roots that are not loopback: a name and a
// documentation address (RFC 5737).
var remoteHosts = []string{"http://api.example.invalid", "http://192.0.2.10:8080"}

// TestNoCredentialOverPlainHTTP: a client whose API root is plain http to a
// non-loopback host fails with ErrInvalidInput, when it is built or at the
// first call, and nothing carrying a secret reaches the wire; the token
// endpoint (https) is the only host contacted.
func TestNoCredentialOverPlainHTTP(t *testing.T) {
	for _, v := range vendors() {
		for _, root := range remoteHosts {
			t.Run(v.name+"/"+root, func(t *testing.T) {
				w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
					if resp := answerTokens(r); resp != nil {
						return resp
					}
					return reply(200, `{}`)
				}}
				call, err := v.newClient(root+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
				if err == nil {
					err = call(context.Background())
				}
				if !errors.Is(err, apierror.ErrInvalidInput) {
					t.Fatalf("err = %v, want one matching ErrInvalidInput", scrub(err))
				}
				api := mustHost(t, root)
				if n := len(w.to(api)); n != 0 {
					t.Errorf("%d requests reached %s", n, api)
				}
				for _, s := range w.requests() {
					if s.URL.Scheme != "https" {
						t.Errorf("%s %s went out over plain http", s.Method, s.URL.Redacted())
					}
				}
			})
		}
	}
}

// TestPlainHTTPWhenAllowed: WithInsecureHTTP is the documented opt-in; with
// it the same client sends its credential to the plain-http host (the
// refusal above is the policy, not a broken client).
func TestPlainHTTPWhenAllowed(t *testing.T) {
	for _, v := range vendors() {
		t.Run(v.name, func(t *testing.T) {
			root := remoteHosts[0]
			w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
				if resp := answerTokens(r); resp != nil {
					return resp
				}
				return reply(200, `{}`)
			}}
			call, err := v.newClient(root+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry,
				clientopt.WithInsecureHTTP())
			if err != nil {
				t.Fatalf("NewClient with WithInsecureHTTP: %v", scrub(err))
			}
			_ = call(context.Background())
			got := w.to(mustHost(t, root))
			if len(got) == 0 {
				t.Fatal("with WithInsecureHTTP nothing reached the plain-http host")
			}
			if leaked(got[0].text(), v.secrets) == "" {
				t.Error("with WithInsecureHTTP the request carried no credential")
			}
		})
	}
}

// TestNoLoginOverPlainHTTP: a plain-http token endpoint on a non-loopback
// host is refused too: the client secret or the password would travel in
// clear.
func TestNoLoginOverPlainHTTP(t *testing.T) {
	for _, v := range vendors() {
		if !v.oauth {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
				if r.URL.Host == "id.example.invalid" {
					r2 := *r
					u := *r.URL
					u.Host = tokenHost
					r2.URL = &u
					return answerTokens(&r2)
				}
				return reply(200, `{}`)
			}}
			tokenURL := "http://id.example.invalid" + mustPath(t, v.tokenURL())
			api := "https://" + apiHost + v.apiPath
			call, err := v.newClient(api, tokenURL, clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
			if err == nil {
				err = call(context.Background())
			}
			if !errors.Is(err, apierror.ErrInvalidInput) {
				t.Fatalf("err = %v, want one matching ErrInvalidInput", scrub(err))
			}
			if n := len(w.requests()); n != 0 {
				t.Fatalf("%d requests went out", n)
			}

		})
	}
}

// TestLoopbackHTTPNeedsNoOptIn: plain http to 127.0.0.1, ::1 or localhost
// stays on the machine, so it is allowed without WithInsecureHTTP (the
// fakes and the examples rely on it).
func TestLoopbackHTTPNeedsNoOptIn(t *testing.T) {
	for _, v := range vendors() {
		for _, root := range []string{"http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost:8080"} {
			t.Run(v.name+"/"+root, func(t *testing.T) {
				w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
					if resp := answerTokens(r); resp != nil {
						return resp
					}
					return reply(200, `{}`)
				}}
				call, err := v.newClient(root+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
				if err != nil {
					t.Fatalf("NewClient: %v", scrub(err))
				}
				_ = call(context.Background())
				got := w.to(mustHost(t, root))
				if len(got) == 0 || leaked(got[0].text(), v.secrets) == "" {
					t.Errorf("%d requests to the loopback API, want an authenticated one", len(got))
				}
			})
		}
	}
}

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func mustPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}
