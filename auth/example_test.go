package auth_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/partsync/partsync-go/auth"
)

// Example gets client-credentials tokens from a token endpoint and sends
// them to an API through the auth transport. Both servers run in-process.
func Example() {
	var tokenRequests atomic.Int32
	tokenServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokenRequests.Add(1)
		if r.PostFormValue("grant_type") != "client_credentials" || r.PostFormValue("client_secret") != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"tok-123","token_type":"Bearer","expires_in":3600}`)
	}))
	defer tokenServer.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-123" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		io.WriteString(w, "hello, authenticated caller")
	}))
	defer api.Close()

	src := auth.ClientCredentials(auth.Config{
		TokenURL:     tokenServer.URL + "/oauth/token",
		ClientID:     "my-client",
		ClientSecret: "s3cret",
		Scopes:       []string{"read"},
		Store:        auth.NewMemoryStore(),
	})
	apiURL, _ := url.Parse(api.URL)
	client := &http.Client{Transport: auth.NewTransport(src, http.DefaultTransport, apiURL.Host)}

	for range 3 {
		resp, err := client.Get(api.URL + "/v1/hello")
		if err != nil {
			log.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	tok, _ := src.Token(context.Background())
	fmt.Printf("token: %v\n", tok.TokenType)
	fmt.Println("printed token shows the secret:", strings.Contains(fmt.Sprint(tok), tok.AccessToken))
	fmt.Println("token requests:", tokenRequests.Load())

	// A wrong secret gives a *auth.RetrieveError with the OAuth error.
	_, err := auth.ClientCredentials(auth.Config{TokenURL: tokenServer.URL + "/oauth/token", ClientID: "my-client", ClientSecret: "wrong"}).Token(context.Background())
	fmt.Println(err)

	// Output:
	// 200 hello, authenticated caller
	// 200 hello, authenticated caller
	// 200 hello, authenticated caller
	// token: Bearer
	// printed token shows the secret: false
	// token requests: 1
	// auth: token request failed: 401 Unauthorized: invalid_client: Client authentication failed
}

// ExampleStatic sends an API key as a custom header.
func ExampleStatic() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("x-access-token present:", r.Header.Get("X-Access-Token") == "key-1", "Authorization present:", r.Header.Get("Authorization") != "")
	}))
	defer api.Close()
	u, _ := url.Parse(api.URL)
	rt := auth.NewTransportWithOptions(auth.Static("key-1"), nil, auth.TransportOptions{Host: u.Host, Header: "x-access-token"})
	resp, err := (&http.Client{Transport: rt}).Get(api.URL)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	// Output:
	// x-access-token present: true Authorization present: false
}

// ExampleNewCachedSource plugs a vendor's own token endpoint (here a
// function standing in for a JSON login) into the shared cache.
func ExampleNewCachedSource() {
	calls := 0
	grant := func(ctx context.Context, current *auth.Token) (*auth.Token, error) {
		calls++
		return &auth.Token{AccessToken: fmt.Sprintf("jwt-%d", calls)}, nil
	}
	src := auth.NewCachedSource(grant, auth.CacheOptions{})
	a, _ := src.Token(context.Background())
	b, _ := src.Token(context.Background())
	src.(auth.Invalidator).Invalidate(b) // e.g. after a 401
	c, _ := src.Token(context.Background())
	fmt.Println(a == b, b.AccessToken == c.AccessToken, calls)
	// Output: true false 2
}

// ExamplePassword logs in with the password grant, keeps the rotating
// refresh token in a file, and shows that a restarted process reuses the
// stored token instead of logging in again.
func ExamplePassword() {
	var logins, refreshes atomic.Int32
	tokenServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int32
		switch r.PostFormValue("grant_type") {
		case "password":
			n = logins.Add(1)
		case "refresh_token":
			n = 100 + refreshes.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"at-%d","refresh_token":"rt-%d","token_type":"Bearer","expires_in":3600}`, n, n)
	}))
	defer tokenServer.Close()
	dir, err := os.MkdirTemp("", "auth-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	newSource := func() auth.Source {
		return auth.Password(auth.Config{
			TokenURL: tokenServer.URL + "/oauth/token",
			ClientID: "app", ClientSecret: "app-secret",
			Store: auth.NewFileStore(filepath.Join(dir, "token.json")),
		}, "user@example.com", "user-password")
	}
	tok, err := newSource().Token(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("first run: has refresh token:", tok.RefreshToken != "")

	// A restarted process: same file, no token request.
	tok, err = newSource().Token(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("restart: has token:", tok.AccessToken != "", "logins:", logins.Load(), "refreshes:", refreshes.Load())
	// Output:
	// first run: has refresh token: true
	// restart: has token: true logins: 1 refreshes: 0
}
