package sparetechtest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

type tokenInfo struct{ expiry time.Time }

// handleToken is POST /oauth/token: HTTP Basic or form client_id and
// client_secret; when both are sent, both must be right.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	id, secret, basic := r.BasicAuth()
	if err := r.ParseForm(); err != nil {
		text(w, http.StatusBadRequest, "malformed form body")
		return
	}
	fid, fsecret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	form := fid != "" || fsecret != ""
	var ok bool
	switch {
	case basic && form:
		ok = s.validBasic(id, secret) && s.valid(fid, fsecret)
	case basic:
		ok = s.validBasic(id, secret)
	default:
		ok = s.valid(fid, fsecret)
	}
	tok, expiresIn, status, msg := s.issue(ok)
	if status != http.StatusOK {
		if status == http.StatusUnauthorized {
			writeJSON(w, status, map[string]string{"error": "invalid_client", "error_description": msg})
			return
		}
		text(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "expires_in": expiresIn, "token_type": "Bearer"})
}

// handleLegacyToken is the deprecated POST /auth: JSON clientId/clientSecret
// (or the overview's client_id/client_secret), camelCase answer.
func (s *Server) handleLegacyToken(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ClientID      string `json:"clientId"`
		ClientSecret  string `json:"clientSecret"`
		SnakeID       string `json:"client_id"`
		SnakeSecretID string `json:"client_secret"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		text(w, http.StatusBadRequest, "body must be JSON with clientId and clientSecret")
		return
	}
	id, secret := body.ClientID, body.ClientSecret
	if id == "" && secret == "" {
		id, secret = body.SnakeID, body.SnakeSecretID
	}
	tok, expiresIn, status, msg := s.issue(s.valid(id, secret))
	if status != http.StatusOK {
		text(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"accessToken": tok, "expiresIn": expiresIn, "tokenType": "Bearer"})
}

// issue checks the day's quota and mints a token for valid credentials.
func (s *Server) issue(valid bool) (tok string, expiresIn int, status int, msg string) {
	if !valid {
		return "", 0, http.StatusUnauthorized, "Invalid client credentials"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now().UTC()
	day := now.Format(time.DateOnly)
	if day != s.quotaDay {
		s.quotaDay, s.issuedToday = day, 0
	}
	if s.cfg.quota > 0 && s.issuedToday >= s.cfg.quota {
		until := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)
		return "", 0, http.StatusForbidden, "You have exceeded your token quota and cannot create any more tokens until " + until.Format(time.RFC3339)
	}
	s.issuedToday++
	s.tokenSeq++
	var b [16]byte
	_, _ = rand.Read(b[:])
	tok = "sparetechtest." + itoa(s.tokenSeq) + "." + hex.EncodeToString(b[:])
	s.tokens[tok] = tokenInfo{expiry: now.Add(s.cfg.tokenTTL)}
	return tok, int(s.cfg.tokenTTL / time.Second), http.StatusOK, ""
}

// valid compares the credentials exactly.
func (s *Server) valid(id, secret string) bool {
	want := s.cfg.creds
	return id != "" && subtle.ConstantTimeCompare([]byte(id), []byte(want.ClientID)) == 1 &&
		subtle.ConstantTimeCompare([]byte(secret), []byte(want.ClientSecret)) == 1
}

// validBasic accepts HTTP Basic credentials raw or form-encoded: RFC 6749
// has clients form-encode the id and secret first, and not every client does.
func (s *Server) validBasic(id, secret string) bool {
	if s.valid(id, secret) {
		return true
	}
	uid, err1 := url.QueryUnescape(id)
	usecret, err2 := url.QueryUnescape(secret)
	return err1 == nil && err2 == nil && s.valid(uid, usecret)
}

// RevokeTokens makes every issued token invalid (API calls answer 401).
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// TokensIssued counts the tokens handed out since the start.
func (s *Server) TokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenSeq
}
