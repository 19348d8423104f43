package hostmatch

import (
	"net/url"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestMatches(t *testing.T) {
	cases := []struct {
		host, url string
		want      bool
	}{
		{"api.example.com", "https://api.example.com/x", true},
		{"api.example.com", "https://API.Example.com/x", true},
		{"api.example.com", "https://api.example.com:443/x", true},
		{"api.example.com:443", "https://api.example.com/x", true},
		{"api.example.com", "http://api.example.com/x", true},
		{"api.example.com:443", "http://api.example.com/x", false},
		{"api.example.com", "https://api.example.com:8443/x", false},
		{"api.example.com:8443", "https://api.example.com:8443/x", true},
		{"api.example.com", "https://api.example.com.evil.test/x", false},
		{"api.example.com", "https://evil.test/api.example.com", false},
		{"example.com", "https://api.example.com/x", false},
		{"127.0.0.1:8080", "http://127.0.0.1:8080/", true},
		{"127.0.0.1:8080", "http://127.0.0.1:8081/", false},
		{"[::1]:80", "http://[::1]/", true},
		{"", "https://api.example.com/", false},
	}
	for _, c := range cases {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := New(c.host).Matches(u); got != c.want {
			t.Errorf("New(%q).Matches(%q) = %v, want %v", c.host, c.url, got, c.want)
		}
	}
	if New("x").Matches(nil) {
		t.Error("a nil URL matched")
	}
	if !New("").Empty() || New("x").Empty() {
		t.Error("Empty is wrong")
	}
}

func TestLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost":         true,
		"LOCALHOST":         true,
		"127.0.0.1":         true,
		"127.8.9.10":        true,
		"::1":               true,
		"[::1]":             true,
		"api.localhost":     false, // resolver-dependent: not counted
		"localhost.evil.io": false,
		"10.0.0.1":          false,
		"example.com":       false,
		"":                  false,
	} {
		if got := Loopback(host); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", host, got, want)
		}
	}
}
