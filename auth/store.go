package auth

import "context"

// Store persists tokens across restarts and replicas. Implementations must
// be safe for concurrent use. A Store shared by several replicas (a file on
// a shared volume, Redis, a database row) lets them share one rotating
// refresh token: the cache re-reads it before every renewal.
type Store interface {
	Load(ctx context.Context) (*Token, error) // (nil, nil) when empty
	Save(ctx context.Context, t *Token) error
}
