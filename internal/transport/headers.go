package transport

import (
	"net/http"
	"strings"
)

// UserAgent is the User-Agent the stack sends for vendor:
// "partsync-go/<Version> (<vendor>)", with product prefixed when set.
func UserAgent(vendor, product string) string {
	ua := "partsync-go/" + Version
	if vendor != "" {
		ua += " (" + vendor + ")"
	}
	if product = strings.TrimSpace(product); product != "" {
		ua = product + " " + ua
	}
	return ua
}

// defaultHeaders lists the headers set on requests that lack them.
func defaultHeaders(vendor, product string, extra http.Header) []headerDefault {
	hs := []headerDefault{{key: "User-Agent", value: []string{UserAgent(vendor, product)}}}
	for k, v := range extra {
		k = http.CanonicalHeaderKey(k)
		if k == "User-Agent" || len(v) == 0 {
			continue
		}
		hs = append(hs, headerDefault{key: k, value: append([]string(nil), v...)})
	}
	return hs
}

// prepareHeader returns a copy of h with the defaults and the request id
// added where h lacks them, built with few allocations because it runs on
// every call: the map, and one backing array for every value, which is
// scratch when the values fit in it (the call state lends its own).
func prepareHeader(h http.Header, defaults []headerDefault, requestID string, scratch []string) http.Header {
	nv := 1
	for _, v := range h {
		nv += len(v)
	}
	for _, d := range defaults {
		nv += len(d.value)
	}
	out := make(http.Header, len(h)+len(defaults)+1)
	vals := scratch[:0]
	if cap(vals) < nv {
		vals = make([]string, 0, nv)
	}
	for k, v := range h {
		if v == nil {
			// Keep "do not send" markers (nil values) as they are.
			out[k] = nil
			continue
		}
		n := len(vals)
		vals = append(vals, v...)
		out[k] = vals[n:len(vals):len(vals)]
	}
	for _, d := range defaults {
		if _, ok := h[d.key]; ok {
			continue
		}
		n := len(vals)
		vals = append(vals, d.value...)
		out[d.key] = vals[n:len(vals):len(vals)]
	}
	if requestID != "" {
		n := len(vals)
		vals = append(vals, requestID)
		out[requestIDHeader] = vals[n:len(vals):len(vals)]
	}
	return out
}
