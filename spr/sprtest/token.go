package sprtest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

// tokenForm reads the token request's form: urlencoded or multipart (the
// vendor's document says "form-data").
func tokenForm(r *http.Request) url.Values {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return url.Values{}
		}
	} else if err := r.ParseForm(); err != nil {
		return url.Values{}
	}
	return cloneValues(r.PostForm)
}

type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Hint        string `json:"hint,omitempty"`
	Message     string `json:"message"`
}

// serveToken implements Passport's /oauth/token for the password and
// refresh_token grants, with rotation: a refresh revokes the pair it replaces.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, form url.Values) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r, "POST")
		return
	}
	grant := form.Get("grant_type")
	s.mu.Lock()
	defer s.mu.Unlock()
	judge := TokenGrant{Grant: grant, At: s.now()}
	fail := func(status int, e oauthError) {
		judge.Status, judge.Error = status, e.Error
		s.grants = append(s.grants, judge)
		writeJSON(w, status, e)
	}

	id, secret := form.Get("client_id"), form.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok && id == "" {
		id, secret = u, p
	}
	switch {
	case grant == "":
		fail(http.StatusBadRequest, oauthError{"unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", "Check that all required parameters have been provided", "The authorization grant type is not supported by the authorization server."})
		return
	case grant != "password" && grant != "refresh_token":
		fail(http.StatusBadRequest, oauthError{"unsupported_grant_type", "The authorization grant type is not supported by the authorization server.", "Check that all required parameters have been provided", "The authorization grant type is not supported by the authorization server."})
		return
	case id != ClientID || secret != ClientSecret:
		fail(http.StatusUnauthorized, oauthError{Error: "invalid_client", Description: "Client authentication failed", Message: "Client authentication failed"})
		return
	}

	var user *User
	if grant == "password" {
		login, password := form.Get("username"), form.Get("password")
		judge.Username = login
		if login == "" || password == "" {
			missing := "username"
			if login != "" {
				missing = "password"
			}
			fail(http.StatusBadRequest, oauthError{"invalid_request", "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.", `Check the "` + missing + `" parameter`, "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."})
			return
		}
		name, region, ok := cutLast(login, "@")
		u := s.users[name]
		if !ok || u == nil || u.Locale != region || u.Password != password {
			fail(http.StatusBadRequest, oauthError{Error: "invalid_grant", Description: "The user credentials were incorrect.", Message: "The user credentials were incorrect."})
			return
		}
		user = u
	} else {
		old, ok := s.refresh[form.Get("refresh_token")]
		if !ok || old.refreshRevoked {
			if ok {
				judge.Username = old.user.Username + "@" + old.user.Locale
			}
			fail(http.StatusBadRequest, oauthError{"invalid_grant", "The refresh token is invalid.", "Token has been revoked", "The refresh token is invalid."})
			return
		}
		// Rotation: the pair being replaced dies now, access token included.
		old.refreshRevoked, old.accessRevoked = true, true
		user = old.user
		judge.Username = user.Username + "@" + user.Locale
	}

	se := &session{user: user, access: s.newToken("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."), refresh: s.newToken("def50200"), expires: s.now().Add(s.ttl)}
	s.access[se.access] = se
	s.refresh[se.refresh] = se
	judge.Status = http.StatusOK
	s.grants = append(s.grants, judge)
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type":    "Bearer",
		"expires_in":    int(s.ttl.Seconds()),
		"access_token":  se.access,
		"refresh_token": se.refresh,
	})
}

// newToken returns an unguessable token with the vendor's prefix.
func (s *Server) newToken(prefix string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// authenticate returns the user of a live, unexpired bearer token, or nil.
func (s *Server) authenticate(r *http.Request) *User {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return nil
	}
	se := s.access[strings.TrimSpace(tok)]
	if se == nil || se.accessRevoked || !s.now().Before(se.expires) {
		return nil
	}
	return se.user
}
