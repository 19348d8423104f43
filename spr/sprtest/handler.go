package sprtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Handler is the fake as an http.Handler, for in-process transports (for
// example in testing/synctest bubbles, where real sockets cannot be used).
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serve) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w}
	isToken := r.URL.Path == "/oauth/token"
	entry := Request{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(),
		Query: r.URL.Query(), Header: r.Header.Clone(),
	}
	if isToken {
		entry.Form = tokenForm(r)
	}
	s.mu.Lock()
	entry.At = s.now()
	f, faulted := s.takeFault(isToken)
	s.mu.Unlock()
	defer func() {
		entry.Status = rec.status
		s.mu.Lock()
		s.requests = append(s.requests, entry)
		s.mu.Unlock()
	}()

	if faulted && f.apply(rec, r) {
		return
	}
	if isToken {
		s.serveToken(rec, r, entry.Form)
		return
	}
	if r.URL.Path == "/login" {
		html(rec, http.StatusOK, "Iniciar sesión")
		return
	}
	if !wantsJSON(r) {
		s.serveAPI(&htmlErrors{ResponseWriter: rec}, r)
		return
	}
	s.serveAPI(rec, r)
}

// wantsJSON is Laravel's Request::wantsJson: the Accept header names JSON.
func wantsJSON(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, "/json") || strings.Contains(a, "+json")
}

// htmlErrors turns the JSON errors into what Laravel sends a client that
// did not ask for JSON: a redirect to the login form for 401, a redirect
// back for 422, an HTML page otherwise.
type htmlErrors struct {
	http.ResponseWriter
	swallow bool
}

func (h *htmlErrors) WriteHeader(code int) {
	if code < 400 {
		h.ResponseWriter.WriteHeader(code)
		return
	}
	h.swallow = true
	h.Header().Del("Content-Length")
	switch code {
	case http.StatusUnauthorized:
		h.Header().Set("Location", "/login")
		html(h.ResponseWriter, http.StatusFound, "Redirecting to /login")
	case http.StatusUnprocessableEntity:
		h.Header().Set("Location", "/")
		html(h.ResponseWriter, http.StatusFound, "Redirecting to /")
	default:
		html(h.ResponseWriter, code, http.StatusText(code))
	}
}

func (h *htmlErrors) Write(b []byte) (int, error) {
	if h.swallow {
		return len(b), nil
	}
	return h.ResponseWriter.Write(b)
}

func html(w http.ResponseWriter, status int, title string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><head><title>" + title + "</title></head><body>" + title + "</body></html>\n"))
}

// recorder remembers the status written.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (Hijack).
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// laravel writes Laravel's JSON error body {"message": ...}.
func laravel(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"message": message})
}

// validationFailed writes Laravel's 422 body for the given field errors
// (field, message pairs, in order).
func validationFailed(w http.ResponseWriter, pairs ...string) {
	errs := map[string][]string{}
	first := ""
	for i := 0; i+1 < len(pairs); i += 2 {
		errs[pairs[i]] = append(errs[pairs[i]], pairs[i+1])
		if first == "" {
			first = pairs[i+1]
		}
	}
	msg := first
	if n := len(pairs)/2 - 1; n == 1 {
		msg += " (and 1 more error)"
	} else if n > 1 {
		msg += " (and " + strconv.Itoa(n) + " more errors)"
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": msg, "errors": errs})
}

// segments splits the escaped path into unescaped segments, so that an
// escaped "/" inside a product code stays in its segment.
func segments(r *http.Request) []string {
	raw := strings.Trim(r.URL.EscapedPath(), "/")
	if raw == "" {
		return nil
	}
	parts := strings.Split(raw, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	return parts
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, allowed string) {
	w.Header().Set("Allow", allowed)
	laravel(w, http.StatusMethodNotAllowed, "The "+r.Method+" method is not supported for route "+
		strings.TrimPrefix(r.URL.Path, "/")+". Supported methods: "+allowed+".")
}

func routeNotFound(w http.ResponseWriter, r *http.Request) {
	laravel(w, http.StatusNotFound, "The route "+strings.TrimPrefix(r.URL.Path, "/")+" could not be found.")
}
