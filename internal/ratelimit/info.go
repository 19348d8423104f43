package ratelimit

import "time"

// Info is the server's rate-limit state as of one response. Zero values mean
// the server did not send that header.
type Info struct {
	// Limit is the request budget of the current window (X-RateLimit-Limit).
	Limit int
	// Remaining is what is left of the budget (X-RateLimit-Remaining).
	Remaining int
	// Reset is when the window resets (X-RateLimit-Reset, normalised to a time).
	Reset time.Time
	// HasRemaining tells a Remaining of 0 that was sent from one that was not.
	HasRemaining bool
}

// Exhausted reports whether the server said no requests remain until Reset.
func (i Info) Exhausted(now time.Time) bool {
	return i.HasRemaining && i.Remaining <= 0 && i.Reset.After(now)
}
