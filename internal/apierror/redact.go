package apierror

import (
	"regexp"
)

// Redacted replaces every secret Redact finds.
const Redacted = "[REDACTED]"

// secretKey matches names of fields that hold secrets: client_secret,
// password, access_token, refresh_token, api_key, apiKey, Authorization,
// x-access-token, credentials, customercode (ServiceMobility CCT), ... Over-matching (a "keyword" field) only
// costs a redacted value.
const secretKey = `[A-Za-z0-9_.\-]*(?i:secret|pass|pwd|token|key|authori[sz]ation|credential|signature|cookie|session|customer_?code)[A-Za-z0-9_.\-]*`

var redactions = []struct {
	re   *regexp.Regexp
	repl string
}{
	// JSON string values: "password": "...".
	{regexp.MustCompile(`("` + secretKey + `"\s*:\s*)"(?:[^"\\]|\\.)*"`), `${1}"` + Redacted + `"`},
	// JSON numbers and literals under a secret key: "pin_token": 1234.
	{regexp.MustCompile(`("` + secretKey + `"\s*:\s*)(?:-?[0-9][0-9.eE+\-]*|true|false)`), `${1}"` + Redacted + `"`},
	// Form and query values: password=...&.
	{regexp.MustCompile(`((?:^|[?&;\s"'])` + secretKey + `=)[^&;\s"'<>]*`), `${1}` + Redacted},
	// XML elements: <password>...</password>.
	{regexp.MustCompile(`(<(` + secretKey + `)>)[^<]*(</)`), `${1}` + Redacted + `${3}`},
	// Header-like lines: "Authorization: Bearer ...", "x-access-token: ...".
	{regexp.MustCompile(`(?i)((?:authorization|x-access-token|x-api-key|api-key|cookie)\s*:\s*)[^\r\n"]+`), `${1}` + Redacted},
	// Bearer credentials anywhere ("bearer token" in prose stays readable).
	{regexp.MustCompile(`(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]{6,}=*`), `${1} ` + Redacted},
	// JWTs (base64url JSON header "eyJ...").
	{regexp.MustCompile(`eyJ[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*){0,2}`), Redacted},
	// Eryxon API keys.
	{regexp.MustCompile(`ery_(?:live|test)_[A-Za-z0-9_\-]*`), Redacted},
}

// Redact returns a copy of b with secrets replaced by [REDACTED]: JSON, form,
// query and XML values whose key names a secret, Authorization-like header
// lines, bearer credentials, JWTs and Eryxon API keys. It is meant for
// error bodies and log lines, not for structured data.
func Redact(b []byte) []byte {
	out := append([]byte(nil), b...)
	for _, r := range redactions {
		out = r.re.ReplaceAll(out, []byte(r.repl))
	}
	return out
}

// RedactString is Redact for strings.
func RedactString(s string) string { return string(Redact([]byte(s))) }
