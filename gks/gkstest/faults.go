package gkstest

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// Reset says whether and when an injected fault drops the connection.
type Reset int

const (
	// NoReset answers normally (or with Fault.Status).
	NoReset Reset = iota
	// ResetBeforeBody closes the connection before reading the request body.
	ResetBeforeBody
	// ResetAfterBody reads (and records) the whole request, then closes the
	// connection without answering: the server got the request, the client
	// gets no response. Creates are not applied.
	ResetAfterBody
)

// Fault is a failure injected into the next matching requests.
type Fault struct {
	// Method and Path restrict the fault to matching requests (empty: any);
	// Path is a prefix of the escaped path ("/api/v1/salesorders").
	Method, Path string
	// Delay waits before acting (or before serving normally when nothing
	// else is set). A client deadline or Close cuts it short.
	Delay time.Duration
	// Status answers with this status instead of serving the request.
	Status int
	// Body is the answer's body; empty means a ProblemDetails for Status.
	Body string
	// ContentType of Body; default text/plain for a custom Body.
	ContentType string
	// RetryAfter is sent as the Retry-After header ("2", or an HTTP date).
	RetryAfter string
	// Reset drops the connection instead of answering.
	Reset Reset
	// Truncate serves the request but sends only half of the response body
	// under the full Content-Length.
	Truncate bool
}

type faultSlot struct {
	f Fault
	n int
}

// InjectFault applies f to the next n API requests that match it. Faults
// queue up: each request takes the oldest matching one.
func (s *Server) InjectFault(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > 0 {
		s.faults = append(s.faults, &faultSlot{f: f, n: n})
	}
}

// InjectTokenFault applies f to the next n token requests.
func (s *Server) InjectTokenFault(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > 0 {
		s.tokenFaults = append(s.tokenFaults, &faultSlot{f: f, n: n})
	}
}

// takeFault consumes the oldest fault in *slots matching r. Callers hold s.mu.
func takeFault(slots *[]*faultSlot, r *http.Request) (Fault, bool) {
	for i, sl := range *slots {
		if sl.f.Method != "" && !strings.EqualFold(sl.f.Method, r.Method) {
			continue
		}
		if sl.f.Path != "" && !strings.HasPrefix(r.URL.EscapedPath(), sl.f.Path) {
			continue
		}
		sl.n--
		if sl.n <= 0 {
			*slots = append((*slots)[:i], (*slots)[i+1:]...)
		}
		return sl.f, true
	}
	return Fault{}, false
}

// apply acts out f. It reports whether the request was fully handled;
// false means serve it normally (after a delay).
func (s *Server) apply(f Fault, w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		case <-s.done:
			t.Stop()
			return true
		}
	}
	switch {
	case f.Reset != NoReset:
		if f.Reset == ResetAfterBody {
			_, _ = io.Copy(io.Discard, r.Body)
		}
		resetConn(w)
		return true
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if f.Body == "" {
			writeProblem(w, f.Status, "", nil)
			return true
		}
		ct := f.ContentType
		if ct == "" {
			ct = "text/plain; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(f.Status)
		_, _ = io.WriteString(w, f.Body)
		return true
	case f.Truncate:
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		w.WriteHeader(rec.Code)
		_, _ = io.Copy(w, bytes.NewReader(body[:len(body)/2]))
		return true
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	return false
}

// resetConn drops the connection with a TCP reset where possible.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
