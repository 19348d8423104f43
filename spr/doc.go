// Package spr is a client for the SPR Automotive API (sprautomotive.com):
// the products of SPR's lines (Rodatech, Partech, Shark) with prices, stock
// per branch, vehicle compatibility and cross-references; the catalog for a
// vehicle; a text search; and, for Guatemala, the customs-warehouse inventory.
//
// # Credentials and auth
//
// SPR needs two credential pairs: API credentials per company or application
// (client_id, client_secret, issued by SPR) and a sprautomotive.com web
// user (username, password), plus the user's region (Locale, e.g. "es_MX").
// The client logs in at /oauth/token with the OAuth password grant, sending
// the username as "user@es_MX", and renews the access token (12 hours by
// default) with the refresh_token grant before it expires.
//
// SPR rotates refresh tokens: the moment a new pair is issued, the previous
// access and refresh tokens are dead. The client therefore renews under a
// single flight (one renewal for all goroutines), saves the new pair to the
// token Store before using it, and logs in again with the password when a
// refresh token is rejected. Processes that restart, or several replicas
// acting as one user, must share one Store (WithTokenStore with
// auth.NewFileStore, or a Store on Redis or a database); otherwise each
// process logs in on its own and renewals by one do not reach the others.
// A 401 {"message":"Unauthenticated."} from the API drops the access token
// and replays the call once with a renewed one.
//
// # Calls
//
// Every call is a GET on <site root>/{locale}/api/... with "Accept:
// application/json" (Laravel answers errors with HTML without it):
//
//   - Products.Get(ctx, code): one product with every field the user may
//     read. Codes are path-escaped.
//   - Products.Catalog(ctx, CatalogQuery{Year, Make, Model, Category}) and
//     Products.Search(ctx, terms): iterators over all pages (30 products per
//     page); CatalogPage and SearchPage fetch one page.
//   - Inventory.List(ctx, InventoryQuery{Enterprise, Filters}) and
//     Inventory.Page: the inventory, 100 records per page. The vendor offers
//     it for Guatemala only: use a client whose Locale is "es_GT".
//
// Missing year or make, empty search terms, an empty code, an unknown
// enterprise or filter are rejected with an error matching ErrInvalidInput
// before any request is sent. Failed calls return *Error (errors.As), which
// errors.Is matches against ErrNotFound, ErrUnauthorized, ErrRateLimited and
// the other classes.
//
// # Quirks
//
//   - Which product fields arrive depends on the user's permissions: Price00,
//     Price01, Stock, Apps, Props, OEMs and Interchanges are nil when absent.
//   - The vehicle tree is "apps" in the newer document and "applications" in
//     the older one; either fills Product.Apps.
//   - Prices keep the vendor's "sufix" spelling (Price.Sufix) and the optional
//     "factor" of the older document.
//   - Numbers the two documents type differently (pagination meta, prices,
//     stock) decode from JSON numbers or strings; last_page and total are
//     optional (ProductPage.LastPage and Total are nil when not sent). Pages
//     are walked from 1 until an empty or short page, or last_page.
//   - PHP sends an empty map as [] and a filtered list as an object keyed by
//     index; both decode.
//   - Inventory values are strings ("6.0", "2023-10-31 00:00:00.000", and
//     codes such as "C20" in date-named fields); InventoryRecord keeps them
//     exactly and parses on demand (Float, Time, Packages, IngressDate).
//   - The vendor's PHP examples omit the locale segment in catalog and search
//     URLs and use POST for a product; the client follows the endpoint
//     descriptions (GET, with the locale).
//
// # Retries and rate limits
//
// Every call is a read (GET), so every call is retried (WithRetry; by default
// 3 retries with exponential backoff and jitter from 0.5 s to 30 s) on 429,
// 502, 503 and 504 and on connection errors, within the context's deadline;
// a 500 is not retried.
// SPR publishes no rate limits; if its Laravel throttle answers 429, the
// client waits for Retry-After (or X-RateLimit-Reset), unless that is longer
// than WithMaxRateLimitWait (default one minute): then the call fails at once
// with ErrRateLimited, and (*Error).RateLimit says when to come back. A body
// that is not the expected JSON (an HTML page, a truncated document, invalid
// UTF-8, more than 32 MiB) is ErrDecode. Token requests are not retried in a loop: after a failure the
// token cache waits before it asks again (see package auth).
//
// # Testing
//
// Package sprtest is a stateful in-memory fake of the API (both grants with
// rotation, permissions, a deterministic catalog, search, inventory, Laravel
// errors, fault injection); the examples run against it:
//
//	srv := sprtest.NewServer()
//	defer srv.Close()
//	c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()))
package spr
