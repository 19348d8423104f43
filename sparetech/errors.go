package sparetech

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// Error is a failed call: the HTTP status, the raw text of the response
// (SPARETECH publishes no error body schema), and, for the documented cases,
// a Kind that errors.Is matches (ErrMaterialExists, ErrTokenQuota, ...).
type Error = apierror.Error

// RateLimit is the rate-limit state of the last response. SPARETECH
// publishes no rate-limit headers, so it is usually zero.
type RateLimit = apierror.RateLimit

// The status classes every partsync-go package shares; errors.Is matches an
// *Error against them by its status code.
var (
	// ErrBadRequest matches 400 and 422.
	ErrBadRequest = apierror.ErrBadRequest
	// ErrUnauthorized matches 401: the credentials or the token were refused.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches 403.
	ErrForbidden = apierror.ErrForbidden
	// ErrNotFound matches 404, such as an intent that does not exist.
	ErrNotFound = apierror.ErrNotFound
	// ErrConflict matches 409, and ErrMaterialExists.
	ErrConflict = apierror.ErrConflict
	// ErrRateLimited matches 429.
	ErrRateLimited = apierror.ErrRateLimited
	// ErrServer matches every 5xx.
	ErrServer = apierror.ErrServer
	// ErrNetwork matches a request that got no HTTP response.
	ErrNetwork = apierror.ErrNetwork
	// ErrOutcomeUnknown matches a confirm, reject or material write whose
	// connection failed after it was sent: SPARETECH may or may not have
	// applied it, and the client did not send it again.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrInvalidInput matches input rejected before any request was sent.
	ErrInvalidInput = apierror.ErrInvalidInput
	// ErrDecode matches a 2xx response whose body could not be decoded.
	ErrDecode = apierror.ErrDecode
)

// kind is a SPARETECH-specific error class, set as (*Error).Kind.
type kind struct {
	msg  string
	also error // a shared class this one also matches
}

func (k *kind) Error() string { return k.msg }

// Is lets a kind match the shared class it belongs to.
func (k *kind) Is(target error) bool { return k.also != nil && target == k.also }

// The documented SPARETECH cases. They are classified by operation and
// status code, never by the (unpublished) wording of the body.
var (
	// ErrTokenQuota: the token endpoint answered 403, the daily token quota
	// is spent. The token cache backs off instead of asking again at once;
	// a restart does not help, only a token stored with WithTokenStore does.
	ErrTokenQuota error = &kind{msg: "sparetech: token quota exceeded"}
	// ErrMaterialExists: Materials.Create answered 404 "Material reference
	// already exists." It also matches ErrConflict (and, because of the
	// vendor's status code, ErrNotFound).
	ErrMaterialExists error = &kind{msg: "sparetech: material reference already exists", also: apierror.ErrConflict}
	// ErrInvalidMaterialReference: Materials.Update answered 409 "Invalid
	// material reference."
	ErrInvalidMaterialReference error = &kind{msg: "sparetech: invalid material reference"}
	// ErrPlantAlreadyIncluded: Materials.Extend answered 409 "Plant is
	// already included in material".
	ErrPlantAlreadyIncluded error = &kind{msg: "sparetech: plant is already included in material"}
	// ErrMaterialFieldsInExtension: Materials.Extend answered 422 "Material
	// fields should not be part of an extension."
	ErrMaterialFieldsInExtension error = &kind{msg: "sparetech: material fields should not be part of an extension"}
)

// Operation names, used in errors and logs.
const (
	opToken          = "token"
	opSchemaExport   = "schema.export"
	opSchemaImport   = "schema.import"
	opMaterialCreate = "material.create"
	opMaterialUpdate = "material.update"
	opMaterialExtend = "material.extend"
	opMaterialUpsert = "material.upsert"
)

// classify names the documented error cases of op by status code.
func classify(op string, err error) error {
	var ae *apierror.Error
	if !errors.As(err, &ae) {
		return err
	}
	// A copy: the error may be shared (a token failure the cache hands to
	// every waiting goroutine).
	e := *ae
	if e.Op == "" {
		e.Op = op
	}
	if e.Kind != nil {
		return &e
	}
	switch {
	case op == opMaterialCreate && e.StatusCode == http.StatusNotFound:
		// Quirk: SPARETECH answers an existing reference with 404, not 409.
		e.Kind = ErrMaterialExists
	case op == opMaterialUpdate && e.StatusCode == http.StatusConflict:
		e.Kind = ErrInvalidMaterialReference
	case op == opMaterialExtend && e.StatusCode == http.StatusConflict:
		e.Kind = ErrPlantAlreadyIncluded
	case op == opMaterialExtend && e.StatusCode == http.StatusUnprocessableEntity:
		e.Kind = ErrMaterialFieldsInExtension
	}
	return &e
}

// decodeError takes the message out of a JSON error body when there is one
// ({"message": ...} or {"error": ...}, the message possibly a list); any
// other body stays raw text (apierror's default). The shape is unpublished.
func decodeError(e *apierror.Error, _ *http.Response, body []byte) {
	var v struct {
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &v) != nil {
		return
	}
	for _, raw := range []json.RawMessage{v.Message, v.Error} {
		if m := jsonText(raw); m != "" {
			e.Message = m
			return
		}
	}
}

// jsonText renders a JSON string or list of strings as one line.
func jsonText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.TrimSpace(strings.Join(list, "; "))
	}
	return ""
}
