package gkstest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The fake's own tests use plain net/http, so they check it against the
// vendor's docs rather than against the gks client.

func newServer(t *testing.T, opts ...gkstest.ServerOption) *gkstest.Server {
	t.Helper()
	s := gkstest.NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

func postForm(t *testing.T, u string, form url.Values) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// token fetches an access token the way the vendor's curl sample does.
func token(t *testing.T, s *gkstest.Server) string {
	t.Helper()
	resp, body := postForm(t, s.TokenURL(), url.Values{
		"client_id": {s.Credentials().ClientID}, "client_secret": {s.Credentials().ClientSecret}, "grant_type": {"client_credentials"},
	})
	if resp.StatusCode != 200 {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tr); err != nil || tr.AccessToken == "" {
		t.Fatalf("token body %s: %v", body, err)
	}
	return tr.AccessToken
}

// call sends one API request with a bearer token (none when tok is "").
func call(t *testing.T, s *gkstest.Server, tok, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// problem decodes a ProblemDetails answer and checks its content type.
type problem struct {
	Type    string              `json:"type"`
	Title   string              `json:"title"`
	Status  int                 `json:"status"`
	Detail  string              `json:"detail"`
	TraceID string              `json:"traceId"`
	Errors  map[string][]string `json:"errors"`
}

func decodeProblem(t *testing.T, resp *http.Response, body []byte, status int) problem {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status = %d, want %d (body %s)", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body %s: %v", body, err)
	}
	if p.Status != status || p.Title == "" || p.TraceID == "" {
		t.Errorf("problem = %+v", p)
	}
	return p
}
