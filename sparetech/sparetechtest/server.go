package sparetechtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"

	"github.com/partsync/partsync-go/sparetech"
)

// Server is the fake SPARETECH Sync API. All methods are safe for
// concurrent use.
type Server struct {
	srv *httptest.Server
	cfg config

	mu            sync.Mutex
	tokens        map[string]tokenInfo
	tokenSeq      int
	tokenRequests int
	quotaDay      string
	issuedToday   int
	intents       map[string]*intent // by id, all kinds
	idSeq         int
	materials     map[string]*material
	upserts       []sparetech.UpsertMaterial
	requests      []Request
	faults        []*faultSlot
}

// Request is one request the fake received.
type Request struct {
	Method string
	// Path is the URL path, e.g. "/v1/creation-intents".
	Path string
	// Query is the parsed query string.
	Query  url.Values
	Header http.Header
	Body   []byte
}

// NewServer starts a fake on 127.0.0.1. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		cfg:       cfg,
		tokens:    map[string]tokenInfo{},
		intents:   map[string]*intent{},
		materials: map[string]*material{},
	}
	if cfg.seed {
		s.seedDefaults()
	}
	s.srv = httptest.NewServer(s.handler())
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// URL is the v1 root, for sparetech.WithBaseURL. The v2 root (URLV2) is
// derived from it by the client.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// URLV2 is the v2 root, for sparetech.WithBaseURLV2.
func (s *Server) URLV2() string { return s.srv.URL + "/v2" }

// TokenURL is the v1 /oauth/token endpoint.
func (s *Server) TokenURL() string { return s.srv.URL + "/v1/oauth/token" }

// LegacyTokenURL is the deprecated v1 /auth endpoint.
func (s *Server) LegacyTokenURL() string { return s.srv.URL + "/v1/auth" }

// Credentials are the client id and secret the fake accepts.
func (s *Server) Credentials() sparetech.Credentials { return s.cfg.creds }

// Options are the client options that point a sparetech.Client at the fake.
func (s *Server) Options() []sparetech.Option {
	return []sparetech.Option{sparetech.WithBaseURL(s.URL())}
}

// Requests returns copies of every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = Request{Method: r.Method, Path: r.Path, Query: cloneValues(r.Query), Header: r.Header.Clone(), Body: bytes.Clone(r.Body)}
	}
	return out
}

// ClearRequests forgets the recorded requests (not the counters).
func (s *Server) ClearRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// TokenRequests counts the requests to /oauth/token and /auth, answered or refused.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenRequests
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

const maxBody = 1 << 20

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	for _, v := range []string{"v1", "v2"} {
		p := "/" + v
		mux.HandleFunc("POST "+p+"/oauth/token", s.handleToken)
		mux.HandleFunc("POST "+p+"/auth", s.handleLegacyToken)
		for _, k := range kinds {
			mux.HandleFunc("POST "+p+"/"+k.path+"/{id}/confirm", s.authed(s.handleConfirm(k, v)))
			mux.HandleFunc("POST "+p+"/"+k.path+"/{id}/reject", s.authed(s.handleReject(k)))
		}
	}
	for _, k := range kinds {
		mux.HandleFunc("GET /v1/"+k.path, s.authed(s.handleList(k)))
		mux.HandleFunc("GET /v1/"+k.path+"/{id}", s.authed(s.handleGet(k)))
	}
	mux.HandleFunc("GET /v1/schema/export", s.authed(s.handleSchema(func() []string { return s.cfg.exportSchema })))
	mux.HandleFunc("GET /v1/schema/import", s.authed(s.handleSchema(func() []string { return s.cfg.importSchema })))
	mux.HandleFunc("POST /v1/material", s.authed(s.handleCreateMaterial))
	mux.HandleFunc("PUT /v1/material/{reference}", s.authed(s.handleUpdateMaterial))
	mux.HandleFunc("POST /v1/material/{reference}/extend", s.authed(s.handleExtendMaterial))
	mux.HandleFunc("POST /v2/material", s.authed(s.handleUpsertV2))

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			text(w, http.StatusBadRequest, "unreadable body")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
		if strings.HasSuffix(r.URL.Path, "/oauth/token") || strings.HasSuffix(r.URL.Path, "/auth") {
			s.tokenRequests++
		}
		f := s.takeFault(r)
		s.mu.Unlock()
		if f != nil && f.apply(w, r) {
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// authed answers 401 unless the request carries a live bearer token.
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		info, known := s.tokens[tok]
		live := ok && known && s.cfg.now().Before(info.expiry)
		s.mu.Unlock()
		if !live {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sparetech"`)
			text(w, http.StatusUnauthorized, "Unauthorized")
			return
		}
		h(w, r)
	}
}

func text(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg)
}

func ok(w http.ResponseWriter) { text(w, http.StatusOK, "OK") }

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		text(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *Server) handleSchema(names func() []string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		out := append([]string{}, names()...)
		writeJSON(w, http.StatusOK, out)
	}
}
