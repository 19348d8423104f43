package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// TestRealAPIFromEnvironment: with a system's variables set, the adapter
// talks to the API they name (here a fake the test runs, standing in for
// the real one) and starts no fake of its own.
func TestRealAPIFromEnvironment(t *testing.T) {
	g := gkstest.NewServer()
	defer g.Close()
	e := eryxontest.NewServer()
	defer e.Close()
	sp := sprtest.NewServer()
	defer sp.Close()
	creds := sp.Credentials()
	tokenFile := filepath.Join(t.TempDir(), "spr-token.json")
	env := map[string]string{
		"GKS_CLIENT_ID":     g.Credentials().ClientID,
		"GKS_CLIENT_SECRET": g.Credentials().ClientSecret,
		"GKS_BASE_URL":      g.URL(),
		"GKS_TOKEN_URL":     g.TokenURL(),
		"ERYXON_API_KEY":    e.APIKey(),
		"ERYXON_BASE_URL":   e.URL(),
		"SPR_CLIENT_ID":     creds.ClientID,
		"SPR_CLIENT_SECRET": creds.ClientSecret,
		"SPR_USERNAME":      creds.Username,
		"SPR_PASSWORD":      creds.Password,
		"SPR_LOCALE":        creds.Locale,
		"SPR_BASE_URL":      sp.URL(),
		"SPR_TOKEN_FILE":    tokenFile,
	}
	var f fakes
	path := filepath.Join(t.TempDir(), "erp.json")
	res := runAdapter(t, hooks{getenv: func(k string) string { return env[k] }, onFake: f.hook},
		"-once", "-only", "spr,gks,eryxon", "-erp", path)
	if res.code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	if f.get("spr") != nil || f.get("gks") != nil || f.get("eryxon") != nil {
		t.Error("the adapter started its own fake although the variables were set")
	}
	for _, want := range []string{"gks              real API, " + g.URL(), "eryxon           real API, " + e.URL(), "spr     ok  real", "gks     ok  real", "eryxon  ok  real"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, res.stdout)
		}
	}
	if n := len(g.Orders()); n != 3 {
		t.Errorf("the configured GKS4 received %d orders, want 3", n)
	}
	if n := len(e.Rows("jobs")); n != 3 {
		t.Errorf("the configured Eryxon has %d jobs, want 3", n)
	}
	if len(sp.APIRequests()) == 0 {
		t.Error("the configured SPR received no requests")
	}
	// SPR's rotating refresh token is kept where SPR_TOKEN_FILE says.
	if fi, err := os.Stat(tokenFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("SPR token file: %v, %v; want it written with mode 0600", fi, err)
	}
	if out := res.stdout + res.stderr; strings.Contains(out, g.Credentials().ClientSecret) || strings.Contains(out, e.APIKey()) || strings.Contains(out, creds.Password) {
		t.Error("a secret was printed")
	}
}
