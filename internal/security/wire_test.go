package security

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// wire is a recording http.RoundTripper that stands in for every remote
// host: nothing leaves the process. respond answers each request; a nil
// response means 404.
type wire struct {
	mu      sync.Mutex
	seen    []seenRequest
	respond func(r *http.Request, body []byte) *http.Response
}

// seenRequest is a request as it reached the wire.
type seenRequest struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
}

// text is everything the request carried that a secret could hide in.
func (s seenRequest) text() string {
	var b strings.Builder
	b.WriteString(s.URL.String())
	for k, vs := range s.Header {
		b.WriteString("\n" + k + ": " + strings.Join(vs, ", "))
	}
	b.WriteString("\n")
	b.Write(s.Body)
	return b.String()
}

// RoundTrip implements http.RoundTripper.
func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		_ = r.Body.Close()
	}
	u := *r.URL
	w.mu.Lock()
	w.seen = append(w.seen, seenRequest{Method: r.Method, URL: &u, Header: r.Header.Clone(), Body: body})
	respond := w.respond
	w.mu.Unlock()
	var resp *http.Response
	if respond != nil {
		resp = respond(r, body)
	}
	if resp == nil {
		resp = reply(http.StatusNotFound, `{"message":"not found"}`)
	}
	resp.Request = r
	return resp, nil
}

// requests returns what reached the wire so far.
func (w *wire) requests() []seenRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]seenRequest(nil), w.seen...)
}

// to returns the requests for host (host[:port] as in URL.Host).
func (w *wire) to(host string) []seenRequest {
	var out []seenRequest
	for _, s := range w.requests() {
		if s.URL.Host == host {
			out = append(out, s)
		}
	}
	return out
}

// reply builds a response; hdr holds key, value pairs.
func reply(status int, body string, hdr ...string) *http.Response {
	h := http.Header{}
	if strings.HasPrefix(body, "{") {
		h.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		h.Set(hdr[i], hdr[i+1])
	}
	return &http.Response{
		StatusCode:    status,
		Status:        http.StatusText(status),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader([]byte(body))),
		ContentLength: int64(len(body)),
	}
}

// secret is a value that must not leak, with a name to report it by (a
// failure message never shows the value).
type secret struct{ name, value string }

// leaked returns the name of the first secret found in s ("" if none).
func leaked(s string, secrets []secret) string {
	for _, sec := range secrets {
		if sec.value != "" && strings.Contains(s, sec.value) {
			return sec.name
		}
	}
	return ""
}

// scrub is err's text with every known secret replaced by its name, for
// failure messages (a test never prints a secret, even a made-up one).
func scrub(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	for _, sec := range allSecrets {
		s = strings.ReplaceAll(s, sec.value, "<"+sec.name+">")
	}
	return s
}
