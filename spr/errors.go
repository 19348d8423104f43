package spr

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
)

// Error is a failed call: an HTTP status outside 2xx or a request that got no
// response. Use errors.As to get it and errors.Is with the sentinels below.
type Error = apierror.Error

// RateLimit is the server's rate-limit state as of one response (Laravel's
// throttle headers, when the server sends them).
type RateLimit = apierror.RateLimit

// InputError is input rejected before any request was sent; it matches
// ErrInvalidInput.
type InputError = apierror.InputError

// RetrieveError is an OAuth error from the token endpoint, e.g. ErrorCode
// "invalid_grant" with "The user credentials were incorrect.".
type RetrieveError = auth.RetrieveError

// Error classes; errors.Is matches an *Error against them by status.
var (
	// ErrBadRequest matches 400 and 422 (Laravel validation failures).
	ErrBadRequest = apierror.ErrBadRequest
	// ErrUnauthorized matches 401: the token was rejected even after one
	// renewal and replay.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches 403: the user lacks the permission.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound matches 404: no product with that code, or no such resource
	// in this region (inventory outside Guatemala).
	ErrNotFound = apierror.ErrNotFound
	// ErrConflict matches 409.
	ErrConflict = apierror.ErrConflict
	// ErrRateLimited matches 429.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer matches every 5xx.
	ErrServer = apierror.ErrServer
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork = apierror.ErrNetwork
	// ErrOutcomeUnknown matches a write whose outcome is unknown (SPR has no
	// writes; kept for symmetry with the other vendor packages).
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput = apierror.ErrInvalidInput
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode = apierror.ErrDecode
)

// errorBody is Laravel's JSON error body ({"message", "errors"}) and Passport's
// OAuth error body ({"error", "error_description", "message"}) in one.
type errorBody struct {
	Message          string              `json:"message"`
	Errors           map[string][]string `json:"errors"`
	Error            string              `json:"error"`
	ErrorDescription string              `json:"error_description"`
}

// decodeError fills Message (and Code, Details) from a Laravel error body.
// The vendor publishes no API error format; these are Laravel's defaults.
func decodeError(e *Error, _ *http.Response, body []byte) {
	var b errorBody
	if json.Unmarshal(body, &b) != nil {
		return
	}
	e.Code = b.Error
	e.Message = strings.TrimSpace(b.Message)
	if e.Message == "" {
		e.Message = strings.TrimSpace(b.ErrorDescription)
	}
	if len(b.Errors) > 0 {
		e.Details = b.Errors
	}
}
