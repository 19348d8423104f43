package transport

import (
	"net/http"
	"sync"
	"time"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// baseTransport is the innermost RoundTripper: the user's, or a shared tuned
// clone of http.DefaultTransport.
func baseTransport(s *clientopt.Settings) http.RoundTripper {
	if s != nil && s.HTTPClient != nil && s.HTTPClient.Transport != nil {
		return s.HTTPClient.Transport
	}
	if _, ok := http.DefaultTransport.(*http.Transport); !ok {
		// A test replaced it (e.g. httpmock.Activate): honour that.
		return http.DefaultTransport
	}
	return defaultBase()
}

// defaultBase is shared by every client built without WithHTTPClient, so that
// many clients share one connection pool.
var defaultBase = sync.OnceValue(func() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	// The default of 2 idle connections per host makes concurrent callers
	// (bulk sync, parallel pages) open and close connections all the time.
	t.MaxIdleConnsPerHost = 32
	t.MaxIdleConns = 128
	t.IdleConnTimeout = 90 * time.Second
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ExpectContinueTimeout = time.Second
	return t
})
