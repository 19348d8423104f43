// Package reliability holds the SDK's cross-vendor reliability tests; it has
// no API of its own.
//
// TestFaultMatrix drives one read and one write of every vendor client
// through a fault-injecting proxy in front of that vendor's fake
// (connection resets before the response and after the request was written,
// 500/502/503/504, 429 with Retry-After, a response slower than the caller's
// deadline, truncated JSON, an HTML page, a wrong content type, a 50 MB body,
// invalid UTF-8) and checks each outcome: retried and succeeded, or a typed
// error that says what happened; never a second send of a non-idempotent
// write, never a panic, never a wait past the deadline. It writes the table
// to RELIABILITY.md with
//
//	go test ./internal/reliability -run TestFaultMatrix -update
//
// and, without -update, fails when the table differs from the committed one.
//
// TestConnectionReuse shows that 100 sequential calls of each client, errors
// included, go over one TCP connection: every body is drained and closed.
package reliability
