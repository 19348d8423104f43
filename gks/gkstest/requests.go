package gkstest

import (
	"net/http"
	"net/url"
	"slices"
)

// Request is an API request the fake received, as it arrived.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the escaped path ("/api/v1/customers/K%2F1").
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Header is a copy of the request headers (Authorization included).
	Header http.Header
	// Body is the request body; nil when a fault reset the connection
	// before it was read.
	Body []byte
}

// TokenRequest is a request the fake's token endpoint received. The client
// secret itself is not kept.
type TokenRequest struct {
	// ContentType is the Content-Type header.
	ContentType string
	// GrantType, ClientID and Scope are the form fields.
	GrantType, ClientID, Scope string
	// SecretInForm says whether client_secret was a form field.
	SecretInForm bool
	// BasicAuth says whether the request carried HTTP Basic credentials.
	BasicAuth bool
}

// Requests returns copies of the API requests received so far, oldest first
// (token requests are in TokenRequests).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = Request{Method: r.Method, Path: r.Path, Query: cloneValues(r.Query), Header: r.Header.Clone(), Body: slices.Clone(r.Body)}
	}
	return out
}

// TokenRequests returns the token requests received so far, oldest first.
func (s *Server) TokenRequests() []TokenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokenReqs)
}

// ResetRequests forgets the recorded API and token requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.tokenReqs = nil, nil
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
