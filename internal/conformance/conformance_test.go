package conformance

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// petServer answers GET /api/pets with body and accepts POST /api/pets.
func petServer(t *testing.T, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			_, _ = io.WriteString(w, "OK")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func load(t *testing.T, relax func(*openapi3.T) error) *Doc {
	t.Helper()
	d, err := Load(Config{Path: filepath.Join("testdata", "pets.yaml"), PathPrefix: "/api", Relax: relax})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func send(t *testing.T, hc *http.Client, method, url, auth, body string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(got) == 0 {
		t.Fatalf("%s %s: the validator swallowed the response body", method, url)
	}
}

func TestTransportReportsEachViolation(t *testing.T) {
	srv := petServer(t, `{"pets":["rex"]}`)
	v := NewValidator(load(t, nil))
	hc := &http.Client{Transport: v.Transport(nil)}

	send(t, hc, "GET", srv.URL+"/api/pets?limit=5", "Bearer x", "") // response lacks "bogus"
	send(t, hc, "GET", srv.URL+"/api/pets?limit=50", "", "")        // no bearer, limit too big
	send(t, hc, "POST", srv.URL+"/api/pets", "", `{"nome":"rex"}`)  // name missing
	send(t, hc, "POST", srv.URL+"/api/pets", "", `{"name":"rex"}`)  // fine
	send(t, hc, "GET", srv.URL+"/api/cats", "", "")                 // no such operation (404 from nowhere)

	f := v.Failures()
	if len(f) != 4 {
		t.Fatalf("want 4 failures, got %d: %q", len(f), f)
	}
	for i, want := range []string{`"bogus"`, "Bearer", "name", "no operation"} {
		if !strings.Contains(f[i], want) {
			t.Errorf("failure %d = %q, want it to mention %s", i, f[i], want)
		}
	}
	if f := f[1]; !strings.Contains(f, "limit") {
		t.Errorf("failure 1 = %q, want it to mention limit", f)
	}
	if v.Checked() != 4 {
		t.Errorf("Checked() = %d, want 4 (the unmatched request is not checked)", v.Checked())
	}
	if u := v.Uncovered(); len(u) != 0 {
		t.Errorf("Uncovered() = %q, want none", u)
	}
}

func TestDropRequiredRelaxesOnlyWhatItNames(t *testing.T) {
	srv := petServer(t, `{"pets":["rex"]}`)
	relax := func(doc *openapi3.T) error {
		schema := doc.Paths.Value("/pets").Get.Responses.Status(200).Value.Content.Get("application/json").Schema
		doc.Components.Schemas = openapi3.Schemas{"PetList": schema}
		return DropRequired(doc, "PetList", "bogus")
	}
	v := NewValidator(load(t, relax))
	hc := &http.Client{Transport: v.Transport(nil)}
	send(t, hc, "GET", srv.URL+"/api/pets", "Bearer x", "")
	if f := v.Failures(); len(f) != 0 {
		t.Fatalf("failures after relaxing: %q", f)
	}

	srv2 := petServer(t, `{"other":1}`)
	send(t, hc, "GET", srv2.URL+"/api/pets", "Bearer x", "")
	if f := v.Failures(); len(f) != 1 || !strings.Contains(f[0], `"pets"`) {
		t.Fatalf("the other required field must still be enforced, failures: %q", f)
	}
}

func TestDropRequiredFailsWhenTheBugIsGone(t *testing.T) {
	doc := &openapi3.T{Components: &openapi3.Components{Schemas: openapi3.Schemas{
		"X": &openapi3.SchemaRef{Value: &openapi3.Schema{Required: []string{"a"}}},
	}}}
	if err := DropRequired(doc, "X", "b"); err == nil {
		t.Error("dropping a field that is not required must fail")
	}
	if err := DropRequired(doc, "Y", "a"); err == nil {
		t.Error("dropping from a missing schema must fail")
	}
	if err := DropRequired(doc, "X", "a"); err != nil || len(doc.Components.Schemas["X"].Value.Required) != 0 {
		t.Errorf("DropRequired = %v, required = %v", err, doc.Components.Schemas["X"].Value.Required)
	}
}

func TestReferenceDirSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	var skipped bool
	t.Run("missing", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		ReferenceDir(t, "no-such-vendor-"+t.Name())
	})
	if !skipped {
		t.Error("a missing reference folder must skip the test outside CI")
	}
}
