package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// knownSecret is a value that must not show, named for failure messages
// (which never print the value).
type knownSecret struct{ name, value string }

// Shapes of what the demo generates at random: the JWTs the endpoint and the
// fake issue, and the worker's password ("demo-" and 16 hex digits).
var secretShapes = map[string]*regexp.Regexp{
	"JWT":             regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+`),
	"worker password": regexp.MustCompile(`demo-[0-9a-f]{16}`),
}

func assertNoSecrets(t *testing.T, where, text string, secrets []knownSecret) {
	t.Helper()
	for _, s := range secrets {
		if s.value != "" && strings.Contains(text, s.value) {
			t.Errorf("%s shows the %s", where, s.name)
		}
	}
	for name, re := range secretShapes {
		if re.MatchString(text) {
			t.Errorf("%s shows a %s", where, name)
		}
	}
}

// TestNoSecretsInDebugDemo: the demo with -debug (a refused login, four
// orders, the conformance check) logs at debug level and shows no JWT and
// not the worker's password.
func TestNoSecretsInDebugDemo(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-demo", "-debug"}, &out); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Fatal("the -debug run logged nothing: the test proves nothing")
	}
	assertNoSecrets(t, "the output", out.String(), nil)
}

// lockedBuffer collects the server's output, written from its goroutines,
// and says when the endpoint's address has been printed.
type lockedBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	once  sync.Once
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if strings.Contains(b.buf.String(), "Authentication endpoint:") {
		b.once.Do(func() { close(b.ready) })
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestNoSecretsWhileServing: the endpoint served with -addr and -debug,
// configured from the environment with a known JWT secret and user, is
// sent a wrong and a right login, an order with the JWT it issued and one
// with a JWT forged under another key. Its output shows none of the
// secrets, passwords or tokens involved.
func TestNoSecretsWhileServing(t *testing.T) {
	const (
		jwtSecret = "Configured-JWT-secret-5e2f81c0d4a7b9e3"
		user      = "tech07"
		pw        = "Configured-PW-19ab7c"
		wrongPW   = "Wrong-PW-d3c2b1"
	)
	t.Setenv("SERVICEMOBILITY_JWT_SECRET", jwtSecret)
	t.Setenv("SERVICEMOBILITY_ENDPOINT_USER", user)
	t.Setenv("SERVICEMOBILITY_ENDPOINT_PASSWORD", pw)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{ready: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-debug"}, out) }()
	select {
	case <-out.ready:
	case err := <-done:
		t.Fatalf("the server stopped: %v", err)
	}
	base := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`).FindString(out.String())
	if base == "" {
		t.Fatal("the server printed no address")
	}

	hc := &http.Client{Timeout: 10 * time.Second}
	defer hc.CloseIdleConnections()
	postJSON := func(path, token, body string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("x-access-token", token)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	login := func(p string) (int, string) {
		return postJSON(authenticationPath, "", `{"username":"`+user+`","password":"`+p+`"}`)
	}
	if code, _ := login(wrongPW); code != http.StatusUnauthorized {
		t.Errorf("wrong password: status %d", code)
	}
	code, body := login(pw)
	var tok struct{ Token string }
	if err := json.Unmarshal([]byte(body), &tok); code != http.StatusOK || err != nil || tok.Token == "" {
		t.Fatalf("login: status %d, no token", code)
	}
	order := `{"AccountNum":"ACC-1","WorkOrder":"WO-9","Parts":[{"ProdNum":"FLT-100","Qty":1.0}]}`
	if code, _ := postJSON(partsOrderingPath, tok.Token, order); code != http.StatusOK {
		t.Errorf("order with the issued JWT: status %d", code)
	}
	forged, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"exp": time.Now().Add(time.Hour).Unix(), "name": user}).
		SignedString([]byte("Forged-key-0000000000000000000000"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := postJSON(partsOrderingPath, forged, order); code != http.StatusUnauthorized {
		t.Errorf("order with a forged JWT: status %d", code)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	got := out.String()
	if !strings.Contains(got, "level=DEBUG") || !strings.Contains(got, "level=WARN") {
		t.Fatal("the -debug server logged neither the order nor the refusal: the test proves nothing")
	}
	assertNoSecrets(t, "the output", got, []knownSecret{
		{"JWT secret", jwtSecret}, {"password", pw}, {"wrong password", wrongPW},
		{"issued JWT", tok.Token}, {"forged JWT", forged},
	})
}
