package security

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recorder is an httptest server that keeps what it received.
type recorder struct {
	mu   sync.Mutex
	seen []seenRequest
}

func (rec *recorder) keep(r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	u := *r.URL
	u.Host = r.Host
	rec.mu.Lock()
	rec.seen = append(rec.seen, seenRequest{Method: r.Method, URL: &u, Header: r.Header.Clone(), Body: body})
	rec.mu.Unlock()
}

func (rec *recorder) requests() []seenRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seenRequest(nil), rec.seen...)
}

// TestRedirectToAnotherLoopbackServer: with real servers on this machine,
// an API at 127.0.0.1 that redirects to a second server, reached as
// localhost or as 127.0.0.1 on another port (both another host), gets the
// credential and the second server gets none, for every client.
func TestRedirectToAnotherLoopbackServer(t *testing.T) {
	other := &recorder{}
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		other.keep(r)
		http.Error(w, `{"message":"not here"}`, http.StatusNotFound)
	}))
	defer elsewhere.Close()
	addr := elsewhere.Listener.Addr().String()
	port := addr[strings.LastIndex(addr, ":")+1:]

	for _, v := range vendors() {
		for _, target := range []string{"http://localhost:" + port, "http://127.0.0.1:" + port} {
			t.Run(fmt.Sprintf("%s/%s", v.name, target), func(t *testing.T) {
				tokenPath := mustPath(t, v.tokenURL())
				api := &recorder{}
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					api.keep(r)
					if r.URL.Path == tokenPath {
						w.Header().Set("Content-Type", "application/json")
						_, _ = io.WriteString(w, tokenAnswer(tokenPath))
						return
					}
					http.Redirect(w, r, target+"/moved"+r.URL.Path, http.StatusTemporaryRedirect)
				}))
				defer srv.Close()
				before := len(other.requests())
				tokenURL := srv.URL + tokenPath
				call, err := v.newClient(srv.URL+v.apiPath, tokenURL, noRetry)
				if err != nil {
					t.Fatal(err)
				}
				_ = call(context.Background())
				var authed bool
				for _, s := range api.requests() {
					if s.URL.Path != tokenPath && leaked(s.text(), v.secrets) != "" {
						authed = true
					}
				}
				if !authed {
					t.Fatal("the API server got no authenticated request: the test proves nothing")
				}
				hops := other.requests()[before:]
				if len(hops) != 1 {
					t.Fatalf("%d requests reached the other server, want 1", len(hops))
				}
				if name := leaked(hops[0].text(), v.secrets); name != "" {
					t.Errorf("the other server got the %s", name)
				}
			})
		}
	}
}
