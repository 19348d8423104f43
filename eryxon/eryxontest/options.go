package eryxontest

import (
	"net/http"
	"time"
)

// Plan is an Eryxon subscription plan; it sets the daily request budget.
type Plan string

// The plans and their daily budgets.
const (
	Free       Plan = "free"       // 100 requests a day
	Pro        Plan = "pro"        // 1,000 requests a day
	Premium    Plan = "premium"    // 10,000 requests a day
	Enterprise Plan = "enterprise" // unlimited
)

// DailyLimit is the plan's budget per 24 hours; 0 means unlimited.
func (p Plan) DailyLimit() int {
	switch p {
	case Free:
		return 100
	case Pro:
		return 1000
	case Premium:
		return 10000
	}
	return 0
}

// ServerOption configures NewServer.
type ServerOption func(*config)

type config struct {
	apiKey      string
	plan        Plan
	dailyLimit  int
	limitSet    bool
	jobQuota    int
	partQuota   int
	docShape    bool
	countOnly   bool
	bulkBug     bool
	repoSchema  bool
	now         func() time.Time
	hookBackoff time.Duration
	hookClient  *http.Client
}

// WithAPIKey sets the tenant's API key (default: a fixed ery_test_ key).
func WithAPIKey(key string) ServerOption { return func(c *config) { c.apiKey = key } }

// WithPlan sets the plan (default Enterprise: no daily budget).
func WithPlan(p Plan) ServerOption { return func(c *config) { c.plan = p } }

// WithDailyLimit overrides the plan's daily budget; 0 means unlimited.
func WithDailyLimit(n int) ServerOption {
	return func(c *config) { c.dailyLimit, c.limitSet = n, true }
}

// WithQuota sets the monthly quota of jobs and parts that sync may create;
// 0 means unlimited (the default). A single sync over the quota is a 402
// QUOTA_EXCEEDED; in a bulk-sync the items over it fail.
func WithQuota(jobs, parts int) ServerOption {
	return func(c *config) { c.jobQuota, c.partQuota = jobs, parts }
}

// WithDocShape answers sync and bulk-sync in the shape of the vendor's
// published page ({action,id,external_id} and {total,created,updated,errors,
// results:[...]}) instead of the server code's shape.
func WithDocShape() ServerOption { return func(c *config) { c.docShape = true } }

// WithBulkWriteBug makes bulk-sync behave like the vendor's server code
// (crud-builder.ts), which does not check its database writes: an item the
// database rejects (an unknown column, a NOT NULL or foreign-key violation)
// is counted as created or updated but not stored. Use it to test read-back
// verification (eryxon.WithVerify).
func WithBulkWriteBug() ServerOption { return func(c *config) { c.bulkBug = true } }

// WithRepositorySchema uses the vendor repository's database schema, in
// which only jobs and parts have a sync_hash column: every sync of an
// operation, cell or resource (which writes sync_hash) fails with a 500, as
// the vendor's code would against that schema. Whether the hosted service
// behaves so is unknown; by default the fake accepts sync_hash everywhere.
func WithRepositorySchema() ServerOption { return func(c *config) { c.repoSchema = true } }

// WithCountOnly validates and counts every request but keeps no rows and no
// copies of requests: for benchmarks that push far more items than a test
// needs to read back. Foreign keys are not checked and every synced item is
// reported created.
func WithCountOnly() ServerOption { return func(c *config) { c.countOnly = true } }

// WithClock sets the server's clock (default time.Now), for the budget
// window and timestamps.
func WithClock(now func() time.Time) ServerOption { return func(c *config) { c.now = now } }

// WithWebhookBackoff sets the wait before the first webhook retry (default
// 500 ms, doubled per attempt, at most 2 s, like the vendor); 0 retries at once.
func WithWebhookBackoff(d time.Duration) ServerOption { return func(c *config) { c.hookBackoff = d } }

// WithWebhookClient sets the client webhooks are delivered with (default:
// a client with the vendor's 10 s timeout).
func WithWebhookClient(hc *http.Client) ServerOption { return func(c *config) { c.hookClient = hc } }
