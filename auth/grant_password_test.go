package auth

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestPasswordGrantWire(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 300
		cfg := srv.config()
		cfg.Scopes = []string{"inventory", "catalog"}
		src := Password(cfg, testUsername, testPassword)
		tok, err := src.Token(context.Background())
		if err != nil || tok.AccessToken != "at-1" || tok.RefreshToken != "rt-1" {
			t.Fatalf("login: %v, %v", tok, err)
		}
		time.Sleep(5 * time.Minute)
		tok, err = src.Token(context.Background())
		if err != nil || tok.AccessToken != "at-2" || tok.RefreshToken != "rt-2" {
			t.Fatalf("refresh: %v, %v", tok, err)
		}
		reqs := srv.reqs()
		if len(reqs) != 2 {
			t.Fatalf("%d requests", len(reqs))
		}
		login, refresh := reqs[0].Form, reqs[1].Form
		if login.Get("grant_type") != "password" || login.Get("username") != testUsername || login.Get("password") != testPassword ||
			login.Get("scope") != "inventory catalog" || login.Get("client_id") != testClientID || login.Get("client_secret") != testClientSecret {
			t.Errorf("login form has fields %v with unexpected values", keys(login))
		}
		if refresh.Get("grant_type") != "refresh_token" || refresh.Get("refresh_token") != "rt-1" || refresh.Has("password") ||
			refresh.Has("username") || refresh.Has("scope") || refresh.Get("client_id") != testClientID {
			t.Errorf("refresh form has fields %v with unexpected values", keys(refresh))
		}
	})
}

func TestPasswordReloginWhenRefreshRejected(t *testing.T) {
	cases := []struct {
		name   string
		inject func(*fakeTokenServer)
	}{
		{"invalid_grant", func(s *fakeTokenServer) {
			s.failNext(fault{status: 400, body: `{"error":"invalid_grant","error_description":"revoked"}`})
		}},
		{"401 without body", func(s *fakeTokenServer) { s.failNext(fault{status: 401}) }},
		{"lost in transit", func(s *fakeTokenServer) { s.lose = 1 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := newFakeTokenServer(t)
				srv.expiresIn = 60
				src := Password(srv.config(), testUsername, testPassword)
				if _, err := src.Token(context.Background()); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Minute)
				c.inject(srv)
				tok, err := src.Token(context.Background())
				if err != nil || tok.AccessToken == "at-1" {
					t.Fatalf("after a rejected refresh: %v, %v", tok, err)
				}
				reqs := srv.reqs()
				if len(reqs) != 3 || reqs[1].Form.Get("grant_type") != "refresh_token" || reqs[2].Form.Get("grant_type") != "password" {
					t.Fatalf("want login, refresh, login; got %d requests", len(reqs))
				}
				// The next renewal uses the new refresh token, not rt-1.
				time.Sleep(time.Minute)
				if _, err := src.Token(context.Background()); err != nil {
					t.Fatal(err)
				}
				last := srv.reqs()[3].Form
				if last.Get("grant_type") != "refresh_token" || last.Get("refresh_token") == "rt-1" {
					t.Errorf("fourth request: %s with a spent refresh token", last.Get("grant_type"))
				}
				if _, _, reused := srv.stats(); reused != 0 {
					t.Errorf("%d reused refresh tokens", reused)
				}
			})
		})
	}
}

func TestPasswordRefreshOverloadBacksOffThenLogsIn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		src := Password(srv.config(), testUsername, testPassword)
		src.Token(context.Background())
		time.Sleep(time.Minute)
		srv.failNext(fault{status: 503, retryAfter: "5"})
		_, err := src.Token(context.Background())
		var re *RetrieveError
		if !errors.As(err, &re) || re.StatusCode != 503 || srv.count() != 2 {
			t.Fatalf("want the 503 at once, without a login: %v, %d requests", err, srv.count())
		}
		time.Sleep(4 * time.Second)
		if _, err := src.Token(context.Background()); err == nil || srv.count() != 2 {
			t.Fatalf("asked within Retry-After")
		}
		time.Sleep(time.Second)
		tok, err := src.Token(context.Background())
		reqs := srv.reqs()
		if err != nil || tok == nil || len(reqs) != 3 || reqs[2].Form.Get("grant_type") != "password" {
			t.Fatalf("the presented refresh token must count as spent: %v, %d requests", err, len(reqs))
		}
	})
}

func TestPasswordWithoutRotationNeverReusesRefreshToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		srv.noRotate = true
		src := Password(srv.config(), testUsername, testPassword)
		for range 4 {
			if _, err := src.Token(context.Background()); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Minute)
		}
		presented := map[string]int{}
		for _, r := range srv.reqs() {
			if rt := r.Form.Get("refresh_token"); rt != "" {
				presented[rt]++
				if presented[rt] > 1 {
					t.Errorf("refresh token presented twice")
				}
			}
		}
		if logins, refreshes, _ := srv.stats(); logins != 2 || refreshes != 2 {
			t.Errorf("logins %d refreshes %d, want login, refresh, login, refresh", logins, refreshes)
		}
	})
}

func TestPasswordRestartUsesStoredRefreshToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		cfg := srv.config()
		cfg.Store = NewMemoryStore()
		if _, err := Password(cfg, testUsername, testPassword).Token(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Minute)
		tok, err := Password(cfg, testUsername, testPassword).Token(context.Background())
		if err != nil || tok.RefreshToken != "rt-2" {
			t.Fatalf("%v, %v", tok, err)
		}
		if logins, refreshes, _ := srv.stats(); logins != 1 || refreshes != 1 {
			t.Errorf("restart: logins %d refreshes %d, want the stored refresh token used", logins, refreshes)
		}
	})
}

// TestRotationUnderConcurrency runs many goroutines against an API that
// checks tokens, with tokens expiring every 30 s, random revocations (401s),
// lost refresh answers and overloaded refreshes, for an hour of fake time.
// The token server rejects and counts any refresh token presented twice.
func TestRotationUnderConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 30
		cfg := srv.config()
		cfg.Store = NewMemoryStore()
		src := Password(cfg, testUsername, testPassword)
		var revoked, stale, apiCalls atomic.Int32
		api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			apiCalls.Add(1)
			tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			switch {
			case !ok || !srv.validAccess(tok):
				stale.Add(1)
				w.WriteHeader(http.StatusUnauthorized)
			case rand.N(50) == 0:
				revoked.Add(1)
				w.WriteHeader(http.StatusUnauthorized)
			default:
				w.WriteHeader(http.StatusOK)
			}
		})
		client := &http.Client{Transport: NewTransport(src, handlerTransport{api}, "api.example.com")}
		const faults = 8
		start := time.Now()
		var wg sync.WaitGroup
		var failures atomic.Int32
		var otherErr atomic.Value
		const goroutines = 20
		for g := range goroutines {
			wg.Go(func() {
				for i := range 300 {
					if g == 0 && i%(300/faults) == 7 {
						// Now and then the token server misbehaves.
						srv.mu.Lock()
						if i%2 == 0 {
							srv.lose++
						} else {
							srv.faults = append(srv.faults, fault{status: 503})
						}
						srv.mu.Unlock()
					}
					req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/v1/items", nil)
					resp, err := client.Do(req)
					if err != nil {
						var re *RetrieveError
						if !errors.As(err, &re) && !errors.Is(err, errConnReset) {
							otherErr.Store(err)
						}
						failures.Add(1)
					} else {
						resp.Body.Close()
					}
					time.Sleep(time.Duration(rand.N(24000)) * time.Millisecond)
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		logins, refreshes, reused := srv.stats()
		t.Logf("%v fake time: %d API calls, %d revoked, %d failed; %d logins, %d refreshes", elapsed, apiCalls.Load(), revoked.Load(), failures.Load(), logins, refreshes)
		if reused != 0 {
			t.Errorf("%d refresh tokens presented twice", reused)
		}
		if n := stale.Load(); n != 0 {
			t.Errorf("%d API calls carried an expired or unknown token", n)
		}
		if err, _ := otherErr.Load().(error); err != nil {
			t.Errorf("unexpected error kind: %v", err)
		}
		// Every login after the first follows a lost or failed refresh.
		if logins < 1 || logins > 1+faults {
			t.Errorf("%d password logins for %d injected faults", logins, faults)
		}
		// At least one renewal per token lifetime, plus one per revocation.
		if min := int(elapsed/(30*time.Second)) + int(revoked.Load())/2; refreshes < min {
			t.Errorf("%d refreshes in %v with %d revocations, want at least %d", refreshes, elapsed, revoked.Load(), min)
		}
		// Failures come only from the injected faults (checked above); one
		// fault fails at most the calls of all goroutines waiting for that
		// token request or its backoff.
		if n := failures.Load(); n > faults*goroutines {
			t.Errorf("%d of %d API calls failed", n, apiCalls.Load())
		}
	})
}
