package gkstest

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// problemTypes are the type URIs ASP.NET Core puts in ProblemDetails.
var problemTypes = map[int]string{
	400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
	401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
	404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
	415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
	429: "https://tools.ietf.org/html/rfc6585#section-4",
	500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
	503: "https://tools.ietf.org/html/rfc9110#section-15.6.4",
}

// validationTitle is ASP.NET Core's title for model validation failures.
const validationTitle = "One or more validation errors occurred."

// writeProblem answers with an ASP.NET Core ProblemDetails body.
// fieldErrors, when set, is the validation "errors" map.
func writeProblem(w http.ResponseWriter, status int, detail string, fieldErrors map[string][]string) {
	title := http.StatusText(status)
	if fieldErrors != nil {
		title = validationTitle
	}
	pd := oapi.ProblemDetails{Title: &title}
	st := int32(status)
	pd.Status = &st
	if t, ok := problemTypes[status]; ok {
		pd.Type = &t
	}
	if detail != "" {
		pd.Detail = &detail
	}
	if fieldErrors != nil {
		pd.Errors = &fieldErrors
	}
	trace := "00-" + randomHex(16) + "-" + randomHex(8) + "-00"
	pd.TraceId = &trace
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(pd)
}

// validationError is a 400 with one field's message.
func validationError(w http.ResponseWriter, field, msg string) {
	writeProblem(w, http.StatusBadRequest, "", map[string][]string{field: {msg}})
}

// paramError answers query parameters that do not bind (page=abc) the way
// ASP.NET model binding does.
func paramError(w http.ResponseWriter, _ *http.Request, err error) {
	var inv *oapi.InvalidParamFormatError
	if errors.As(err, &inv) {
		validationError(w, inv.ParamName, "The value is not valid for "+inv.ParamName+".")
		return
	}
	writeProblem(w, http.StatusBadRequest, err.Error(), map[string][]string{})
}
