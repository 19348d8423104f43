// Package gks is a client for the public REST API of GKS4, the ERP system
// of Simutek (Sweden): customers and sales orders.
//
//	c, err := gks.NewClient(gks.Credentials{ClientID: id, ClientSecret: secret},
//		gks.WithBaseURL("https://<host from Simutek>"))
//	err = c.Customers.Create(ctx, gks.Customer{Name: "Acme AB", Number: "K100421",
//		CorporateIdentityNumber: "556677-8899"})
//	res, err := c.SalesOrders.Create(ctx, gks.SalesOrder{CustomerNumber: "K100421",
//		Currency: "SEK", Rows: []gks.SalesOrderRow{{ArticleNumber: "A-1", Quantity: 2, Price: 99.5}}})
//
// # Authentication
//
// Simutek registers your client in GKS4 and issues a client id and secret.
// The client exchanges them for an access token with the OAuth 2.0
// client-credentials grant at https://id.simutek.se/connect/token (form
// fields client_id, client_secret, grant_type; no scope unless WithScopes
// is given), caches the token for its expires_in, sends it as
// "Authorization: Bearer" to the API host only, and fetches a new one after
// a 401. The token host is separate from the API host; WithTokenURL moves it.
//
// # Base URL
//
// Simutek does not publish the API host: its request samples show an empty
// Host. WithBaseURL is therefore required, and NewClient fails without it;
// ask Simutek for the URL. The paths (/api/v1/...) are appended to it.
//
// # Quirks
//
//   - Creating a customer answers 200 with no body: nothing, not even the
//     number, comes back. Read the record with Customers.Get, or use
//     Customers.CreateAndGet.
//   - number and invoiceEmail are "nullable, required": the keys are always
//     sent, as JSON null when the field is empty. If number is null, GKS4 may
//     allocate one that the caller cannot learn from the response; set it.
//   - Customer numbers go into a path segment and are escaped ("K 1/2" is
//     sent as K%201%2F2).
//   - Customer list pages are 1-based with at most 100 customers (default
//     50); PageSize outside 1..100 is rejected before sending.
//   - A sales order's purchase date is obsolete (GKS4 uses the day the order
//     arrives); the SDK never sends it and refuses it in Extra.
//
// # Assumptions
//
// Simutek publishes the customer operations but not everything the SDK
// needs. Where the docs are silent, the SDK follows the names below. All of
// them are declared in one place, gks/openapi.yaml (marked ASSUMED), so a
// correction is a one-line change there plus `go generate ./gks/...`:
//
//   - The API host: none; WithBaseURL is required.
//   - The customer list path, GET /api/v1/customers (inferred: the docs give
//     the filters but no path).
//   - The list's query parameter names: number, name,
//     corporateIdentityNumber, page, pageSize.
//   - The list's response envelope: {"items": [...], "page", "pageSize",
//     "totalCount"}. A bare JSON array is accepted too; an object without
//     the item list is an error (ErrDecode), never an empty list.
//   - The sales-order path, POST /api/v1/salesorders (WithSalesOrderPath
//     overrides it without regenerating).
//   - The sales-order JSON names: customerNumber, name, purchaseOrderNumber,
//     language, currency, comment, rows; per row articleNumber, quantity,
//     price (unit price), discount (percent), deliveries; per delivery
//     address (a postal address) and quantity.
//   - The sales-order success answer: any 2xx; "number" is read from a JSON
//     body when present, and the raw body is kept in SalesOrderResult.Raw.
//   - Errors: ASP.NET Core ProblemDetails (application/problem+json) is
//     decoded when the server sends it; other bodies are kept as text.
//   - Rate limits: none published; the client parses standard headers if
//     they appear.
//   - Scopes: none published, none sent.
//
// Extra fields (SalesOrder.Extra, SalesOrderRow.Extra, CustomerQuery.Extra)
// send what the SDK does not name, and Client.Do calls unpublished
// operations (such as the customer approval status) with the same token.
//
// # Errors and retries
//
// Every failed call returns an *Error (errors.As), which errors.Is matches
// against ErrNotFound, ErrBadRequest, ErrUnauthorized, ErrServer and the
// other classes. A ProblemDetails body is in (*Error).Details as
// *ProblemDetails, with the validation messages per field, and its title,
// detail and field errors make up (*Error).Message. Bad input is refused
// before any request with an error matching ErrInvalidInput.
//
// Reads (Get, List) are retried on 429, 502, 503, 504 and connection errors
// (WithRetry); a 500 is not retried. Creates are POSTs without an
// idempotency key: they are resent only after a 429, which refuses a request
// before any work, and never once GKS4 may have applied them. When the
// connection fails after the request was written, the error matches
// ErrOutcomeUnknown and the customer or order may or may not exist; check
// before retrying. A 429 is waited out for its Retry-After up to
// WithMaxRateLimitWait; a longer wait fails at once with ErrRateLimited.
//
// # Testing
//
// Package gkstest is an in-process fake of GKS4 (token endpoint, customers,
// paging, sales orders, ProblemDetails errors, fault injection) for testing
// code that uses this package without network access or credentials.
package gks
