package reliability

import (
	"bytes"
	"fmt"
	"strings"
)

// render writes RELIABILITY.md: the faults down, the operations across.
func render(cells map[string]string) []byte {
	var b bytes.Buffer
	b.WriteString(`# Reliability: the fault matrix

Produced by ` + "`TestFaultMatrix`" + ` (internal/reliability), which runs in CI with every
` + "`go test ./...`" + ` and fails when a cell fails or when this file is not what the run
produced. Regenerate it with

    go test ./internal/reliability -run TestFaultMatrix -update

Each cell is one call of a vendor client against that vendor's in-process fake, with a
fault-injecting proxy in between that spoils the first matching request and passes
everything else through (token requests are not touched). Every cell also checks that
nothing panicked and that the call returned within its deadline (2 s; 300 ms for the
slow answer). "Applied" counts the requests the fake itself received: a write that is
not idempotent is never applied twice. Clients run with 2 retries and waits of
5-50 ms (a Retry-After is clamped to that maximum wait).

The faults:
- **reset before response**: the connection is reset after the request arrived, before
  the fake saw it.
- **reset after write**: the fake received and applied the request, then the connection
  is reset instead of the answer.
- **500, 502, 503, 504**: the status with a JSON body. 500 is not retried (it usually
  means the request itself breaks the server); the gateway statuses are, except for
  writes that are not idempotent, which may have been applied behind the gateway.
- **429 + Retry-After**: a refusal before any work, so every method is sent again.
- **slower than deadline**: the answer is held back 5 s; the caller's deadline is 300 ms.
- **truncated JSON**, **HTML page** (200 text/html), **wrong content type**
  (application/xml), **invalid UTF-8** in a string value: the request was served, the
  answer is unusable.
- **50 MB body**: a valid JSON object larger than the SDK's 32 MiB limit, streamed.

Operations: read = safe to send again; idempotent write = an upsert keyed by the
caller's id (Eryxon sync); write = must never be sent twice.

`)
	b.WriteString("| fault |")
	for _, tg := range targets {
		fmt.Fprintf(&b, " %s %s (%s) |", tg.vendor, tg.op, tg.kind)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(targets)))
	b.WriteString("\n")
	for _, f := range faults {
		fmt.Fprintf(&b, "| %s |", f)
		for _, tg := range targets {
			cell, ok := cells[tg.vendor+"|"+tg.op+"|"+f.String()]
			if !ok {
				cell = "not run"
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}
