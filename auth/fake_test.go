package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Test secrets: distinctive, so that a leak check can search for them.
const (
	testClientID     = "client+id/1"
	testClientSecret = "cs-SECRET-3f9a:k&z"
	testUsername     = "erp@example.com"
	testPassword     = "pw-SECRET-77 h=x"
)

// handlerTransport serves requests in memory with h: no sockets, so it
// works inside a synctest bubble, and the handler still sees the request
// as it would arrive on the wire.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		closeBody(req)
		return nil, err
	}
	// Serialise the request as a server would receive it.
	in := req.Clone(req.Context())
	if in.Body == nil {
		in.Body = http.NoBody
	}
	in.RequestURI = req.URL.RequestURI()
	in.Host = req.URL.Host
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, in)
	closeBody(req)
	return rec.Result(), nil
}

// tokenRequest is one request the fake token server received.
type tokenRequest struct {
	Method, Path string
	Header       http.Header
	Form         url.Values
	At           time.Time
}

// fakeTokenServer is an OAuth token endpoint: client credentials, password
// and rotating refresh tokens, which it rejects when presented twice.
type fakeTokenServer struct {
	t         testing.TB
	expiresIn any // JSON value of expires_in; default 3600
	// rotate: every refresh_token grant returns a new refresh token.
	noRotate bool

	mu        sync.Mutex
	n         int
	requests  []tokenRequest
	refresh   map[string]bool // issued refresh tokens: true = already used
	access    map[string]time.Time
	reused    int
	logins    int
	refreshes int
	faults    []fault
	gate      chan struct{} // when set, every request waits for it
	// prefix starts every issued token, so a leak check can find them.
	prefix string
	// failLogins: the next n password grants answer 503.
	failLogins int
	// lose: the next n answers are processed, then lost on the way back.
	lose int
}

type fault struct {
	status     int
	body       string
	retryAfter string
	header     map[string]string
}

func newFakeTokenServer(t testing.TB) *fakeTokenServer {
	return &fakeTokenServer{t: t, expiresIn: 3600, refresh: map[string]bool{}, access: map[string]time.Time{}}
}

// failNext makes the next len(fs) requests fail as described.
func (s *fakeTokenServer) failNext(fs ...fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fs...)
}

func (s *fakeTokenServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *fakeTokenServer) reqs() []tokenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]tokenRequest(nil), s.requests...)
}

// validAccess reports whether tok is a token this server issued and that
// has not expired.
func (s *fakeTokenServer) validAccess(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.access[tok]
	return ok && (exp.IsZero() || time.Now().Before(exp))
}

func (s *fakeTokenServer) client() *http.Client {
	return &http.Client{Transport: lossyTransport{s}}
}

// lossyTransport is handlerTransport, but loses answers when the server
// says so: the request had its effect, the client sees a connection error.
type lossyTransport struct{ s *fakeTokenServer }

func (t lossyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := handlerTransport{t.s}.RoundTrip(req)
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	if err == nil && t.s.lose > 0 {
		t.s.lose--
		resp.Body.Close()
		return nil, errConnReset
	}
	return resp, err
}

var errConnReset = errors.New("read: connection reset by peer")

// stats returns password logins, refresh grants and reused refresh tokens.
func (s *fakeTokenServer) stats() (logins, refreshes, reused int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins, s.refreshes, s.reused
}

func (s *fakeTokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.gate != nil {
		<-s.gate
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, tokenRequest{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Form: r.PostForm, At: time.Now()})
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		for k, v := range f.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(f.status)
		fmt.Fprint(w, f.body)
		return
	}
	oauthErr := func(status int, code, desc string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
	}
	if r.Method != http.MethodPost {
		oauthErr(http.StatusMethodNotAllowed, "invalid_request", "POST only")
		return
	}
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		uu, err1 := url.QueryUnescape(u)
		pp, err2 := url.QueryUnescape(p)
		if err1 != nil || err2 != nil {
			oauthErr(http.StatusUnauthorized, "invalid_client", "bad basic encoding")
			return
		}
		id, secret = uu, pp
	}
	if id != testClientID || secret != testClientSecret {
		oauthErr(http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	withRefresh := false
	switch r.PostForm.Get("grant_type") {
	case "client_credentials":
	case "password":
		if s.failLogins > 0 {
			s.failLogins--
			oauthErr(http.StatusServiceUnavailable, "temporarily_unavailable", "")
			return
		}
		if r.PostForm.Get("username") != testUsername || r.PostForm.Get("password") != testPassword {
			oauthErr(http.StatusBadRequest, "invalid_grant", "The user credentials were incorrect.")
			return
		}
		s.logins++
		withRefresh = true
	case "refresh_token":
		rt := r.PostForm.Get("refresh_token")
		used, known := s.refresh[rt]
		if !known || used {
			if used {
				s.reused++
			}
			oauthErr(http.StatusBadRequest, "invalid_grant", "The refresh token is invalid.")
			return
		}
		s.refreshes++
		if !s.noRotate {
			s.refresh[rt] = true
			withRefresh = true
		}
	default:
		oauthErr(http.StatusBadRequest, "unsupported_grant_type", "")
		return
	}
	s.n++
	at := s.prefix + "at-" + strconv.Itoa(s.n)
	body := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": s.expiresIn}
	var exp time.Time
	if d, ok := parseExpiresIn(mustJSON(s.expiresIn)); ok {
		exp = time.Now().Add(d)
	}
	s.access[at] = exp
	if withRefresh {
		rt := s.prefix + "rt-" + strconv.Itoa(s.n)
		s.refresh[rt] = false
		body["refresh_token"] = rt
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func (s *fakeTokenServer) config() Config {
	return Config{TokenURL: "https://auth.example.com/oauth/token", ClientID: testClientID, ClientSecret: testClientSecret, HTTPClient: s.client()}
}
