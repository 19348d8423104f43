// Package benchkit holds what the SDK's benchmarks share: a paired timer
// that interleaves an SDK call with its plain net/http + encoding/json
// counterpart and reports the ratio of their medians, a recorder and a
// replay server that answer a client with the bytes a vendor fake sent
// (so that the server's cost per request is small and the same for both
// sides), a plain JSON call for the baselines, and a heap probe.
//
// It is imported by _test.go files only and never by the SDK itself.
package benchkit
