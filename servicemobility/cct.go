package servicemobility

import (
	"net/http"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/hostmatch"
)

// cctTransport adds the legacy CCT query parameters (customerid,
// customercode) to requests for the API host. It works on a clone below the
// logging and error layers, which never see the query, so the code stays out
// of logs and errors.
type cctTransport struct {
	id, code      string
	host          hostmatch.Host
	next          http.RoundTripper
	allowInsecure bool
}

// RoundTrip implements http.RoundTripper.
func (t *cctTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.host.Matches(req.URL) {
		return t.next.RoundTrip(req)
	}
	if req.URL.Scheme != "https" && !t.allowInsecure && !hostmatch.Loopback(req.URL.Hostname()) {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, apierror.Invalid(vendor, "base URL", "refusing to send the customer code over %s to %s (only https, or http to a loopback host; see WithInsecureHTTP)", req.URL.Scheme, req.URL.Host)
	}
	r := req.Clone(req.Context())
	q := r.URL.Query()
	q.Set("customerid", t.id)
	q.Set("customercode", t.code)
	r.URL.RawQuery = q.Encode()
	return t.next.RoundTrip(r)
}
