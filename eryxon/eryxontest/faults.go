package eryxontest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure the fake injects instead of answering, before it checks
// the API key or spends the budget (as a gateway in front of the functions
// would).
type Fault struct {
	// Status answers with this status and the error envelope (Code and
	// Message, defaulted from the status). 0 with Delay only delays.
	Status  int
	Code    string
	Message string
	// RetryAfter sets Retry-After (whole seconds, rounded up).
	RetryAfter time.Duration
	// Delay waits before answering (or before handling normally when Status,
	// Reset and Truncate are unset); the wait ends early when the client goes away.
	Delay time.Duration
	// Reset closes the connection without an answer.
	Reset bool
	// Truncate answers 200 with a body cut off in the middle.
	Truncate bool
	// Match, when set, limits the fault to requests it accepts; body is the
	// request body. Requests it rejects are handled normally and do not count.
	Match func(r *http.Request, body []byte) bool
}

type pendingFault struct {
	f    Fault
	left int
}

// FailNext injects f into the next n requests that f.Match accepts.
func (s *Server) FailNext(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &pendingFault{f: f, left: n})
}

// takeFault pops the first pending fault matching r. s.mu is held.
func (s *Server) takeFault(r *http.Request, body []byte) *Fault {
	for i, p := range s.faults {
		if p.f.Match != nil && !p.f.Match(r, body) {
			continue
		}
		p.left--
		if p.left == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		f := p.f
		return &f
	}
	return nil
}

// applyFault carries out f; false means handle the request normally.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
		}
		t.Stop()
	}
	switch {
	case f.Reset:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	case f.Truncate:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success":true,"data":{"res`))
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
			}
		}
		return true
	case f.Status != 0:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(f.RetryAfter.Seconds()))))
		}
		code, msg := f.Code, f.Message
		if code == "" {
			code = codeFor(f.Status)
		}
		if msg == "" {
			msg = http.StatusText(f.Status)
		}
		writeError(w, f.Status, code, msg, nil)
		return true
	}
	return false
}

// codeFor is the vendor's mapError table.
func codeFor(status int) string {
	switch status {
	case 400:
		return "BAD_REQUEST"
	case 401:
		return "UNAUTHORIZED"
	case 402:
		return "QUOTA_EXCEEDED"
	case 403:
		return "FORBIDDEN"
	case 404:
		return "NOT_FOUND"
	case 409:
		return "CONFLICT"
	case 422:
		return "VALIDATION_ERROR"
	case 429:
		return "RATE_LIMIT_EXCEEDED"
	}
	return "INTERNAL_ERROR"
}
