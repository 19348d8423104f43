package main

import (
	"context"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

// knownSecret is a value that must not show, named for failure messages
// (which never print the value).
type knownSecret struct{ name, value string }

func assertNoSecrets(t *testing.T, where, text string, secrets []knownSecret) {
	t.Helper()
	for _, s := range secrets {
		if s.value != "" && strings.Contains(text, s.value) {
			t.Errorf("%s shows the %s", where, s.name)
		}
	}
}

// TestNoSecretsInDebugRun: the program on its built-in fake with -debug
// logs every bulk request (the log is not empty) and never shows the API
// key (the fake's default, which the built-in run uses).
func TestNoSecretsInDebugRun(t *testing.T) {
	t.Setenv("ERYXON_API_KEY", "")
	t.Setenv("ERYXON_BASE_URL", "")
	var out strings.Builder
	if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	assertNoSecrets(t, "the output", out.String(), []knownSecret{{"API key", eryxontest.DefaultAPIKey}})
}

// TestNoSecretsAgainstConfiguredTenant: with ERYXON_* pointing at a fake
// this test controls (its own live key), the -debug output never shows the
// key, which the fake saw on every request.
func TestNoSecretsAgainstConfiguredTenant(t *testing.T) {
	const key = "ery_live_Configured7d0e55aa"
	srv := eryxontest.NewServer(eryxontest.WithPlan(eryxontest.Enterprise), eryxontest.WithAPIKey(key))
	defer srv.Close()
	t.Setenv("ERYXON_API_KEY", key)
	t.Setenv("ERYXON_BASE_URL", srv.URL())
	var out strings.Builder
	if err := run(context.Background(), []string{"-debug"}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[0].Header.Get("Authorization") != "Bearer "+key {
		t.Fatal("the fake did not receive the configured key: the test proves nothing")
	}
	assertNoSecrets(t, "the output", out.String(), []knownSecret{{"API key", key}})
}

// TestNoSecretsWithWrongKey: a key the tenant refuses fails the run; the
// error and the -debug output show neither it nor the tenant's key.
func TestNoSecretsWithWrongKey(t *testing.T) {
	srv := eryxontest.NewServer(eryxontest.WithPlan(eryxontest.Enterprise))
	defer srv.Close()
	const wrong = "ery_live_Wrong0c1d2e3f"
	t.Setenv("ERYXON_API_KEY", wrong)
	t.Setenv("ERYXON_BASE_URL", srv.URL())
	var out strings.Builder
	err := run(context.Background(), []string{"-debug"}, &out)
	if err == nil {
		t.Fatal("run succeeded with a wrong key")
	}
	if !strings.Contains(out.String(), "level=") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{{"wrong key", wrong}, {"tenant's key", srv.APIKey()}}
	assertNoSecrets(t, "the error", err.Error(), secrets)
	assertNoSecrets(t, "the output", out.String(), secrets)
}
