package spr_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// tokenRequests returns the fake's token requests, in order.
func tokenRequests(srv *sprtest.Server) []sprtest.Request {
	var out []sprtest.Request
	for _, r := range srv.Requests() {
		if r.Path == "/oauth/token" {
			out = append(out, r)
		}
	}
	return out
}

func TestPasswordGrantOnTheWire(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	code := srv.Products()[0].Code
	if _, err := c.Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	toks := tokenRequests(srv)
	if len(toks) != 1 {
		t.Fatalf("token requests = %d, want 1", len(toks))
	}
	r := toks[0]
	creds := srv.Credentials()
	if r.Method != "POST" || r.Header.Get("Accept") != "application/json" ||
		r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("token request: %s Accept=%q Content-Type=%q", r.Method, r.Header.Get("Accept"), r.Header.Get("Content-Type"))
	}
	f := r.Form
	if f.Get("grant_type") != "password" || f.Get("client_id") != creds.ClientID || f.Get("client_secret") != creds.ClientSecret ||
		f.Get("username") != creds.Username+"@es_MX" || f.Get("password") != creds.Password || f.Has("refresh_token") {
		t.Errorf("password grant form has the wrong fields (keys %v)", keys(f))
	}
	api := apiRequests(srv, "GET")
	if len(api) != 1 || api[0].Header.Get("Accept") != "application/json" || api[0].Header.Get("Authorization") == "" {
		t.Fatalf("API request headers: Accept=%q, Authorization set=%v", api[0].Header.Get("Accept"), api[0].Header.Get("Authorization") != "")
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestUsernameWithRegionIsSentAsGiven(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	creds := srv.Credentials()
	creds.Username += "@es_MX"
	c := newClientFor(t, srv, creds)
	if _, err := c.Products.Get(ctxT(t), srv.Products()[0].Code); err != nil {
		t.Fatal(err)
	}
	if u := tokenRequests(srv)[0].Form.Get("username"); u != srv.Credentials().Username+"@es_MX" {
		t.Fatalf("username = %q", u)
	}
}

func TestRefreshGrantOnTheWireAndUnauthenticatedReplay(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	store := auth.NewMemoryStore()
	c := newClient(t, srv, spr.WithTokenStore(store))
	code := srv.Products()[0].Code
	if _, err := c.Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	first, err := store.Load(ctxT(t))
	if err != nil || first == nil || first.RefreshToken == "" {
		t.Fatalf("store after login: %v", err)
	}

	// The access token dies on the server: Laravel answers 401
	// {"message":"Unauthenticated."}; the client renews once and replays.
	srv.ExpireAccessTokens()
	srv.ResetRequests()
	p, err := c.Products.Get(ctxT(t), code)
	if err != nil || p.Code != code {
		t.Fatalf("Get after expiry: %v", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 || reqs[0].Status != 401 || reqs[1].Path != "/oauth/token" || reqs[2].Status != 200 {
		t.Fatalf("want 401, token, 200; got %d requests", len(reqs))
	}
	f := reqs[1].Form
	if f.Get("grant_type") != "refresh_token" || f.Get("refresh_token") != first.RefreshToken ||
		f.Get("client_id") != srv.Credentials().ClientID || f.Get("client_secret") != srv.Credentials().ClientSecret ||
		f.Has("password") || f.Has("username") || reqs[1].Header.Get("Accept") != "application/json" {
		t.Errorf("refresh grant form has the wrong fields (keys %v)", keys(f))
	}
	if reqs[0].Header.Get("Authorization") == reqs[2].Header.Get("Authorization") {
		t.Error("replay used the rejected token")
	}
	second, _ := store.Load(ctxT(t))
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Error("the rotated pair was not saved to the store")
	}
	if srv.TokenRequests("password") != 0 {
		t.Errorf("password grants after the login = %d, want 0", srv.TokenRequests("password"))
	}
}

func TestUnauthenticatedTwiceFailsAfterOneReplay(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	srv.InjectFault(2, sprtest.Fault{Status: 401})
	_, err := c.Products.Get(ctxT(t), srv.Products()[0].Code)
	var e *spr.Error
	if !errors.Is(err, spr.ErrUnauthorized) || !errors.As(err, &e) || e.Message != "Unauthenticated." {
		t.Fatalf("err = %v, want 401 Unauthenticated.", err)
	}
	if n := len(apiRequests(srv, "GET")); n != 2 {
		t.Fatalf("API attempts = %d, want 2 (one replay)", n)
	}
}

func TestRejectedRefreshTokenLogsInAgain(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv)
	code := srv.Products()[0].Code
	if _, err := c.Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	srv.RevokeRefreshTokens()
	srv.ExpireAccessTokens()
	if _, err := c.Products.Get(ctxT(t), code); err != nil {
		t.Fatalf("Get after revocation: %v", err)
	}
	g := srv.TokenGrants()
	if len(g) != 3 || g[0].Grant != "password" || g[1].Grant != "refresh_token" || g[1].Error != "invalid_grant" ||
		g[2].Grant != "password" || g[2].Status != 200 {
		t.Fatalf("grants = %+v, want password, rejected refresh, password", g)
	}
}

func TestWrongPasswordIsARetrieveError(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	creds := srv.Credentials()
	creds.Password = "wrong-secret-value"
	c := newClientFor(t, srv, creds)
	_, err := c.Products.Get(ctxT(t), "X")
	var re *spr.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
		t.Fatalf("err = %v, want invalid_grant", err)
	}
	if len(apiRequests(srv, "")) != 0 {
		t.Fatal("an API request went out without a token")
	}
}

// A process that restarts with a file store resumes with the stored refresh
// token instead of logging in with the password.
func TestRestartResumesFromFileStore(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "spr-token.json")
	code := srv.Products()[0].Code

	first := newClient(t, srv, spr.WithTokenStore(auth.NewFileStore(path)))
	if _, err := first.Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	// One rotation in the first process: the file must hold the newest pair.
	srv.ExpireAccessTokens()
	if _, err := first.Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}

	// "Restart": a new client with a new store on the same file, after the
	// access token expired.
	srv.ExpireAccessTokens()
	second := newClient(t, srv, spr.WithTokenStore(auth.NewFileStore(path)))
	if _, err := second.Products.Get(ctxT(t), code); err != nil {
		t.Fatalf("Get after restart: %v", err)
	}
	g := srv.TokenGrants()
	if len(g) != 3 || g[0].Grant != "password" || g[1].Grant != "refresh_token" || g[2].Grant != "refresh_token" {
		t.Fatalf("grants = %+v, want password then two refresh_token", g)
	}
	for _, x := range g {
		if x.Status != 200 {
			t.Fatalf("a token request was rejected: %+v", x)
		}
	}
	if srv.TokenRequests("password") != 1 {
		t.Fatal("the restarted process logged in with the password")
	}
}

// A restarted process whose stored access token is still valid sends no
// token request at all.
func TestRestartReusesValidStoredToken(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "spr-token.json")
	code := srv.Products()[0].Code
	if _, err := newClient(t, srv, spr.WithTokenStore(auth.NewFileStore(path))).Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	if _, err := newClient(t, srv, spr.WithTokenStore(auth.NewFileStore(path))).Products.Get(ctxT(t), code); err != nil {
		t.Fatal(err)
	}
	if n := srv.TokenRequests(""); n != 1 {
		t.Fatalf("token requests = %d, want 1", n)
	}
}

// 50 goroutines call the API every 45 s for 20 minutes of (bubble) time while access
// tokens live 10 minutes: every expiry is met by exactly one refresh, no
// refresh token is rejected, and no call fails.
func TestConcurrentCallsAcrossTokenExpiry(t *testing.T) {
	const workers, rounds = 50, 27
	srv := sprtest.NewServer(sprtest.WithTokenLifetime(10 * time.Minute))
	defer srv.Close()
	code := srv.Products()[0].Code
	synctest.Test(t, func(t *testing.T) {
		c := bubbleClient(t, srv)
		var wg sync.WaitGroup
		errs := make(chan error, workers*rounds)
		for range workers {
			wg.Go(func() {
				for range rounds {
					if _, err := c.Products.Get(t.Context(), code); err != nil {
						errs <- err
					}
					time.Sleep(45 * time.Second)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("call failed: %v", err)
		}
	})
	g := srv.TokenGrants()
	// 20 minutes with tokens renewed shortly before their 10 minutes end:
	// the login, then one refresh per expiry.
	if len(g) != 3 || g[0].Grant != "password" || g[1].Grant != "refresh_token" || g[2].Grant != "refresh_token" {
		t.Fatalf("grants = %d %+v, want password + 2 refresh_token", len(g), g)
	}
	for _, x := range g {
		if x.Status != 200 {
			t.Fatalf("rejected token request: %+v", x)
		}
	}
	if gap := g[2].At.Sub(g[1].At); gap < 9*time.Minute {
		t.Fatalf("refreshes %v apart: more than one per expiry", gap)
	}
	// Every call got its 200. A 401 may only come from the rotation itself:
	// a call that took the old token just before the refresh killed it is
	// replayed once with the new one (the auth cache renews in the
	// background while handing out the still-valid token).
	refreshedAt := map[time.Time]bool{g[1].At: true, g[2].At: true}
	ok := 0
	for _, r := range srv.APIRequests() {
		switch {
		case r.Status == 200:
			ok++
		case r.Status == 401 && refreshedAt[r.At]:
		default:
			t.Fatalf("API request at %v answered %d: a token was used after it expired", r.At, r.Status)
		}
	}
	if ok != workers*rounds {
		t.Fatalf("successful API requests = %d, want %d", ok, workers*rounds)
	}
}

// The server kills the access token mid-run (as on a server-side expiry):
// 50 goroutines get 401 at once, one refresh serves them all, every call
// succeeds after one replay.
func TestConcurrentUnauthenticatedCausesOneRefresh(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	code := srv.Products()[0].Code
	synctest.Test(t, func(t *testing.T) {
		c := bubbleClient(t, srv)
		if _, err := c.Products.Get(t.Context(), code); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		var failed []error
		for w := range 50 {
			wg.Go(func() {
				for round := range 10 {
					if w == 0 && round == 5 {
						srv.ExpireAccessTokens()
					}
					if _, err := c.Products.Get(t.Context(), code); err != nil {
						mu.Lock()
						failed = append(failed, err)
						mu.Unlock()
					}
					time.Sleep(time.Second)
				}
			})
		}
		wg.Wait()
		for _, err := range failed {
			t.Errorf("call failed: %v", err)
		}
	})
	if p, r := srv.TokenRequests("password"), srv.TokenRequests("refresh_token"); p != 1 || r != 1 {
		t.Fatalf("password=%d refresh=%d, want 1 and 1", p, r)
	}
	rejected := 0
	for _, r := range srv.APIRequests() {
		if r.Status == 401 {
			rejected++
		}
	}
	if rejected == 0 {
		t.Fatal("no request met the expired token; the test did not exercise the replay")
	}
}

// savedFirst is a Store that checks, on every Save, that the fake has not
// yet seen the saved access token: rotated tokens reach the Store before use.
type savedFirst struct {
	auth.Store
	srv   *sprtest.Server
	mu    sync.Mutex
	saves int
	early int
}

func (s *savedFirst) Save(ctx context.Context, t *auth.Token) error {
	s.mu.Lock()
	s.saves++
	for _, r := range s.srv.APIRequests() {
		if r.Header.Get("Authorization") == "Bearer "+t.AccessToken {
			s.early++
		}
	}
	s.mu.Unlock()
	return s.Store.Save(ctx, t)
}

func TestRotatedTokensAreSavedBeforeUse(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	st := &savedFirst{Store: auth.NewMemoryStore(), srv: srv}
	c := newClient(t, srv, spr.WithTokenStore(st))
	code := srv.Products()[0].Code
	for range 3 {
		if _, err := c.Products.Get(ctxT(t), code); err != nil {
			t.Fatal(err)
		}
		srv.ExpireAccessTokens()
	}
	if st.saves != 3 || st.early != 0 {
		t.Fatalf("saves = %d, tokens used before their save = %d; want 3 and 0", st.saves, st.early)
	}
	if srv.TokenRequests("refresh_token") != 2 || srv.TokenRequests("password") != 1 {
		t.Fatalf("grants: %+v", srv.TokenGrants())
	}
}
