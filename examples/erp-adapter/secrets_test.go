package main

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
	"github.com/partsync/partsync-go/spr/sprtest"
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

// bearer returns the token of an Authorization header ("" if none).
func bearer(h http.Header) string {
	tok, _ := strings.CutPrefix(h.Get("Authorization"), "Bearer ")
	return tok
}

// fakeSecrets reads back from the fakes of one run every secret they were
// given or handed out: credentials, API keys, signing keys, and each token
// that reached them. It fails when a fake saw no credential at all, so
// that the check proves something.
func fakeSecrets(t *testing.T, f *fakes) []knownSecret {
	t.Helper()
	var out []knownSecret
	add := func(system, name, v string) {
		if v != "" {
			out = append(out, knownSecret{system + " " + name, v})
		}
	}
	count := map[string]int{}
	if s, ok := f.get("sparetech").(*sparetechtest.Server); ok {
		add("sparetech", "client secret", s.Credentials().ClientSecret)
		for _, r := range s.Requests() {
			if tok := bearer(r.Header); tok != "" {
				add("sparetech", "access token", tok)
				count["sparetech"]++
			}
		}
	}
	if s, ok := f.get("spr").(*sprtest.Server); ok {
		c := s.Credentials()
		add("spr", "client secret", c.ClientSecret)
		add("spr", "password", c.Password)
		for _, r := range s.Requests() {
			if tok := bearer(r.Header); tok != "" {
				add("spr", "access token", tok)
				count["spr"]++
			}
			add("spr", "refresh token", r.Form.Get("refresh_token"))
		}
	}
	if s, ok := f.get("gks").(*gkstest.Server); ok {
		add("gks", "client secret", s.Credentials().ClientSecret)
		for _, r := range s.Requests() {
			if tok := bearer(r.Header); tok != "" {
				add("gks", "access token", tok)
				count["gks"]++
			}
		}
	}
	if s, ok := f.get("eryxon").(*eryxontest.Server); ok {
		add("eryxon", "API key", s.APIKey())
		count["eryxon"] = len(s.Requests())
	}
	if s, ok := f.get("servicemobility").(*servicemobilitytest.Server); ok {
		add("servicemobility", "password", s.Credentials().Password)
		key := s.SigningKey()
		add("servicemobility", "signing key", string(key))
		add("servicemobility", "signing key (hex)", hex.EncodeToString(key))
		add("servicemobility", "signing key (base64)", base64.StdEncoding.EncodeToString(key))
		for _, r := range s.Requests() {
			if tok := r.Header.Get("x-access-token"); tok != "" {
				add("servicemobility", "JWT", tok)
				count["servicemobility"]++
			}
		}
		for _, r := range s.Relays() {
			add("servicemobility", "relayed JWT", r.Header.Get("x-access-token"))
		}
	}
	for _, system := range systems {
		if count[system] == 0 {
			t.Errorf("the %s fake saw no authenticated request: the check proves nothing", system)
		}
	}
	return out
}

// TestNoSecretsInDebugRun: a -debug run of all five systems on their fakes
// logs every request on stderr, and neither stdout nor stderr shows any
// credential, key or token the fakes were given or issued.
func TestNoSecretsInDebugRun(t *testing.T) {
	var f fakes
	res := runAdapter(t, hooks{onFake: f.hook}, "-once", "-debug", "-erp", filepath.Join(t.TempDir(), "erp.json"))
	if res.code != 0 {
		t.Fatalf("exit code %d", res.code)
	}
	if !strings.Contains(res.stderr, "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := fakeSecrets(t, &f)
	assertNoSecrets(t, "stdout", res.stdout, secrets)
	assertNoSecrets(t, "stderr", res.stderr, secrets)
}

// TestNoSecretsInFailingRun: with wrong credentials configured for GKS4,
// SPR and Eryxon (their APIs played by fakes), every job fails and prints
// its error, and the -debug log records the refused logins; neither shows
// any of the wrong or the right secrets.
func TestNoSecretsInFailingRun(t *testing.T) {
	g := gkstest.NewServer(gkstest.WithCredentials(gks.Credentials{ClientID: "erp", ClientSecret: "Right-CS-8f7e6d"}))
	defer g.Close()
	e := eryxontest.NewServer()
	defer e.Close()
	sp := sprtest.NewServer()
	defer sp.Close()
	creds := sp.Credentials()
	env := map[string]string{
		"GKS_CLIENT_ID":     "erp",
		"GKS_CLIENT_SECRET": "Wrong-CS-1a2b3c",
		"GKS_BASE_URL":      g.URL(),
		"GKS_TOKEN_URL":     g.TokenURL(),
		"ERYXON_API_KEY":    "ery_live_WrongKey9d8c7b",
		"ERYXON_BASE_URL":   e.URL(),
		"SPR_CLIENT_ID":     creds.ClientID,
		"SPR_CLIENT_SECRET": creds.ClientSecret,
		"SPR_USERNAME":      creds.Username,
		"SPR_PASSWORD":      "Wrong-PW-4d5e6f",
		"SPR_LOCALE":        creds.Locale,
		"SPR_BASE_URL":      sp.URL(),
	}
	res := runAdapter(t, hooks{getenv: func(k string) string { return env[k] }},
		"-once", "-debug", "-only", "spr,gks,eryxon", "-erp", filepath.Join(t.TempDir(), "erp.json"))
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1", res.code)
	}
	for _, system := range []string{"spr", "gks", "eryxon"} {
		if !strings.Contains(res.stdout, system+":\n") || !strings.Contains(res.stdout, "FAILED") {
			t.Errorf("the summary prints no error for %s", system)
		}
	}
	for _, want := range []string{"token request failed", "401"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the summary's errors do not say %q", want)
		}
	}
	if !strings.Contains(res.stderr, "level=") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	secrets := []knownSecret{
		{"gks wrong client secret", env["GKS_CLIENT_SECRET"]}, {"gks client secret", "Right-CS-8f7e6d"},
		{"eryxon wrong API key", env["ERYXON_API_KEY"]}, {"eryxon API key", e.APIKey()},
		{"spr wrong password", env["SPR_PASSWORD"]}, {"spr password", creds.Password}, {"spr client secret", creds.ClientSecret},
	}
	assertNoSecrets(t, "stdout", res.stdout, secrets)
	assertNoSecrets(t, "stderr", res.stderr, secrets)
}
