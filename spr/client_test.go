package spr_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/spr"
)

func validCreds() spr.Credentials {
	return spr.Credentials{ClientID: "25", ClientSecret: "s3cr3t-client", Username: "admin", Password: "s3cr3t-pass", Locale: "es_MX"}
}

func TestNewClientValidatesCredentials(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*spr.Credentials)
		field string
	}{
		{"no client id", func(c *spr.Credentials) { c.ClientID = " " }, "Credentials.ClientID"},
		{"no client secret", func(c *spr.Credentials) { c.ClientSecret = "" }, "Credentials.ClientSecret"},
		{"no username", func(c *spr.Credentials) { c.Username = "" }, "Credentials.Username"},
		{"no password", func(c *spr.Credentials) { c.Password = "" }, "Credentials.Password"},
		{"no locale", func(c *spr.Credentials) { c.Locale = "" }, "Credentials.Locale"},
		{"bad locale", func(c *spr.Credentials) { c.Locale = "es/MX" }, "Credentials.Locale"},
		{"other region in username", func(c *spr.Credentials) { c.Username = "admin@es_GT" }, "Credentials.Username"},
	}
	for _, tc := range cases {
		c := validCreds()
		tc.edit(&c)
		_, err := spr.NewClient(c)
		var in *spr.InputError
		if !errors.Is(err, spr.ErrInvalidInput) || !errors.As(err, &in) || in.Field != tc.field {
			t.Errorf("%s: err = %v, want invalid %s", tc.name, err, tc.field)
		}
		if err != nil && (strings.Contains(err.Error(), "s3cr3t")) {
			t.Errorf("%s: error leaks a secret", tc.name)
		}
	}
	for _, opt := range []spr.Option{spr.WithBaseURL("sprautomotive.com"), spr.WithBaseURL("https://x/?q=1"), spr.WithTokenURL("ftp://x/token")} {
		if _, err := spr.NewClient(validCreds(), opt); !errors.Is(err, spr.ErrInvalidInput) {
			t.Errorf("bad URL option: err = %v", err)
		}
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := spr.NewClient(validCreds())
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://sprautomotive.com" || c.TokenURL() != "https://sprautomotive.com/oauth/token" || c.Locale() != "es_MX" {
		t.Fatalf("defaults: %s %s %s", c.BaseURL(), c.TokenURL(), c.Locale())
	}
	c, err = spr.NewClient(validCreds(), spr.WithBaseURL("https://proxy.example/spr/"))
	if err != nil {
		t.Fatal(err)
	}
	if c.TokenURL() != "https://proxy.example/spr/oauth/token" {
		t.Fatalf("token URL under a prefixed root = %s", c.TokenURL())
	}
	c, err = spr.NewClient(validCreds(), spr.WithTokenURL("https://auth.example/oauth/token"))
	if err != nil || c.TokenURL() != "https://auth.example/oauth/token" {
		t.Fatalf("WithTokenURL: %v %v", c, err)
	}
}

func TestCredentialsRedact(t *testing.T) {
	c := validCreds()
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("creds", "c", c)
	for _, out := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), b.String()} {
		if strings.Contains(out, "s3cr3t") {
			t.Errorf("secret in %q", out)
		}
		if !strings.Contains(out, "admin") || !strings.Contains(out, "es_MX") {
			t.Errorf("user or locale missing from %q", out)
		}
	}
}
