package apierror

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/ratelimit"
)

// maxMessage bounds a Message taken from the body when the vendor's Decoder
// gave none: enough for a sentence, short enough for a log line.
const maxMessage = 200

// responseIDHeaders are where servers put their request id, most common first.
var responseIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Correlation-Id"}

// FromResponse builds the *Error for a response outside 2xx. It reads at most
// MaxDecode bytes of the body (it neither drains nor closes it: the caller
// does), hands them to decode (when non-nil), and fills the rest: Method, URL
// (no query), StatusCode, RequestID (the response's X-Request-Id, Request-Id
// or X-Correlation-Id, else the one sent), RetryAfter, RateLimit, a redacted Body excerpt of at most MaxExcerpt
// bytes and, when the Decoder left it empty, a Message from the start of that
// excerpt.
func FromResponse(resp *http.Response, vendor string, decode Decoder) *Error {
	if resp == nil {
		return &Error{Vendor: vendor, Message: "no response"}
	}
	e := &Error{Vendor: vendor, StatusCode: resp.StatusCode}
	now := time.Now()
	if req := resp.Request; req != nil {
		e.Method = req.Method
		e.URL = SafeURL(req.URL)
		e.RequestID = req.Header.Get("X-Request-Id")
	}
	for _, h := range responseIDHeaders {
		if id := resp.Header.Get(h); id != "" {
			e.RequestID = id
			break
		}
	}
	if d, ok := ratelimit.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	e.RateLimit = ratelimit.FromHeaders(resp.Header, now)

	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, MaxDecode))
	}
	if len(body) > 0 {
		e.Body = Excerpt(body)
	}
	// The Decoder runs after Body is set so that it can redact more in it
	// (a credential the vendor quotes by value, see RedactValues).
	if decode != nil {
		decode(e, resp, body)
	}
	if e.RetryAfter < 0 {
		e.RetryAfter = 0
	}
	if e.Message == "" {
		e.Message = MessageFrom(e.Body)
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// Excerpt returns the redacted start of body, at most MaxExcerpt bytes, cut at
// a character boundary. Redaction runs on a little more than MaxExcerpt so
// that a secret straddling the cut is still recognised.
func Excerpt(body []byte) []byte {
	if len(body) > 2*MaxExcerpt {
		body = body[:2*MaxExcerpt]
	}
	r := Redact(body)
	if len(r) > MaxExcerpt {
		cut := MaxExcerpt
		for cut > 0 && !utf8.RuneStart(r[cut]) {
			cut--
		}
		r = r[:cut]
	}
	return r
}

// MessageFrom turns the start of an (already redacted) body into a one-line
// message: whitespace collapsed, at most a couple of hundred bytes.
func MessageFrom(redacted []byte) string {
	s := strings.Join(strings.Fields(string(bytes.ToValidUTF8(redacted, []byte("?")))), " ")
	if len(s) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// SafeURL is u without query, fragment and user info: what errors and logs show.
func SafeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	v := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return v.String()
}
