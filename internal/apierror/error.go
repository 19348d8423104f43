package apierror

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/partsync/partsync-go/internal/ratelimit"
)

// RateLimit is the server's rate-limit state as of one response.
type RateLimit = ratelimit.Info

// Error is a failed call: an HTTP response outside 2xx, or a request that got
// no response at all (StatusCode 0, Err set). errors.Is matches it against
// the sentinel classes by status (see Is), against Kind, and against Err.
type Error struct {
	// Vendor names the API ("sparetech", "spr", ...).
	Vendor string
	// Op names the operation when the vendor package knows it ("creation-intents.confirm").
	Op string
	// Method and URL of the last attempt; the URL carries no query string.
	Method, URL string
	// StatusCode is the HTTP status, 0 when no response arrived.
	StatusCode int
	// Code is the vendor's machine-readable error code, when its envelope has one.
	Code string
	// Message is the vendor's human-readable message, or the start of the body.
	Message string
	// RequestID is the server's request id, or the one the client sent.
	RequestID string
	// RetryAfter is the wait the server asked for (Retry-After), clamped to be non-negative.
	RetryAfter time.Duration
	// RateLimit is the rate-limit state the response carried.
	RateLimit RateLimit
	// Body is at most the first 4 KiB of the response body, secrets redacted.
	Body []byte
	// Details holds a vendor's decoded extra fields (validation errors, quota details).
	Details any
	// Attempts is how many times the request was sent.
	Attempts int
	// Kind is a vendor-specific sentinel this error also matches (e.g. a quota or conflict case).
	Kind error
	// Err is the underlying cause: a network error, a context error, a decode error.
	Err error
}

// Error describes the failure in one line. It never contains a secret: the URL
// has no query and the body excerpt is not included.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Vendor != "" {
		b.WriteString(e.Vendor)
		b.WriteString(": ")
	}
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	} else if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.URL)
		b.WriteString(": ")
	}
	mark := b.Len()
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		if e.Code != "" {
			b.WriteString(" ")
			b.WriteString(e.Code)
		}
	}
	if e.Message != "" {
		if b.Len() > mark {
			b.WriteString(": ")
		}
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		if b.Len() > mark {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if b.Len() == mark {
		b.WriteString("request failed")
	}
	if e.Kind != nil && (e.Err == nil || !errors.Is(e.Err, e.Kind)) {
		fmt.Fprintf(&b, " (%v)", e.Kind)
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	return b.String()
}

// Unwrap exposes Kind and Err to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Is matches the status-class sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == 400 || e.StatusCode == 422
	case ErrUnauthorized:
		return e.StatusCode == 401
	case ErrForbidden:
		return e.StatusCode == 403
	case ErrNotFound:
		return e.StatusCode == 404
	case ErrConflict:
		return e.StatusCode == 409
	case ErrRateLimited:
		return e.StatusCode == 429
	case ErrServer:
		return e.StatusCode >= 500
	case ErrNetwork:
		return e.StatusCode == 0 && e.Err != nil && !errors.Is(e.Err, ErrDecode)
	}
	return false
}

// Temporary reports whether the same request may succeed later.
func (e *Error) Temporary() bool {
	switch {
	case e.StatusCode == 0:
		return !errors.Is(e, ErrOutcomeUnknown)
	case e.StatusCode == 429, e.StatusCode == 502, e.StatusCode == 503, e.StatusCode == 504:
		return true
	}
	return false
}
