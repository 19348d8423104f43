package auth

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// renewalTime returns when the source makes its second token request,
// polling every 100 ms of fake time.
func renewalTime(t *testing.T, src Source, srv *fakeTokenServer, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	if _, err := src.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	for time.Since(start) < limit {
		time.Sleep(100 * time.Millisecond)
		tok, err := src.Token(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !tok.Valid(time.Now()) {
			t.Fatalf("an expired token was handed out")
		}
		synctest.Wait() // let a background renewal finish
		if srv.count() == 2 {
			return time.Since(start)
		}
	}
	t.Fatalf("no renewal within %v", limit)
	return 0
}

func TestLeewayAndJitter(t *testing.T) {
	cases := []struct {
		name      string
		expiresIn int
		leeway    time.Duration
		lo, hi    time.Duration // renewal window after the first request
	}{
		// Default leeway 30 s plus up to 15 s of jitter.
		{"default", 3600, 0, 3600*time.Second - 45*time.Second, 3600*time.Second - 30*time.Second},
		// A 20 s token: a quarter of its lifetime, 5 s, plus up to 2.5 s.
		{"short-lived", 20, 0, 12500 * time.Millisecond, 15 * time.Second},
		{"custom", 600, 2 * time.Minute, 600*time.Second - 180*time.Second, 600*time.Second - 120*time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[time.Duration]bool{}
			for range 8 {
				synctest.Test(t, func(t *testing.T) {
					srv := newFakeTokenServer(t)
					srv.expiresIn = c.expiresIn
					cfg := srv.config()
					cfg.Leeway = c.leeway
					at := renewalTime(t, ClientCredentials(cfg), srv, time.Duration(c.expiresIn)*time.Second)
					// Polling granularity is 100 ms.
					if at < c.lo || at > c.hi+100*time.Millisecond {
						t.Errorf("renewed after %v, want within [%v, %v]", at, c.lo, c.hi)
					}
					seen[at] = true
				})
			}
			if len(seen) < 2 {
				t.Errorf("8 sources all renewed at the same moment: no jitter")
			}
		})
	}
}

func TestNoExpiryMeansNoRenewal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = nil
		src := ClientCredentials(srv.config())
		tok, _ := src.Token(context.Background())
		time.Sleep(30 * 24 * time.Hour)
		again, err := src.Token(context.Background())
		if err != nil || again != tok || srv.count() != 1 {
			t.Fatalf("token without expiry was renewed: %d requests, err %v", srv.count(), err)
		}
		src.(Invalidator).Invalidate(tok)
		next, err := src.Token(context.Background())
		if err != nil || next.AccessToken == tok.AccessToken || srv.count() != 2 {
			t.Fatalf("after Invalidate: %v, %v, %d requests", next, err, srv.count())
		}
	})
}

func TestBackoffAfterFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		var fs []fault
		for range 12 {
			fs = append(fs, fault{status: 500, body: `{"error":"server_error"}`})
		}
		srv.failNext(fs...)
		src := ClientCredentials(srv.config())
		start := time.Now()
		var attempts []time.Duration
		// Ask every 500 ms for an hour of fake time; count what reaches the server.
		for time.Since(start) < time.Hour {
			before := srv.count()
			tok, err := src.Token(context.Background())
			if srv.count() > before {
				attempts = append(attempts, time.Since(start))
			}
			if err == nil {
				if tok.AccessToken == "" {
					t.Fatal("empty token")
				}
				break
			}
			var re *RetrieveError
			if !errors.As(err, &re) || re.StatusCode != 500 {
				t.Fatalf("error %v does not wrap the RetrieveError", err)
			}
			if srv.count() == before {
				var be *BackoffError
				if !errors.As(err, &be) || be.Until.Before(time.Now()) {
					t.Fatalf("during backoff: %v", err)
				}
			}
			time.Sleep(500 * time.Millisecond)
		}
		// 1 s doubling to 5 min: attempts at 0, 1, 3, 7, 15, 31, 63, 127, 255, 511, then every 300 s; the 13th succeeds.
		want := []time.Duration{0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 811, 1111, 1411}
		if len(attempts) != len(want) {
			t.Fatalf("attempts at %v, want %v s", attempts, want)
		}
		for i := range want {
			if d := attempts[i] - want[i]*time.Second; d < 0 || d >= 500*time.Millisecond {
				t.Errorf("attempt %d at %v, want %v s (+ <500ms polling)", i, attempts[i], want[i])
			}
		}
		// Success resets the backoff.
		src.(Invalidator).Invalidate(&Token{AccessToken: "at-1"})
		srv.failNext(fault{status: 503})
		_, err := src.Token(context.Background())
		if err == nil {
			t.Fatal("want the injected failure")
		}
		time.Sleep(time.Second)
		if _, err := src.Token(context.Background()); err != nil {
			t.Fatalf("after 1 s: %v", err)
		}
	})
}

func TestBackoffHonoursRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.failNext(fault{status: 429, body: `{"error":"slow_down"}`, retryAfter: "120"}, fault{status: 429, retryAfter: "99999999"})
		src := ClientCredentials(srv.config())
		_, err := src.Token(context.Background())
		var re *RetrieveError
		if !errors.As(err, &re) || re.RetryAfter != 2*time.Minute || re.RawRetryAfter != "120" {
			t.Fatalf("err %v", err)
		}
		time.Sleep(119 * time.Second)
		if _, err := src.Token(context.Background()); !errors.As(err, &re) || srv.count() != 1 {
			t.Fatalf("asked again before Retry-After: %d requests, %v", srv.count(), err)
		}
		time.Sleep(time.Second)
		if _, err := src.Token(context.Background()); err == nil || srv.count() != 2 {
			t.Fatalf("want the second (429) attempt at 120 s: %d requests, %v", srv.count(), err)
		}
		// A huge Retry-After is capped at MaxRetryAfter (1 h by default).
		time.Sleep(time.Hour - time.Second)
		src.Token(context.Background())
		if srv.count() != 2 {
			t.Fatalf("asked again before the capped Retry-After")
		}
		time.Sleep(time.Second)
		if _, err := src.Token(context.Background()); err != nil || srv.count() != 3 {
			t.Fatalf("after the capped wait: %d requests, %v", srv.count(), err)
		}
	})
}

func TestFailedRenewalKeepsValidToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 3600
		src := ClientCredentials(srv.config())
		tok, _ := src.Token(context.Background())
		time.Sleep(3600*time.Second - 29*time.Second) // inside the leeway
		srv.failNext(fault{status: 503}, fault{status: 503})
		// Background renewals fail at +0 and +1 s (backoff 1 then 2 s) and
		// succeed at +3 s; meanwhile callers get the old token at once.
		for i := range 5 {
			got, err := src.Token(context.Background())
			want := "at-1"
			if i >= 4 {
				want = "at-2"
			}
			if err != nil || got.AccessToken != want || (i < 4 && got != tok) {
				t.Fatalf("second %d of the failed renewal: %v, %v", i, got, err)
			}
			time.Sleep(time.Second)
		}
		if srv.count() != 4 {
			t.Fatalf("%d requests, want 4", srv.count())
		}
		time.Sleep(30 * time.Second) // the old token expired; the new one is in use
		got, err := src.Token(context.Background())
		if err != nil || got.AccessToken != "at-2" {
			t.Fatalf("got %v, %v", got, err)
		}
	})
}
