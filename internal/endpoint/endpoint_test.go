package endpoint

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// generatedURL is how an oapi-codegen v2 request builder makes an
// operation's URL from the server on every call.
func generatedURL(server, path string) (string, error) {
	serverURL, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	if path[0] == '/' {
		path = "." + path
	}
	queryURL, err := serverURL.Parse(path)
	if err != nil {
		return "", err
	}
	return queryURL.String(), nil
}

// TestResolveMatchesGeneratedBuilders: the same URL as the builders, for
// servers with and without a path, a trailing slash, escapes, a port.
func TestResolveMatchesGeneratedBuilders(t *testing.T) {
	paths := []string{"/api/v1/customers", "/api-jobs/sync", "/a b/%2F", "/"}
	for _, server := range []string{
		"https://api.example.com/", "https://api.example.com", "https://api.example.com/v1/",
		"https://api.example.com/v1", "http://127.0.0.1:8080/base%20path/", "https://h.example/a/b/?x=1",
	} {
		got, err := Resolve(server, paths...)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", server, err)
		}
		for i, p := range paths {
			want, err := generatedURL(server, p)
			if err != nil || got[i] != want {
				t.Errorf("Resolve(%q, %q) = %q, generated %q (%v)", server, p, got[i], want, err)
			}
		}
	}
	if _, err := Resolve("://no-scheme", "/x"); err == nil {
		t.Error("Resolve of an unparsable server: no error")
	}
}

// TestQueryEncodesAsTheGeneratedBuilders: values escaped as url.Values
// escapes them, the parameters in the order added, after "?" on a URL or
// bare.
func TestQueryEncodesAsTheGeneratedBuilders(t *testing.T) {
	params := [][2]string{{"number", "K 1&2=3"}, {"name", "Åsa/ö+?#"}, {"page", "-1"}, {"empty", ""}, {"page", "2"}}
	var enc []string
	for _, p := range params {
		enc = append(enc, url.Values{p[0]: {p[1]}}.Encode())
	}

	var q Query
	q.Start("https://h.example/api/v1/customers", 16)
	for _, p := range params {
		q.Add(p[0], p[1])
	}
	if want := "https://h.example/api/v1/customers?" + strings.Join(enc, "&"); q.String() != want {
		t.Errorf("URL %q, want %q", q.String(), want)
	}
	u, err := url.Parse(q.String())
	if err != nil || !reflect.DeepEqual(u.Query()["page"], []string{"-1", "2"}) || u.Query().Get("name") != "Åsa/ö+?#" {
		t.Errorf("%q does not read back: %v %v", q.String(), u, err)
	}

	var bare Query
	for _, p := range params[:2] {
		bare.Add(p[0], p[1])
	}
	if want := enc[0] + "&" + enc[1]; bare.String() != want {
		t.Errorf("bare query %q, want %q", bare.String(), want)
	}

	var none Query
	none.Start("https://h.example/x", 0)
	if none.String() != "https://h.example/x" {
		t.Errorf("no parameters: %q", none.String())
	}
}
