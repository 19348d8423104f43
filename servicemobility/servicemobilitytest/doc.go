// Package servicemobilitytest helps test code built on package
// servicemobility, with no ServiceMobility tenant at hand.
//
// NewServer starts a fake ServiceMobility on 127.0.0.1: it issues JWTs at
// /createjwt for the users you configure (or passes logins through to your
// Authentication endpoint, as ExtUserAuth does) and relays parts orders
// posted to /seiapi/v3/mobile/PartsOrdering to your Parts Ordering endpoint
// (PartsOrdering.EntityServiceURI) exactly as ServiceMobility does:
// Content-Type: application/json, x-access-token set to the caller's JWT,
// and your status code and body relayed back. servicemobility.NewClient
// talks to it unchanged:
//
//	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpointURL))
//	defer fake.Close()
//	c, err := servicemobility.NewClient(fake.URL(), fake.Credentials())
//
// Inspection: Requests (every request it received), Relays (what your
// endpoint was sent and answered), LoginRequests (Create JWT calls).
// Control: SetEntityServiceURI, IssueToken and SigningKey (to build tokens
// your endpoint must accept), RevokeTokens (the next call gets a 401), and
// FailNext, which makes the next N requests fail with a status (and
// Retry-After), a delay, a dropped connection or a truncated body.
//
// CheckPartsOrderingHandler (and CheckPartsOrderingURL) is a conformance
// check to run in your own tests against your Parts Ordering endpoint: it
// sends valid, forged, expired and missing tokens, malformed and oversized
// bodies and other methods, and reports every deviation from the interface.
//
// The fake follows the vendor's documentation; where that is silent, it
// decides as documented on each function (for example the status of a
// malformed order sent to ServiceMobility itself, which is not published).
package servicemobilitytest
