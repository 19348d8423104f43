package auth

import (
	"context"
	"sync"
)

// NewMemoryStore returns an in-memory Store. It keeps a copy of the saved
// token and hands out copies, so callers cannot change what it holds.
func NewMemoryStore() Store { return &memoryStore{renew: newSemaphore()} }

type memoryStore struct {
	mu    sync.Mutex
	tok   *Token
	renew semaphore
}

// LockStore serialises renewals of the sources sharing this store.
func (s *memoryStore) LockStore(ctx context.Context) (func(), error) { return s.renew.lock(ctx) }

// Load returns a copy of the saved token, or (nil, nil).
func (s *memoryStore) Load(ctx context.Context) (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok.clone(), nil
}

// Save keeps a copy of t; nil empties the store.
func (s *memoryStore) Save(ctx context.Context, t *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok = t.clone()
	return nil
}
