// Command erp-adapter is the flagship example of partsync-go: an ERP adapter
// that keeps a small local ERP (a JSON file) in step with SPARETECH, SPR
// Automotive, GKS4, Eryxon Flow and ServiceMobility.
//
// With no configuration it runs every system on its in-process fake:
//
//	go run ./examples/erp-adapter -once
//
// Each system switches to its real API when its credentials are in the
// environment (see README.md, "Configuration"). -debug logs every request
// at debug level to stderr; secrets are never logged.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
