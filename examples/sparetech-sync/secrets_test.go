package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// sparetechTokenShape matches the access tokens sparetechtest issues: in
// the run on the built-in fake the test cannot see the tokens themselves,
// only their shape.
var sparetechTokenShape = regexp.MustCompile(`sparetechtest\.[0-9]+\.[0-9a-f]{8,}`)

// TestTokenShapeMatchesTheFake keeps the shape above honest: a token the
// fake really issues matches it.
func TestTokenShapeMatchesTheFake(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	c, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			n++
			if !sparetechTokenShape.MatchString(tok) {
				t.Error("a token the fake issued does not have the shape the run test looks for")
			}
		}
	}
	if n == 0 {
		t.Fatal("no authenticated request reached the fake")
	}
}

// TestNoSecretsInDebugRun: the program on its built-in fake with -debug
// logs the token request and every call (the log is not empty) and shows
// neither the fake's client secret nor any token it issued.
func TestNoSecretsInDebugRun(t *testing.T) {
	noCredentials(t)
	var out bytes.Buffer
	err := run(context.Background(), []string{"-debug", "-erp", filepath.Join(t.TempDir(), "erp.json")}, &out)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	srv := sparetechtest.NewServer() // the built-in fake's credentials are its defaults
	defer srv.Close()
	if strings.Contains(out.String(), srv.Credentials().ClientSecret) {
		t.Error("the output shows the client secret")
	}
	if sparetechTokenShape.MatchString(out.String()) {
		t.Error("the output shows an access token")
	}
}

// TestNoSecretsAgainstConfiguredAPI: with SPARETECH_* pointing at a fake
// this test controls (its own client secret), a -debug run shows neither
// the secret nor the token the fake issued.
func TestNoSecretsAgainstConfiguredAPI(t *testing.T) {
	creds := sparetech.Credentials{ClientID: "erp-prod", ClientSecret: "Configured-CS-4be1f2"}
	srv := sparetechtest.NewServer(sparetechtest.WithCredentials(creds))
	defer srv.Close()
	configuredFake(t, srv, creds)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-debug", "-erp", filepath.Join(t.TempDir(), "erp.json")}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := map[string]string{"client secret": creds.ClientSecret}
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			secrets["access token"] = tok
		}
	}
	if _, ok := secrets["access token"]; !ok {
		t.Fatal("no authenticated request reached the fake: the test proves nothing")
	}
	for what, v := range secrets {
		if strings.Contains(out.String(), v) {
			t.Errorf("the output shows the %s", what)
		}
	}
}

// TestNoSecretsInFailedLogin: a wrong client secret fails the run; neither
// the error nor the -debug output shows it.
func TestNoSecretsInFailedLogin(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	const wrong = "Wrong-CS-5a0c77"
	configuredFake(t, srv, sparetech.Credentials{ClientID: srv.Credentials().ClientID, ClientSecret: wrong})
	var out bytes.Buffer
	err := run(context.Background(), []string{"-debug", "-erp", filepath.Join(t.TempDir(), "erp.json")}, &out)
	if err == nil {
		t.Fatal("run succeeded with a wrong client secret")
	}
	if !strings.Contains(out.String(), "level=") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	for what, v := range map[string]string{"client secret": wrong, "fake's client secret": srv.Credentials().ClientSecret} {
		if strings.Contains(err.Error(), v) || strings.Contains(out.String(), v) {
			t.Errorf("the error or the output shows the %s", what)
		}
	}
}
