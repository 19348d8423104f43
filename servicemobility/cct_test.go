package servicemobility

import (
	"errors"
	"net/http"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/hostmatch"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The customer code goes to the API host whether or not its URL spells the
// default port, never to another host, and never over plain http to a
// remote host.
func TestCCTTransportAttachesTheCodeOnlyForTheAPIHost(t *testing.T) {
	var queries []string
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	tr := &cctTransport{id: "CUST-1", code: "code-secret-42", host: hostmatch.New("api.example.com"), next: next}
	for _, c := range []struct {
		url, query string
	}{
		{"https://api.example.com/seiapi/v3/mobile/PartsOrdering", "customercode=code-secret-42&customerid=CUST-1"},
		{"https://api.example.com:443/seiapi/v3/mobile/PartsOrdering?x=1", "customercode=code-secret-42&customerid=CUST-1&x=1"},
		{"https://cdn.example.com/file", ""},
		{"https://api.example.com:8443/other", ""},
	} {
		queries = queries[:0]
		req, _ := http.NewRequest(http.MethodGet, c.url, nil)
		if _, err := tr.RoundTrip(req); err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if len(queries) != 1 || queries[0] != c.query {
			t.Errorf("%s: sent query %q, want %q", c.url, queries, c.query)
		}
		if req.URL.RawQuery != "" && req.URL.RawQuery != "x=1" {
			t.Errorf("%s: the caller's request was modified: %q", c.url, req.URL.RawQuery)
		}
	}
	queries = queries[:0]
	req, _ := http.NewRequest(http.MethodGet, "http://api.example.com/seiapi/v3/mobile/PartsOrdering", nil)
	if _, err := tr.RoundTrip(req); !errors.Is(err, apierror.ErrInvalidInput) || len(queries) != 0 {
		t.Errorf("plain http: err %v, %d requests sent", err, len(queries))
	}
}
