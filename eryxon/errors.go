package eryxon

import (
	"errors"

	"github.com/partsync/partsync-go/internal/apierror"
)

// Error is a failed call: an HTTP status outside 2xx (with Eryxon's code,
// message and details), or a request that got no response.
type Error = apierror.Error

// RateLimit is the server's rate-limit state. Eryxon sends it only on 429
// responses: Remaining 0 and Reset, the end of the 24-hour window.
type RateLimit = apierror.RateLimit

// InputError is input rejected before any request was sent.
type InputError = apierror.InputError

// Error classes; errors.Is matches an *Error against them.
var (
	// ErrBadRequest matches 400 and 422 (VALIDATION_ERROR, BAD_REQUEST).
	ErrBadRequest = apierror.ErrBadRequest
	// ErrUnauthorized matches 401: the API key was not accepted.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches 403.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound matches 404.
	ErrNotFound = apierror.ErrNotFound
	// ErrConflict matches 409.
	ErrConflict = apierror.ErrConflict
	// ErrRateLimited matches 429, and a request the client held back because
	// the daily budget is spent until a reset later than WithMaxRateLimitWait.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer matches every 5xx. On Eryxon a 500 INTERNAL_ERROR is often a
	// database error (an unknown column, a NOT NULL or foreign-key violation).
	ErrServer = apierror.ErrServer
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork = apierror.ErrNetwork
	// ErrOutcomeUnknown matches a write whose outcome the client cannot know.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput = apierror.ErrInvalidInput
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode = apierror.ErrDecode
)

// ErrQuotaExceeded matches a 402 QUOTA_EXCEEDED: the plan's monthly job or
// part quota is used up. It is never retried; Error.Details holds a
// *QuotaDetail.
var ErrQuotaExceeded = errors.New("eryxon: plan quota exceeded")

// ErrNotSent matches the outcome of a bulk item that was never sent: the run
// stopped first (rate limit, quota, cancelled context), or the item's parent
// could not be resolved or failed to sync. Such an item is unchanged on the
// server and can be sent again later.
var ErrNotSent = errors.New("eryxon: not sent")

// NotSentError is the Err of a bulk outcome for an item that was never sent.
// errors.Is matches ErrNotSent and the cause.
type NotSentError struct {
	// Cause says why: the error that stopped the run, or the parent problem.
	Cause error
}

// Error says that the item was not sent, and why.
func (e *NotSentError) Error() string {
	if e.Cause == nil {
		return "eryxon: not sent"
	}
	return "eryxon: not sent: " + e.Cause.Error()
}

// Is matches ErrNotSent.
func (e *NotSentError) Is(target error) bool { return target == ErrNotSent }

// Unwrap returns the cause.
func (e *NotSentError) Unwrap() error { return e.Cause }

// ValidationDetail is one entry of a VALIDATION_ERROR's details (Error.Details
// holds a []ValidationDetail), or of a bulk item's error.
type ValidationDetail struct {
	Field       string `json:"field"`
	Message     string `json:"message"`
	Value       any    `json:"value,omitempty"`
	Constraint  string `json:"constraint,omitempty"`
	EntityType  string `json:"entityType,omitempty"`
	EntityIndex *int   `json:"entityIndex,omitempty"`
}

// QuotaDetail is the Details of a 402 QUOTA_EXCEEDED.
type QuotaDetail struct {
	LimitType    string `json:"limitType"`
	CurrentUsage int    `json:"currentUsage"`
	Limit        int    `json:"limit"`
}
