package apierror

import (
	"bytes"
	"strings"
)

// minSecretLen keeps value redaction from blanking out common short words
// when a credential is empty or trivially short.
const minSecretLen = 4

// RedactValues replaces every occurrence of the given secrets in e's Message
// and Body. Pattern redaction (Redact) cannot recognise a password or an
// opaque token that a server quotes in prose ("password X is wrong"); the
// caller that sent the secret knows its value.
func (e *Error) RedactValues(secrets ...string) {
	if e == nil {
		return
	}
	e.Message = RedactValueString(e.Message, secrets...)
	for _, s := range secrets {
		if len(s) >= minSecretLen && bytes.Contains(e.Body, []byte(s)) {
			e.Body = bytes.ReplaceAll(e.Body, []byte(s), []byte(Redacted))
		}
	}
}

// RedactValueString is RedactString followed by the replacement of each
// given secret by value.
func RedactValueString(s string, secrets ...string) string {
	s = RedactString(s)
	for _, v := range secrets {
		if len(v) >= minSecretLen {
			s = strings.ReplaceAll(s, v, Redacted)
		}
	}
	return s
}
