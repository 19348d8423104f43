// Package eryxontest is an in-process fake of the Eryxon Flow MES API for
// testing ERP adapters without a tenant.
//
// NewServer starts an httptest server on 127.0.0.1 whose URL() is a
// Supabase functions root; point eryxon.NewClient at it with
// eryxon.WithBaseURL(srv.URL()) and srv.APIKey(). It behaves like the
// vendor's server code:
//
//   - Bearer API keys that must start with ery_live_ or ery_test_ (401 otherwise);
//   - the five synced tables (jobs, parts, operations, cells, resources)
//     with upsert semantics keyed by (tenant, external_source, external_id),
//     soft delete for all but cells, and list/get/delete with ?id=;
//   - the per-entity sync endpoints writing the body straight into the
//     table: a key that is not a column, a missing NOT NULL column or a
//     foreign key to a missing parent is a 500 INTERNAL_ERROR, as on the real
//     server; jobs run the vendor's JobValidator (422 VALIDATION_ERROR);
//   - bulk-sync with {"items":[...]} or the legacy {"<table>":[...]}, the
//     1000-item cap (400), and the server's response shape, or the published
//     page's shape with WithDocShape;
//   - a daily request budget per plan (free 100, pro 1000, premium 10000,
//     enterprise unlimited, the default) counted from the first request, with
//     the vendor's 429: X-RateLimit-Remaining 0, X-RateLimit-Reset as an
//     ISO-8601 time, Retry-After in seconds and error.rateLimitInfo;
//   - monthly job and part quotas (WithQuota) answered with 402 QUOTA_EXCEEDED;
//   - /api-erp-sync diff, sync (with sync_hash change detection and
//     job_external_id resolution) and status;
//   - webhooks registered with RegisterWebhook or POST /api-webhooks,
//     delivered signed (X-Eryxon-Signature: sha256=<hex>) with 3 attempts.
//
// Inspection (Rows, Requests, BudgetUsed, Deliveries) and fault injection
// for the next N requests (FailNext) let tests check what an adapter sent
// and how it copes with failures. WithCountOnly keeps no rows and no
// request copies, for benchmarks of large syncs.
//
// Where the vendor's code and docs disagree or are silent the fake chooses:
// bulk-sync reports database failures per item (the real server, by a bug,
// counts them as written: WithBulkWriteBug does the same); sync_hash is accepted on every table (the
// repository's schema has it on jobs and parts only); a "priority" column
// exists on jobs; the quota counts rows created by sync.
package eryxontest
