package gkstest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxBody bounds what the fake reads of a request body.
const maxBody = 1 << 20

// apiMiddleware takes a fault, records the request, checks the bearer token
// and hands over to the generated router.
func (s *Server) apiMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		f, faulty := takeFault(&s.faults, r)
		s.mu.Unlock()

		var body []byte
		if !(faulty && f.Reset == ResetBeforeBody) {
			var err error
			body, err = io.ReadAll(io.LimitReader(r.Body, maxBody))
			if err != nil {
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		s.record(r, body)

		if faulty && s.apply(f, w, r, s.authorized(next)) {
			return
		}
		s.authorized(next).ServeHTTP(w, r)
	})
}

func (s *Server) record(r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{
		Method: r.Method,
		Path:   r.URL.EscapedPath(),
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   body,
	})
}

// authorized refuses requests without a live bearer token the way ASP.NET's
// JwtBearer does: 401, WWW-Authenticate, no body.
func (s *Server) authorized(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		exp, known := s.tokens[tok]
		s.mu.Unlock()
		switch {
		case !ok || tok == "":
			w.Header().Set("WWW-Authenticate", "Bearer")
			w.WriteHeader(http.StatusUnauthorized)
			return
		case !known || !time.Now().Before(exp):
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tokenMiddleware applies token faults.
func (s *Server) tokenMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		f, faulty := takeFault(&s.tokenFaults, r)
		s.mu.Unlock()
		if faulty && s.apply(f, w, r, next) {
			return
		}
		next.ServeHTTP(w, r)
	})
}
