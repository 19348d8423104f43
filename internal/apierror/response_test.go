package apierror

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func errResponse(status int, body string, kv ...string) *http.Response {
	req, _ := http.NewRequest("PUT", "https://user:pw@api.example.com/v1/items/7?api_key=K1#frag", nil)
	req.Header.Set("X-Request-Id", "sent-1")
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}
}

func TestFromResponseFields(t *testing.T) {
	reset := time.Now().Add(time.Minute).Truncate(time.Second)
	resp := errResponse(429, `{"error":"slow down"}`,
		"x-request-id", "srv-9", "Retry-After", "12",
		"X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset.UTC().Format(time.RFC3339))
	e := FromResponse(resp, "eryxon", nil)
	if e.Vendor != "eryxon" || e.StatusCode != 429 || e.Method != "PUT" || e.URL != "https://api.example.com/v1/items/7" {
		t.Errorf("%+v", e)
	}
	if e.RequestID != "srv-9" || e.RetryAfter != 12*time.Second {
		t.Errorf("request id %q retry after %v", e.RequestID, e.RetryAfter)
	}
	if e.RateLimit.Limit != 100 || e.RateLimit.Remaining != 0 || !e.RateLimit.HasRemaining || !e.RateLimit.Reset.Equal(reset) {
		t.Errorf("rate limit %+v", e.RateLimit)
	}
	if e.Message != `{"error":"slow down"}` || string(e.Body) != `{"error":"slow down"}` {
		t.Errorf("message %q body %q", e.Message, e.Body)
	}
}

func TestFromResponseSentRequestIDAndStatusText(t *testing.T) {
	e := FromResponse(errResponse(502, ""), "gks", nil)
	if e.RequestID != "sent-1" || e.Message != "Bad Gateway" || e.Body != nil {
		t.Fatalf("%+v", e)
	}
}

func TestFromResponseDecoder(t *testing.T) {
	var gotBody []byte
	dec := func(e *Error, resp *http.Response, body []byte) {
		gotBody = body
		e.Code = "VALIDATION"
		e.Message = "field qty invalid"
		e.Details = map[string]string{"qty": "must be > 0"}
		e.Kind = ErrConflict
		e.RetryAfter = -time.Second // a bad decoder cannot make it negative
	}
	body := `{"code":"VALIDATION","password":"p@ss"}`
	e := FromResponse(errResponse(422, body), "gks", dec)
	if string(gotBody) != body {
		t.Errorf("decoder got %q, want the raw body", gotBody)
	}
	if e.Code != "VALIDATION" || e.Message != "field qty invalid" || e.Kind != ErrConflict || e.RetryAfter != 0 {
		t.Errorf("%+v", e)
	}
	if bytes.Contains(e.Body, []byte("p@ss")) {
		t.Errorf("body not redacted: %s", e.Body)
	}
}

func TestFromResponseReadsAtMostMaxDecode(t *testing.T) {
	big := strings.Repeat("é", MaxDecode) // 2 bytes each
	resp := errResponse(500, big)
	var n int
	e := FromResponse(resp, "x", func(_ *Error, _ *http.Response, body []byte) { n = len(body) })
	if n != MaxDecode {
		t.Errorf("decoder saw %d bytes, want %d", n, MaxDecode)
	}
	if len(e.Body) > MaxExcerpt || len(e.Body) < MaxExcerpt-4 || !utf8.Valid(e.Body) {
		t.Errorf("excerpt %d bytes, valid utf8 %v", len(e.Body), utf8.Valid(e.Body))
	}
	if len(e.Message) > 210 || !strings.HasSuffix(e.Message, "…") {
		t.Errorf("message %d bytes", len(e.Message))
	}
	rest, _ := io.ReadAll(resp.Body)
	if len(rest) != len(big)-MaxDecode {
		t.Errorf("FromResponse read %d bytes, want %d", len(big)-len(rest), MaxDecode)
	}
}

func TestMessageCollapsesWhitespace(t *testing.T) {
	if m := MessageFrom([]byte("  line one\n\t line two  ")); m != "line one line two" {
		t.Fatalf("%q", m)
	}
}

func TestFromResponseNil(t *testing.T) {
	if e := FromResponse(nil, "x", nil); e.Vendor != "x" || e.Message == "" || e.StatusCode != 0 {
		t.Fatalf("%+v", e)
	}
}

func TestFromResponseRequestIDHeaders(t *testing.T) {
	for _, h := range []string{"x-request-id", "Request-Id", "X-Correlation-ID"} {
		if e := FromResponse(errResponse(500, "", h, "srv-id"), "x", nil); e.RequestID != "srv-id" {
			t.Errorf("%s: RequestID %q", h, e.RequestID)
		}
	}
}
