package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// Every secret the run below handles. None may appear in the log output or
// in any error text.
const (
	secClientSecret = "cc-SECRET-7f3a21"
	secWrongSecret  = "cc-SECRET-wrong-0b9e"
	secPassword     = "pw-SECRET-91bd44"
	secAPIKey       = "ery_live_SECRETkey5566"
	secJWT          = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.c2lnU0VDUkVU"
	secQueryKey     = "qk-SECRET-3c1d"
	secFormPassword = "fp-SECRET-77aa"
)

// secretsServer is a token endpoint and an API in one: client credentials,
// password and refresh_token grants, bearer / API-key / x-access-token
// checks, and endpoints that fail while echoing secrets back.
type secretsServer struct {
	mu       sync.Mutex
	n        int
	valid    map[string]bool // access tokens the API accepts
	refresh  map[string]bool // refresh tokens not yet used
	rejected map[string]bool // first password-grant token: the API says 401 once
	issued   []string        // every access and refresh token handed out
	grants   []string
}

func (s *secretsServer) token(prefix string) string {
	s.n++
	t := fmt.Sprintf("%s-SECRET-%04d", prefix, s.n)
	s.issued = append(s.issued, t)
	return t
}

func (s *secretsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.URL.Path {
	case "/oauth/token":
		_ = r.ParseForm()
		g := r.PostForm.Get("grant_type")
		s.grants = append(s.grants, g)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case g == "client_credentials" && r.PostForm.Get("client_secret") == secClientSecret:
			at := s.token("at")
			s.valid[at] = true
			fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, at)
		case g == "password" && r.PostForm.Get("password") == secPassword:
			at, rt := s.token("at"), s.token("rt")
			s.valid[at], s.refresh[rt], s.rejected[at] = true, true, true
			fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600,"refresh_token":%q}`, at, rt)
		case g == "refresh_token" && s.refresh[r.PostForm.Get("refresh_token")]:
			delete(s.refresh, r.PostForm.Get("refresh_token"))
			at, rt := s.token("at"), s.token("rt")
			s.valid[at], s.refresh[rt] = true, true
			fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600,"refresh_token":%q}`, at, rt)
		default:
			// A badly behaved server echoing what it got.
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":"invalid_client","error_description":"bad secret %s","message":"form was %s"}`,
				r.PostForm.Get("client_secret"), r.PostForm.Encode())
		}
	case "/api/items":
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		ok := s.valid[tok] || r.Header.Get("X-Api-Key") == secAPIKey || r.Header.Get("X-Access-Token") == secJWT
		if s.rejected[tok] {
			delete(s.rejected, tok)
			delete(s.valid, tok)
			ok = false
		}
		if !ok {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"message":"token %s not accepted"}`, tok)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"items":[1,2,3]}`)
	case "/api/fail":
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-RateLimit-Remaining", "10")
		w.WriteHeader(500)
		fmt.Fprintf(w, `{"error":"boom","authorization":%q,"x-access-token":%q,"api_key":%q,"echo":%q,"jwt":"%s"}`,
			r.Header.Get("Authorization"), r.Header.Get("X-Access-Token"), r.Header.Get("X-Api-Key"), string(body), secJWT)
	case "/api/busy":
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(503)
		fmt.Fprintf(w, "busy; your key was %s", r.Header.Get("X-Api-Key"))
	default:
		w.WriteHeader(404)
	}
}

func TestNoSecretsInLogsOrErrors(t *testing.T) {
	srv := &secretsServer{valid: map[string]bool{}, refresh: map[string]bool{}, rejected: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	u, _ := url.Parse(ts.URL)
	host := u.Host

	var logs syncBuffer
	logger := debugLogger(&logs)
	var errTexts []string
	record := func(err error) {
		t.Helper()
		if err == nil {
			t.Error("expected an error")
			return
		}
		// What a vendor package returns: AsError(err). (net/http's own
		// *url.Error around it prints the full URL, query included; that is
		// why every vendor call site goes through AsError.)
		e := AsError(err)
		errTexts = append(errTexts, e.Error(), fmt.Sprintf("%v|%+v|%s", e, e, e))
		var ae *apierror.Error
		if errors.As(e, &ae) {
			errTexts = append(errTexts, string(ae.Body), ae.Message, ae.URL)
		}
	}
	s := func(opts ...clientopt.Option) *clientopt.Settings {
		return settings(append([]clientopt.Option{
			clientopt.WithHTTPClient(&http.Client{Transport: tr}),
			clientopt.WithLogger(logger),
			clientopt.WithRetry(2, 0, 0),
		}, opts...)...)
	}
	newStack := func(vendor string, st *clientopt.Settings, auth func(http.RoundTripper) http.RoundTripper) *http.Client {
		c, err := New(Config{Vendor: vendor, Settings: st, Auth: auth})
		if err != nil {
			t.Fatal(err)
		}
		return c.HTTPClient()
	}
	getOK := func(hc *http.Client, path string) {
		t.Helper()
		resp, err := hc.Get(ts.URL + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, AsError(err))
		}
		var v struct{ Items []int }
		if err := DecodeJSON(resp, &v); err != nil || len(v.Items) != 3 {
			t.Fatalf("GET %s: %v %v", path, err, v)
		}
	}
	ctx := context.Background()

	// Client credentials.
	ccSettings := s()
	cc := auth.ClientCredentials(auth.Config{TokenURL: ts.URL + "/oauth/token", ClientID: "client-1", ClientSecret: secClientSecret,
		HTTPClient: NewTokenClient("ccvendor", ccSettings), Logger: logger})
	ccHTTP := newStack("ccvendor", ccSettings, func(next http.RoundTripper) http.RoundTripper { return auth.NewTransport(cc, next, host) })
	getOK(ccHTTP, "/api/items?api_key="+secQueryKey+"&page=1")
	_, err := ccHTTP.Get(ts.URL + "/api/fail?client_secret=" + secQueryKey)
	record(err)

	// Password, then refresh (the API rejects the first token once).
	pwSettings := s()
	pw := auth.Password(auth.Config{TokenURL: ts.URL + "/oauth/token", ClientID: "client-2", ClientSecret: secClientSecret,
		HTTPClient: NewTokenClient("pwvendor", pwSettings), Logger: logger}, "bob", secPassword)
	pwHTTP := newStack("pwvendor", pwSettings, func(next http.RoundTripper) http.RoundTripper { return auth.NewTransport(pw, next, host) })
	getOK(pwHTTP, "/api/items")
	getOK(pwHTTP, "/api/items")
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/fail", strings.NewReader("user=bob&password="+secFormPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	_, err = pwHTTP.Do(req)
	record(err)

	// Static API key (Eryxon style) and a static JWT in x-access-token (ServiceMobility style).
	keyHTTP := newStack("eryxon", s(), func(next http.RoundTripper) http.RoundTripper {
		return auth.NewTransportWithOptions(auth.Static(secAPIKey), next, auth.TransportOptions{Host: host, Header: "X-Api-Key"})
	})
	getOK(keyHTTP, "/api/items")
	_, err = keyHTTP.Get(ts.URL + "/api/busy")
	record(err)
	jwtHTTP := newStack("servicemobility", s(), func(next http.RoundTripper) http.RoundTripper {
		return auth.NewTransportWithOptions(auth.Static(secJWT), next, auth.TransportOptions{Host: host, Header: "x-access-token"})
	})
	getOK(jwtHTTP, "/api/items")
	_, err = jwtHTTP.Get(ts.URL + "/api/fail")
	record(err)

	// A token request that fails (wrong client secret, echoed back).
	badSettings := s()
	bad := auth.ClientCredentials(auth.Config{TokenURL: ts.URL + "/oauth/token", ClientID: "client-3", ClientSecret: secWrongSecret,
		HTTPClient: NewTokenClient("badvendor", badSettings), Logger: logger})
	badHTTP := newStack("badvendor", badSettings, func(next http.RoundTripper) http.RoundTripper { return auth.NewTransport(bad, next, host) })
	_, err = badHTTP.Get(ts.URL + "/api/items")
	record(err)

	// The run did what it claims: every grant was used, requests failed.
	srv.mu.Lock()
	grants := strings.Join(srv.grants, ",")
	issued := append([]string(nil), srv.issued...)
	srv.mu.Unlock()
	for _, g := range []string{"client_credentials", "password", "refresh_token"} {
		if !strings.Contains(grants, g) {
			t.Errorf("grant %s never used (grants: %s)", g, grants)
		}
	}
	out := logs.String()
	if !strings.Contains(out, `"path":"/api/fail"`) || !strings.Contains(out, `"path":"/oauth/token"`) || !strings.Contains(out, `"status":500`) {
		t.Errorf("the log does not show the run's requests")
	}
	if len(errTexts) < 5 {
		t.Fatalf("only %d error texts collected", len(errTexts))
	}

	secrets := append([]string{secClientSecret, secWrongSecret, secPassword, secAPIKey, secJWT, secQueryKey, secFormPassword, "eyJhbGci"}, issued...)
	haystacks := map[string]string{"log": out, "errors": strings.Join(errTexts, "\n")}
	for where, text := range haystacks {
		for _, sec := range secrets {
			if strings.Contains(text, sec) {
				// Say which secret leaked where, without printing it.
				t.Errorf("%s contains secret #%d (%d chars)", where, indexOf(secrets, sec), len(sec))
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
