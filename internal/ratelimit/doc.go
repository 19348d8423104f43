// Package ratelimit parses the rate-limit headers every vendor may send:
// X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset and Retry-After.
package ratelimit
