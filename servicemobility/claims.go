package servicemobility

import (
	"context"
	"time"
)

// Claims are the verified claims of the JWT in a request's x-access-token.
// The Authentication REST API Interface defines exp and iat (epoch seconds)
// and the optional private claims name, email and expdb.
type Claims struct {
	// Name and Email are the optional private claims.
	Name, Email string
	// IssuedAt and ExpiresAt are iat and exp (zero when absent).
	IssuedAt, ExpiresAt time.Time
	// All holds every claim as decoded (numbers as float64), including ones
	// this type has no field for, such as expdb or ServiceMobility's own.
	All map[string]any
}

type claimsKey struct{}
type accessTokenKey struct{}

// ClaimsFromContext returns the claims a handler built with WithJWTSecret
// verified for the current request.
func ClaimsFromContext(ctx context.Context) (*Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(*Claims)
	return c, ok
}

// AccessTokenFromContext returns the request's x-access-token as it was
// received (verified only when the handler has WithJWTSecret), for a
// service that checks it itself or calls ServiceMobility back with it. It
// is a credential: never log it.
func AccessTokenFromContext(ctx context.Context) (string, bool) {
	t, ok := ctx.Value(accessTokenKey{}).(string)
	return t, ok && t != ""
}

// ContextWithClaims returns ctx carrying c, for testing a
// PartsOrderingService without a handler.
func ContextWithClaims(ctx context.Context, c *Claims) context.Context {
	return context.WithValue(ctx, claimsKey{}, c)
}
