package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"net/url"
	"sync"
)

// Password is the OAuth password grant followed by refresh_token grants.
// A refresh token is presented at most once: once sent it counts as spent,
// even if the answer was lost, and the next renewal logs in with the
// password. A rejected refresh token (invalid_grant, 400 or 401) leads to a
// password login at once. A refresh answer without a new refresh token
// leaves none, so the renewal after it logs in with the password. After a
// failed renewal the spent refresh token is removed from the Store too.
func Password(cfg Config, username, password string) Source {
	if err := cfg.validate(); err != nil {
		return errSource{err}
	}
	if username == "" {
		return errSource{invalid("Password", "the username is empty")}
	}
	p := &passwordGrant{o: newOAuthClient(cfg), username: username, password: password}
	src := NewCachedSource(p.grant, cfg.cacheOptions())
	if c, ok := src.(*cache); ok {
		c.singleUseRefresh = true
	}
	return src
}

// maxSpent bounds the memory of spent refresh tokens; a token older than
// that many renewals cannot come back except from a stale Store.
const maxSpent = 64

type passwordGrant struct {
	o                  *oauthClient
	username, password string

	mu sync.Mutex
	// spent holds hashes of every refresh token presented, oldest first.
	spent     map[[32]byte]struct{}
	spentRing [][32]byte
}

func (p *passwordGrant) grant(ctx context.Context, current *Token) (*Token, error) {
	if current != nil && current.RefreshToken != "" && p.spend(current.RefreshToken) {
		tok, err := p.o.do(ctx, url.Values{
			"grant_type":    {"refresh_token"},
			"refresh_token": {current.RefreshToken},
		}, false, current.RefreshToken, p.password)
		if err == nil {
			return tok, nil
		}
		var re *RetrieveError
		if errors.As(err, &re) && !re.refreshRejected() && (re.StatusCode == http.StatusTooManyRequests || re.StatusCode >= 500 || re.RetryAfter > 0) {
			// The endpoint is overloaded or down: let the cache back off. The
			// refresh token is spent; the next attempt logs in.
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, err
		}
		p.o.log.Debug("auth: refresh token rejected or its answer lost; logging in with the password", "error", err.Error())
	}
	return p.o.do(ctx, url.Values{
		"grant_type": {"password"},
		"username":   {p.username},
		"password":   {p.password},
	}, true, p.password)
}

// spend marks rt as presented and reports whether it had not been before.
func (p *passwordGrant) spend(rt string) bool {
	h := sha256.Sum256([]byte(rt))
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.spent == nil {
		p.spent = make(map[[32]byte]struct{})
	}
	if _, ok := p.spent[h]; ok {
		return false
	}
	p.spent[h] = struct{}{}
	p.spentRing = append(p.spentRing, h)
	if len(p.spentRing) > maxSpent {
		delete(p.spent, p.spentRing[0])
		p.spentRing = p.spentRing[1:]
	}
	return true
}
