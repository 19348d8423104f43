package auth

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// syncBuffer is a bytes.Buffer safe for concurrent log handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestNoSecretsInLogsErrorsOrOutput uses every grant, the transport with a
// 401 replay, failing token requests and Store failures, with a debug
// logger, and collects the log, every error string and every printed form
// of every token; none may contain a secret.
func TestNoSecretsInLogsErrorsOrOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs syncBuffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var out strings.Builder
		record := func(vs ...any) {
			for _, v := range vs {
				switch v := v.(type) {
				case error:
					if v != nil {
						out.WriteString(v.Error() + "\n")
						fmt.Fprintf(&out, "%v %+v %#v\n", v, v, v)
					}
				default:
					fmt.Fprintf(&out, "%v %+v %#v %s %q\n", v, v, v, v, v)
				}
				// LogValue applies to attribute values, as code logs them.
				logger.Info("record", "value", v)
			}
		}
		ctx := context.Background()

		srv := newFakeTokenServer(t)
		srv.prefix = "SECRETTOK-"
		srv.expiresIn = 60
		cfg := srv.config()
		cfg.Logger = logger
		cfg.Scopes = []string{"read"}
		cfg.Store = &failingStore{}
		cfg.OnToken = func(tok *Token) { record(tok, *tok) }

		// Client credentials, every client authentication style.
		for _, style := range []ClientAuth{InParams, InHeader, InBoth} {
			c := cfg
			c.ClientAuth = style
			tok, err := ClientCredentials(c).Token(ctx)
			record(tok, err)
		}
		// Password: login, refresh, rejected refresh, lost refresh, overload.
		pw := Password(cfg, testUsername, testPassword)
		tok, err := pw.Token(ctx)
		record(tok, err)
		time.Sleep(time.Minute)
		tok, err = pw.Token(ctx)
		record(tok, err)
		time.Sleep(time.Minute)
		srv.failNext(fault{status: 400, body: `{"error":"invalid_grant","error_description":"token ` + tok.RefreshToken + ` revoked for ` + testUsername + ` with ` + testPassword + `"}`})
		tok, err = pw.Token(ctx)
		record(tok, err)
		time.Sleep(time.Minute)
		srv.lose = 1
		tok, err = pw.Token(ctx)
		record(tok, err)
		time.Sleep(time.Minute)
		srv.failNext(fault{status: 503, body: "<html>client_secret=" + testClientSecret + "</html>", retryAfter: "3"})
		_, err = pw.Token(ctx)
		record(err)
		_, err = pw.Token(ctx) // during backoff
		record(err)
		// Wrong password and wrong client secret: the server echoes them.
		bad := Password(cfg, testUsername, "wrong-"+testPassword)
		_, err = bad.Token(ctx)
		record(err)
		srv.failNext(fault{status: 401, header: map[string]string{"Content-Type": "application/json"}, body: `{"error":"invalid_client","message":"secret ` + testClientSecret + ` is wrong"}`})
		_, err = ClientCredentials(cfg).Token(ctx)
		record(err)
		// A vendor grant and a static key behind the transport, with a 401 replay.
		custom := NewCachedSource(func(ctx context.Context, cur *Token) (*Token, error) {
			return &Token{AccessToken: "SECRETTOK-custom-" + time.Now().String()}, nil
		}, CacheOptions{Logger: logger})
		rejected := map[string]bool{}
		api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a := r.Header.Get("Authorization")
			if !rejected[a] {
				rejected[a] = true
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.WriteHeader(http.StatusOK)
		})
		for _, src := range []Source{custom, Static("SECRETTOK-static"), pw} {
			client := &http.Client{Transport: NewTransport(src, handlerTransport{api}, "api.example.com")}
			resp, err := client.Get("https://api.example.com/x")
			record(err)
			if resp != nil {
				resp.Body.Close()
			}
			_, err = client.Get("http://api.example.com/x") // refused: plain http
			record(err)
			tok, err := src.Token(ctx)
			record(tok, err)
		}
		// A failing file store.
		_, err = NewFileStore("/nonexistent-dir/token.json").Load(ctx)
		record(err)
		err = NewFileStore("/nonexistent-dir/token.json").Save(ctx, &Token{AccessToken: "SECRETTOK-file"})
		record(err)

		if srv.count() < 8 {
			t.Fatalf("the run made only %d token requests", srv.count())
		}
		all := logs.String() + out.String()
		for _, secret := range []string{"SECRETTOK", testClientSecret, testPassword, "cs-SECRET", "pw-SECRET"} {
			if strings.Contains(all, secret) {
				i := strings.Index(all, secret)
				// Show where, with the secret itself cut out.
				t.Errorf("a secret appears in the output, after: %q", all[max(0, i-60):i])
			}
		}
		for _, want := range []string{`"level":"DEBUG"`, "auth: new token", "auth: token request failed", "[REDACTED]", "invalid_grant", "invalid_client", "refresh token rejected", "refusing to send a token", "token requests paused", `"grant_type":"refresh_token"`, `"grant_type":"password"`, `"status":503`} {
			if !strings.Contains(all, want) {
				t.Errorf("the captured output lacks %q: the run did not cover what it should", want)
			}
		}
	})
}
