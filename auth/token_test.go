package auth

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func secretToken() *Token {
	return &Token{
		AccessToken:  "AT-SECRET-value",
		TokenType:    "Bearer",
		RefreshToken: "RT-SECRET-value",
		Expiry:       time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func assertNoTokenSecrets(t *testing.T, what, out string) {
	t.Helper()
	for _, s := range []string{"AT-SECRET", "RT-SECRET", "SECRET-value"} {
		if strings.Contains(out, s) {
			t.Errorf("%s leaks a secret (output withheld)", what)
			return
		}
	}
}

func TestTokenFormatRedacts(t *testing.T) {
	tok := secretToken()
	type wrapper struct {
		T Token
		P *Token
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"}
	for _, verb := range verbs {
		for name, arg := range map[string]any{"value": *tok, "pointer": tok, "nested": wrapper{*tok, tok}, "slice": []*Token{tok}} {
			out := fmt.Sprintf(verb, arg)
			assertNoTokenSecrets(t, verb+" of "+name, out)
			if !strings.Contains(out, redacted) {
				t.Errorf("%s of %s = %q, want the redaction marker", verb, name, out)
			}
		}
	}
	want := `auth.Token{Type:"Bearer" AccessToken:[REDACTED] RefreshToken:[REDACTED] Expiry:2030-01-02T03:04:05Z}`
	if got := tok.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := tok.GoString(); got != want {
		t.Errorf("GoString() = %q, want %q", got, want)
	}
	empty := Token{}
	if got := empty.String(); got != `auth.Token{Type:"" AccessToken:"" RefreshToken:"" Expiry:unknown}` {
		t.Errorf("empty String() = %q", got)
	}
	var nilTok *Token
	if got := fmt.Sprintf("%v", nilTok); got != "<nil>" {
		t.Errorf("nil token prints %q", got)
	}
	if got := fmt.Sprint(tok); got != want {
		t.Errorf("Sprint = %q, want %q", got, want)
	}
}

func TestTokenLogValueRedacts(t *testing.T) {
	tok := secretToken()
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		l := slog.New(h)
		l.Info("got", "token", tok, "value", *tok)
		l.Info("group", slog.Any("t", tok))
	}
	out := buf.String()
	assertNoTokenSecrets(t, "slog output", out)
	for _, want := range []string{`"type":"Bearer"`, `"access_token":"[REDACTED]"`, `"refresh_token":"[REDACTED]"`, `"expiry":"2030-01-02T03:04:05Z"`, "token.type=Bearer", "token.access_token=[REDACTED]"} {
		if !strings.Contains(out, want) {
			t.Errorf("slog output lacks %s:\n%s", want, out)
		}
	}
}

func TestTokenValid(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		tok  *Token
		want bool
	}{
		{"nil", nil, false},
		{"no access token", &Token{Expiry: now.Add(time.Hour)}, false},
		{"no expiry", &Token{AccessToken: "a"}, true},
		{"future", &Token{AccessToken: "a", Expiry: now.Add(time.Second)}, true},
		{"at expiry", &Token{AccessToken: "a", Expiry: now}, false},
		{"past", &Token{AccessToken: "a", Expiry: now.Add(-time.Second)}, false},
	}
	for _, c := range cases {
		if got := c.tok.Valid(now); got != c.want {
			t.Errorf("%s: Valid = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestConfigRedactsClientSecret(t *testing.T) {
	cfg := Config{TokenURL: "https://a.example.com/t", ClientID: "id", ClientSecret: "CS-SECRET-value", Scopes: []string{"a", "b"}, ClientAuth: InBoth}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("cfg", "config", cfg)
	outs := []string{buf.String()}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outs = append(outs, fmt.Sprintf(verb, cfg), fmt.Sprintf(verb, &cfg))
	}
	for _, out := range outs {
		if strings.Contains(out, "CS-SECRET") || !strings.Contains(out, "[REDACTED]") || !strings.Contains(out, "a.example.com") {
			t.Errorf("config printed as %q (secret withheld)", strings.ReplaceAll(out, "CS-SECRET-value", "<secret>"))
		}
	}
	want := `auth.Config{TokenURL:"https://a.example.com/t" ClientID:"id" ClientSecret:[REDACTED] Scopes:["a" "b"] ClientAuth:InBoth}`
	if got := cfg.String(); got != want {
		t.Errorf("String() = %s\nwant        %s", got, want)
	}
}
