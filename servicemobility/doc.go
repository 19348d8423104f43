// Package servicemobility connects an ERP to ServicePower's ServiceMobility,
// a field-service platform whose mobile workers order parts from the field.
//
// # Who calls whom
//
// ServiceMobility does not keep a parts catalogue or stock: when a mobile
// worker orders parts (ServiceMobility's Parts Ordering REST API, POST
// /seiapi/v3/mobile/PartsOrdering), ServiceMobility passes the order on to
// an endpoint the customer implements, the Parts Ordering REST API
// Interface, configured per entity as PartsOrdering.EntityServiceURI, and
// relays that endpoint's status code and body back to the worker. So most of
// this package is server side:
//
//   - NewPartsOrderingHandler serves the Parts Ordering REST API Interface
//     around a PartsOrderingService that you write (or NewStockService over
//     an Inventory).
//   - NewAuthenticationHandler serves the Authentication REST API Interface:
//     with ExtUserAuth enabled, ServiceMobility passes its Create JWT logins
//     through to it, so that workers log in against your user store.
//   - NewClient calls ServiceMobility itself: it logs in at Create JWT and
//     submits parts orders as the mobile app would (for tests, tools and
//     back-office integrations).
//
// The subpackage servicemobilitytest has a fake ServiceMobility that issues
// JWTs and relays orders to your endpoint exactly as ServiceMobility does, and
// a conformance check for your handler.
//
// # The interface's answers
//
// ServiceMobility sends Content-Type: application/json and x-access-token,
// the JWT of the call that triggered it, which it has already validated. The
// endpoint answers 200 with a Parts Ordering Response Object ("processed",
// which does not mean "ordered": Status says which), 401 "Invalid Logon.", or
// 500 with a descriptive text body. The handlers answer nothing else (405 to
// methods other than POST): a malformed or oversized order is a 500 with a
// reason, and a panic in your service is recovered into a 500. Business
// outcomes (nothing in stock, account on hold) are a 200 with a Status.
//
// # JWT handling
//
// The Authentication interface's tokens are HS256 JWTs with exp and iat in
// epoch seconds and the optional name and email claims. WithJWTSecret makes
// the Parts Ordering handler verify them (HS256 only: none, RS256 and every
// other algorithm are refused, exp is required) and puts the claims in the
// request context (ClaimsFromContext). It is off by default because
// ServiceMobility has already validated the token, and a token
// ServiceMobility issued itself is signed with its key, not yours: turn it on
// when your own Authentication endpoint issues the tokens.
//
// The client reads the exp of its token without verifying it (it does not
// hold the key), reuses the token until shortly before then, sends it as
// x-access-token (not Authorization), and logs in again once when a call is
// answered 401. WithCustomerCode selects the legacy customerid/customercode
// query-parameter authentication (CCT, full admin access) instead; those
// values never appear in logs or errors.
//
// # Quirks and decisions
//
// ServiceMobility's documentation leaves several things open; this package
// decides them as follows.
//
//   - Status is an open string type: the list of values is not published
//     (the vendor's example failure is "2001"), so none is rejected or given
//     a meaning.
//   - Command accepts any integer: the property table lists only 1002 (Place
//     order) while the vendor's example sends 1001. The client sends 1002 when
//     Command is unset; the handler passes on whatever it received.
//   - Qty and Price are Decimal, which keeps the number's text exactly (10.0
//     stays 10.0).
//   - EstimatedDelivery is written in UTC with milliseconds and Z
//     ("2014-12-18T10:00:00.000Z"), as in the vendor's examples, and read from
//     any RFC 3339 time.
//   - Decoding is lenient: which properties are required is not published,
//     so none is checked; unknown properties are ignored; names match
//     case-insensitively; string properties accept numbers (ids), bool
//     properties accept "true", "false", 0 and 1; array properties accept a
//     single object (one version of the docs types Parts as an object).
//     Parts and Orders are always written as arrays. A document nested deeper
//     than 64 levels is refused (real ones nest about six).
//   - The host and whether /createjwt sits under /seiapi/v3 are not
//     published: the base URL is required, and WithCreateJWTPath changes the
//     login path.
//   - Error bodies are descriptive text, with no published structure: a
//     failed call is an *Error with the status and the text.
//
// # Errors and retries
//
// A failed client call returns an *Error (errors.As) that errors.Is matches
// against ErrUnauthorized (a refused login: "Invalid Logon."), ErrServer (the
// endpoint's 500, its text in Message), ErrRateLimited and the other classes;
// bad input (a nil order, an empty base URL) matches ErrInvalidInput before
// any request is sent. PartsOrdering.Submit places an order and has no
// idempotency key, so it is never resent once it may have been placed. Two
// answers say it was not: a 429 (waited out for its Retry-After up to
// WithMaxRateLimitWait, then resent; a longer wait fails at once with
// ErrRateLimited) and a 401 (the client logs in again and sends it once
// more). When the connection fails after the order was sent, the error
// matches ErrOutcomeUnknown and the order may exist. ServiceMobility
// publishes no rate limits; rate-limit headers are read when present
// (Client.RateLimit). The handlers bound request bodies (DefaultMaxBodyBytes,
// WithMaxBodyBytes), check signatures and StaticUsers passwords in constant
// time, and log through WithHandlerLogger without the token.
//
// # Testing
//
// servicemobilitytest.NewServer is a fake ServiceMobility on 127.0.0.1:
// point NewClient at its URL with its Credentials, and set its
// EntityServiceURI to your endpoint to have orders relayed to it exactly as
// ServiceMobility relays them (x-access-token included); Relays shows what
// your endpoint received and answered. CheckPartsOrderingHandler runs the
// interface's conformance checks (valid, forged, expired and missing tokens,
// malformed and oversized bodies) against your handler:
//
//	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpointURL))
//	defer fake.Close()
//	c, err := servicemobility.NewClient(fake.URL(), fake.Credentials())
package servicemobility
