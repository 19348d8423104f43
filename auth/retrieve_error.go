package auth

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/ratelimit"
)

// RetrieveError is an OAuth error response from a token endpoint (RFC 6749
// section 5.2), or any other non-2xx answer from it. Its Error method never
// contains a secret.
type RetrieveError struct {
	StatusCode           int
	ErrorCode            string
	Description, Message string

	// RetryAfter is the wait the endpoint asked for, 0 when it sent none;
	// RawRetryAfter is the header as sent.
	RetryAfter    time.Duration
	RawRetryAfter string
}

// maxErrorText bounds each text field taken from an error body.
const maxErrorText = 512

// maxExcerptScan bounds how much of a non-JSON body is looked at; redaction
// runs on it before it is cut to maxErrorText.
const maxExcerptScan = 64 << 10

// Error describes the failure: status, OAuth error code, description and
// message, and the Retry-After wait. It never contains a secret.
func (e *RetrieveError) Error() string {
	var b strings.Builder
	b.WriteString("auth: token request failed")
	if e.StatusCode != 0 {
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(e.StatusCode))
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteString(" ")
			b.WriteString(t)
		}
	}
	if e.ErrorCode != "" {
		b.WriteString(": ")
		b.WriteString(e.ErrorCode)
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	if e.Message != "" && e.Message != e.Description {
		b.WriteString(" (")
		b.WriteString(e.Message)
		b.WriteString(")")
	}
	if e.RetryAfter > 0 {
		b.WriteString("; retry after ")
		b.WriteString(e.RetryAfter.String())
	}
	return b.String()
}

// refreshRejected reports whether a refresh_token request failed because
// the refresh token is no good (as opposed to the endpoint being down).
func (e *RetrieveError) refreshRejected() bool {
	return e.ErrorCode == "invalid_grant" || e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnauthorized
}

// decodeRetrieveError turns a token endpoint's error answer into a
// *RetrieveError: the OAuth JSON body (error, error_description, and the
// message field some servers add; also error as an object, or errors as a
// list), a form-encoded body, or the start of any other body. Secret values
// the request carried are replaced by [REDACTED].
func decodeRetrieveError(status int, h http.Header, body []byte, secrets []string) *RetrieveError {
	e := &RetrieveError{StatusCode: status}
	if h != nil {
		e.RawRetryAfter = clip(h.Get("Retry-After"), 64)
		if d, ok := ratelimit.ParseRetryAfter(e.RawRetryAfter, time.Now()); ok {
			e.RetryAfter = d
		}
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		var env struct {
			Error            json.RawMessage `json:"error"`
			ErrorDescription json.RawMessage `json:"error_description"`
			Message          json.RawMessage `json:"message"`
			ErrorMessage     json.RawMessage `json:"errorMessage"`
		}
		if json.Unmarshal(trimmed, &env) == nil {
			code, nested := jsonText(env.Error)
			if nested != "" && code == "" {
				// {"error": {"code": ..., "message": ...}}
				code = nested
			}
			e.ErrorCode = code
			e.Description, _ = jsonText(env.ErrorDescription)
			e.Message, _ = jsonText(env.Message)
			if e.Message == "" {
				e.Message, _ = jsonText(env.ErrorMessage)
			}
			if e.ErrorCode == "" {
				if m, _ := jsonObjectMessage(env.Error); m != "" && e.Message == "" {
					e.Message = m
				}
			}
			break
		}
		e.Message = excerpt(trimmed)
	case isFormBody(h, trimmed):
		// RFC 6749 says JSON, but some servers (GitHub) answer in form encoding.
		if v, err := parseForm(trimmed); err == nil && v.Get("error") != "" {
			e.ErrorCode = v.Get("error")
			e.Description = v.Get("error_description")
			break
		}
		e.Message = excerpt(trimmed)
	default:
		e.Message = excerpt(trimmed)
	}
	// Redact before cutting, so that no piece of a secret survives a cut.
	e.ErrorCode = clean(redactSecrets(e.ErrorCode, secrets), 64)
	e.Description = clean(redactSecrets(e.Description, secrets), maxErrorText)
	e.Message = clean(redactSecrets(e.Message, secrets), maxErrorText)
	return e
}

// jsonText reads a JSON string, number or bool as text. For an object it
// returns "" and the object's "code" (or "error"), for nested envelopes.
func jsonText(raw json.RawMessage) (string, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s, ""
		}
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) == nil {
			for _, k := range []string{"code", "error", "type"} {
				if s, _ := jsonText(obj[k]); s != "" {
					return "", s
				}
			}
		}
		return "", ""
	case '[':
		return "", ""
	}
	return string(raw), ""
}

// jsonObjectMessage reads "message" (or "description") from an error object.
func jsonObjectMessage(raw json.RawMessage) (string, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return "", false
	}
	for _, k := range []string{"message", "description", "error_description"} {
		if s, _ := jsonText(obj[k]); s != "" {
			return s, true
		}
	}
	return "", false
}

// excerpt is the start of a non-JSON body (an HTML error page, plain text).
func excerpt(body []byte) string {
	if len(body) > maxExcerptScan {
		body = body[:maxExcerptScan]
	}
	return string(body)
}

// clean makes server text safe to print on one line: valid UTF-8, control
// characters as spaces, runs of space collapsed, at most n bytes.
func clean(s string, n int) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		if b.Len() >= n {
			break
		}
	}
	return clip(b.String(), n)
}

// clip cuts s to at most n bytes at a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
