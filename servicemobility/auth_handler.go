package servicemobility

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Authenticator checks a username and password against the customer's user
// store, for the Authentication REST API Interface. It returns
// ErrInvalidLogon (or an error wrapping it) for wrong credentials; any other
// error is answered 500. Comparing secrets in constant time is its job;
// StaticUsers does.
type Authenticator interface {
	Authenticate(ctx context.Context, username, password string) (*Identity, error)
}

// AuthenticatorFunc adapts a function to Authenticator.
type AuthenticatorFunc func(ctx context.Context, username, password string) (*Identity, error)

// Authenticate calls f.
func (f AuthenticatorFunc) Authenticate(ctx context.Context, username, password string) (*Identity, error) {
	return f(ctx, username, password)
}

// maxAuthBody limits the Authentication Object: a username and a password.
const maxAuthBody = 64 << 10

// NewAuthenticationHandler serves the Authentication REST API Interface,
// which ServiceMobility calls (ExtUserAuth.AuthEndpoint) to pass its Create
// JWT logins through to the customer's user store.
//
// It takes a POST of {"username": "...", "password": "..."} and answers 200
// {"token": "<JWT>"}: an HS256 JWT signed with signingKey, valid for ttl
// (one hour when ttl <= 0), with exp and iat in epoch seconds and the name
// and email of the Identity a returns. Wrong or missing credentials are 401
// "Invalid Logon."; a malformed body, a failing authenticator or an empty
// signingKey are 500, and so is a body over 64 KiB, which is not read
// further. Other methods get 405. The password is never logged.
func NewAuthenticationHandler(a Authenticator, signingKey []byte, ttl time.Duration) http.Handler {
	return &authHandler{a: a, key: append([]byte(nil), signingKey...), ttl: ttl}
}

type authHandler struct {
	a   Authenticator
	key []byte
	ttl time.Duration
}

type authRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type tokenResponse struct {
	Token string `json:"token"`
}

// ServeHTTP implements the Authentication REST API Interface.
func (h *authHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	answered := false
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		// The panic value is not reported: it may hold the password.
		if !answered {
			writeText(w, http.StatusInternalServerError, "internal error: the authenticator failed unexpectedly")
		}
	}()
	if r.Method != http.MethodPost {
		answered = true
		methodNotAllowed(w)
		return
	}
	body, err := readBody(w, r, maxAuthBody)
	if err != nil {
		answered = true
		writeText(w, http.StatusInternalServerError, err.Error())
		return
	}
	var req authRequest
	if err := decodeBody(body, &req); err != nil {
		answered = true
		writeText(w, http.StatusInternalServerError, "malformed Authentication Object: "+err.Error())
		return
	}
	if req.Username == "" || req.Password == "" {
		answered = true
		writeText(w, http.StatusUnauthorized, invalidLogonText)
		return
	}
	id, err := h.a.Authenticate(r.Context(), req.Username, req.Password)
	answered = true
	switch {
	case errors.Is(err, ErrInvalidLogon):
		writeText(w, http.StatusUnauthorized, invalidLogonText)
		return
	case err != nil:
		// The authenticator's error text is not echoed: it might quote the credentials.
		writeText(w, http.StatusInternalServerError, "authentication failed: the user store reported an error")
		return
	}
	if id == nil {
		id = &Identity{}
	}
	token, err := NewJWT(h.key, *id, h.ttl)
	if err != nil {
		writeText(w, http.StatusInternalServerError, "authentication failed: "+err.Error())
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	_ = writeJSON(w, tokenResponse{Token: token})
}
