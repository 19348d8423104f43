package auth

import (
	"context"
	"errors"

	"golang.org/x/oauth2"
)

// OAuth2TokenSource hands src to code built on golang.org/x/oauth2 (an
// oauth2.Transport, a gRPC or cloud client). Every Token call goes through
// src, so the single-flight cache, the Store and the rotation rules stay in
// charge; x/oauth2's Token takes no context, so ctx is the one used for all
// calls.
func OAuth2TokenSource(ctx context.Context, src Source) oauth2.TokenSource {
	return oauth2Adapter{ctx: ctx, src: src}
}

type oauth2Adapter struct {
	ctx context.Context
	src Source
}

// Token returns src's current token in x/oauth2's form.
func (a oauth2Adapter) Token() (*oauth2.Token, error) {
	t, err := a.src.Token(a.ctx)
	if err != nil {
		return nil, err
	}
	return &oauth2.Token{AccessToken: t.AccessToken, TokenType: t.TokenType, RefreshToken: t.RefreshToken, Expiry: t.Expiry}, nil
}

// FromOAuth2 uses a golang.org/x/oauth2 token source (for example one from
// a flow this package does not implement) as a Source for NewTransport and
// the vendor clients. Expiry and refresh are then x/oauth2's: wrap ts in
// oauth2.ReuseTokenSource if it does not cache by itself. The context of
// Token is checked before the call only, as x/oauth2 takes none.
func FromOAuth2(ts oauth2.TokenSource) Source {
	return oauth2Source{ts: ts}
}

type oauth2Source struct{ ts oauth2.TokenSource }

var errNilOAuth2 = errors.New("auth: FromOAuth2: the oauth2.TokenSource is nil")

// Token returns ts's token.
func (s oauth2Source) Token(ctx context.Context) (*Token, error) {
	if s.ts == nil {
		return nil, errNilOAuth2
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, err := s.ts.Token()
	if err != nil {
		return nil, err
	}
	if t == nil || t.AccessToken == "" {
		return nil, errors.New("auth: FromOAuth2: the oauth2.TokenSource returned no access token")
	}
	return &Token{AccessToken: t.AccessToken, TokenType: t.Type(), RefreshToken: t.RefreshToken, Expiry: t.Expiry}, nil
}
