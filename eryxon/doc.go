// Package eryxon is a client for the ERP sync API of Eryxon Flow MES, an
// open-source manufacturing execution system for sheet-metal and job shops.
//
// An ERP pushes its master and order data into Eryxon: cells (work
// centers), resources (machines, tools, fixtures), jobs (sales or production
// orders), parts (order lines) and operations (routing steps). Every record
// is keyed by (ExternalSource, ExternalID), so every sync is an upsert.
//
// # Connecting
//
// The API is a set of Supabase Edge Functions. WithBaseURL is required and is
// the functions root of the deployment, e.g.
// "https://<project>.supabase.co/functions/v1" (self-hosted deployments
// differ). The API key is created by an admin in Eryxon (Admin > API Keys),
// starts with "ery_live_" or "ery_test_" and is sent as
// "Authorization: Bearer <key>". It never appears in errors or logs. Every
// request carries an X-Request-Id that Eryxon echoes and that errors report.
//
//	c, err := eryxon.NewClient(os.Getenv("ERYXON_API_KEY"),
//		eryxon.WithBaseURL("https://<project>.supabase.co/functions/v1"))
//
// # Collections
//
// Client.Jobs, Parts, Operations, Cells and Resources are a Collection each:
// Sync (PUT /api-<x>/sync, one record, ActionCreated or ActionUpdated),
// BulkSync (POST /api-<x>/bulk-sync, any number of records), List (offset
// pages of up to 1000), Get and Delete (the id goes in the ?id= query).
// ERPSync is the unified /api-erp-sync endpoint (Diff, Sync, Status), which
// also skips unchanged records. InitialSync loads a whole Dataset in the
// order the vendor prescribes: cells, resources, jobs, parts, operations.
//
// # Column names and linking
//
// The per-entity sync endpoints write the request body straight into the
// database table, so a key that is not a column is a 500 INTERNAL_ERROR
// (the vendor's docs show keys like "customer_name", "estimated_time_minutes"
// or "job_external_id" that the tables do not have). This package sends
// column names only: customer, estimated_time, job_id, part_id, cell_id.
//
// The linking fields Part.JobExternalID, Operation.PartExternalID and
// Operation.CellName are client side: before sending, the client resolves
// them to Eryxon ids, from the results of earlier syncs (a Sync answer, or a
// bulk-sync answer that carries ids) or else from one list of the parent
// collection, which it lists again only after writes it could not see the
// ids of. An item whose parent cannot be resolved fails with
// ErrParentNotFound and is not sent. ERPSync.Sync sends a part's
// JobExternalID as it is: that endpoint resolves it on the server.
//
// # Bulk sync
//
// BulkSync validates every item, resolves its parents, splits the rest into
// chunks of at most 1000 (the server's cap) and sends up to
// DefaultConcurrency chunks at once. Every input item ends in exactly one of
// BulkResult.Created, Updated or Failed, by its index. The server's answer
// lists only counts and failures: when a chunk holds both new and existing
// items, the outcomes say ActionSynced rather than guess. A chunk whose
// request fails is failed as a whole; items never sent carry a
// *NotSentError.
//
// # Limits
//
// Each tenant has a daily request budget (free 100, pro 1,000, premium
// 10,000, enterprise unlimited) in a 24-hour window that starts at the first
// request. Every request counts, retries and failed ones included. A 429
// carries Retry-After (seconds), X-RateLimit-Reset (an ISO-8601 time) and
// error.rateLimitInfo; when the wait is longer than WithMaxRateLimitWait
// (default one minute) the call fails at once with ErrRateLimited, and
// Error.RateLimit.Reset says when the budget returns; BulkSync and
// InitialSync stop and report what was not sent. Monthly job and part quotas
// answer 402, ErrQuotaExceeded, which is never retried. A 500 is never
// retried: on Eryxon it is usually a database error caused by the request.
//
// # Experimental: operations, cells and resources
//
// In the vendor's repository only the jobs and parts tables have the
// sync_hash column that every per-entity sync writes, so Sync and BulkSync of
// operations, cells and resources may fail with a 500 (or, through bulk-sync,
// be counted written but not stored: use WithVerify) unless the hosted
// database differs. Treat them as experimental until they pass against your
// tenant; eryxontest.WithRepositorySchema reproduces the failure.
//
// # Webhooks
//
// VerifyWebhook checks X-Eryxon-Signature (HMAC-SHA256 of the raw body,
// "sha256=<hex>" or bare hex) and NewWebhookHandler serves deliveries.
//
// # Testing
//
// Package eryxontest is an in-process fake of the API with the same quirks,
// budgets and fault injection; the examples run against it:
//
//	srv := eryxontest.NewServer()
//	defer srv.Close()
//	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
package eryxon
