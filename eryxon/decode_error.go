package eryxon

import (
	"encoding/json"
	"math"
	"net/http"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/ratelimit"
)

// errorEnvelope is {"success":false,"error":{code,message,statusCode,details,rateLimitInfo}}.
type errorEnvelope struct {
	Error *struct {
		Code          string          `json:"code"`
		Message       string          `json:"message"`
		StatusCode    int             `json:"statusCode"`
		Details       json.RawMessage `json:"details"`
		RateLimitInfo *rateLimitInfo  `json:"rateLimitInfo"`
	} `json:"error"`
}

type rateLimitInfo struct {
	Remaining  *int     `json:"remaining"`
	ResetAt    string   `json:"resetAt"`
	RetryAfter *float64 `json:"retryAfter"`
}

// decodeError reads Eryxon's error envelope. The vendor's OpenAPI puts the
// 429 details under error.details, the server code under error.rateLimitInfo:
// both are read.
func decodeError(e *apierror.Error, resp *http.Response, body []byte) {
	now := time.Now()
	var env errorEnvelope
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		e.Code = env.Error.Code
		e.Message = env.Error.Message
		e.Details = decodeDetails(env.Error.Code, env.Error.Details)
	}
	if resp.StatusCode == http.StatusPaymentRequired || e.Code == "QUOTA_EXCEEDED" {
		e.Kind = ErrQuotaExceeded
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		return
	}
	info := (*rateLimitInfo)(nil)
	if env.Error != nil {
		info = env.Error.RateLimitInfo
		if info == nil && len(env.Error.Details) > 0 {
			var d rateLimitInfo
			if json.Unmarshal(env.Error.Details, &d) == nil {
				info = &d
			}
		}
	}
	// Eryxon sends its X-RateLimit-* headers only on 429: Remaining "0",
	// Reset an ISO-8601 timestamp, Retry-After in seconds.
	rl := ratelimit.FromHeaders(resp.Header, now)
	if !rl.HasRemaining {
		rl.Remaining, rl.HasRemaining = 0, true
		if info != nil && info.Remaining != nil {
			rl.Remaining = *info.Remaining
		}
	}
	if rl.Reset.IsZero() && info != nil {
		if t, ok := ratelimit.ParseReset(info.ResetAt, now); ok {
			rl.Reset = t
		}
	}
	wait := e.RetryAfter
	if wait == 0 {
		if d, ok := ratelimit.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
			wait = d
		} else if info != nil && info.RetryAfter != nil && *info.RetryAfter > 0 {
			wait = secondsToDuration(*info.RetryAfter)
		} else if !rl.Reset.IsZero() {
			wait = max(rl.Reset.Sub(now), 0)
		}
	}
	if rl.Reset.IsZero() && wait > 0 {
		rl.Reset = now.Add(wait)
	}
	e.RetryAfter = wait
	if e.RateLimit.Reset.IsZero() || !e.RateLimit.HasRemaining {
		e.RateLimit = rl
	}
}

func secondsToDuration(s float64) time.Duration {
	if s >= float64(math.MaxInt64)/float64(time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(s * float64(time.Second))
}

// decodeDetails types the details of the codes that have a documented shape.
func decodeDetails(code string, raw json.RawMessage) any {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	switch code {
	case "VALIDATION_ERROR":
		var d []ValidationDetail
		if json.Unmarshal(raw, &d) == nil {
			return d
		}
	case "QUOTA_EXCEEDED":
		var q QuotaDetail
		if json.Unmarshal(raw, &q) == nil {
			return &q
		}
	}
	var v any
	if json.Unmarshal(raw, &v) == nil {
		return v
	}
	return nil
}
