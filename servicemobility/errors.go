package servicemobility

import "github.com/partsync/partsync-go/internal/apierror"

// Error is a failed client call: the HTTP status and the start of the
// response's text (ServiceMobility's error bodies are descriptive text, with
// no published structure). A 401 also matches ErrInvalidLogon.
type Error = apierror.Error

// RateLimit is the rate-limit state of the last response. ServiceMobility
// publishes no rate-limit headers, so it is usually zero.
type RateLimit = apierror.RateLimit

// The status classes every partsync-go package shares; errors.Is matches an
// *Error against them by its status code.
var (
	// ErrBadRequest matches 400 and 422.
	ErrBadRequest = apierror.ErrBadRequest
	// ErrUnauthorized matches 401: the login or the token was refused.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches 403.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound matches 404.
	ErrNotFound = apierror.ErrNotFound
	// ErrConflict matches 409.
	ErrConflict = apierror.ErrConflict
	// ErrRateLimited matches 429.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer matches every 5xx, such as a failure the customer's Parts
	// Ordering endpoint reported (ServiceMobility relays its 500).
	ErrServer = apierror.ErrServer
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork = apierror.ErrNetwork
	// ErrOutcomeUnknown matches a parts order whose connection failed after
	// it was sent: the order may or may not have been placed, and the client
	// did not send it again.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput = apierror.ErrInvalidInput
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode = apierror.ErrDecode
)

// ErrInvalidLogon is the interfaces' 401 "Invalid Logon.". A
// PartsOrderingService or Authenticator returns it (or an error wrapping it)
// to make the handler answer 401; a client error for a 401 matches it too,
// and it matches ErrUnauthorized.
var ErrInvalidLogon error = invalidLogon{}

type invalidLogon struct{}

// Error describes the refusal.
func (invalidLogon) Error() string { return "servicemobility: invalid logon" }

// Is makes ErrInvalidLogon match the shared ErrUnauthorized class.
func (invalidLogon) Is(target error) bool { return target == apierror.ErrUnauthorized }

const vendor = "servicemobility"
