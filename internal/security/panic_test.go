package security

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/spr"
)

// panicValues are what a program might panic with: credentials, tokens,
// configuration, the error of a failed login, and clients that hold
// credentials and a token.
func panicValues() map[string]func() any {
	loginError := func(v vendorCase) func() any {
		return func() any {
			w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
				return reply(401, `{"error":"invalid_client","client_secret":"`+clientSecret+`","password":"`+password+`"}`)
			}}
			call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
			if err != nil {
				return err
			}
			return call(context.Background())
		}
	}
	out := map[string]func() any{
		"sparetech.Credentials": func() any { return sparetech.Credentials{ClientID: "c", ClientSecret: clientSecret} },
		"spr.Credentials": func() any {
			return spr.Credentials{ClientID: "7", ClientSecret: clientSecret, Username: "u", Password: password}
		},
		"gks.Credentials":       func() any { return gks.Credentials{ClientID: "c", ClientSecret: clientSecret} },
		"servicemobility.Login": func() any { return servicemobility.Login{Username: "u", Password: password} },
		"auth.Token":            func() any { return auth.Token{AccessToken: accessToken, RefreshToken: refreshToken} },
		"*auth.Token":           func() any { return &auth.Token{AccessToken: accessToken, RefreshToken: refreshToken} },
		"auth.Config":           func() any { return auth.Config{TokenURL: "https://id.example.com/t", ClientSecret: clientSecret} },
	}
	for _, v := range vendors() {
		if v.oauth {
			out["login error "+v.name] = loginError(v)
		}
	}
	for _, name := range []string{"*sparetech.Client", "spr.Client", "*gks.Client", "*servicemobility.Client",
		"servicemobility.Client (customer code)", "*eryxon.Client"} {
		out[name] = func() any {
			clients, err := warmClients()
			if err != nil {
				return err
			}
			return clients[name]
		}
	}
	return out
}

const panicEnv = "PARTSYNC_SECURITY_PANIC_WITH"

// TestPanicMessagesNeverShowSecrets: a program that dies panicking with a
// credential, a token, a configuration or a failed login's error prints a
// crash message (the runtime's, with the goroutine dump) without the secret.
// Each value panics in a child process running this test.
func TestPanicMessagesNeverShowSecrets(t *testing.T) {
	if name := os.Getenv(panicEnv); name != "" {
		v := panicValues()[name]()
		if v == nil {
			v = errors.New("no error")
		}
		panic(v)
	}
	for name := range panicValues() {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestPanicMessagesNeverShowSecrets$", "-test.count=1")
			cmd.Env = append(os.Environ(), panicEnv+"="+name)
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), "panic: ") {
				t.Fatalf("the child did not crash with a panic (err %v)", err)
			}
			if s := leaked(string(out), allSecrets); s != "" {
				t.Errorf("the crash output shows the %s", s)
			}
		})
	}
}
