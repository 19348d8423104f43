package auth

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

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

// TestSpentRefreshTokenNeverOfferedAgain: a source presents the refresh
// token, loses the answer and fails to log in; another source on the same
// Store (or this process restarted) must not present that token again.
func TestSpentRefreshTokenNeverOfferedAgain(t *testing.T) {
	for _, name := range []string{"shared store", "restart with file"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			synctest.Test(t, func(t *testing.T) {
				srv := newFakeTokenServer(t)
				srv.expiresIn = 60
				store := NewMemoryStore()
				if name != "shared store" {
					store = NewFileStore(filepath.Join(dir, "token.json"))
				}
				cfg := srv.config()
				cfg.Store = store
				a := Password(cfg, testUsername, testPassword)
				if _, err := a.Token(context.Background()); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Minute)
				srv.lose = 1       // the refresh happens, its answer is lost
				srv.failLogins = 1 // and the password login fails
				if _, err := a.Token(context.Background()); err == nil {
					t.Fatal("want the login failure")
				}
				saved, _ := store.Load(context.Background())
				if saved == nil || saved.RefreshToken != "" {
					t.Fatalf("the store still offers the spent refresh token")
				}
				b := Password(cfg, testUsername, testPassword) // another client, or a restart
				tok, err := b.Token(context.Background())
				if err != nil || tok.RefreshToken == "" {
					t.Fatalf("%v, %v", tok, err)
				}
				logins, refreshes, reused := srv.stats()
				if reused != 0 || logins != 2 || refreshes != 1 {
					t.Fatalf("logins %d refreshes %d reused %d", logins, refreshes, reused)
				}
			})
		})
	}
}
