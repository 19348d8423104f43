package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoryStoreCopies(t *testing.T) {
	s := NewMemoryStore()
	ctx := context.Background()
	if tok, err := s.Load(ctx); tok != nil || err != nil {
		t.Fatalf("empty store: %v, %v", tok, err)
	}
	in := &Token{AccessToken: "a", RefreshToken: "r"}
	if err := s.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	in.AccessToken = "changed"
	out, _ := s.Load(ctx)
	out.RefreshToken = "changed"
	again, _ := s.Load(ctx)
	if again.AccessToken != "a" || again.RefreshToken != "r" {
		t.Fatalf("the store shares its token with callers")
	}
}

func TestFileStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "token.json")
	s := NewFileStore(path)
	if tok, err := s.Load(ctx); tok != nil || err != nil {
		t.Fatalf("missing file: %v, %v", tok, err)
	}
	// A pre-existing file with loose permissions is replaced by a 0600 one.
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	exp := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	in := &Token{AccessToken: "AT-SECRET-file", TokenType: "Bearer", RefreshToken: "RT-SECRET-file", Expiry: exp, IssuedAt: exp.Add(-time.Hour)}
	if err := s.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("permissions %v, want 0600", fi.Mode().Perm())
	}
	out, err := s.Load(ctx)
	if err != nil || *out != *in {
		t.Fatalf("round trip: %v, %v", out, err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), `"refresh_token":"RT-SECRET-file"`) || !strings.Contains(string(raw), `"expiry":"2030-05-06T07:08:09Z"`) {
		t.Errorf("unexpected file format")
	}
	// Save replaces the file (a new inode) rather than writing into it.
	before, _ := os.Stat(path)
	if err := s.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if os.SameFile(before, after) {
		t.Errorf("Save wrote into the existing file instead of replacing it")
	}
	// Another store on the same file (a restarted process) reads it.
	if out, err := NewFileStore(path).Load(ctx); err != nil || out.AccessToken != in.AccessToken {
		t.Fatalf("second store: %v, %v", out, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %d entries", len(entries))
	}
	// Save(nil) clears the store.
	if err := s.Save(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if tok, err := s.Load(ctx); tok != nil || err != nil {
		t.Fatalf("after Save(nil): %v, %v", tok, err)
	}
}

func TestFileStoreErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "token.json")
	if err := os.WriteFile(path, []byte(`AT-SECRET-garbage`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := NewFileStore(path).Load(ctx)
	if err == nil || !strings.Contains(err.Error(), "not a token file") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("corrupt file: %v", err)
	}
	if err := NewFileStore(filepath.Join(dir, "missing", "t.json")).Save(ctx, &Token{AccessToken: "a"}); err == nil {
		t.Errorf("saving into a missing directory succeeded")
	}
	if _, err := NewFileStore("").Load(ctx); err == nil {
		t.Errorf("empty path accepted")
	}
	// A failed save leaves the old file intact and no temporary file.
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o700); err != nil {
		t.Fatal(err)
	}
	st := NewFileStore(filepath.Join(ro, "t.json"))
	if err := st.Save(ctx, &Token{AccessToken: "old"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o700)
	if os.Getuid() != 0 { // root ignores directory permissions
		if err := st.Save(ctx, &Token{AccessToken: "new"}); err == nil {
			t.Errorf("save into a read-only directory succeeded")
		}
		if tok, _ := st.Load(ctx); tok == nil || tok.AccessToken != "old" {
			t.Errorf("the old token was damaged: %v", tok)
		}
	}
}

func TestFileStoreConcurrentAtomic(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "token.json")
	// Two stores on one file, as two replicas would have.
	stores := []Store{NewFileStore(path), NewFileStore(path)}
	big := strings.Repeat("x", 64<<10) // large enough that a torn write would show
	var wg sync.WaitGroup
	var bad atomic.Int32
	for g := range 8 {
		wg.Go(func() {
			s := stores[g%2]
			for i := range 25 {
				want := fmt.Sprintf("at-%d-%d-%s", g, i, big)
				if err := s.Save(ctx, &Token{AccessToken: want, RefreshToken: want}); err != nil {
					t.Error(err)
					return
				}
				tok, err := s.Load(ctx)
				if err != nil || tok == nil || tok.AccessToken != tok.RefreshToken || !strings.HasSuffix(tok.AccessToken, big) {
					bad.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d loads saw a torn or missing token", bad.Load())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files in the directory, want only the token file", len(entries))
	}
}

func TestFileStoreRestartMakesNoTokenRequest(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"at-%d","token_type":"Bearer","expires_in":3600}`, n)
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "token.json")
	cfg := Config{TokenURL: srv.URL + "/token", ClientID: "id", ClientSecret: "secret", HTTPClient: srv.Client(), Store: NewFileStore(path)}
	first, err := ClientCredentials(cfg).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A restarted process: a new source and a new store on the same file.
	cfg.Store = NewFileStore(path)
	second, err := ClientCredentials(cfg).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if requests.Load() != 1 || second.AccessToken != first.AccessToken || !second.Expiry.Equal(first.Expiry) {
		t.Fatalf("%d token requests; restored %v", requests.Load(), second)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v", err)
	}
	// An expired file is not used.
	if err := cfg.Store.Save(context.Background(), &Token{AccessToken: "old", Expiry: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	third, err := ClientCredentials(cfg).Token(context.Background())
	if err != nil || third.AccessToken != "at-2" {
		t.Fatalf("expired file: %v, %v", third, err)
	}
	if _, err := NewFileStore(path).Load(context.Background()); errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}
