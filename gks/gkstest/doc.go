// Package gkstest is an in-process fake of the GKS4 API (Simutek) for
// testing code that uses package gks, with no network and no credentials.
//
// NewServer starts two httptest servers on 127.0.0.1: the API and, as
// id.simutek.se is a host of its own, the token endpoint. Point a client at
// them with ClientOptions, or let NewClient do it:
//
//	srv := gkstest.NewServer()
//	defer srv.Close()
//	c, err := srv.NewClient()
//
// The fake behaves as the vendor's docs describe and as gks/openapi.yaml
// assumes where they are silent:
//
//   - Tokens: OAuth client credentials as form fields; wrong credentials get
//     400 invalid_client; tokens expire after WithTokenLifetime; API calls
//     without a live token get 401 (ExpireTokens forces that).
//   - Customers: create answers 200 with no body, requires name and
//     corporateIdentityNumber, requires the number and invoiceEmail keys to
//     be present (null allowed; a null number gets a K1000nn number),
//     refuses a duplicate number; get by number (404 when unknown); list
//     with the exact-number, name-substring (case-insensitive) and corporate
//     identity number (spaces and dashes ignored) filters, 1-based pages of
//     at most 100, default 50.
//   - Sales orders: validated (customer number, rows, quantities, language,
//     currency, delivery split), the buyer must exist (404 otherwise), the
//     name defaults to "Webshop order", the answer carries the order number.
//   - Errors: ASP.NET Core ProblemDetails (application/problem+json) with
//     the "errors" field map for validation failures.
//
// Seed state with WithCustomers or AddCustomer; inspect it with Customer,
// Customers and Orders; inspect the traffic with Requests (bodies included)
// and TokenRequests. InjectFault and InjectTokenFault make the next N
// matching requests fail: a status with optional Retry-After and body, a
// delay, a connection reset before or after the request body is read, or a
// truncated response body.
package gkstest
