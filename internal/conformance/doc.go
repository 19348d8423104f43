// Package conformance is a test helper: it checks the HTTP traffic of a
// client (and the answers of a fake) against an OpenAPI document with
// kin-openapi, so that a vendor package proves it speaks the vendor's
// published contract, not only its own reading of it.
//
// Load a document (relaxing only what the vendor documents wrongly), wrap
// the client's base transport with Validator.Transport, run the calls, then
// Report the failures:
//
//	dir := conformance.ReferenceDir(t, "sparetech")
//	doc, err := conformance.Load(conformance.Config{Path: filepath.Join(dir, "sync-v1-openapi.json"), PathPrefix: "/v1"})
//	v := conformance.NewValidator(doc)
//	hc := &http.Client{Transport: v.Transport(http.DefaultTransport)}
//	... calls through a client built WithHTTPClient(hc) ...
//	v.Report(t)
//
// It is imported by tests only.
package conformance
