package eryxontest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Root is the path of the functions root on the fake, as on Supabase.
const Root = "/functions/v1"

// DefaultAPIKey is the tenant's key unless WithAPIKey sets another.
const DefaultAPIKey = "ery_test_00112233445566778899aabbccddeeff"

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	cfg  config
	http *httptest.Server

	mu      sync.Mutex // guards everything below
	tables  map[string]*table
	reqs    []Request
	nreq    int
	budget  budget
	faults  []*pendingFault
	history []map[string]any
	hooks   []*webhook
	created map[string]int // rows created per table, for the quota
	seq     int

	deliveries []Delivery
	hookWG     sync.WaitGroup
	closed     atomic.Bool
}

// Request is a copy of a request the fake received.
type Request struct {
	Method string
	Path   string // without the functions root: "/api-jobs/sync"
	Query  url.Values
	Header http.Header
	Body   []byte
}

// NewServer starts a fake on 127.0.0.1.
func NewServer(opts ...ServerOption) *Server {
	cfg := config{apiKey: DefaultAPIKey, plan: Enterprise, hookBackoff: 500 * time.Millisecond, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if !cfg.limitSet {
		cfg.dailyLimit = cfg.plan.DailyLimit()
	}
	if cfg.hookClient == nil {
		cfg.hookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Server{cfg: cfg, tables: newTables(), created: map[string]int{}}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the functions root to give eryxon.WithBaseURL.
func (s *Server) URL() string { return s.http.URL + Root }

// APIKey is the tenant's API key.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// Close waits for pending webhook deliveries and stops the server.
func (s *Server) Close() {
	s.closed.Store(true)
	s.hookWG.Wait()
	s.http.Close()
}

// Requests returns copies of the requests received so far (none with WithCountOnly).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	for i, r := range s.reqs {
		out[i] = Request{Method: r.Method, Path: r.Path, Query: cloneValues(r.Query), Header: r.Header.Clone(), Body: bytes.Clone(r.Body)}
	}
	return out
}

// RequestCount is the number of requests received so far.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nreq
}

// Reset forgets the recorded requests (rows and budget stay).
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs, s.nreq = nil, 0
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,200}$`)

// serve runs the pipeline: record, faults, auth, budget, route.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "cannot read the request body", nil)
		return
	}
	// The server trusts an inbound x-request-id of a safe shape, otherwise mints one.
	rid := r.Header.Get("x-request-id")
	if !requestIDPattern.MatchString(rid) {
		rid = s.newID()
	}
	w.Header().Set("x-request-id", rid)
	path := strings.TrimPrefix(r.URL.Path, Root)

	s.mu.Lock()
	s.nreq++
	if !s.cfg.countOnly {
		s.reqs = append(s.reqs, Request{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
	}
	f := s.takeFault(r, body)
	s.mu.Unlock()
	if f != nil && s.applyFault(w, r, f) {
		return
	}

	if !s.authorized(w, r) {
		return
	}
	if !s.spend(w) {
		return
	}
	s.route(w, r, path, body)
}

func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	h := r.Header.Get("Authorization")
	key, ok := strings.CutPrefix(h, "Bearer ")
	switch {
	case !ok || key == "":
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Missing or invalid authorization header", nil)
	case !strings.HasPrefix(key, "ery_live_") && !strings.HasPrefix(key, "ery_test_"):
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Invalid API key format", nil)
	case !equalHashes(key, s.cfg.apiKey):
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Invalid API key", nil)
	default:
		return true
	}
	return false
}

// equalHashes compares SHA-256 hashes of the keys, as the server does.
func equalHashes(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return ha == hb
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, path string, body []byte) {
	fn, verb, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch fn {
	case "api-erp-sync":
		s.erpSync(w, r, verb, body)
		return
	case "api-webhooks":
		if verb == "" && r.Method == http.MethodPost {
			s.createWebhook(w, body)
			return
		}
		methodNotAllowed(w)
		return
	}
	t, ok := s.tables[strings.TrimPrefix(fn, "api-")]
	if !ok || !strings.HasPrefix(fn, "api-") {
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Function not found", nil)
		return
	}
	switch {
	case verb == "sync" && r.Method == http.MethodPut:
		s.syncOne(w, t, body)
	case verb == "bulk-sync" && r.Method == http.MethodPost:
		s.bulkSync(w, t, body)
	case verb == "" && r.Method == http.MethodGet:
		if id := r.URL.Query().Get("id"); id != "" {
			s.getOne(w, t, id)
		} else {
			s.list(w, t, r.URL.Query())
		}
	case verb == "" && r.Method == http.MethodDelete:
		s.deleteOne(w, t, r.URL.Query().Get("id"))
	case verb == "sync" || verb == "bulk-sync" || verb == "":
		methodNotAllowed(w)
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Not found", nil)
	}
}

// writeJSON writes {"success":true,"data":data}.
func writeData(w http.ResponseWriter, status int, data any) {
	writeJSON(w, status, map[string]any{"success": true, "data": data})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeError writes the vendor's error envelope.
func writeError(w http.ResponseWriter, status int, code, msg string, details any) {
	e := map[string]any{"code": code, "message": msg, "statusCode": status}
	if details != nil {
		e["details"] = details
	}
	writeJSON(w, status, map[string]any{"success": false, "error": e})
}

// methodNotAllowed is handler.ts's 405, which carries no statusCode.
func methodNotAllowed(w http.ResponseWriter) {
	writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"success": false,
		"error": map[string]any{"code": "METHOD_NOT_ALLOWED", "message": "Method not allowed"}})
}

// newID mints a deterministic UUID-shaped id.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

func (s *Server) newIDLocked() string {
	s.seq++
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", s.seq)
}

// isoTime formats like JavaScript's toISOString.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])[:32]
}
