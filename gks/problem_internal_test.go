package gks

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
)

func TestDecodeErrorProblemDetails(t *testing.T) {
	body := []byte(`{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",
		"status":400,"instance":"/api/v1/customers","traceId":"00-abc-def-00",
		"errors":{"Name":["The Name field is required."],"CorporateIdentityNumber":"Required."},"code":"X1"}`)
	e := &apierror.Error{StatusCode: 400}
	resp := &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {"application/problem+json; charset=utf-8"}}}
	decodeError(e, resp, body)
	pd, ok := e.Details.(*ProblemDetails)
	if !ok {
		t.Fatalf("Details = %T", e.Details)
	}
	if pd.Status != 400 || pd.Instance != "/api/v1/customers" || pd.TraceID != "00-abc-def-00" || pd.Type == "" {
		t.Errorf("problem = %+v", pd)
	}
	if got := pd.FieldErrors("name"); len(got) != 1 || got[0] != "The Name field is required." {
		t.Errorf("FieldErrors(name) = %q", got)
	}
	if got := pd.FieldErrors("corporateIdentityNumber"); len(got) != 1 || got[0] != "Required." {
		t.Errorf("FieldErrors(corporateIdentityNumber) = %q", got)
	}
	if string(pd.Extensions["code"]) != `"X1"` {
		t.Errorf("Extensions = %v", pd.Extensions)
	}
	want := "One or more validation errors occurred. (CorporateIdentityNumber: Required.; Name: The Name field is required.)"
	if e.Message != want {
		t.Errorf("Message = %q, want %q", e.Message, want)
	}
	if e.RequestID != "00-abc-def-00" {
		t.Errorf("RequestID = %q, want the trace id", e.RequestID)
	}
}

func TestDecodeErrorLeavesOtherBodiesAlone(t *testing.T) {
	cases := []struct{ ct, body string }{
		{"text/plain", "Server error. An internal server error occured."},
		{"application/json", `{"message":"nope"}`},
		{"application/json", `not json`},
		{"text/html", `<html>502</html>`},
	}
	for _, c := range cases {
		e := &apierror.Error{StatusCode: 500}
		decodeError(e, &http.Response{Header: http.Header{"Content-Type": {c.ct}}}, []byte(c.body))
		if e.Details != nil || e.Message != "" {
			t.Errorf("%s %q: decoded as %+v", c.ct, c.body, e)
		}
	}
	// Plain application/json with ProblemDetails members is decoded too.
	e := &apierror.Error{StatusCode: 404}
	decodeError(e, &http.Response{Header: http.Header{"Content-Type": {"application/json"}}}, []byte(`{"title":"Not Found","status":404}`))
	if e.Message != "Not Found" {
		t.Errorf("Message = %q", e.Message)
	}
}

func TestProblemMessageIsBounded(t *testing.T) {
	errs := map[string][]string{"F": {strings.Repeat("å", 2000)}}
	b, _ := json.Marshal(map[string]any{"title": "T", "errors": errs})
	pd, ok := parseProblem("application/problem+json", b)
	if !ok {
		t.Fatal("not parsed")
	}
	m := pd.message()
	if len(m) > maxMessage+len("…") || !strings.HasSuffix(m, "…") || !json.Valid([]byte(`"`+m+`"`)) {
		t.Errorf("message of %d bytes", len(m))
	}
}

func FuzzParseProblem(f *testing.F) {
	f.Add("application/problem+json", []byte(`{"title":"x","errors":{"a":["b"]}}`))
	f.Add("application/json", []byte(`{"errors":[1,2]}`))
	f.Add("application/problem+json", []byte(`[]`))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		pd, ok := parseProblem(ct, body)
		if ok {
			_ = pd.message()
			_ = pd.FieldErrors("a")
		}
	})
}

func FuzzDecodeCustomerPage(f *testing.F) {
	f.Add([]byte(`{"items":[{"name":"A","number":null}],"totalCount":1}`))
	f.Add([]byte(`[{"name":"A"}]`))
	f.Add([]byte(`{"data":[]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeCustomerPage(body)
		if err == nil && p.Items == nil {
			t.Errorf("nil items without an error for %q", body)
		}
	})
}
