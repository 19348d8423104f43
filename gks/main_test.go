package gks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fastRetry keeps retry tests quick: three retries, millisecond waits.
var fastRetry = gks.WithRetry(3, time.Millisecond, 2*time.Millisecond)

// newFake starts a gkstest server and a client for it.
func newFake(t *testing.T, opts ...gkstest.ServerOption) (*gkstest.Server, *gks.Client) {
	t.Helper()
	srv := gkstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := srv.NewClient(fastRetry)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return srv, c
}

// newMock starts a bare server whose token endpoint always succeeds and
// whose other paths h answers, for wire shapes the fake does not produce.
func newMock(t *testing.T, h http.HandlerFunc, opts ...gks.Option) *gks.Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"mock-token","token_type":"Bearer","expires_in":3600}`))
	})
	mux.Handle("/", h)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	all := append([]gks.Option{gks.WithBaseURL(ts.URL), gks.WithTokenURL(ts.URL + "/connect/token"), fastRetry}, opts...)
	c, err := gks.NewClient(gks.Credentials{ClientID: "mock-id", ClientSecret: "mock-secret"}, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// requests returns the fake's recorded requests with the given method and
// path prefix.
func requests(srv *gkstest.Server, method, pathPrefix string) []gkstest.Request {
	var out []gkstest.Request
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, pathPrefix) {
			out = append(out, r)
		}
	}
	return out
}

// onlyRequest asserts that exactly one request matched and returns it.
func onlyRequest(t *testing.T, srv *gkstest.Server, method, path string) gkstest.Request {
	t.Helper()
	rs := requests(srv, method, path)
	if len(rs) != 1 {
		t.Fatalf("%s %s requests = %d, want 1 (all: %v)", method, path, len(rs), srv.Requests())
	}
	return rs[0]
}

func jsonObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", b, err)
	}
	return m
}

// assertJSON compares a body with the expected JSON, ignoring key order.
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("body\n got %s\nwant %s", gb, wb)
	}
}
