package eryxontest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// budget is the tenant's daily request count: a fixed 24-hour window that
// starts at the first request, not at midnight.
type budget struct {
	start time.Time
	used  int
}

const window = 24 * time.Hour

// spend counts one request, or answers the vendor's 429 when the budget is
// spent. Every authenticated request counts, failed ones included.
func (s *Server) spend(w http.ResponseWriter) bool {
	now := s.cfg.now()
	s.mu.Lock()
	limit := s.cfg.dailyLimit
	if limit <= 0 {
		s.budget.used++
		s.mu.Unlock()
		return true
	}
	if s.budget.start.IsZero() || !now.Before(s.budget.start.Add(window)) {
		s.budget = budget{start: now}
	}
	if s.budget.used < limit {
		s.budget.used++
		s.mu.Unlock()
		return true
	}
	reset := s.budget.start.Add(window)
	plan := s.cfg.plan
	s.mu.Unlock()

	retry := int(math.Ceil(reset.Sub(now).Seconds()))
	w.Header().Set("X-RateLimit-Remaining", "0")
	w.Header().Set("X-RateLimit-Reset", isoTime(reset))
	w.Header().Set("Retry-After", strconv.Itoa(retry))
	writeJSON(w, http.StatusTooManyRequests, map[string]any{"success": false, "error": map[string]any{
		"code":       "RATE_LIMIT_EXCEEDED",
		"message":    fmt.Sprintf("Rate limit exceeded. Your %s plan allows %d requests per day. Upgrade your plan for higher limits.", plan, limit),
		"statusCode": http.StatusTooManyRequests,
		"rateLimitInfo": map[string]any{
			"remaining":  0,
			"resetAt":    isoTime(reset),
			"retryAfter": retry,
		},
	}})
	return false
}

// BudgetUsed is the number of requests counted in the current window.
func (s *Server) BudgetUsed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.budget.used
}

// SetDailyLimit changes the daily budget; 0 means unlimited.
func (s *Server) SetDailyLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.dailyLimit = n
}

// ResetBudget starts a new window, as if a day had passed.
func (s *Server) ResetBudget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.budget = budget{}
}
