package sprtest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure the fake injects instead of (or before) its normal answer.
type Fault struct {
	// Status answers with this status and Body (default: Laravel's body for
	// the status) instead of the normal answer.
	Status int
	// Body replaces the default error body.
	Body string
	// RetryAfter, when non-zero, is sent as Retry-After in whole seconds.
	RetryAfter time.Duration
	// Delay waits before answering (the request's context cancels the wait).
	// With no other field set the normal answer follows the delay.
	Delay time.Duration
	// Reset drops the connection without an answer.
	Reset bool
	// Truncate answers 200 with the first half of a JSON body.
	Truncate bool
	// Token makes the fault apply to token requests instead of API requests.
	Token bool
}

type pending struct {
	f Fault
	n int
}

// InjectFault makes the next n API requests (or token requests, with
// f.Token) fail as f describes. Faults queue up in the order injected.
func (s *Server) InjectFault(n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, pending{f: f, n: n})
}

// takeFault consumes one matching fault; the caller holds s.mu.
func (s *Server) takeFault(token bool) (Fault, bool) {
	for i := range s.faults {
		if s.faults[i].f.Token != token {
			continue
		}
		f := s.faults[i].f
		s.faults[i].n--
		if s.faults[i].n == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f, true
	}
	return Fault{}, false
}

// apply carries out the fault; it reports whether the answer was given.
func (f Fault) apply(w *recorder, r *http.Request) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(f.RetryAfter.Round(time.Second)/time.Second)))
	}
	switch {
	case f.Reset:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return true
		}
		// No connection to drop (an in-process handler): abort the response.
		panic(http.ErrAbortHandler)
	case f.Truncate:
		body := `{"current_page":1,"data":[{"code":"RT-512490","detailed_description":"MAZA DE RUEDA`
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(body))
		return true
	case f.Status != 0:
		if f.Body != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
			return true
		}
		laravel(w, f.Status, statusMessage(f.Status))
		return true
	}
	return false
}

// statusMessage is Laravel's message for a bare HTTP error.
func statusMessage(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "Unauthenticated."
	case http.StatusForbidden:
		return "This action is unauthorized."
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusTooManyRequests:
		return "Too Many Attempts."
	case http.StatusServiceUnavailable:
		return "Service Unavailable"
	case http.StatusInternalServerError:
		return "Server Error"
	}
	return http.StatusText(status)
}
