// Package sparetech is a client for the SPARETECH Sync API, v1 and v2.
//
// SPARETECH cleans and enriches an organisation's spare-part master data.
// Its Sync API hands the results to the ERP as intents: creation intents
// (a material to create), change intents (fields to change on an ERP
// material) and extension intents (a plant to add to an ERP material). An
// integration polls the intents with status Ready, applies each to the ERP,
// and confirms it (a creation with the ERP's material number) or rejects it
// with a reason; the intent then moves to Done. The Materials services go
// the other way: the ERP pushes its own material changes to SPARETECH, v1
// as maps keyed by the import-schema headings, v2 ("Made for SAP") as SAP
// MATMAS-style segments (MARA, MARC, ...).
//
// # Authentication and the token quota
//
// Credentials (a client id and secret) are issued per organisation and per
// environment (Production or Sandbox). The client exchanges them at
// <v1 root>/oauth/token, sending HTTP Basic and the form fields together
// (the vendor's two descriptions disagree), and sends the token as
// "Authorization: Bearer". Tokens are rationed per day: the client caches
// one token for its lifetime (86400 s in the vendor's examples), renews it
// once shortly before it expires, and shares it between goroutines. A 403
// from the token endpoint means the day's quota is spent: it is returned as
// an error matching ErrTokenQuota and not retried in a loop. WithTokenStore
// (e.g. auth.NewFileStore) keeps the token across restarts and replicas, so
// that a restart does not spend another one. WithLegacyAuth uses the
// deprecated JSON endpoint /auth instead.
//
// # Quirks handled here
//
//   - Pages are zero-based; the page size (ListParams.Limit) is 1..99, and
//     All walks with 99 until the server says hasMore is false. A Limit
//     outside 1..99 is an error, never silently clamped. totalCount may be
//     a JSON float.
//   - created.gt and created.lt are dates, and inclusive despite their names.
//   - Metadata and material keys depend on the customer's configuration and
//     may contain brackets ("[MANU]"): they are map[string]any.
//   - Intent status is an open string: Ready and Done are documented, other
//     values (the overview shows "Exported") come through unchanged.
//   - Confirming a creation intent sends {"materialNumber"} and (v1) returns
//     the intent; change and extension confirmations send no body.
//   - Error bodies have no published shape: *Error keeps the status and the
//     raw text. The documented cases are classified by operation and status:
//     an existing reference on Materials.Create comes as a 404 and matches
//     ErrMaterialExists (and ErrConflict); ErrPlantAlreadyIncluded,
//     ErrMaterialFieldsInExtension and ErrInvalidMaterialReference name the
//     others.
//   - Confirm, reject and material writes have no idempotency keys, so they
//     are never resent once SPARETECH may have applied them: only a 429,
//     which refuses a request before any work, is waited out and resent. A
//     connection lost after sending gives ErrOutcomeUnknown (check with Get
//     before repeating).
//   - v1 and v2 have separate roots; v2 cannot list intents, so IntentsV2
//     only confirms and rejects.
//
// # Errors and retries
//
// A failed call returns an *Error (errors.As) with the operation, the status
// and the raw body; errors.Is matches it against ErrNotFound,
// ErrUnauthorized, ErrRateLimited, ErrTokenQuota, the documented cases above
// and the other classes. Bad input (an empty id, a Limit outside 1..99, an
// empty material) matches ErrInvalidInput before any request is sent. Reads
// are retried (WithRetry; 3 retries by default, exponential backoff with
// jitter) on 429, 502, 503, 504 and connection errors, never on a 500;
// writes only after a 429 (see above). SPARETECH publishes no
// rate limits, so a 429 is honoured with its Retry-After up to
// WithMaxRateLimitWait and fails at once with ErrRateLimited beyond it. An
// API 401 renews the token and replays the call once.
//
// # Testing
//
// Package sparetechtest is an in-process fake of the whole API (both token
// endpoints and the daily quota, seeded intents, schemas, materials, v2,
// fault injection) for tests and for trying the examples without
// credentials:
//
//	srv := sparetechtest.NewServer()
//	defer srv.Close()
//	c, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
package sparetech
