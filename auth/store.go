package auth

import (
	"context"
	"sync"
)

// Store persists tokens across restarts and replicas. Implementations must
// be safe for concurrent use. A Store shared by several replicas (a file on
// a shared volume, Redis, a database row) lets them share one rotating
// refresh token: the cache re-reads it before every renewal.
type Store interface {
	Load(ctx context.Context) (*Token, error) // (nil, nil) when empty
	Save(ctx context.Context, t *Token) error
}

// StoreLocker is implemented by a Store that can make token renewals
// mutually exclusive among the sources using it. The cache holds the lock
// from re-reading the Store until the new token is saved, so that of
// several sources (or replicas) sharing the Store only one presents the
// refresh token and the others adopt its result. NewMemoryStore and
// NewFileStore lock within the process; a Store shared between processes
// (Redis, a database row) can implement a distributed lock here.
type StoreLocker interface {
	// LockStore blocks until the lock is held or ctx ends, and returns the
	// function that releases it.
	LockStore(ctx context.Context) (unlock func(), err error)
}

// semaphore is a lock that a waiter can give up on when its ctx ends.
type semaphore chan struct{}

func newSemaphore() semaphore { return make(semaphore, 1) }

func (s semaphore) lock(ctx context.Context) (func(), error) {
	select {
	case s <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-s }) }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
