// Package sprtest is an in-memory fake of the SPR Automotive API for tests
// and examples: it speaks the vendor's wire format on a started
// httptest.Server on 127.0.0.1, keeps state, and lets a test inspect what it
// received and inject faults.
//
// What it implements, following the vendor's document:
//
//   - POST /oauth/token (Laravel Passport): the password grant with the API
//     credentials and "user@region", and the refresh_token grant. Refresh
//     tokens rotate: a refresh revokes the access and refresh token it
//     replaces, and a used or revoked refresh token is rejected with 400
//     invalid_grant. Access tokens live WithTokenLifetime (default 12 h) by
//     the server's clock (WithClock; time.Now by default, which follows a
//     testing/synctest bubble when the Handler runs in it).
//   - GET /{locale}/api/products/{code}: the product with every field the
//     user's Permissions allow; other fields are left out, as the vendor does.
//     WithApplicationsKey sends the vehicle tree as "applications" (the older
//     document) instead of "apps".
//   - GET /{locale}/api/products?year=&make=[&model=&category=] (the catalog)
//     and ?search= (the search), 30 per page from page 1, with Laravel's
//     simple paginator meta (current_page, data, from, to, per_page;
//     WithPaginationTotals adds last_page and total; WithStringNumbers sends
//     numbers as strings, as the older document types them).
//   - GET /{locale}/api/inventory?enterprise=&page=[&FILTER=], Guatemala
//     only (locales ending in _GT), 100 per page, values as strings.
//   - Laravel's JSON errors: 401 {"message":"Unauthenticated."}, 404, 405,
//     422 {"message","errors"}, and with WithThrottle 429 "Too Many
//     Attempts." with X-RateLimit-* and Retry-After. Like Laravel, a request
//     without "Accept: application/json" gets HTML instead: a 302 to the
//     login form for 401, a 302 back for 422, an HTML page otherwise.
//
// Data: NewServer seeds one user with every permission (Credentials), a
// deterministic catalog of 300 products across eight makes, their models and
// the years 2000 to 2024 (generated from a fixed seed; WithCatalog changes
// size and seed), and inventory for rodatech (250 records), partech (120)
// and shark (35). AddUser, AddProduct and AddInventory seed more.
//
// Where the vendor is silent the fake chooses, and documents it here: a
// path locale other than the user's region is 403 "This action is
// unauthorized."; the inventory under a non-Guatemalan locale is 404; an
// unknown enterprise is 422; catalog make, model and category ignore case
// (category matches the singular, plural or line name); search requires
// every term somewhere in the code, description, category, makes, models or
// cross-references; inventory description filters match substrings, package
// counts match by value, the date filter by prefix, the rest exactly.
//
// Inspection: Requests (every request with method, path, query, headers and
// the token form; these hold secrets, do not log them), APIRequests,
// TokenRequests(grant), TokenGrants (each token request with its outcome),
// LiveSessions. Control: ExpireAccessTokens, RevokeRefreshTokens, and
// InjectFault for the next N API or token requests (status with Laravel
// body and Retry-After, delay, dropped connection, truncated body). Note
// that net/http replays a GET whose reused keep-alive connection drops, so
// a single Reset fault may be invisible to a plain http.Client.
package sprtest
