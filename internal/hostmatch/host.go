package hostmatch

import (
	"net"
	"net/url"
	"strings"
)

// Host is a configured host[:port], compared case-insensitively; a missing
// port means the default port of the request's scheme.
type Host struct {
	name, port string
}

// New parses hostport as in URL.Host ("api.example.com", "h:8443", "[::1]:80").
func New(hostport string) Host {
	name, port := split(hostport)
	return Host{name: name, port: port}
}

// Empty reports whether no host was configured.
func (h Host) Empty() bool { return h.name == "" }

// Matches reports whether u is for h: the same name and the same port,
// where a port left out is the scheme's default (https://h and
// https://h:443 are one host; http://h and https://h are not the same port).
func (h Host) Matches(u *url.URL) bool {
	if u == nil || h.name == "" {
		return false
	}
	name, port := split(u.Host)
	if name != h.name {
		return false
	}
	def := defaultPort(u.Scheme)
	if port == "" {
		port = def
	}
	want := h.port
	if want == "" {
		want = def
	}
	return port == want
}

func split(hostport string) (name, port string) {
	hostport = strings.ToLower(strings.TrimSpace(hostport))
	if n, p, err := net.SplitHostPort(hostport); err == nil {
		return strings.Trim(n, "[]"), p
	}
	return strings.Trim(hostport, "[]"), ""
}

func defaultPort(scheme string) string {
	switch strings.ToLower(scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
