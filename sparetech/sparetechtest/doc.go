// Package sparetechtest is an in-process fake of the SPARETECH Sync API (v1
// and v2) for testing ERP adapters without credentials or network.
//
// NewServer starts it on 127.0.0.1. Point a client at it with
//
//	srv := sparetechtest.NewServer()
//	defer srv.Close()
//	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
//
// It behaves as the vendor documents:
//   - tokens from /oauth/token (HTTP Basic or form fields) and the deprecated
//     JSON /auth (camelCase or snake_case keys), valid for WithTokenTTL
//     (default 24 h), rationed by WithTokenQuota per UTC day (403 with the
//     vendor's text once spent); API calls need "Authorization: Bearer" with a
//     live token (401 otherwise);
//   - creation, change and extension intents, seeded with a small
//     deterministic set unless WithoutSeed is given, listed with status,
//     created.gt / created.lt (inclusive dates), limit (1..99, default 10),
//     zero-based page and, for change intents, changes.only; confirm moves an
//     intent from Ready to Done, and so does reject (the vendor has no
//     "rejected" status; Outcome tells the two apart);
//   - the export and import schemas; material create, update and extend with
//     the documented errors (404 "Material reference already exists.", 409
//     "Plant is already included in material", 422 "Material fields should
//     not be part of an extension.", ...); the v2 material upsert and v2
//     intent confirm and reject on the same state.
//
// The default seed, created in December 2022: creation intents 904134,
// 904135 and 904136 (Ready) and 904100 (Done); change intents 904210
// (MAT-000101) and 904211 (MAT-000102, plant 1000); extension intents 904310
// (MAT-000101 to plant 2000) and 904311 (MAT-000999). Seeded intents
// without an ID are numbered from 904001.
//
// Requests, TokenRequests, Outcome, Materials and UpsertsV2 show what
// arrived; InjectFault makes the next requests fail (status, Retry-After,
// delay, connection reset, truncated body).
//
// Assumptions where the vendor is silent: error bodies are plain text; bad
// input (missing materialNumber or message, bad limit) is a 400; repeating a
// confirm or reject answers 200 and keeps the first outcome.
package sparetechtest
