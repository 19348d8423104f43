package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// knownSecret is a value that must not show, named for failure messages
// (which never print the value).
type knownSecret struct{ name, value string }

// gksTokenShape matches the access tokens gkstest issues: in the run on the
// built-in fake the test cannot see the tokens themselves, only their shape.
var gksTokenShape = regexp.MustCompile(`gkstest-[0-9a-f]{16,}`)

func assertNoSecrets(t *testing.T, where, text string, secrets []knownSecret) {
	t.Helper()
	for _, s := range secrets {
		if s.value != "" && strings.Contains(text, s.value) {
			t.Errorf("%s shows the %s", where, s.name)
		}
	}
	if gksTokenShape.MatchString(text) {
		t.Errorf("%s shows an access token", where)
	}
}

func clearGKSEnv(t *testing.T) {
	for _, k := range []string{"GKS_CLIENT_ID", "GKS_CLIENT_SECRET", "GKS_BASE_URL", "GKS_TOKEN_URL"} {
		t.Setenv(k, "")
	}
}

// TestNoSecretsInDebugRun: the program on its built-in fake with -debug
// logs every request (the log is not empty) and shows neither the fake's
// client secret nor any token it issued.
func TestNoSecretsInDebugRun(t *testing.T) {
	clearGKSEnv(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	srv := gkstest.NewServer() // the built-in fake's credentials are its defaults
	defer srv.Close()
	assertNoSecrets(t, "the output", out.String(), []knownSecret{{"client secret", srv.Credentials().ClientSecret}})
}

// TestNoSecretsAgainstConfiguredAPI: with GKS_* pointing at a fake this
// test controls (its own client secret), two -debug runs (two logins) show
// neither the secret nor the tokens the fake saw.
func TestNoSecretsAgainstConfiguredAPI(t *testing.T) {
	clearGKSEnv(t)
	creds := gks.Credentials{ClientID: "erp-prod", ClientSecret: "Configured-CS-4be1f2"}
	srv := gkstest.NewServer(gkstest.WithCredentials(creds))
	defer srv.Close()
	t.Setenv("GKS_CLIENT_ID", creds.ClientID)
	t.Setenv("GKS_CLIENT_SECRET", creds.ClientSecret)
	t.Setenv("GKS_BASE_URL", srv.URL())
	t.Setenv("GKS_TOKEN_URL", srv.TokenURL())

	var out bytes.Buffer
	for i := range 2 {
		if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{{"client secret", creds.ClientSecret}}
	tokens := map[string]bool{}
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			tokens[tok] = true
			if !gksTokenShape.MatchString(tok) {
				t.Error("a token the fake issued does not have the shape the fake-run test looks for")
			}
		}
	}
	if len(tokens) < 2 {
		t.Fatalf("the fake saw %d distinct tokens, want one per run", len(tokens))
	}
	for tok := range tokens {
		secrets = append(secrets, knownSecret{"access token", tok})
	}
	assertNoSecrets(t, "the output", out.String(), secrets)
}

// TestNoSecretsInFailedLogin: a wrong client secret fails the run; neither
// the error nor the -debug output shows it.
func TestNoSecretsInFailedLogin(t *testing.T) {
	clearGKSEnv(t)
	srv := gkstest.NewServer()
	defer srv.Close()
	const wrong = "Wrong-CS-5a0c77"
	t.Setenv("GKS_CLIENT_ID", srv.Credentials().ClientID)
	t.Setenv("GKS_CLIENT_SECRET", wrong)
	t.Setenv("GKS_BASE_URL", srv.URL())
	t.Setenv("GKS_TOKEN_URL", srv.TokenURL())

	var out bytes.Buffer
	err := run(context.Background(), []string{"-debug"}, &out)
	if err == nil {
		t.Fatal("run succeeded with a wrong client secret")
	}
	if !strings.Contains(out.String(), "level=") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{{"client secret", wrong}, {"fake's client secret", srv.Credentials().ClientSecret}}
	assertNoSecrets(t, "the error", err.Error(), secrets)
	assertNoSecrets(t, "the output", out.String(), secrets)
}
