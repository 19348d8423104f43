package auth

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestConcurrentCallersOneRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		src := ClientCredentials(srv.config())
		first, err := src.Token(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(61 * time.Second) // the token has expired
		srv.gate = make(chan struct{})
		const callers = 1000
		toks := make([]*Token, callers)
		errs := make([]error, callers)
		var wg sync.WaitGroup
		for i := range callers {
			wg.Go(func() { toks[i], errs[i] = src.Token(context.Background()) })
		}
		synctest.Wait() // every caller waits for the one request, which waits at the gate
		close(srv.gate)
		wg.Wait()
		if n := srv.count(); n != 2 {
			t.Fatalf("%d token requests, want 1 + exactly one for %d concurrent callers", n, callers)
		}
		for i := range callers {
			if errs[i] != nil || toks[i] != toks[0] || toks[i].AccessToken == first.AccessToken {
				t.Fatalf("caller %d: token %v, err %v", i, toks[i], errs[i])
			}
		}
	})
}

func TestCallerCancelDoesNotCancelRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.gate = make(chan struct{})
		src := ClientCredentials(srv.config())
		ctx, cancel := context.WithCancel(context.Background())
		var impatientErr error
		done := make(chan struct{})
		go func() {
			_, impatientErr = src.Token(ctx)
			close(done)
		}()
		var patient *Token
		var patientErr error
		patientDone := make(chan struct{})
		go func() {
			patient, patientErr = src.Token(context.Background())
			close(patientDone)
		}()
		synctest.Wait()
		cancel()
		<-done // returns at once, while the request still waits at the gate
		if !errors.Is(impatientErr, context.Canceled) {
			t.Fatalf("cancelled caller: %v, want context.Canceled", impatientErr)
		}
		select {
		case <-patientDone:
			t.Fatal("the other caller returned before the token request finished")
		default:
		}
		close(srv.gate)
		<-patientDone
		if patientErr != nil || patient.AccessToken != "at-1" || srv.count() != 1 {
			t.Fatalf("patient caller: %v, %v; %d requests", patient, patientErr, srv.count())
		}
		// A caller whose ctx is already done starts nothing.
		_, err := src.Token(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("done ctx: %v", err)
		}
	})
}

func TestTokenRequestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.gate = make(chan struct{})
		cfg := srv.config()
		src := NewCachedSource(func(ctx context.Context, _ *Token) (*Token, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, CacheOptions{Timeout: 10 * time.Second})
		start := time.Now()
		_, err := src.Token(context.Background())
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 10*time.Second {
			t.Fatalf("err %v after %v, want DeadlineExceeded after 10s", err, time.Since(start))
		}
		_ = cfg
		close(srv.gate)
	})
}

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

func TestInvalidateOnlyCurrentToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		src := ClientCredentials(srv.config())
		inv := src.(Invalidator)
		old, _ := src.Token(context.Background())
		// Two concurrent 401s for the same token cause one renewal.
		var wg sync.WaitGroup
		toks := make([]*Token, 2)
		for i := range 2 {
			wg.Go(func() {
				inv.Invalidate(old)
				toks[i], _ = src.Token(context.Background())
			})
		}
		wg.Wait()
		if srv.count() != 2 || toks[0] != toks[1] || toks[0].AccessToken != "at-2" {
			t.Fatalf("%d requests, tokens %v %v", srv.count(), toks[0], toks[1])
		}
		// A late 401 for the old token leaves the new one alone.
		inv.Invalidate(old)
		inv.Invalidate(nil)
		inv.Invalidate(&Token{AccessToken: "unknown"})
		if got, _ := src.Token(context.Background()); got != toks[0] || srv.count() != 2 {
			t.Fatalf("a stale Invalidate dropped the current token")
		}
	})
}

func TestOnTokenAndStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		var got []string
		var mu sync.Mutex
		store := NewMemoryStore()
		cfg := srv.config()
		cfg.Store = store
		cfg.OnToken = func(tok *Token) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, tok.AccessToken)
			stored, _ := store.Load(context.Background())
			if stored == nil || stored.AccessToken != tok.AccessToken {
				t.Errorf("OnToken before the store was saved")
			}
		}
		src := ClientCredentials(cfg)
		for range 3 {
			if _, err := src.Token(context.Background()); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Minute)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(got) != 3 || got[0] != "at-1" || got[2] != "at-3" {
			t.Fatalf("OnToken calls %v", got)
		}
	})
}

// gatedStore blocks Save until released, to see what callers get meanwhile.
type gatedStore struct {
	Store
	saving  chan struct{}
	release chan struct{}
	saves   atomic.Int32
}

func (s *gatedStore) Save(ctx context.Context, t *Token) error {
	s.saving <- struct{}{}
	<-s.release
	s.saves.Add(1)
	return s.Store.Save(ctx, t)
}

func TestTokenSavedBeforeHandedOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		store := &gatedStore{Store: NewMemoryStore(), saving: make(chan struct{}, 1), release: make(chan struct{})}
		cfg := srv.config()
		cfg.Store = store
		src := Password(cfg, testUsername, testPassword)
		var tok *Token
		done := make(chan struct{})
		go func() {
			tok, _ = src.Token(context.Background())
			close(done)
		}()
		<-store.saving
		synctest.Wait()
		select {
		case <-done:
			t.Fatal("the token was handed out before it was saved")
		default:
		}
		close(store.release)
		<-done
		saved, _ := store.Load(context.Background())
		if tok == nil || saved.AccessToken != tok.AccessToken || saved.RefreshToken != tok.RefreshToken || saved.RefreshToken == "" {
			t.Fatalf("saved %v, handed out %v", saved, tok)
		}
	})
}

// failingStore fails every call.
type failingStore struct{ loads, saves atomic.Int32 }

func (s *failingStore) Load(context.Context) (*Token, error) {
	s.loads.Add(1)
	return nil, errors.New("store down")
}
func (s *failingStore) Save(context.Context, *Token) error {
	s.saves.Add(1)
	return errors.New("store down")
}

func TestStoreFailureKeepsToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 60
		store := &failingStore{}
		cfg := srv.config()
		cfg.Store = store
		src := Password(cfg, testUsername, testPassword)
		tok, err := src.Token(context.Background())
		if err != nil || tok.AccessToken != "at-1" {
			t.Fatalf("%v, %v", tok, err)
		}
		time.Sleep(time.Minute)
		// The refresh token lived only in memory; it is still used.
		tok, err = src.Token(context.Background())
		if err != nil || tok.AccessToken != "at-2" || srv.logins != 1 || srv.refreshes != 1 {
			t.Fatalf("%v, %v; logins %d refreshes %d", tok, err, srv.logins, srv.refreshes)
		}
		if store.saves.Load() != 2 || store.loads.Load() != 2 {
			t.Errorf("store used %d/%d times", store.loads.Load(), store.saves.Load())
		}
	})
}

func TestRestoreFromStoreMakesNoRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		store := NewMemoryStore()
		_ = store.Save(context.Background(), &Token{AccessToken: "stored", TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)})
		cfg := srv.config()
		cfg.Store = store
		src := ClientCredentials(cfg)
		tok, err := src.Token(context.Background())
		if err != nil || tok.AccessToken != "stored" || srv.count() != 0 {
			t.Fatalf("%v, %v, %d requests", tok, err, srv.count())
		}
		// Restored tokens of unknown lifetime are renewed before they expire too.
		time.Sleep(time.Hour - 30*time.Second)
		src.Token(context.Background())
		synctest.Wait()
		tok, err = src.Token(context.Background())
		if err != nil || tok.AccessToken != "at-1" || srv.count() != 1 {
			t.Fatalf("%v, %v, %d requests", tok, err, srv.count())
		}
		// An expired stored token is not used.
		store2 := NewMemoryStore()
		_ = store2.Save(context.Background(), &Token{AccessToken: "old", Expiry: time.Now().Add(-time.Second)})
		cfg.Store = store2
		tok, err = ClientCredentials(cfg).Token(context.Background())
		if err != nil || tok.AccessToken != "at-2" {
			t.Fatalf("%v, %v", tok, err)
		}
	})
}

func TestSharedStoreAcrossReplicas(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 600
		store := NewMemoryStore()
		cfg := srv.config()
		cfg.Store = store
		a, b := Password(cfg, testUsername, testPassword), Password(cfg, testUsername, testPassword)
		ta, _ := a.Token(context.Background())
		tb, _ := b.Token(context.Background())
		if ta.AccessToken != tb.AccessToken || srv.count() != 1 {
			t.Fatalf("replica b did not adopt a's token: %d requests", srv.count())
		}
		time.Sleep(10 * time.Minute)
		ta, _ = a.Token(context.Background()) // a refreshes with rt-1, saves rt-2
		tb, _ = b.Token(context.Background()) // b adopts it
		if ta.AccessToken != tb.AccessToken || srv.count() != 2 || srv.refreshes != 1 {
			t.Fatalf("after renewal: %d requests, %d refreshes", srv.count(), srv.refreshes)
		}
		time.Sleep(10 * time.Minute)
		tb, _ = b.Token(context.Background()) // b refreshes with a's rotated rt-2
		ta, _ = a.Token(context.Background())
		if ta.AccessToken != tb.AccessToken || srv.refreshes != 2 || srv.logins != 1 || srv.reused != 0 {
			t.Fatalf("logins %d refreshes %d reused %d", srv.logins, srv.refreshes, srv.reused)
		}
	})
}

func TestRenewalAheadDoesNotBlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := newFakeTokenServer(t)
		srv.expiresIn = 600
		src := ClientCredentials(srv.config())
		old, _ := src.Token(context.Background())
		time.Sleep(10*time.Minute - 30*time.Second) // due, still valid
		srv.gate = make(chan struct{})
		for range 10 {
			got, err := src.Token(context.Background())
			if err != nil || got != old {
				t.Fatalf("while renewing: %v, %v", got, err)
			}
		}
		synctest.Wait() // the one renewal waits at the gate; nobody else waits
		close(srv.gate)
		synctest.Wait()
		got, _ := src.Token(context.Background())
		if got.AccessToken != "at-2" || srv.count() != 2 {
			t.Fatalf("after the renewal: %v, %d requests", got, srv.count())
		}
	})
}

type ctxKey struct{}

func TestGrantKeepsCallerValuesNotCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var sawValue any
		var sawDeadline bool
		src := NewCachedSource(func(ctx context.Context, _ *Token) (*Token, error) {
			sawValue = ctx.Value(ctxKey{})
			_, sawDeadline = ctx.Deadline()
			time.Sleep(time.Second)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return &Token{AccessToken: "a"}, nil
		}, CacheOptions{})
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), ctxKey{}, "op"), 100*time.Millisecond)
		defer cancel()
		if _, err := src.Token(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("caller: %v", err)
		}
		tok, err := src.Token(context.Background())
		if err != nil || tok.AccessToken != "a" {
			t.Fatalf("the grant was cancelled with its first caller: %v, %v", tok, err)
		}
		if sawValue != "op" || !sawDeadline {
			t.Errorf("grant ctx: value %v, deadline %v", sawValue, sawDeadline)
		}
	})
}

func TestExpiredOnArrivalUsedUntilRejected(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		src := NewCachedSource(func(ctx context.Context, _ *Token) (*Token, error) {
			calls++
			// A JWT whose exp is behind the local clock.
			return &Token{AccessToken: fmt.Sprint("jwt-", calls), Expiry: time.Now().Add(-time.Minute)}, nil
		}, CacheOptions{})
		for range 5 {
			tok, err := src.Token(context.Background())
			if err != nil || tok.AccessToken != "jwt-1" || !tok.Expiry.IsZero() {
				t.Fatalf("%v, %v", tok, err)
			}
			time.Sleep(time.Hour)
		}
		src.(Invalidator).Invalidate(&Token{AccessToken: "jwt-1"})
		if tok, _ := src.Token(context.Background()); tok.AccessToken != "jwt-2" || calls != 2 {
			t.Fatalf("after a 401: %v, %d calls", tok, calls)
		}
	})
}

func TestSourcesSharingAStoreRenewOnce(t *testing.T) {
	for _, name := range []string{"memory", "file"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			synctest.Test(t, func(t *testing.T) {
				srv := newFakeTokenServer(t)
				srv.expiresIn = 60
				newStore := func() Store { return NewMemoryStore() }
				shared := newStore()
				if name == "file" {
					// Two stores on one path, as two clients in one process would have.
					path := filepath.Join(dir, "token.json")
					shared = NewFileStore(path)
					newStore = func() Store { return NewFileStore(path) }
				} else {
					newStore = func() Store { return shared }
				}
				const sources = 5
				var srcs []Source
				for range sources {
					cfg := srv.config()
					cfg.Store = newStore()
					srcs = append(srcs, Password(cfg, testUsername, testPassword))
				}
				for _, s := range srcs {
					if _, err := s.Token(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
				for round := range 5 {
					time.Sleep(time.Minute) // expired for all of them at once
					var wg sync.WaitGroup
					for _, s := range srcs {
						wg.Go(func() {
							if _, err := s.Token(context.Background()); err != nil {
								t.Error(err)
							}
						})
					}
					wg.Wait()
					logins, refreshes, reused := srv.stats()
					if logins != 1 || refreshes != round+1 || reused != 0 {
						t.Fatalf("round %d: logins %d refreshes %d reused %d; want one refresh per round", round, logins, refreshes, reused)
					}
				}
			})
		})
	}
}

// TestStoreLockGivesUpWithContext checks that a lock wait ends with its ctx.
func TestStoreLockGivesUpWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewMemoryStore().(StoreLocker)
		unlock, err := l.LockStore(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := l.LockStore(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("second lock: %v", err)
		}
		unlock()
		unlock() // idempotent
		again, err := l.LockStore(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		again()
	})
}
