package servicemobility

import (
	"net"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// cctTransport adds the legacy CCT query parameters (customerid,
// customercode) to requests for the API host. It works on a clone below the
// logging and error layers, which never see the query, so the code stays out
// of logs and errors.
type cctTransport struct {
	id, code, host string
	next           http.RoundTripper
	allowInsecure  bool
}

// RoundTrip implements http.RoundTripper.
func (t *cctTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL == nil || !strings.EqualFold(req.URL.Host, t.host) {
		return t.next.RoundTrip(req)
	}
	if req.URL.Scheme != "https" && !t.allowInsecure && !loopback(req.URL.Hostname()) {
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

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
