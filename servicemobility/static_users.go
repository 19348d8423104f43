package servicemobility

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
)

// StaticUser is a user of StaticUsers. String, GoString and LogValue redact
// the password.
type StaticUser struct {
	Username, Password string
	// Identity is put in the JWT (name, email).
	Identity Identity
}

// String shows the username only.
func (u StaticUser) String() string {
	return fmt.Sprintf("servicemobility.StaticUser{Username: %q, Password: %s}", u.Username, redacted(u.Password))
}

// GoString is String, so that %#v redacts too.
func (u StaticUser) GoString() string { return u.String() }

// Format prints the redacted form under every verb: without it, verbs that
// bypass String (%d, %t) would print the fields.
func (u StaticUser) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, u.String()) }

// LogValue keeps the password out of slog output.
func (u StaticUser) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", u.Username), slog.String("password", redacted(u.Password)))
}

// StaticUsers is an Authenticator for a fixed list of users, for examples,
// tests and small deployments. Passwords are compared in constant time (as
// SHA-256 digests, so their length does not show either), and an unknown
// user costs the same comparison as a wrong password.
func StaticUsers(users ...StaticUser) Authenticator {
	s := staticUsers{users: make(map[string]staticEntry, len(users))}
	for _, u := range users {
		s.users[u.Username] = staticEntry{digest: sha256.Sum256([]byte(u.Password)), id: u.Identity}
	}
	return s
}

type staticEntry struct {
	digest [sha256.Size]byte
	id     Identity
}

type staticUsers struct {
	users map[string]staticEntry
}

// dummyDigest is compared against for unknown users.
var dummyDigest = sha256.Sum256([]byte("servicemobility: no such user"))

// Authenticate checks the password in constant time.
func (s staticUsers) Authenticate(_ context.Context, username, password string) (*Identity, error) {
	e, known := s.users[username]
	want := e.digest
	if !known {
		want = dummyDigest
	}
	got := sha256.Sum256([]byte(password))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 || !known {
		return nil, ErrInvalidLogon
	}
	id := e.id
	return &id, nil
}
