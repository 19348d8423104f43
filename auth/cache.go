package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// CacheOptions configures NewCachedSource.
type CacheOptions struct {
	// Store keeps tokens across restarts and replicas; nil: memory. Every
	// new token is saved before it is handed out.
	Store Store
	// OnToken is called with a copy of every new token (not one restored
	// from the Store), after it was saved and before callers get it. It
	// runs inside the token request: it must not call this source's Token.
	OnToken func(*Token)
	// Leeway is how long before Expiry a token is renewed (default 30 s, with jitter).
	// For a token whose lifetime is under four times the leeway, a quarter
	// of its lifetime is used instead. The jitter adds up to half the leeway.
	Leeway time.Duration

	// MinBackoff is the wait after the first failed token request; it
	// doubles with every further failure up to MaxBackoff. Defaults 1 s and
	// 5 min.
	MinBackoff, MaxBackoff time.Duration
	// MaxRetryAfter caps a Retry-After the token endpoint sent (default 1 h):
	// the cache waits max(backoff, min(Retry-After, MaxRetryAfter)).
	MaxRetryAfter time.Duration
	// Timeout bounds one token request, including the Store (default 30 s).
	Timeout time.Duration
	// Logger receives debug records about token requests and warnings about
	// Store failures; never a secret. nil: silent.
	Logger *slog.Logger
}

const (
	defaultLeeway        = 30 * time.Second
	defaultMinBackoff    = time.Second
	defaultMaxBackoff    = 5 * time.Minute
	defaultMaxRetryAfter = time.Hour
	defaultTimeout       = 30 * time.Second
)

// NewCachedSource puts grant behind the shared token cache: single-flight
// refresh, early renewal, Store restore and save, backoff after failures.
// The returned Source also implements Invalidator.
func NewCachedSource(grant Grant, opts CacheOptions) Source {
	if grant == nil {
		return errSource{errNoGrant}
	}
	c := &cache{grant: grant, store: opts.Store, onToken: opts.OnToken, log: opts.Logger}
	if c.store == nil {
		c.store = NewMemoryStore()
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.leeway = orDefault(opts.Leeway, defaultLeeway)
	c.minBackoff = orDefault(opts.MinBackoff, defaultMinBackoff)
	c.maxBackoff = max(orDefault(opts.MaxBackoff, defaultMaxBackoff), c.minBackoff)
	c.maxRetryAfter = orDefault(opts.MaxRetryAfter, defaultMaxRetryAfter)
	c.timeout = orDefault(opts.Timeout, defaultTimeout)
	return c
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// cache is the Source behind every grant.
type cache struct {
	grant   Grant
	store   Store
	onToken func(*Token)
	log     *slog.Logger

	leeway, minBackoff, maxBackoff, maxRetryAfter, timeout time.Duration
	// singleUseRefresh: the grant presents current.RefreshToken, which is
	// spent from then on (the password grant).
	singleUseRefresh bool

	mu sync.Mutex
	// cur is the last token obtained or restored; it keeps its refresh token
	// even after its access token was invalidated or expired.
	cur *Token
	// usable is false once cur's access token was rejected (Invalidate).
	usable bool
	// renewAt is when cur is due for renewal; zero: never (no expiry).
	renewAt time.Time
	// unsaved is set when saving cur to the Store failed: cur is then newer
	// than what the Store holds.
	unsaved bool
	// rejected is the access token last invalidated: never adopted again
	// from the Store.
	rejected string
	flight   *flight
	// After a failure: how many in a row, the last error, and until when no
	// new request is made.
	failures int
	lastErr  error
	retryAt  time.Time
}

// flight is one token request that any number of callers wait for.
type flight struct {
	done chan struct{}
	tok  *Token
	err  error
}

// Token returns the cached token while it is fresh. When it is due for
// renewal but still valid, Token starts the renewal in the background and
// returns it at once. Otherwise Token starts (or joins) the one token
// request and waits for it or for ctx.
func (c *cache) Token(ctx context.Context) (*Token, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.mu.Lock()
	now := time.Now()
	if c.usable && c.cur.Valid(now) {
		t := c.cur
		if !c.renewAt.IsZero() && !now.Before(c.renewAt) && c.flight == nil && !now.Before(c.retryAt) {
			// Due: renew ahead of expiry without making anyone wait. A
			// failed renewal leaves this token in use until it expires.
			c.startFlight(ctx)
		}
		c.mu.Unlock()
		return t, nil
	}
	f := c.flight
	if f == nil {
		if now.Before(c.retryAt) {
			err := &BackoffError{Err: c.lastErr, Failures: c.failures, Until: c.retryAt, wait: c.retryAt.Sub(now)}
			c.mu.Unlock()
			return nil, err
		}
		f = c.startFlight(ctx)
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startFlight starts the token request; c.mu is held.
func (c *cache) startFlight(ctx context.Context) *flight {
	f := &flight{done: make(chan struct{})}
	c.flight = f
	// The request must outlive the caller that happened to start it: keep
	// ctx's values, drop its cancellation, add our own bound.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	go func() {
		defer cancel()
		c.fetch(fctx, f)
	}()
	return f
}

// Invalidate drops t if it is still the current token, so that the next
// Token call fetches a new one. Two callers invalidating the same token
// cause one renewal.
func (c *cache) Invalidate(t *Token) {
	if t == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.usable && c.cur != nil && c.cur.AccessToken == t.AccessToken {
		c.usable = false
		c.rejected = t.AccessToken
		c.log.Debug("auth: token invalidated")
	}
}

// fetch runs one flight: adopt a fresh token from the Store, or call the
// grant, save the result, and publish it.
func (c *cache) fetch(ctx context.Context, f *flight) {
	if l, ok := c.store.(StoreLocker); ok {
		unlock, err := l.LockStore(ctx)
		if err != nil {
			// Renewing unlocked risks a duplicate refresh; not renewing
			// at all would be worse.
			c.log.Warn("auth: locking the token store failed; renewing without the lock", "error", err.Error())
		} else {
			defer unlock()
		}
	}
	c.mu.Lock()
	cur, unsaved, rejected := c.cur, c.unsaved, c.rejected
	c.mu.Unlock()

	stored, err := c.store.Load(ctx)
	if err != nil {
		c.log.Warn("auth: loading the token from the store failed", "error", err.Error())
		stored = nil
	}
	if stored != nil && stored.AccessToken != "" && stored.AccessToken != rejected &&
		!(cur != nil && stored.AccessToken == cur.AccessToken) {
		// Restored at start-up, or renewed by another replica.
		if renewAt := c.renewTime(stored); stored.Valid(time.Now()) && (renewAt.IsZero() || time.Now().Before(renewAt)) {
			c.log.Debug("auth: token taken from the store", "token", stored)
			c.publish(f, stored, renewAt, false)
			return
		}
	}

	base := cur
	if stored != nil && (cur == nil || !unsaved) {
		// The Store is the shared truth; only a token we failed to save is
		// newer than it.
		base = stored
	}
	start := time.Now()
	tok, err := c.grant(ctx, base.clone())
	if err == nil && (tok == nil || tok.AccessToken == "") {
		err = errors.New("auth: the token endpoint returned no access token")
	}
	if err != nil {
		if c.singleUseRefresh && base != nil && base.RefreshToken != "" {
			// The grant presented this refresh token and got no new one:
			// it is dead whatever happened. Say so in the Store, so that
			// no other source sharing it, and no restart of this process,
			// presents it again.
			spent := base.clone()
			spent.RefreshToken = ""
			if err := c.store.Save(ctx, spent); err != nil {
				c.log.Warn("auth: marking the refresh token spent in the store failed", "error", err.Error())
			}
		}
		c.fail(f, err)
		return
	}
	tok = tok.clone()
	if tok.IssuedAt.IsZero() {
		tok.IssuedAt = start
	}
	if tok.TokenType == "" {
		tok.TokenType = "Bearer"
	}
	if !tok.Expiry.IsZero() && !time.Now().Before(tok.Expiry) {
		// Expired on arrival: the clocks disagree (a JWT's exp read against
		// a fast local clock) or the server says 0. Refetching would loop;
		// use it until the server rejects it.
		c.log.Warn("auth: the new token has already expired by the local clock; using it until the server rejects it")
		tok.Expiry = time.Time{}
	}
	// Save before anyone can use the token: a rotated refresh token that
	// only lived in memory would be lost with this process, and replicas
	// sharing the Store would present the dead one.
	saveErr := c.store.Save(ctx, tok)
	if saveErr != nil {
		c.log.Warn("auth: saving the new token to the store failed; keeping it in memory", "error", saveErr.Error())
	}
	c.log.Debug("auth: new token", "token", tok)
	if c.onToken != nil {
		c.onToken(tok.clone())
	}
	c.publish(f, tok, c.renewTime(tok), saveErr != nil)
}

// publish makes t the current token and wakes the flight's callers.
func (c *cache) publish(f *flight, t *Token, renewAt time.Time, unsaved bool) {
	c.mu.Lock()
	c.cur, c.usable, c.renewAt, c.unsaved = t, true, renewAt, unsaved
	c.failures, c.lastErr, c.retryAt = 0, nil, time.Time{}
	c.flight = nil
	f.tok = t
	c.mu.Unlock()
	close(f.done)
}

// fail records a failed request, schedules the next attempt, and wakes the
// flight's callers with the error, or with the current token if it still
// works.
func (c *cache) fail(f *flight, err error) {
	c.mu.Lock()
	now := time.Now()
	c.failures++
	wait := c.backoff(c.failures)
	if ra, ok := retryAfterOf(err); ok {
		wait = max(wait, min(ra, c.maxRetryAfter))
	}
	c.lastErr, c.retryAt = err, now.Add(wait)
	if c.usable && c.cur.Valid(now) {
		f.tok = c.cur
	} else {
		f.err = err
	}
	c.flight = nil
	n := c.failures
	c.mu.Unlock()
	c.log.Debug("auth: token request failed", "error", err.Error(), "failures", n, "retry_in", wait)
	close(f.done)
}

// BackoffError is what Token returns while the cache waits after a failed
// token request. It wraps the last failure, so errors.As finds a
// *RetrieveError in it.
type BackoffError struct {
	// Err is the last token request's error.
	Err error
	// Failures counts the failed requests in a row.
	Failures int
	// Until is when the next request may be made.
	Until time.Time
	wait  time.Duration
}

// Error says how long the cache waits and why.
func (e *BackoffError) Error() string {
	return fmt.Sprintf("auth: token requests paused for %s after %d failure(s): %v", e.wait.Round(time.Millisecond), e.Failures, e.Err)
}

// Unwrap returns the last failure.
func (e *BackoffError) Unwrap() error { return e.Err }
