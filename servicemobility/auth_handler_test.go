package servicemobility_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	sm "github.com/partsync/partsync-go/servicemobility"
)

var users = sm.StaticUsers(
	sm.StaticUser{Username: "tech1", Password: "s3cret-pw", Identity: sm.Identity{Name: "Tech One", Email: "tech1@example.com"}},
	sm.StaticUser{Username: "tech2", Password: "other-pw"},
)

func authPost(h http.Handler, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/auth", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestAuthenticationHandlerIssuesHS256JWT(t *testing.T) {
	h := sm.NewAuthenticationHandler(users, testKey, 30*time.Minute)
	before := time.Now().Unix()
	w := authPost(h, `{"username":"tech1","password":"s3cret-pw"}`)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json" || w.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("status %d, headers %v, body %q", w.Code, w.Header(), w.Body)
	}
	var out map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || len(out) != 1 || out["token"] == "" {
		t.Fatalf("body %q: %v", w.Body, err)
	}
	claims := jwt.MapClaims{}
	tok, err := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired()).
		ParseWithClaims(out["token"], claims, func(*jwt.Token) (any, error) { return testKey, nil })
	if err != nil {
		t.Fatalf("token does not verify: %v", err)
	}
	if tok.Header["alg"] != "HS256" || tok.Header["typ"] != "JWT" {
		t.Errorf("header %v", tok.Header)
	}
	iat, exp := int64(claims["iat"].(float64)), int64(claims["exp"].(float64))
	if iat < before || iat > time.Now().Unix() || exp-iat != 1800 {
		t.Errorf("iat %d exp %d (epoch seconds, 30 min apart expected)", iat, exp)
	}
	if claims["name"] != "Tech One" || claims["email"] != "tech1@example.com" || len(claims) != 4 {
		t.Errorf("claims %v", claims)
	}

	// Without name and email, the optional claims are left out.
	w = authPost(h, `{"username":"tech2","password":"other-pw"}`)
	claims = jwt.MapClaims{}
	_ = json.Unmarshal(w.Body.Bytes(), &out)
	if _, err := jwt.NewParser().ParseWithClaims(out["token"], claims, func(*jwt.Token) (any, error) { return testKey, nil }); err != nil || len(claims) != 2 {
		t.Errorf("claims %v, err %v", claims, err)
	}

	// The token is accepted by a Parts Ordering handler with the same key.
	svc := &recordingService{resp: okResponse()}
	if w := post(sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(testKey)), out["token"], sampleOrder); w.Code != 200 {
		t.Errorf("parts handler refused the issued token: %d", w.Code)
	}
}

func TestAuthenticationHandlerDefaultTTL(t *testing.T) {
	w := authPost(sm.NewAuthenticationHandler(users, testKey, 0), `{"username":"tech1","password":"s3cret-pw"}`)
	var out map[string]string
	_ = json.Unmarshal(w.Body.Bytes(), &out)
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(out["token"], claims); err != nil {
		t.Fatal(err)
	}
	if d := claims["exp"].(float64) - claims["iat"].(float64); d != 3600 {
		t.Errorf("default ttl %v s, want 3600", d)
	}
}

func TestAuthenticationHandlerFailures(t *testing.T) {
	failing := sm.AuthenticatorFunc(func(_ context.Context, u, p string) (*sm.Identity, error) {
		return nil, fmt.Errorf("db down while checking %s/%s", u, p)
	})
	wrapped := sm.AuthenticatorFunc(func(context.Context, string, string) (*sm.Identity, error) {
		return nil, fmt.Errorf("ldap: %w", sm.ErrInvalidLogon)
	})
	panicking := sm.AuthenticatorFunc(func(_ context.Context, _, p string) (*sm.Identity, error) { panic(p) })
	cases := []struct {
		name   string
		a      sm.Authenticator
		key    []byte
		body   string
		status int
		want   string
	}{
		{"wrong password", users, testKey, `{"username":"tech1","password":"wrong"}`, 401, "Invalid Logon."},
		{"unknown user", users, testKey, `{"username":"nobody","password":"s3cret-pw"}`, 401, "Invalid Logon."},
		{"empty password", users, testKey, `{"username":"tech1","password":""}`, 401, "Invalid Logon."},
		{"no fields", users, testKey, `{}`, 401, "Invalid Logon."},
		{"wrapped invalid logon", wrapped, testKey, `{"username":"a","password":"b"}`, 401, "Invalid Logon."},
		{"authenticator error", failing, testKey, `{"username":"tech1","password":"s3cret-pw"}`, 500, "authentication failed: the user store reported an error"},
		{"authenticator panic", panicking, testKey, `{"username":"tech1","password":"s3cret-pw"}`, 500, "internal error: the authenticator failed unexpectedly"},
		{"empty key", users, nil, `{"username":"tech1","password":"s3cret-pw"}`, 500, "authentication failed: servicemobility: empty JWT signing key"},
		{"malformed", users, testKey, `{"username":"tech1","password":`, 500, "malformed Authentication Object: unexpected end of JSON input"},
		{"not an object", users, testKey, `"tech1:s3cret-pw"`, 500, "malformed Authentication Object: expected a JSON object, got a string"},
		{"trailing data", users, testKey, `{"username":"tech1","password":"s3cret-pw"}{}`, 500, "malformed Authentication Object: invalid character '{' after top-level value"},
		{"too large", users, testKey, `{"username":"` + strings.Repeat("u", 70<<10) + `"}`, 500, "request body too large: the limit is 65536 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := authPost(sm.NewAuthenticationHandler(tc.a, tc.key, time.Hour), tc.body)
			if w.Code != tc.status || w.Body.String() != tc.want {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body, tc.status, tc.want)
			}
			if strings.Contains(w.Body.String(), "s3cret-pw") {
				t.Error("password echoed")
			}
		})
	}
	w := httptest.NewRecorder()
	sm.NewAuthenticationHandler(users, testKey, time.Hour).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/auth", nil))
	if w.Code != 405 || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
}

func TestStaticUsersRedactsPasswords(t *testing.T) {
	u := sm.StaticUser{Username: "tech1", Password: "s3cret-pw"}
	l := sm.Login{Username: "tech1", Password: "s3cret-pw"}
	for _, s := range []string{fmt.Sprint(u), fmt.Sprintf("%+v", u), fmt.Sprintf("%#v", u), fmt.Sprint(l), fmt.Sprintf("%#v", l), u.LogValue().String(), l.LogValue().String()} {
		if strings.Contains(s, "s3cret-pw") || !strings.Contains(s, "tech1") {
			t.Errorf("%q", s)
		}
	}
	id, err := users.Authenticate(context.Background(), "tech1", "s3cret-pw")
	if err != nil || id.Name != "Tech One" {
		t.Errorf("%v %v", id, err)
	}
	if _, err := users.Authenticate(context.Background(), "tech1", "s3cret-pw "); !errors.Is(err, sm.ErrInvalidLogon) || !errors.Is(err, sm.ErrUnauthorized) {
		t.Errorf("err %v", err)
	}
}
