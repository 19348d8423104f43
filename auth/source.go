package auth

import (
	"context"
	"errors"
)

// Source hands out a valid token.
type Source interface {
	Token(ctx context.Context) (*Token, error)
}

// Invalidator is implemented by sources that can drop a token the server
// rejected, so that the next Token call fetches a new one.
type Invalidator interface {
	Invalidate(t *Token)
}

// Grant obtains a new token. current is the cached or stored token, possibly
// expired, possibly nil; a grant that can refresh uses current.RefreshToken.
//
// A vendor package plugs its own token endpoint (a JSON body, a JWT login)
// into the shared cache by writing a Grant and passing it to
// NewCachedSource. The cache serialises calls: a Grant never runs twice at
// the same time for one source. Its ctx is detached from the callers of
// Token and carries the cache's own timeout.
type Grant func(ctx context.Context, current *Token) (*Token, error)

// Static is a fixed token, such as an API key. Its Invalidate does nothing:
// a rejected key stays rejected, so the transport does not replay.
func Static(token string) Source {
	return staticSource{tok: &Token{AccessToken: token, TokenType: "Bearer"}}
}

type staticSource struct{ tok *Token }

// Token returns the fixed token, or an error when it is empty.
func (s staticSource) Token(ctx context.Context) (*Token, error) {
	if s.tok.AccessToken == "" {
		return nil, errEmptyStatic
	}
	return s.tok, nil
}

// Invalidate does nothing: there is no other token to fetch.
func (staticSource) Invalidate(*Token) {}

var errEmptyStatic = invalid("Static", "the token is empty")

// errSource reports a configuration error on every call, before any request.
type errSource struct{ err error }

// Token returns the configuration error.
func (s errSource) Token(context.Context) (*Token, error) { return nil, s.err }

// Invalidate does nothing.
func (errSource) Invalidate(*Token) {}

var errNoGrant = errors.New("auth: NewCachedSource: grant is nil")
