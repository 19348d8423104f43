package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

func TestClientCredentialsWire(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(testClientID)+":"+url.QueryEscape(testClientSecret)))
	cases := []struct {
		auth       ClientAuth
		scopes     []string
		wantParams bool
		wantBasic  bool
		wantScope  string
	}{
		{InParams, nil, true, false, ""},
		{InHeader, []string{"read"}, false, true, "read"},
		{InBoth, []string{"read", "write:all"}, true, true, "read write:all"},
	}
	for _, c := range cases {
		t.Run(c.auth.String(), func(t *testing.T) {
			srv := newFakeTokenServer(t)
			cfg := srv.config()
			cfg.ClientAuth, cfg.Scopes = c.auth, c.scopes
			tok, err := ClientCredentials(cfg).Token(context.Background())
			if err != nil {
				t.Fatalf("Token: %v", err)
			}
			if tok.AccessToken != "at-1" || tok.TokenType != "Bearer" || tok.RefreshToken != "" {
				t.Errorf("token = %+v", tok)
			}
			reqs := srv.reqs()
			if len(reqs) != 1 {
				t.Fatalf("%d token requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/oauth/token" {
				t.Errorf("request %s %s", r.Method, r.Path)
			}
			if got := r.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded" {
				t.Errorf("Content-Type %q", got)
			}
			if got := r.Header.Get("Accept"); got != "application/json" {
				t.Errorf("Accept %q", got)
			}
			if got := r.Form.Get("grant_type"); got != "client_credentials" {
				t.Errorf("grant_type %q", got)
			}
			hasParams := r.Form.Get("client_id") == testClientID && r.Form.Get("client_secret") == testClientSecret
			if hasParams != c.wantParams || (!c.wantParams && (r.Form.Has("client_id") || r.Form.Has("client_secret"))) {
				t.Errorf("client credentials in params: %v, want %v", hasParams, c.wantParams)
			}
			if got := r.Header.Get("Authorization"); (got == basic) != c.wantBasic || (!c.wantBasic && got != "") {
				t.Errorf("Authorization header present=%v, want Basic with URL-encoded id and secret: %v", got != "", c.wantBasic)
			}
			if got, has := r.Form.Get("scope"), r.Form.Has("scope"); got != c.wantScope || has != (c.wantScope != "") {
				t.Errorf("scope %q (present %v), want %q", got, has, c.wantScope)
			}
			if len(r.Form) != map[bool]int{true: 3, false: 1}[c.wantParams]+map[bool]int{true: 1, false: 0}[c.wantScope != ""] {
				t.Errorf("unexpected form fields: %v", keys(r.Form))
			}
		})
	}
}

func keys(v url.Values) []string {
	var ks []string
	for k := range v {
		ks = append(ks, k)
	}
	return ks
}

func TestExpiresInFormats(t *testing.T) {
	cases := []struct {
		raw  any
		want time.Duration // 0: no expiry
	}{
		{3600, time.Hour},
		{59.5, 59500 * time.Millisecond},
		{"3600", time.Hour},
		{" 90.25 ", 90250 * time.Millisecond},
		{nil, 0},
		{0, 0},
		{-5, 0},
		{"soon", 0},
		{true, 0},
		{1e30, maxExpiresIn},
	}
	for _, c := range cases {
		synctest.Test(t, func(t *testing.T) {
			srv := newFakeTokenServer(t)
			srv.expiresIn = c.raw
			start := time.Now()
			tok, err := ClientCredentials(srv.config()).Token(context.Background())
			if err != nil {
				t.Fatalf("expires_in %v: %v", c.raw, err)
			}
			var want time.Time
			if c.want != 0 {
				want = start.Add(c.want)
			}
			if !tok.Expiry.Equal(want) {
				t.Errorf("expires_in %#v: Expiry %v, want %v", c.raw, tok.Expiry, want)
			}
			if !tok.IssuedAt.Equal(start) {
				t.Errorf("IssuedAt %v, want %v", tok.IssuedAt, start)
			}
		})
	}
}

func TestTokenResponseBodies(t *testing.T) {
	cases := []struct {
		name, ct, body string
		wantTok        string
		wantErr        string
		wantRetrieve   bool
	}{
		{"json", "application/json", `{"access_token":"a1","token_type":"bearer","expires_in":"60"}`, "a1", "", false},
		{"form", "application/x-www-form-urlencoded", "access_token=a2&token_type=bearer&expires_in=60", "a2", "", false},
		{"no token", "application/json", `{"token_type":"bearer"}`, "", "has no access_token", false},
		{"error in 200", "application/json", `{"error":"invalid_scope","error_description":"nope"}`, "", "invalid_scope: nope", true},
		{"html", "text/html", "<html>hi</html>", "", "neither JSON nor a form", false},
		{"bad json", "application/json", `{"access_token":`, "", "not a valid token", false},
		{"wrong type", "application/json", `{"access_token":5}`, "", "not a valid token", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", c.ct)
				_, _ = w.Write([]byte(c.body))
			})
			cfg := Config{TokenURL: "https://auth.example.com/token", ClientID: "id", ClientSecret: "secret-x", HTTPClient: &http.Client{Transport: handlerTransport{h}}}
			tok, err := ClientCredentials(cfg).Token(context.Background())
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want %q", err, c.wantErr)
				}
				var re *RetrieveError
				if errors.As(err, &re) != c.wantRetrieve {
					t.Errorf("errors.As RetrieveError = %v, want %v", !c.wantRetrieve, c.wantRetrieve)
				}
				return
			}
			if err != nil || tok.AccessToken != c.wantTok || tok.TokenType != "bearer" || tok.Expiry.IsZero() {
				t.Fatalf("token %v, err %v", tok, err)
			}
		})
	}
}

func TestRetrieveErrorFromServer(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		ct, body   string
		retryAfter string
		want       RetrieveError
		wantText   string
	}{
		{"oauth", 400, "application/json", `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`, "",
			RetrieveError{StatusCode: 400, ErrorCode: "invalid_client", Description: "Client authentication failed", Message: "Client authentication failed"},
			"auth: token request failed: 400 Bad Request: invalid_client: Client authentication failed"},
		{"message only", 403, "application/json", `{"message":"You have exceeded your token quota"}`, "",
			RetrieveError{StatusCode: 403, Message: "You have exceeded your token quota"},
			"auth: token request failed: 403 Forbidden (You have exceeded your token quota)"},
		{"nested", 401, "application/json", `{"error":{"code":"unauthorized","message":"bad key"}}`, "",
			RetrieveError{StatusCode: 401, ErrorCode: "unauthorized"}, "401 Unauthorized: unauthorized"},
		{"html", 502, "text/html", "<html><body>Bad\n\tGateway</body></html>", "",
			RetrieveError{StatusCode: 502, Message: "<html><body>Bad Gateway</body></html>"}, "502 Bad Gateway (<html><body>Bad Gateway</body></html>)"},
		{"form", 400, "application/x-www-form-urlencoded", "error=invalid_grant&error_description=expired", "",
			RetrieveError{StatusCode: 400, ErrorCode: "invalid_grant", Description: "expired"}, "400 Bad Request: invalid_grant: expired"},
		{"retry after", 429, "application/json", `{"error":"slow_down"}`, "120",
			RetrieveError{StatusCode: 429, ErrorCode: "slow_down", RetryAfter: 2 * time.Minute, RawRetryAfter: "120"}, "429 Too Many Requests: slow_down; retry after 2m0s"},
		{"echoed secret", 401, "application/json", `{"error":"invalid_client","error_description":"unknown secret cs-SECRET-3f9a:k&z","message":"client_secret=cs-SECRET-3f9a%3Ak%26z"}`, "",
			RetrieveError{StatusCode: 401, ErrorCode: "invalid_client", Description: "unknown secret [REDACTED]", Message: "client_secret=[REDACTED]"}, "[REDACTED]"},
		{"empty", 500, "", "", "",
			RetrieveError{StatusCode: 500}, "auth: token request failed: 500 Internal Server Error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c.ct != "" {
					w.Header().Set("Content-Type", c.ct)
				}
				if c.retryAfter != "" {
					w.Header().Set("Retry-After", c.retryAfter)
				}
				w.WriteHeader(c.status)
				_, _ = w.Write([]byte(c.body))
			})
			cfg := Config{TokenURL: "https://auth.example.com/token", ClientID: testClientID, ClientSecret: testClientSecret, HTTPClient: &http.Client{Transport: handlerTransport{h}}}
			_, err := ClientCredentials(cfg).Token(context.Background())
			var re *RetrieveError
			if !errors.As(err, &re) {
				t.Fatalf("err %v is not a *RetrieveError", err)
			}
			if *re != c.want {
				t.Errorf("got  %#v\nwant %#v", *re, c.want)
			}
			if !strings.Contains(err.Error(), c.wantText) {
				t.Errorf("Error() = %q, want it to contain %q", err.Error(), c.wantText)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("Error() leaks a secret")
			}
		})
	}
}

func TestTokenRequestViaVendorTokenClientError(t *testing.T) {
	// A vendor token client that turns 4xx into *apierror.Error must not
	// hide a rejected refresh token from the password grant.
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		return nil, &apierror.Error{StatusCode: 400, Body: []byte(`{"error":"invalid_grant"}`), RetryAfter: 3 * time.Second}
	})
	cfg := Config{TokenURL: "https://auth.example.com/token", ClientID: "id", HTTPClient: &http.Client{Transport: rt}}
	_, err := ClientCredentials(cfg).Token(context.Background())
	var re *RetrieveError
	if !errors.As(err, &re) || re.StatusCode != 400 || re.ErrorCode != "invalid_grant" || re.RetryAfter != 3*time.Second {
		t.Fatalf("err = %v, want RetrieveError 400 invalid_grant retry 3s", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestInvalidConfigSendsNothing(t *testing.T) {
	var calls atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("must not be called")
	})}
	good := Config{TokenURL: "https://auth.example.com/token", ClientID: "id", ClientSecret: "s", HTTPClient: hc}
	mod := func(f func(*Config)) Config { c := good; f(&c); return c }
	cases := map[string]Source{
		"empty url":       ClientCredentials(mod(func(c *Config) { c.TokenURL = "" })),
		"relative url":    ClientCredentials(mod(func(c *Config) { c.TokenURL = "/token" })),
		"ftp url":         ClientCredentials(mod(func(c *Config) { c.TokenURL = "ftp://auth.example.com/token" })),
		"user info":       ClientCredentials(mod(func(c *Config) { c.TokenURL = "https://u:p@auth.example.com/token" })),
		"insecure remote": ClientCredentials(mod(func(c *Config) { c.TokenURL = "http://auth.example.com/token" })),
		"bad auth style":  ClientCredentials(mod(func(c *Config) { c.ClientAuth = 7 })),
		"header no id":    ClientCredentials(mod(func(c *Config) { c.ClientAuth, c.ClientID = InHeader, "" })),
		"no username":     Password(good, "", "pw"),
		"static empty":    Static(""),
		"nil grant":       NewCachedSource(nil, CacheOptions{}),
	}
	for name, src := range cases {
		_, err := src.Token(context.Background())
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if name != "nil grant" && !errors.Is(err, apierror.ErrInvalidInput) {
			t.Errorf("%s: %v does not match ErrInvalidInput", name, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent for invalid configurations", calls.Load())
	}
	// http to loopback is fine, and AllowInsecureHTTP allows any host.
	for _, c := range []Config{mod(func(c *Config) { c.TokenURL = "http://127.0.0.1:1/token" }), mod(func(c *Config) { c.TokenURL = "http://auth.example.com/t"; c.AllowInsecureHTTP = true })} {
		if err := c.validate(); err != nil {
			t.Errorf("%s: %v", c.TokenURL, err)
		}
	}
}

func TestTokenEndpointRedirectNotFollowed(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	defer tokenSrv.Close()
	cfg := Config{TokenURL: tokenSrv.URL + "/token", ClientID: testClientID, ClientSecret: testClientSecret, HTTPClient: tokenSrv.Client()}
	_, err := ClientCredentials(cfg).Token(context.Background())
	var re *RetrieveError
	if !errors.As(err, &re) || re.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("err = %v, want a 307 RetrieveError", err)
	}
	if elsewhere.Load() != 0 {
		t.Errorf("credentials followed a redirect to another server")
	}
	if cfg.HTTPClient.CheckRedirect != nil {
		t.Errorf("the caller's http.Client was modified")
	}
}

func TestTransportErrorHasNoQuery(t *testing.T) {
	hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("connection reset")
	})}
	cfg := Config{TokenURL: "https://auth.example.com/token?key=QUERY-SECRET", ClientID: "id", HTTPClient: hc}
	_, err := ClientCredentials(cfg).Token(context.Background())
	if err == nil || strings.Contains(err.Error(), "QUERY-SECRET") || !strings.Contains(err.Error(), "https://auth.example.com/token: connection reset") {
		t.Fatalf("err = %q", err)
	}
}

func TestRetrieveErrorRetryAfterDate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", date)
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		cfg := Config{TokenURL: "https://auth.example.com/token", ClientID: "id", HTTPClient: &http.Client{Transport: handlerTransport{h}}}
		src := ClientCredentials(cfg)
		_, err := src.Token(context.Background())
		var re *RetrieveError
		if !errors.As(err, &re) || re.RetryAfter != 90*time.Second || re.RawRetryAfter != date {
			t.Fatalf("err %v, want Retry-After 90s from the HTTP date", err)
		}
		var be *BackoffError
		time.Sleep(89 * time.Second)
		if _, err := src.Token(context.Background()); !errors.As(err, &be) || !be.Until.Equal(time.Now().Add(time.Second)) {
			t.Fatalf("backoff: %v", err)
		}
	})
}
