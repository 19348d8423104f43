package spr

import (
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// Credentials are the two credential pairs SPR requires: the API credentials
// SPR issues per company or application (ClientID, ClientSecret) and the
// sprautomotive.com web user's login (Username, Password), plus the Locale of
// that user's region ("es_MX", "es_GT").
//
// Locale is both the first path segment of every API call and the suffix of
// the login name: Username "admin" logs in as "admin@es_MX". A Username that
// already contains "@" is sent as given (pass "juan@example.com@es_MX" when
// the web login is an e-mail address).
//
// String, GoString and LogValue redact the client secret and the password.
type Credentials struct {
	// ClientID and ClientSecret are the API credentials SPR issues.
	ClientID, ClientSecret string
	// Username and Password are the sprautomotive.com web user's login.
	Username, Password string
	// Locale is the user's region, e.g. "es_MX" or "es_GT".
	Locale string
}

// String shows the client id, user and locale, never the secrets.
func (c Credentials) String() string {
	return fmt.Sprintf("spr.Credentials{ClientID: %q, ClientSecret: %s, Username: %q, Password: %s, Locale: %q}",
		c.ClientID, redacted(c.ClientSecret), c.Username, redacted(c.Password), c.Locale)
}

// GoString is String, so that %#v redacts too.
func (c Credentials) GoString() string { return c.String() }

// Format prints the redacted form under every verb: without it, verbs that
// bypass String (%d, %t) would print the fields.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue keeps the secrets out of slog output.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", c.ClientID),
		slog.String("client_secret", redacted(c.ClientSecret)),
		slog.String("username", c.Username),
		slog.String("password", redacted(c.Password)),
		slog.String("locale", c.Locale),
	)
}

func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}

// localePattern is the shape of the vendor's region codes ("es_MX").
var localePattern = regexp.MustCompile(`^[a-z]{2,3}_[A-Z]{2}$`)

// validate checks the credentials and returns the login name to send.
func (c Credentials) validate() (login string, err error) {
	switch {
	case strings.TrimSpace(c.ClientID) == "":
		return "", apierror.Invalid(vendor, "Credentials.ClientID", "must not be empty")
	case c.ClientSecret == "":
		return "", apierror.Invalid(vendor, "Credentials.ClientSecret", "must not be empty")
	case strings.TrimSpace(c.Username) == "":
		return "", apierror.Invalid(vendor, "Credentials.Username", "must not be empty")
	case c.Password == "":
		return "", apierror.Invalid(vendor, "Credentials.Password", "must not be empty")
	case c.Locale == "":
		return "", apierror.Invalid(vendor, "Credentials.Locale", `must not be empty: the user's region, e.g. "es_MX"`)
	case !localePattern.MatchString(c.Locale):
		return "", apierror.Invalid(vendor, "Credentials.Locale", `%q is not a region code like "es_MX"`, c.Locale)
	}
	return loginName(strings.TrimSpace(c.Username), c.Locale)
}

// loginName is the password grant's username: the web user and the region
// separated by "@" ("admin@es_MX").
func loginName(user, locale string) (string, error) {
	i := strings.LastIndexByte(user, '@')
	if i < 0 {
		return user + "@" + locale, nil
	}
	// A region suffix that differs from Locale would log in to one region and
	// call the API of another: refuse it here rather than as a 403 later.
	if suffix := user[i+1:]; localePattern.MatchString(suffix) && suffix != locale {
		return "", apierror.Invalid(vendor, "Credentials.Username", "region %q does not match Credentials.Locale %q", suffix, locale)
	}
	return user, nil
}
