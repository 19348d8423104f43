package security

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// TestTokenEndpointRedirectElsewhere: a token endpoint that redirects to
// another host must not get the client secret or the password re-sent there
// (a 307/308 replays the POST body, where these travel).
func TestTokenEndpointRedirectElsewhere(t *testing.T) {
	for _, v := range vendors() {
		if !v.oauth {
			continue
		}
		for _, status := range []int{302, 307, 308} {
			t.Run(fmt.Sprintf("%s/%d", v.name, status), func(t *testing.T) {
				w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
					if r.URL.Host == tokenHost {
						return reply(status, "", "Location", "https://evil.example.net/token")
					}
					return nil
				}}
				call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(),
					clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
				if err != nil {
					t.Fatalf("NewClient: %v", scrub(err))
				}
				if err := call(context.Background()); err == nil {
					t.Fatal("the call succeeded without a token")
				}
				login := w.to(tokenHost)
				if len(login) == 0 || leaked(login[0].text(), v.secrets) == "" {
					t.Fatalf("the token endpoint got no credential: the test proves nothing")
				}
				for _, s := range w.to("evil.example.net") {
					if name := leaked(s.text(), v.secrets); name != "" {
						t.Errorf("%s %s after a %d from the token endpoint carried the %s", s.Method, s.URL.Host, status, name)
					}
				}
				if n := len(w.to(apiHost)); n != 0 {
					t.Errorf("%d API requests went out without a token", n)
				}
			})
		}
	}
}
