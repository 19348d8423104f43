package gkstest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestTokenEndpoint(t *testing.T) {
	s := newServer(t, gkstest.WithCredentials(gks.Credentials{ClientID: "erp", ClientSecret: "pw-123"}), gkstest.WithTokenLifetime(10*time.Minute))
	if !strings.HasSuffix(s.TokenURL(), "/connect/token") || strings.HasPrefix(s.TokenURL(), s.URL()) {
		t.Errorf("TokenURL %q should be /connect/token on its own host (API %q)", s.TokenURL(), s.URL())
	}
	resp, body := postForm(t, s.TokenURL(), url.Values{"client_id": {"erp"}, "client_secret": {"pw-123"}, "grant_type": {"client_credentials"}})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var tr map[string]any
	if err := json.Unmarshal(body, &tr); err != nil {
		t.Fatal(err)
	}
	if tok, _ := tr["access_token"].(string); tok == "" || tr["token_type"] != "Bearer" || tr["expires_in"] != float64(600) {
		t.Errorf("token response = %v", tr)
	}
	got := s.TokenRequests()
	want := gkstest.TokenRequest{ContentType: "application/x-www-form-urlencoded", GrantType: "client_credentials", ClientID: "erp", SecretInForm: true}
	if len(got) != 1 || got[0] != want {
		t.Errorf("TokenRequests = %+v, want [%+v]", got, want)
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	s := newServer(t)
	id, secret := s.Credentials().ClientID, s.Credentials().ClientSecret
	tests := []struct {
		name string
		form url.Values
		code string
	}{
		{"wrong secret", url.Values{"client_id": {id}, "client_secret": {"nope"}, "grant_type": {"client_credentials"}}, "invalid_client"},
		{"unknown client", url.Values{"client_id": {"other"}, "client_secret": {secret}, "grant_type": {"client_credentials"}}, "invalid_client"},
		{"password grant", url.Values{"client_id": {id}, "client_secret": {secret}, "grant_type": {"password"}}, "unsupported_grant_type"},
	}
	for _, tt := range tests {
		resp, body := postForm(t, s.TokenURL(), tt.form)
		var e struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != 400 || e.Error != tt.code {
			t.Errorf("%s: %d %s, want 400 %s", tt.name, resp.StatusCode, body, tt.code)
		}
	}
	resp, err := http.Post(s.TokenURL(), "application/json", strings.NewReader(`{"client_id":"`+id+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("JSON token request: %d, want 400", resp.StatusCode)
	}
	resp, err = http.Get(s.TokenURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET token: %d, want 405", resp.StatusCode)
	}
	if n := len(s.TokenRequests()); n != 4 {
		t.Errorf("TokenRequests = %d, want 4 (the GET is not a token request)", n)
	}
}

func TestAPIRequiresALiveToken(t *testing.T) {
	s := newServer(t)
	s.AddCustomer(gks.Customer{Name: "A", Number: "K1", CorporateIdentityNumber: "1"})
	for _, tok := range []string{"", "made-up"} {
		resp, body := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", "")
		if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") == "" || len(body) != 0 {
			t.Errorf("token %q: %d %q %s", tok, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), body)
		}
	}
	tok := token(t, s)
	if resp, body := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", ""); resp.StatusCode != 200 {
		t.Fatalf("with a token: %d %s", resp.StatusCode, body)
	}
	s.ExpireTokens()
	if resp, _ := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", ""); resp.StatusCode != 401 {
		t.Errorf("after ExpireTokens: %d, want 401", resp.StatusCode)
	}
}

func TestTokensExpire(t *testing.T) {
	s := newServer(t, gkstest.WithTokenLifetime(-time.Second))
	tok := token(t, s)
	if resp, _ := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", ""); resp.StatusCode != 401 {
		t.Errorf("expired token: %d, want 401", resp.StatusCode)
	}
}
