package servicemobility

import (
	"fmt"
	"io"
	"log/slog"
)

// Login is a ServiceMobility username and password, exchanged for a JWT at
// Create JWT. String, GoString and LogValue redact the password.
type Login struct {
	Username, Password string
}

// String shows the username only.
func (l Login) String() string {
	return fmt.Sprintf("servicemobility.Login{Username: %q, Password: %s}", l.Username, redacted(l.Password))
}

// GoString is String, so that %#v redacts too.
func (l Login) GoString() string { return l.String() }

// Format prints the redacted form under every verb: without it, verbs that
// bypass String (%d, %t) would print the fields.
func (l Login) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, l.String()) }

// LogValue keeps the password out of slog output.
func (l Login) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", l.Username), slog.String("password", redacted(l.Password)))
}

// Identity is who an Authenticator logged in; its fields become the JWT's
// optional name and email claims.
type Identity struct {
	Name, Email string
}

func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}
