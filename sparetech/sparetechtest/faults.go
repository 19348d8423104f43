package sparetechtest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is what InjectFault does to a request instead of (or before)
// answering it.
type Fault struct {
	// Status, when non-zero, is answered instead of the real response, with
	// Body (default: the status text) as plain text.
	Status int
	Body   string
	// RetryAfter is sent as the Retry-After header (e.g. "2") with Status.
	RetryAfter string
	// Delay holds the request this long first (cut short when the client
	// gives up); without Status or Reset the real response follows.
	Delay time.Duration
	// Reset closes the connection without an answer.
	Reset bool
	// Truncate answers 200 with a JSON body cut off before its end.
	Truncate bool
	// Method and PathPrefix, when set, limit the fault to matching requests,
	// e.g. "POST" and "/v1/creation-intents".
	Method, PathPrefix string
}

type faultSlot struct {
	Fault
	left int
}

// InjectFault applies f to the next n matching requests (token requests
// included), in the order faults were injected.
func (s *Server) InjectFault(f Fault, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultSlot{Fault: f, left: n})
}

// takeFault returns the fault for r, if any; s.mu is held.
func (s *Server) takeFault(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.left <= 0 || (f.Method != "" && f.Method != r.Method) || !strings.HasPrefix(r.URL.Path, f.PathPrefix) {
			continue
		}
		f.left--
		out := f.Fault
		if f.left == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return &out
	}
	return nil
}

// apply performs the fault; it reports whether the request is answered.
func (f *Fault) apply(w http.ResponseWriter, r *http.Request) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
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
		w.Header().Set("Content-Length", "64")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"hasMore":true,"totalCount":`)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		body := f.Body
		if body == "" {
			body = http.StatusText(f.Status)
		}
		text(w, f.Status, body)
		return true
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
