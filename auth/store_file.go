package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// NewFileStore returns a Store that keeps the token as JSON in the file at
// path. The file is written with 0600 permissions and replaced atomically
// (a temporary file in the same directory, fsync, rename), so a crash or a
// concurrent reader never sees half a token. A missing file is an empty
// store. The directory must exist.
//
// Stores on the same path in one process share a renewal lock
// (StoreLocker); processes sharing the file do not lock each other.
func NewFileStore(path string) Store { return &fileStore{path: path, renew: renewLockFor(path)} }

type fileStore struct {
	path  string
	mu    sync.Mutex
	renew semaphore
}

// fileLocks holds one renewal lock per token file path in this process.
var fileLocks sync.Map // cleaned absolute path -> semaphore

func renewLockFor(path string) semaphore {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	l, _ := fileLocks.LoadOrStore(key, newSemaphore())
	return l.(semaphore)
}

// LockStore serialises renewals of the sources using this file in this
// process.
func (s *fileStore) LockStore(ctx context.Context) (func(), error) { return s.renew.lock(ctx) }

// fileToken is the on-disk form; its field names are part of the file format.
type fileToken struct {
	AccessToken  string     `json:"access_token"`
	TokenType    string     `json:"token_type,omitempty"`
	RefreshToken string     `json:"refresh_token,omitempty"`
	Expiry       *time.Time `json:"expiry,omitempty"`
	IssuedAt     *time.Time `json:"issued_at,omitempty"`
}

// Load reads the token; a missing or empty file is (nil, nil).
func (s *fileStore) Load(ctx context.Context) (*Token, error) {
	if s.path == "" {
		return nil, invalid("NewFileStore", "the path is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: file store: %w", err)
	}
	if len(raw) == 0 {
		return nil, nil
	}
	var ft fileToken
	if err := json.Unmarshal(raw, &ft); err != nil {
		// The JSON error may quote a byte of the file, never more; the
		// path says where to look.
		return nil, fmt.Errorf("auth: file store %s: not a token file: %w", s.path, err)
	}
	t := &Token{AccessToken: ft.AccessToken, TokenType: ft.TokenType, RefreshToken: ft.RefreshToken}
	if ft.Expiry != nil {
		t.Expiry = *ft.Expiry
	}
	if ft.IssuedAt != nil {
		t.IssuedAt = *ft.IssuedAt
	}
	return t, nil
}

// Save replaces the file atomically with t; nil removes the file.
func (s *fileStore) Save(ctx context.Context, t *Token) error {
	if s.path == "" {
		return invalid("NewFileStore", "the path is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t == nil {
		if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("auth: file store: %w", err)
		}
		return nil
	}
	ft := fileToken{AccessToken: t.AccessToken, TokenType: t.TokenType, RefreshToken: t.RefreshToken}
	if !t.Expiry.IsZero() {
		e := t.Expiry.UTC()
		ft.Expiry = &e
	}
	if !t.IssuedAt.IsZero() {
		i := t.IssuedAt.UTC()
		ft.IssuedAt = &i
	}
	raw, err := json.Marshal(ft)
	if err != nil {
		return fmt.Errorf("auth: file store: %w", err)
	}
	if err := writeFileAtomic(s.path, raw); err != nil {
		return fmt.Errorf("auth: file store: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to a 0600 temporary file next to path, syncs
// it, renames it over path and syncs the directory, so that path always
// holds either the old or the new content.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	// CreateTemp already uses 0600; Chmod makes it explicit and independent
	// of the platform's default.
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Make the rename itself durable; not every platform can sync a
	// directory, and the data is already safe, so a failure is ignored.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
