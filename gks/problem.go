package gks

import (
	"encoding/json"
	"mime"
	"net/http"
	"sort"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// ProblemDetails is an ASP.NET Core error body (RFC 9457,
// application/problem+json). GKS4 does not publish its error format; its
// "validation error" wording points to ASP.NET, so the client decodes this
// shape when the server sends it and keeps plain text otherwise. A decoded
// body is in (*Error).Details.
type ProblemDetails struct {
	// Type is a URI reference naming the problem type.
	Type string
	// Title is a short summary ("One or more validation errors occurred.").
	Title string
	// Status is the HTTP status the server put in the body.
	Status int
	// Detail explains this occurrence.
	Detail string
	// Instance is a URI reference naming this occurrence.
	Instance string
	// TraceID is ASP.NET's trace id, useful when asking Simutek about a call.
	TraceID string
	// Errors maps a field name to its validation messages.
	Errors map[string][]string
	// Extensions are the other members of the body.
	Extensions map[string]json.RawMessage
}

// maxMessage bounds Error.Message built from a ProblemDetails.
const maxMessage = 1024

// decodeError is the transport's Decoder for GKS4: ProblemDetails when the
// body is one, otherwise it leaves Message to the transport (plain text).
func decodeError(e *apierror.Error, resp *http.Response, body []byte) {
	pd, ok := parseProblem(resp.Header.Get("Content-Type"), body)
	if !ok {
		return
	}
	e.Details = pd
	if m := pd.message(); m != "" {
		e.Message = m
	}
	if e.RequestID == "" {
		e.RequestID = pd.TraceID
	}
}

// parseProblem decodes body as ProblemDetails: always for
// application/problem+json, and for application/json when the body has at
// least one of the standard members.
func parseProblem(contentType string, body []byte) (*ProblemDetails, bool) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "application/problem+json" && mt != "application/json" {
		return nil, false
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, false
	}
	pd := &ProblemDetails{}
	known := 0
	str := func(key string, dst *string) {
		if v, ok := raw[key]; ok {
			known++
			_ = json.Unmarshal(v, dst)
			delete(raw, key)
		}
	}
	str("type", &pd.Type)
	str("title", &pd.Title)
	str("detail", &pd.Detail)
	str("instance", &pd.Instance)
	str("traceId", &pd.TraceID)
	if v, ok := raw["status"]; ok {
		known++
		_ = json.Unmarshal(v, &pd.Status)
		delete(raw, "status")
	}
	if v, ok := raw["errors"]; ok {
		known++
		pd.Errors = parseProblemErrors(v)
		delete(raw, "errors")
	}
	if known == 0 && mt != "application/problem+json" {
		return nil, false
	}
	if len(raw) > 0 {
		pd.Extensions = raw
	}
	return pd, true
}

// parseProblemErrors accepts ASP.NET's {"field": ["msg", ...]} and the
// looser {"field": "msg"}.
func parseProblemErrors(v json.RawMessage) map[string][]string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(v, &fields) != nil || len(fields) == 0 {
		return nil
	}
	out := make(map[string][]string, len(fields))
	for k, f := range fields {
		var list []string
		if json.Unmarshal(f, &list) == nil {
			out[k] = list
			continue
		}
		var one string
		if json.Unmarshal(f, &one) == nil {
			out[k] = []string{one}
			continue
		}
		out[k] = []string{string(f)}
	}
	return out
}

// message is Title, Detail and the field errors in one line.
func (p *ProblemDetails) message() string {
	var b strings.Builder
	b.WriteString(p.Title)
	if p.Detail != "" && p.Detail != p.Title {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(p.Detail)
	}
	if len(p.Errors) > 0 {
		fields := make([]string, 0, len(p.Errors))
		for k := range p.Errors {
			fields = append(fields, k)
		}
		sort.Strings(fields)
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("(")
		for i, k := range fields {
			if i > 0 {
				b.WriteString("; ")
			}
			if k != "" {
				b.WriteString(k)
				b.WriteString(": ")
			}
			b.WriteString(strings.Join(p.Errors[k], " "))
		}
		b.WriteString(")")
	}
	s := b.String()
	if len(s) > maxMessage {
		s = strings.ToValidUTF8(s[:maxMessage], "") + "…"
	}
	return s
}

// FieldErrors returns the validation messages for field, matched
// case-insensitively (ASP.NET reports "Name" for the JSON field "name").
func (p *ProblemDetails) FieldErrors(field string) []string {
	if p == nil {
		return nil
	}
	var out []string
	for k, v := range p.Errors {
		if strings.EqualFold(k, field) || strings.EqualFold(strings.TrimPrefix(k, "$."), field) {
			out = append(out, v...)
		}
	}
	return out
}
