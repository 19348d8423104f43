package servicemobility

import (
	"io"
	"log/slog"
)

// DefaultMaxBodyBytes is the request body limit of the handlers unless
// WithMaxBodyBytes says otherwise. A parts order is a few KiB.
const DefaultMaxBodyBytes int64 = 1 << 20

// HandlerOption configures NewPartsOrderingHandler.
type HandlerOption func(*handlerConfig)

type handlerConfig struct {
	jwtKey    []byte
	verifyJWT bool
	maxBody   int64
	log       *slog.Logger
}

func newHandlerConfig(opts []HandlerOption) *handlerConfig {
	c := &handlerConfig{maxBody: DefaultMaxBodyBytes}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c
}

// WithJWTSecret makes the handler verify x-access-token before the service
// runs: an HS256 JWT signed with key, with an exp in the future. Any other
// algorithm (none, RS256, HS512, ...) is refused. A missing or bad token is
// answered 401 "Invalid Logon."; the verified claims are in the request's
// context (ClaimsFromContext). An empty key refuses every token.
//
// Use it when the JWTs come from your own Authentication REST API Interface
// (ExtUserAuth), whose key you hold. ServiceMobility has already verified the
// token before calling you; tokens ServiceMobility issued itself are signed
// with its key, not yours.
func WithJWTSecret(key []byte) HandlerOption {
	k := append([]byte(nil), key...)
	return func(c *handlerConfig) { c.jwtKey, c.verifyJWT = k, true }
}

// WithMaxBodyBytes limits the request body (default DefaultMaxBodyBytes); a
// larger body is answered 500 without calling the service. n <= 0 keeps the
// default.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(c *handlerConfig) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithHandlerLogger logs refused requests, failures and recovered panics to
// l (silent by default). Tokens, passwords and the order's content are never
// logged.
func WithHandlerLogger(l *slog.Logger) HandlerOption {
	return func(c *handlerConfig) { c.log = l }
}
