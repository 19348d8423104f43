package auth

import (
	"net/url"
	"strings"
)

// minSecretLen keeps redaction from replacing every "a" when a secret is
// absurdly short; such a secret is not worth protecting from itself.
const minSecretLen = 4

// secretForms lists each secret as sent raw and as it appears in a form
// body, so that an endpoint echoing the request back cannot leak it.
func secretForms(secrets ...string) []string {
	var out []string
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		out = append(out, s)
		if q := url.QueryEscape(s); q != s {
			out = append(out, q)
		}
	}
	return out
}

// redactSecrets replaces every occurrence of each secret in s.
func redactSecrets(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}
