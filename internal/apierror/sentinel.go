package apierror

// sentinel is an error class that *Error matches by status (see Error.Is).
type sentinel string

func (s sentinel) Error() string { return string(s) }

// The sentinel classes every vendor package re-exports.
var (
	// ErrBadRequest matches 400 and 422: the server rejected the input.
	ErrBadRequest error = sentinel("bad request")
	// ErrUnauthorized matches 401: the credentials or token were not accepted.
	ErrUnauthorized error = sentinel("unauthorized")
	// ErrForbidden matches 403.
	ErrForbidden error = sentinel("forbidden")
	// ErrNotFound matches 404.
	ErrNotFound error = sentinel("not found")
	// ErrConflict matches 409, and vendor cases that mean a conflict.
	ErrConflict error = sentinel("conflict")
	// ErrRateLimited matches 429, and a request the client held back because
	// the server's budget is spent until a reset later than the caller can wait.
	ErrRateLimited error = sentinel("rate limited")
	// ErrServer matches every 5xx.
	ErrServer error = sentinel("server error")
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork error = sentinel("network error")
	// ErrOutcomeUnknown matches a non-idempotent write whose connection failed
	// after the request was sent: the server may or may not have applied it,
	// and the client did not send it again.
	ErrOutcomeUnknown error = sentinel("outcome unknown: the request was sent but no response arrived")
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput error = sentinel("invalid input")
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode error = sentinel("response could not be decoded")
)
