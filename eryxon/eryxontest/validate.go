package eryxontest

import (
	"regexp"
	"time"
	"unicode/utf8"
)

// validationDetail is one entry of a VALIDATION_ERROR's details.
type validationDetail struct {
	Field      string `json:"field"`
	Message    string `json:"message"`
	Value      any    `json:"value,omitempty"`
	Constraint string `json:"constraint"`
	EntityType string `json:"entityType"`
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// validateJob is the vendor's JobValidator for a job without nested parts.
func validateJob(j row) []validationDetail {
	var out []validationDetail
	add := func(field, msg, constraint string, v any) {
		out = append(out, validationDetail{Field: field, Message: msg, Value: v, Constraint: constraint, EntityType: "job"})
	}
	switch n := j["job_number"].(type) {
	case string:
		if l := utf8.RuneCountInString(n); l == 0 || l > 255 {
			add("job_number", "job_number must be 1 to 255 characters", "MAX_LENGTH", n)
		}
	case nil:
		add("job_number", "job_number is required", "NOT_NULL", nil)
	default:
		add("job_number", "job_number must be a string", "TYPE", n)
	}
	if v, ok := j["status"]; ok && v != nil {
		if s, _ := v.(string); !contains([]string{"not_started", "in_progress", "on_hold", "completed"}, s) {
			add("status", "status must be one of not_started, in_progress, on_hold, completed", "TYPE", v)
		}
	}
	if v, ok := j["priority"]; ok && v != nil {
		f, isNum := v.(float64)
		if !isNum || f != float64(int64(f)) || f < 0 {
			add("priority", "priority must be a non-negative integer", "MIN_VALUE", v)
		}
	}
	if v, ok := j["due_date"]; ok && v != nil {
		s, _ := v.(string)
		if !validDate(s) {
			add("due_date", "due_date must be a valid date", "TYPE_MISMATCH", v)
		}
	}
	if v, ok := j["customer_name"].(string); ok && utf8.RuneCountInString(v) > 255 {
		add("customer_name", "customer_name must be at most 255 characters", "MAX_LENGTH", v)
	}
	if v, ok := j["current_cell_id"]; ok && v != nil {
		if s, _ := v.(string); !uuidPattern.MatchString(s) {
			add("current_cell_id", "current_cell_id must be a UUID", "UUID_FORMAT", v)
		}
	}
	return out
}

func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
