package auth

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// redacted replaces every secret in printed and logged output.
const redacted = "[REDACTED]"

// Token is an access token with its optional refresh token and expiry.
// Its String, GoString, Format and LogValue methods redact every secret, so
// that printing or logging a Token never leaks it.
//
// Redaction covers fmt and a Token (or *Token) logged as an slog attribute
// value. encoding/json is left alone on purpose: it is how a Store
// persists a token (the tags give a stable format). Do not JSON-encode a
// Token into a log, for example inside a slice given to slog's JSON handler.
//
// Sources hand out shared *Token values: treat them as read-only.
type Token struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	// Expiry is when the access token stops working; zero means unknown
	// (the token is used until the server rejects it).
	Expiry time.Time `json:"expiry,omitzero"`
	// IssuedAt is when the token was requested. The cache fills it in and
	// uses Expiry-IssuedAt to scale its renewal leeway for short-lived
	// tokens; zero means unknown.
	IssuedAt time.Time `json:"issued_at,omitzero"`
}

// Valid reports whether t has an access token that has not expired at now.
func (t *Token) Valid(now time.Time) bool {
	return t != nil && t.AccessToken != "" && (t.Expiry.IsZero() || now.Before(t.Expiry))
}

// String describes t without its secrets: the type, whether an access and a
// refresh token are present, and the expiry.
func (t Token) String() string {
	var b strings.Builder
	b.WriteString("auth.Token{Type:")
	if t.TokenType == "" {
		b.WriteString(`""`)
	} else {
		// The type is not secret, but it comes from a server: keep it short
		// and on one line.
		b.WriteString(fmt.Sprintf("%.32q", t.TokenType))
	}
	b.WriteString(" AccessToken:")
	b.WriteString(presence(t.AccessToken))
	b.WriteString(" RefreshToken:")
	b.WriteString(presence(t.RefreshToken))
	b.WriteString(" Expiry:")
	if t.Expiry.IsZero() {
		b.WriteString("unknown")
	} else {
		b.WriteString(t.Expiry.UTC().Format(time.RFC3339))
	}
	b.WriteString("}")
	return b.String()
}

// GoString is String: %#v must not print the secrets either.
func (t Token) GoString() string { return t.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q, %x, ...) print the
// redacted String form.
func (t Token) Format(f fmt.State, verb rune) {
	s := t.String()
	if verb == 'q' {
		s = fmt.Sprintf("%q", s)
	}
	_, _ = f.Write([]byte(s))
}

// LogValue makes slog log the type and expiry and a redaction marker in
// place of each secret.
func (t Token) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("type", t.TokenType),
		slog.String("access_token", presence(t.AccessToken)),
	}
	if t.RefreshToken != "" {
		attrs = append(attrs, slog.String("refresh_token", redacted))
	}
	if !t.Expiry.IsZero() {
		attrs = append(attrs, slog.Time("expiry", t.Expiry))
	}
	return slog.GroupValue(attrs...)
}

func presence(secret string) string {
	if secret == "" {
		return `""`
	}
	return redacted
}

// clone returns a copy of t, so that the cache never shares a token value
// with a Store or a Grant that might modify it.
func (t *Token) clone() *Token {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}
