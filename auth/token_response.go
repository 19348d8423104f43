package auth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxExpiresIn caps expires_in, so that absurd values cannot overflow.
const maxExpiresIn = 10 * 365 * 24 * time.Hour

// decodeTokenResponse reads a successful token response (RFC 6749 section
// 5.1). start is when the request was sent: the expiry counts from then, so
// that network time errs on the early side.
func decodeTokenResponse(status int, h http.Header, body []byte, start time.Time, secrets []string) (*Token, error) {
	var tr struct {
		AccessToken  string          `json:"access_token"`
		TokenType    string          `json:"token_type"`
		RefreshToken string          `json:"refresh_token"`
		ExpiresIn    json.RawMessage `json:"expires_in"`
		Error        json.RawMessage `json:"error"`
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		if err := json.Unmarshal(trimmed, &tr); err != nil {
			return nil, fmt.Errorf("auth: the token response (%d, %s) is not a valid token: %w", status, contentType(h), err)
		}
	case isFormBody(h, trimmed):
		v, err := parseForm(trimmed)
		if err != nil {
			return nil, fmt.Errorf("auth: the token response (%d, %s) is not a valid form", status, contentType(h))
		}
		tr.AccessToken, tr.TokenType, tr.RefreshToken = v.Get("access_token"), v.Get("token_type"), v.Get("refresh_token")
		if e := v.Get("error"); e != "" {
			tr.Error, _ = json.Marshal(e)
		}
		if e := v.Get("expires_in"); e != "" {
			tr.ExpiresIn = json.RawMessage(strconv.Quote(e))
		}
	default:
		return nil, fmt.Errorf("auth: the token response (%d, %s) is neither JSON nor a form", status, contentType(h))
	}
	if tr.AccessToken == "" {
		if code, nested := jsonText(tr.Error); code != "" || nested != "" {
			// Some servers answer 200 with an OAuth error body.
			return nil, decodeRetrieveError(status, h, body, secrets)
		}
		return nil, fmt.Errorf("auth: the token response (%d) has no access_token", status)
	}
	t := &Token{AccessToken: tr.AccessToken, TokenType: tr.TokenType, RefreshToken: tr.RefreshToken, IssuedAt: start}
	if d, ok := parseExpiresIn(tr.ExpiresIn); ok {
		t.Expiry = start.Add(d)
	}
	return t, nil
}

// parseExpiresIn reads expires_in as an integer, a float or a numeric
// string (all seen in the wild). Missing, zero, negative or unreadable
// means unknown.
func parseExpiresIn(raw json.RawMessage) (time.Duration, bool) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, false
	}
	if s[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f <= 0 {
		return 0, false
	}
	if f >= maxExpiresIn.Seconds() {
		return maxExpiresIn, true
	}
	return time.Duration(f * float64(time.Second)), true
}

func contentType(h http.Header) string {
	if h == nil {
		return "no content type"
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		return "no content type"
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	return "unreadable content type"
}

// isFormBody reports a form-encoded answer: by its content type, or for a
// text/plain body that looks like one.
func isFormBody(h http.Header, body []byte) bool {
	ct := contentType(h)
	if ct == "application/x-www-form-urlencoded" {
		return true
	}
	return ct == "text/plain" && bytes.Contains(body, []byte("=")) && !bytes.ContainsAny(body, " \n<{")
}

func parseForm(body []byte) (url.Values, error) { return url.ParseQuery(string(body)) }
