package gks

import (
	"github.com/partsync/partsync-go/internal/apierror"
)

// Error is a failed call: the HTTP status, the server's message, and for
// ASP.NET ProblemDetails bodies the decoded *ProblemDetails in Details.
// errors.Is matches it against the sentinel classes below.
type Error = apierror.Error

// RateLimit is the rate-limit state of a response. GKS4 publishes no
// rate-limit headers, so it is usually zero.
type RateLimit = apierror.RateLimit

// The error classes every partsync-go package shares; errors.Is matches an
// *Error against them by its status code.
var (
	// ErrBadRequest matches 400 and 422: GKS4 rejected the input; the
	// ProblemDetails in (*Error).Details says which fields.
	ErrBadRequest = apierror.ErrBadRequest
	// ErrUnauthorized matches 401: the credentials or the token were refused.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches 403.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound matches 404: an unknown customer number (Get, and a sales
	// order whose buyer does not exist).
	ErrNotFound = apierror.ErrNotFound
	// ErrConflict matches 409.
	ErrConflict = apierror.ErrConflict
	// ErrRateLimited matches 429.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer matches every 5xx.
	ErrServer = apierror.ErrServer
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork = apierror.ErrNetwork
	// ErrOutcomeUnknown matches a create whose connection failed after it
	// was sent: GKS4 may or may not have created the customer or sales
	// order, and the client did not send it again. Look it up before
	// retrying by hand.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput = apierror.ErrInvalidInput
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode = apierror.ErrDecode
)
