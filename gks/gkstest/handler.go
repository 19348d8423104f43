package gkstest

import (
	"encoding/json"
	"mime"
	"net/http"

	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// handler serves the routes of gks/openapi.yaml (generated router), so the
// fake reads the same paths, query names and JSON names as the client.
type handler struct {
	s *Server
}

var _ oapi.ServerInterface = (*handler)(nil)

// decodeJSONBody checks the content type and decodes the body into v,
// answering 415 or 400 like ASP.NET Core when it cannot.
func decodeJSONBody(w http.ResponseWriter, r *http.Request, v any) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" && mt != "application/problem+json" {
		writeProblem(w, http.StatusUnsupportedMediaType, "", nil)
		return false
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		validationError(w, "$", "The JSON value could not be converted: "+err.Error())
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
