package spr

import "net/http"

// acceptJSONClient returns a copy of c whose requests carry
// "Accept: application/json": the vendor requires it on the token endpoint
// too, where Laravel otherwise answers errors with HTML.
func acceptJSONClient(c *http.Client) *http.Client {
	if c == nil {
		c = http.DefaultClient
	}
	cp := *c
	base := cp.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cp.Transport = acceptJSON{base: base}
	return &cp
}

type acceptJSON struct{ base http.RoundTripper }

func (a acceptJSON) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Accept") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("Accept", "application/json")
	}
	return a.base.RoundTrip(req)
}
