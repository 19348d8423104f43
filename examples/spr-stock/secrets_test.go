package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/spr/sprtest"
)

// knownSecret is a value that must not show, named for failure messages
// (which never print the value).
type knownSecret struct{ name, value string }

// sprTokenShapes match the tokens sprtest issues (a JWT-like access token,
// a "def50200" refresh token): in the run on the built-in fake the test
// cannot see the tokens themselves, only their shape.
var sprTokenShapes = map[string]*regexp.Regexp{
	"access token":  regexp.MustCompile(`eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9\.[0-9a-f]{8,}`),
	"refresh token": regexp.MustCompile(`def50200[0-9a-f]{8,}`),
}

func assertNoSecrets(t *testing.T, where, text string, secrets []knownSecret) {
	t.Helper()
	for _, s := range secrets {
		if s.value != "" && strings.Contains(text, s.value) {
			t.Errorf("%s shows the %s", where, s.name)
		}
	}
	for name, re := range sprTokenShapes {
		if re.MatchString(text) {
			t.Errorf("%s shows an %s", where, name)
		}
	}
}

// TestNoSecretsInDebugRun: the whole program on its built-in fake with
// -debug logs every request (the log is not empty) and shows neither the
// fake's client secret nor the password nor any token it issued.
func TestNoSecretsInDebugRun(t *testing.T) {
	unsetEnv(t)
	var out bytes.Buffer
	err := run(context.Background(), []string{"-debug", "-show", "2"}, &out)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	assertNoSecrets(t, "the output", out.String(), []knownSecret{
		{"client secret", sprtest.ClientSecret}, {"password", sprtest.DefaultPass},
	})
}

// TestNoSecretsAgainstConfiguredAPI: with the SPR_* variables pointing at
// a fake this test controls (its own secrets), run twice with a token file
// and the access token expired in between, so that the second run renews
// it with the refresh_token grant: neither -debug output holds any of the
// secrets or tokens the fake saw.
func TestNoSecretsAgainstConfiguredAPI(t *testing.T) {
	unsetEnv(t)
	srv := sprtest.NewServer()
	defer srv.Close()
	const pw = "Configured-PW-77c1e0"
	srv.AddUser(sprtest.User{Username: "buyer", Password: pw, Locale: "es_MX", Permissions: sprtest.AllPermissions()})
	creds := srv.CredentialsFor("buyer")
	t.Setenv("SPR_CLIENT_ID", creds.ClientID)
	t.Setenv("SPR_CLIENT_SECRET", creds.ClientSecret)
	t.Setenv("SPR_USERNAME", creds.Username)
	t.Setenv("SPR_PASSWORD", pw)
	t.Setenv("SPR_LOCALE", creds.Locale)
	t.Setenv("SPR_BASE_URL", srv.URL())
	t.Setenv("SPR_TOKEN_FILE", filepath.Join(t.TempDir(), "spr.token"))

	var out bytes.Buffer
	for i := range 2 {
		if i == 1 {
			srv.ExpireAccessTokens()
		}
		if err := run(context.Background(), []string{"-debug", "-show", "2"}, &out); err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{{"client secret", creds.ClientSecret}, {"password", pw}}
	refreshes := 0
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			secrets = append(secrets, knownSecret{"access token", tok})
			if !sprTokenShapes["access token"].MatchString(tok) {
				t.Error("an access token the fake issued does not have the shape the fake-run test looks for")
			}
		}
		if rt := r.Form.Get("refresh_token"); rt != "" {
			refreshes++
			secrets = append(secrets, knownSecret{"refresh token", rt})
			if !sprTokenShapes["refresh token"].MatchString(rt) {
				t.Error("a refresh token the fake issued does not have the shape the fake-run test looks for")
			}
		}
	}
	if refreshes == 0 || len(secrets) < 4 {
		t.Fatalf("the fake saw %d credentials and %d refresh grants, want access tokens and a refresh", len(secrets), refreshes)
	}
	assertNoSecrets(t, "the output", out.String(), secrets)
}

// TestNoSecretsInFailedLogin: a wrong password fails the run; neither the
// error nor the -debug output shows the password given or the client secret.
func TestNoSecretsInFailedLogin(t *testing.T) {
	unsetEnv(t)
	srv := sprtest.NewServer()
	defer srv.Close()
	creds := srv.Credentials()
	const wrong = "Wrong-PW-0d93aa"
	t.Setenv("SPR_CLIENT_ID", creds.ClientID)
	t.Setenv("SPR_CLIENT_SECRET", creds.ClientSecret)
	t.Setenv("SPR_USERNAME", creds.Username)
	t.Setenv("SPR_PASSWORD", wrong)
	t.Setenv("SPR_LOCALE", creds.Locale)
	t.Setenv("SPR_BASE_URL", srv.URL())

	var out bytes.Buffer
	err := run(context.Background(), []string{"-debug"}, &out)
	if err == nil {
		t.Fatal("run succeeded with a wrong password")
	}
	if !strings.Contains(out.String(), "level=") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{{"client secret", creds.ClientSecret}, {"password", wrong}}
	assertNoSecrets(t, "the error", err.Error(), secrets)
	assertNoSecrets(t, "the output", out.String(), secrets)
}
