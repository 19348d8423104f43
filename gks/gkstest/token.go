package gkstest

import (
	"crypto/subtle"
	"encoding/json"
	"mime"
	"net/http"
	"time"
)

// serveToken is Simutek's identity server (IdentityServer): the OAuth 2.0
// client-credentials grant with form fields, errors as OAuth JSON.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/connect/token" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	ct := r.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	_ = r.ParseForm()
	basicID, basicSecret, basic := r.BasicAuth()
	tr := TokenRequest{
		ContentType:  ct,
		GrantType:    r.PostForm.Get("grant_type"),
		ClientID:     r.PostForm.Get("client_id"),
		Scope:        r.PostForm.Get("scope"),
		SecretInForm: r.PostForm.Has("client_secret"),
		BasicAuth:    basic,
	}
	s.mu.Lock()
	s.tokenReqs = append(s.tokenReqs, tr)
	s.mu.Unlock()

	if mt != "application/x-www-form-urlencoded" {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	id, secret := tr.ClientID, r.PostForm.Get("client_secret")
	if basic && id == "" {
		id, secret = basicID, basicSecret
	}
	if id != s.creds.ClientID || subtle.ConstantTimeCompare([]byte(secret), []byte(s.creds.ClientSecret)) != 1 {
		oauthError(w, http.StatusBadRequest, "invalid_client")
		return
	}
	if tr.GrantType != "client_credentials" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	tok := "gkstest-" + randomHex(16)
	s.mu.Lock()
	s.tokens[tok] = time.Now().Add(s.tokenTTL)
	s.mu.Unlock()
	resp := map[string]any{
		"access_token": tok,
		"expires_in":   int(s.tokenTTL / time.Second),
		"token_type":   "Bearer",
	}
	if tr.Scope != "" {
		resp["scope"] = tr.Scope
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(resp)
}

func oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}
