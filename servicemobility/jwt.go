package servicemobility

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// NewJWT returns an HS256 JWT as the Authentication REST API Interface
// specifies: exp and iat in epoch seconds, and name and email when id has
// them. ttl <= 0 means one hour.
func NewJWT(signingKey []byte, id Identity, ttl time.Duration) (string, error) {
	return newJWT(signingKey, id, ttl, time.Now())
}

func newJWT(key []byte, id Identity, ttl time.Duration, now time.Time) (string, error) {
	if len(key) == 0 {
		return "", errors.New("servicemobility: empty JWT signing key")
	}
	if ttl <= 0 {
		ttl = time.Hour
	}
	claims := jwt.MapClaims{
		"iat": now.Unix(),
		"exp": now.Add(ttl).Unix(),
	}
	if id.Name != "" {
		claims["name"] = id.Name
	}
	if id.Email != "" {
		claims["email"] = id.Email
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
}

// errNoKey fails every token closed when WithJWTSecret got an empty key.
var errNoKey = errors.New("no JWT secret configured")

// verifyJWT checks an x-access-token: HS256 only (alg none, RS256 and other
// HMAC sizes are rejected, so a public key can never be used as the HMAC
// secret), a valid signature, and an exp in the future.
func verifyJWT(token string, key []byte) (*Claims, error) {
	if len(key) == 0 {
		return nil, errNoKey
	}
	if token == "" {
		return nil, errors.New("no x-access-token")
	}
	p := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithExpirationRequired())
	mc := jwt.MapClaims{}
	_, err := p.ParseWithClaims(token, mc, func(t *jwt.Token) (any, error) {
		if t.Method != jwt.SigningMethodHS256 {
			return nil, errors.New("unexpected signing method")
		}
		return key, nil
	})
	if err != nil {
		return nil, err
	}
	return claimsFrom(mc), nil
}

func claimsFrom(mc jwt.MapClaims) *Claims {
	c := &Claims{All: map[string]any(mc)}
	c.Name, _ = mc["name"].(string)
	c.Email, _ = mc["email"].(string)
	if t, err := mc.GetIssuedAt(); err == nil && t != nil {
		c.IssuedAt = t.Time
	}
	if t, err := mc.GetExpirationTime(); err == nil && t != nil {
		c.ExpiresAt = t.Time
	}
	return c
}

// tokenExpiry reads exp from a JWT without verifying it (the client cannot:
// it does not hold the key). Zero when the token is not a JWT or has no exp.
func tokenExpiry(token string) time.Time {
	mc := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, mc); err != nil {
		return time.Time{}
	}
	exp, err := mc.GetExpirationTime()
	if err != nil || exp == nil {
		return time.Time{}
	}
	return exp.Time
}
