package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Validator checks request/response pairs against one or more documents;
// the first document with a matching operation is used.
type Validator struct {
	docs []*Doc

	mu       sync.Mutex
	failures []string
	checked  int
	seen     map[string]int
}

// NewValidator validates against docs.
func NewValidator(docs ...*Doc) *Validator {
	return &Validator{docs: docs, seen: map[string]int{}}
}

// Check validates one exchange. reqBody and respBody are the full bodies
// (the request's and response's own Body fields are not read). resp may be
// nil when no response arrived; then only the request is checked.
func (v *Validator) Check(req *http.Request, reqBody []byte, resp *http.Response, respBody []byte) error {
	ctx := context.Background()
	doc, route, params, err := v.route(req)
	if err != nil {
		return err
	}
	key := doc.name + " " + route.Method + " " + route.Path
	v.mu.Lock()
	v.checked++
	v.seen[key]++
	v.mu.Unlock()

	opts := &openapi3filter.Options{
		AuthenticationFunc:  checkCredentials,
		ExcludeRequestBody:  doc.cfg.ExcludeRequestBody,
		ExcludeResponseBody: doc.cfg.ExcludeResponseBody,
		MultiError:          true,
	}
	vreq := req.Clone(ctx)
	vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	vreq.GetBody = nil
	vreq.ContentLength = int64(len(reqBody))
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: opts}
	var errs []error
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		errs = append(errs, fmt.Errorf("request: %w", err))
	}
	if resp != nil {
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
		out.SetBodyBytes(respBody)
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			errs = append(errs, fmt.Errorf("response %d: %w", resp.StatusCode, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s %s (%s %s in %s): %w", req.Method, req.URL.Path, route.Method, route.Path, doc.name, err)
	}
	return nil
}

func (v *Validator) route(req *http.Request) (*Doc, *routers.Route, map[string]string, error) {
	for _, d := range v.docs {
		path := req.URL.Path
		if d.prefix != "" {
			rest, ok := strings.CutPrefix(path, d.prefix)
			if !ok || (rest != "" && rest[0] != '/') {
				continue
			}
			path = rest
		}
		r := req.Clone(context.Background())
		u := *req.URL
		u.Path, u.RawPath = path, ""
		r.URL = &u
		route, params, err := d.router.FindRoute(r)
		if err == nil {
			return d, route, params, nil
		}
	}
	return nil, nil, nil, fmt.Errorf("%s %s: no operation in the documents matches", req.Method, req.URL.Path)
}

// checkCredentials accepts a request that carries the credentials a
// security scheme asks for (HTTP Basic or Bearer, an API key); it does not
// judge their value.
func checkCredentials(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	req := in.RequestValidationInput.Request
	switch {
	case s.Type == "http" && strings.EqualFold(s.Scheme, "basic"):
		if _, _, ok := req.BasicAuth(); !ok {
			return in.NewError(errors.New("no HTTP Basic authorization"))
		}
	case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
		if h := req.Header.Get("Authorization"); len(h) < 8 || !strings.EqualFold(h[:7], "bearer ") {
			return in.NewError(errors.New("no Bearer authorization"))
		}
	case s.Type == "apiKey":
		var present bool
		switch s.In {
		case "header":
			present = req.Header.Get(s.Name) != ""
		case "query":
			present = req.URL.Query().Has(s.Name)
		case "cookie":
			_, err := req.Cookie(s.Name)
			present = err == nil
		}
		if !present {
			return in.NewError(fmt.Errorf("no API key %s in %s", s.Name, s.In))
		}
	}
	return nil
}

// Transport returns a RoundTripper that sends through base and validates
// every exchange, recording failures for Report. Bodies are buffered.
func (v *Validator) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &roundTripper{v: v, base: base}
}

type roundTripper struct {
	v    *Validator
	base http.RoundTripper
}

func (rt *roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(b))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	resp, err := rt.base.RoundTrip(req)
	if err != nil {
		rt.v.record(rt.v.Check(req, reqBody, nil, nil))
		return resp, err
	}
	respBody, readErr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if readErr != nil {
		// A cut connection: pass the failure on and judge the request only.
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(respBody), errReader{readErr}))
		rt.v.record(rt.v.Check(req, reqBody, nil, nil))
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	rt.v.record(rt.v.Check(req, reqBody, resp, respBody))
	return resp, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func (v *Validator) record(err error) {
	if err == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.failures = append(v.failures, err.Error())
}

// Failures returns the recorded failures.
func (v *Validator) Failures() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.failures)
}

// Checked counts the exchanges validated.
func (v *Validator) Checked() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.checked
}

// Uncovered lists the operations of the documents that no exchange reached.
func (v *Validator) Uncovered() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for _, d := range v.docs {
		for _, op := range d.Operations() {
			if v.seen[d.name+" "+op] == 0 {
				out = append(out, d.name+" "+op)
			}
		}
	}
	return out
}

// Report fails t once per recorded failure.
func (v *Validator) Report(t testing.TB) {
	t.Helper()
	for _, f := range v.Failures() {
		t.Errorf("conformance: %s", f)
	}
}
