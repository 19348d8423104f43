package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
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
		// A grant that hangs until its ctx ends: the cache's Timeout ends it,
		// and the failure counts for the backoff.
		src := NewCachedSource(func(ctx context.Context, _ *Token) (*Token, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, CacheOptions{Timeout: 10 * time.Second})
		start := time.Now()
		_, err := src.Token(context.Background())
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 10*time.Second {
			t.Fatalf("err %v after %v, want DeadlineExceeded after 10s", err, time.Since(start))
		}
		var be *BackoffError
		if _, err := src.Token(context.Background()); !errors.As(err, &be) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("right after: %v, want a BackoffError wrapping the timeout", err)
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
