package security

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/servicemobility"
)

// endless is a request body of n bytes ('{' then spaces) that counts how
// much of it was read, without holding it in memory.
type endless struct {
	n, read int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n-e.read)
	for i := range p[:k] {
		p[i] = ' '
	}
	if e.read == 0 && k > 0 {
		p[0] = '{'
	}
	e.read += k
	return int(k), nil
}

// post serves one POST of body through h.
func post(h http.Handler, body io.Reader, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/", body)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestHandlersRefuseOversizedBodies: every server-side handler answers a
// body over its cap with its documented status (ServiceMobility answers
// only 200, 401 or 500, so 500; Eryxon's webhook 413), never calls the
// application, and reads at most one byte past the cap (a client cannot
// make it buffer 16 MiB).
func TestHandlersRefuseOversizedBodies(t *testing.T) {
	var called atomic.Int32
	svc := servicemobility.PartsOrderingFunc(func(context.Context, *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
		called.Add(1)
		return &servicemobility.PartsOrderResponse{Status: "0"}, nil
	})
	users := servicemobility.AuthenticatorFunc(func(context.Context, string, string) (*servicemobility.Identity, error) {
		called.Add(1)
		return &servicemobility.Identity{}, nil
	})
	webhook := func(context.Context, eryxon.WebhookEvent) error { called.Add(1); return nil }

	const authCap = 64 << 10 // the Authentication Object: a username and a password
	cases := []struct {
		name   string
		h      http.Handler
		cap    int64
		status int
	}{
		{"parts ordering, default cap", servicemobility.NewPartsOrderingHandler(svc), servicemobility.DefaultMaxBodyBytes, 500},
		{"parts ordering, WithMaxBodyBytes", servicemobility.NewPartsOrderingHandler(svc, servicemobility.WithMaxBodyBytes(4096)), 4096, 500},
		{"authentication", servicemobility.NewAuthenticationHandler(users, []byte("k"), time.Minute), authCap, 500},
		{"eryxon webhook", eryxon.NewWebhookHandler([]byte("whsec"), webhook), eryxon.MaxWebhookBody, 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := &endless{n: 16 << 20}
			w := post(c.h, body)
			if w.Code != c.status {
				t.Errorf("status %d, want %d", w.Code, c.status)
			}
			if body.read > c.cap+1 {
				t.Errorf("read %d bytes of a %d-byte body, cap %d", body.read, body.n, c.cap)
			}
			if body.read < c.cap {
				t.Errorf("read only %d bytes: the cap %d is smaller than documented", body.read, c.cap)
			}
			if n := called.Load(); n != 0 {
				t.Errorf("the application was called %d times", n)
			}
		})
	}
}

// TestHandlersAcceptBodiesAtTheCap: a body of exactly the cap is served,
// so the limit is the documented one and not one byte less.
func TestHandlersAcceptBodiesAtTheCap(t *testing.T) {
	svc := servicemobility.PartsOrderingFunc(func(_ context.Context, o *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
		return &servicemobility.PartsOrderResponse{Status: "0", StatusMsg: o.WorkOrder}, nil
	})
	order := `{"WorkOrder":"WO-1","Parts":[{"ProdNum":"P-1","Qty":1.0}]}`
	const limit = 4096
	h := servicemobility.NewPartsOrderingHandler(svc, servicemobility.WithMaxBodyBytes(limit))
	if w := post(h, strings.NewReader(order+strings.Repeat(" ", limit-len(order)))); w.Code != 200 {
		t.Errorf("parts order of exactly %d bytes: status %d: %s", limit, w.Code, w.Body)
	}

	secret := []byte("whsec_0123456789")
	event := `{"event":"job.created","timestamp":"2026-01-02T03:04:05Z","data":{}}`
	body := event + strings.Repeat(" ", eryxon.MaxWebhookBody-len(event))
	got := 0
	wh := eryxon.NewWebhookHandler(secret, func(context.Context, eryxon.WebhookEvent) error { got++; return nil })
	if w := post(wh, strings.NewReader(body), eryxon.SignatureHeader, "sha256="+sign(secret, body)); w.Code != 200 || got != 1 {
		t.Errorf("webhook of exactly MaxWebhookBody bytes: status %d, %d deliveries", w.Code, got)
	}
}

func sign(secret []byte, body string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(body))
	return hex.EncodeToString(m.Sum(nil))
}

// wrongSecrets are near misses of s: the same length with one byte
// changed, a prefix, s with a byte more, empty, and much longer.
func wrongSecrets(s string) map[string]string {
	last := s[len(s)-1] ^ 1
	return map[string]string{
		"same length, last byte differs":  s[:len(s)-1] + string(last),
		"same length, first byte differs": string(s[0]^1) + s[1:],
		"prefix":                          s[:len(s)-1],
		"one byte longer":                 s + "x",
		"empty":                           "",
		"much longer":                     strings.Repeat(s, 8),
	}
}

// TestAuthenticationRejectsWrongPasswords: StaticUsers (which compares
// SHA-256 digests with subtle.ConstantTimeCompare, so neither the content
// nor the length of the password shows in the timing) rejects every near
// miss with 401 and accepts the password itself.
func TestAuthenticationRejectsWrongPasswords(t *testing.T) {
	const pw = "correct-horse-battery"
	h := servicemobility.NewAuthenticationHandler(servicemobility.StaticUsers(
		servicemobility.StaticUser{Username: "tech01", Password: pw}), []byte("jwt-key-0123456789abcdef"), time.Minute)
	login := func(user, pass string) int {
		return post(h, strings.NewReader(`{"username":"`+user+`","password":"`+pass+`"}`)).Code
	}
	if code := login("tech01", pw); code != 200 {
		t.Fatalf("the right password: status %d", code)
	}
	for name, wrong := range wrongSecrets(pw) {
		if code := login("tech01", wrong); code != 401 {
			t.Errorf("password %s: status %d, want 401", name, code)
		}
	}
	if code := login("nobody", pw); code != 401 {
		t.Errorf("unknown user: status %d, want 401", code)
	}
}

// TestPartsOrderingRejectsTokensUnderWrongKeys: with WithJWTSecret the
// handler accepts an HS256 JWT under its key only (golang-jwt compares the
// HMAC with hmac.Equal), whatever the length of the wrong key, and refuses
// other algorithms and expired tokens.
func TestPartsOrderingRejectsTokensUnderWrongKeys(t *testing.T) {
	key := "jwt-key-0123456789abcdef0123456789"
	svc := servicemobility.PartsOrderingFunc(func(context.Context, *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
		return &servicemobility.PartsOrderResponse{Status: "0"}, nil
	})
	h := servicemobility.NewPartsOrderingHandler(svc, servicemobility.WithJWTSecret([]byte(key)))
	order := `{"WorkOrder":"WO-1","Parts":[{"ProdNum":"P-1","Qty":1.0}]}`
	send := func(token string) int {
		return post(h, strings.NewReader(order), "x-access-token", token).Code
	}
	claims := jwt.MapClaims{"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(), "name": "Tess"}
	signed := func(m jwt.SigningMethod, k any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(m, c).SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if code := send(signed(jwt.SigningMethodHS256, []byte(key), claims)); code != 200 {
		t.Fatalf("a token under the right key: status %d", code)
	}
	for name, wrong := range wrongSecrets(key) {
		if wrong == "" {
			continue // HS256 needs a key to sign at all
		}
		if code := send(signed(jwt.SigningMethodHS256, []byte(wrong), claims)); code != 401 {
			t.Errorf("key %s: status %d, want 401", name, code)
		}
	}
	expired := jwt.MapClaims{"exp": time.Now().Add(-time.Minute).Unix()}
	for name, tok := range map[string]string{
		"HS512 under the key": signed(jwt.SigningMethodHS512, []byte(key), claims),
		"alg none":            signed(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims),
		"expired":             signed(jwt.SigningMethodHS256, []byte(key), expired),
		"no exp":              signed(jwt.SigningMethodHS256, []byte(key), jwt.MapClaims{"name": "x"}),
		"missing":             "",
	} {
		if code := send(tok); code != 401 {
			t.Errorf("%s: status %d, want 401", name, code)
		}
	}
}

// TestWebhookRejectsWrongSignatures: the Eryxon webhook handler (HMAC
// compared with hmac.Equal) refuses signatures made with near-miss secrets
// and malformed signatures with 401, and never calls the application.
func TestWebhookRejectsWrongSignatures(t *testing.T) {
	secret := "whsec_live_0123456789abcdef"
	body := `{"event":"job.created","timestamp":"2026-01-02T03:04:05Z","data":{"id":"j1"}}`
	calls := 0
	h := eryxon.NewWebhookHandler([]byte(secret), func(context.Context, eryxon.WebhookEvent) error { calls++; return nil })
	deliver := func(sig string) int {
		return post(h, strings.NewReader(body), eryxon.SignatureHeader, sig).Code
	}
	good := sign([]byte(secret), body)
	if code := deliver("sha256=" + good); code != 200 || calls != 1 {
		t.Fatalf("the right signature: status %d, %d calls", code, calls)
	}
	for name, wrong := range wrongSecrets(secret) {
		if code := deliver("sha256=" + sign([]byte(wrong), body)); code != 401 {
			t.Errorf("secret %s: status %d, want 401", name, code)
		}
	}
	for name, sig := range map[string]string{
		"truncated":        good[:len(good)-2],
		"one byte longer":  good + "00",
		"last nibble off":  good[:len(good)-1] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", good[len(good)-1])+1)%16]),
		"not hex":          strings.Repeat("zz", 32),
		"missing":          "",
		"other body's sig": sign([]byte(secret), body+" "),
	} {
		if code := deliver("sha256=" + sig); code != 401 {
			t.Errorf("signature %s: status %d, want 401", name, code)
		}
	}
	if calls != 1 {
		t.Errorf("the application ran %d times, want once", calls)
	}
}
