package sparetech_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

func TestThousandCallsOneToken(t *testing.T) {
	srv, c := newFake(t, nil)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	// 50 goroutines x 20 calls: concurrent enough to race for the first
	// token, few enough connections for any file-descriptor limit.
	for g := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				var err error
				if (g+i)%2 == 0 {
					_, err = c.Schema.Export(ctx)
				} else {
					_, err = c.CreationIntents.Get(ctx, "904134")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := srv.TokenRequests(); n != 1 {
		t.Errorf("%d token requests for 1000 calls, want exactly 1", n)
	}
	if n := len(srv.Requests()); n != 1001 {
		t.Errorf("%d requests, want 1001", n)
	}
}

func TestFileStoreSurvivesARestart(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "sparetech-token.json")
	ctx := context.Background()
	for run := range 3 {
		c, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()), sparetech.WithTokenStore(auth.NewFileStore(path)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Schema.Export(ctx); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if n := srv.TokenRequests(); n != 1 {
			t.Fatalf("after run %d: %d token requests, want 1 (the stored token is still valid)", run, n)
		}
	}
}

func TestTokenQuotaIsTypedAndNotRetriedInALoop(t *testing.T) {
	srv := sparetechtest.NewServer(sparetechtest.WithTokenQuota(1))
	defer srv.Close()
	ctx := context.Background()
	first, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Schema.Export(ctx); err != nil {
		t.Fatal(err)
	}
	// A second process without a shared store needs a token of its own.
	second, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), sparetech.WithRetry(5, time.Millisecond, time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = second.Schema.Export(ctx)
	if !errors.Is(err, sparetech.ErrTokenQuota) {
		t.Fatalf("err = %v, want ErrTokenQuota", err)
	}
	var e *sparetech.Error
	if !errors.As(err, &e) || e.StatusCode != 403 || !strings.Contains(e.Error(), "token quota") {
		t.Errorf("quota error: %v", err)
	}
	if n := srv.TokenRequests(); n != 2 {
		t.Errorf("%d token requests, want 2 (one each, no retry loop)", n)
	}
	_, err = second.Schema.Export(ctx)
	if !errors.Is(err, sparetech.ErrTokenQuota) {
		t.Errorf("second call during backoff: %v", err)
	}
	if n := srv.TokenRequests(); n != 2 {
		t.Errorf("a call during the backoff sent a token request (%d in all)", n)
	}
	if strings.Contains(fmt.Sprint(err), srv.Credentials().ClientSecret) {
		t.Error("the error shows the client secret")
	}
	// Many goroutines meeting the same cached failure (run with -race).
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := second.CreationIntents.Get(ctx, "904134"); !errors.Is(err, sparetech.ErrTokenQuota) {
				t.Errorf("concurrent call: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := srv.TokenRequests(); n != 2 {
		t.Errorf("%d token requests after the concurrent calls, want 2", n)
	}
}

func TestUnauthorizedRenewsTheTokenOnce(t *testing.T) {
	srv, c := newFake(t, nil)
	ctx := context.Background()
	if _, err := c.Schema.Export(ctx); err != nil {
		t.Fatal(err)
	}
	srv.RevokeTokens()
	if _, err := c.Schema.Import(ctx); err != nil {
		t.Fatalf("after revocation: %v", err)
	}
	if n := srv.TokenRequests(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
}

func TestWritesRenewARevokedToken(t *testing.T) {
	srv, c := newFake(t, nil)
	ctx := context.Background()
	if _, err := c.Schema.Export(ctx); err != nil {
		t.Fatal(err)
	}
	srv.RevokeTokens()
	// The 401 means the confirmation was not applied: replaying it once with
	// a new token is safe, even though writes are never retried otherwise.
	if err := c.ChangeIntents.Confirm(ctx, "904210"); err != nil {
		t.Fatalf("confirm after revocation: %v", err)
	}
	srv.RevokeTokens()
	if err := c.Materials.Update(ctx, "nope", sparetech.Material{"a": 1}); !errors.Is(err, sparetech.ErrNotFound) {
		t.Fatalf("update after revocation: %v, want the 404 of the replay", err)
	}
	if n := srv.TokenRequests(); n != 3 {
		t.Errorf("%d token requests, want 3", n)
	}
	if n := count(srv, "POST", "/v1/change-intents/904210/confirm"); n != 2 {
		t.Errorf("confirm sent %d times, want 2 (401, then the replay)", n)
	}
}

func TestCredentialsWithSpecialCharacters(t *testing.T) {
	creds := sparetech.Credentials{ClientID: "id+with/odd=chars", ClientSecret: "s3cr3t&%+/= é"}
	srv, c := newFake(t, []sparetechtest.ServerOption{sparetechtest.WithCredentials(creds)})
	if _, err := c.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	legacy, err := sparetech.NewClient(creds, sparetech.WithBaseURL(srv.URL()), sparetech.WithLegacyAuth())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := legacy.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestBadCredentials(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	creds := sparetech.Credentials{ClientID: srv.Credentials().ClientID, ClientSecret: "wrong-secret-value"}
	var logs strings.Builder
	c, err := sparetech.NewClient(creds, sparetech.WithBaseURL(srv.URL()), sparetech.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Schema.Export(context.Background())
	if err == nil || errors.Is(err, sparetech.ErrTokenQuota) {
		t.Fatalf("err = %v, want a credentials error", err)
	}
	for _, s := range []string{fmt.Sprint(err), fmt.Sprintf("%+v", err), logs.String(), fmt.Sprintf("%v %+v %#v", creds, creds, creds)} {
		if strings.Contains(s, creds.ClientSecret) {
			t.Error("the client secret leaked into an error, a log or a formatted value")
		}
	}
	if n := srv.TokenRequests(); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

func TestLegacyAuth(t *testing.T) {
	srv, c := newFake(t, nil, sparetech.WithLegacyAuth())
	ctx := context.Background()
	for range 3 {
		if _, err := c.CreationIntents.List(ctx, sparetech.ListParams{}); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if n := srv.TokenRequests(); n != 1 || reqs[0].Path != "/v1/auth" || reqs[0].Method != "POST" {
		t.Fatalf("token requests %d, first request %s %s", n, reqs[0].Method, reqs[0].Path)
	}
	var body map[string]string
	if err := json.Unmarshal(reqs[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	id := srv.Credentials().ClientID
	if body["clientId"] != id || body["client_id"] != id || body["clientSecret"] == "" || body["client_secret"] != body["clientSecret"] {
		t.Errorf("legacy body keys: clientId=%q client_id=%q secrets set=%v", body["clientId"], body["client_id"], body["clientSecret"] != "")
	}
	if ct := reqs[0].Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestLegacyAuthQuota(t *testing.T) {
	srv := sparetechtest.NewServer(sparetechtest.WithTokenQuota(1))
	defer srv.Close()
	ctx := context.Background()
	for i, want := range []error{nil, sparetech.ErrTokenQuota} {
		c, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()), sparetech.WithLegacyAuth())
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Schema.Export(ctx)
		if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
			t.Errorf("client %d: %v, want %v", i, err, want)
		}
	}
}

func TestTokenURLOverride(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	c, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()), sparetech.WithTokenURL(srv.URLV2()+"/oauth/token"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := srv.Requests()[0]; r.Path != "/v2/oauth/token" {
		t.Errorf("token went to %s", r.Path)
	}
}
