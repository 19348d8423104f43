// Command eryxon-initial-sync loads an ERP export (cells, resources, jobs,
// parts, operations) into Eryxon Flow MES with eryxon.InitialSync and prints
// a report per stage.
//
// Without configuration it runs against an in-process eryxontest fake with
// the shipped sample export (6 cells, 8 resources, 200 jobs, 600 parts, 2400
// operations). With ERYXON_API_KEY and ERYXON_BASE_URL set (the Supabase
// functions root, e.g. https://<project>.supabase.co/functions/v1) it loads
// the export into that tenant. -data loads another export in the same JSON
// form (the eryxon.Dataset fields). -debug logs every request at debug level.
package main

//go:generate go run gen_sample.go

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

//go:embed sample_export.json
var sampleExport []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "eryxon-initial-sync:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("eryxon-initial-sync", flag.ContinueOnError)
	fs.SetOutput(stdout)
	dataPath := fs.String("data", "", "an export file in eryxon.Dataset JSON (default: the shipped sample)")
	debug := fs.Bool("debug", false, "log every request and token renewal at debug level (secrets are never logged)")
	concurrency := fs.Int("concurrency", eryxon.DefaultConcurrency, "bulk-sync requests in flight")
	if err := fs.Parse(args); err != nil {
		return err
	}
	raw := sampleExport
	if *dataPath != "" {
		b, err := os.ReadFile(*dataPath)
		if err != nil {
			return err
		}
		raw = b
	}
	var d eryxon.Dataset
	if err := json.Unmarshal(raw, &d); err != nil {
		return fmt.Errorf("reading the export: %w", err)
	}

	key, baseURL := os.Getenv("ERYXON_API_KEY"), os.Getenv("ERYXON_BASE_URL")
	if (key == "") != (baseURL == "") {
		return errors.New("set both ERYXON_API_KEY and ERYXON_BASE_URL for a real tenant, or neither for the fake")
	}
	if key == "" {
		// No tenant configured: an enterprise (unlimited) fake in this process.
		srv := eryxontest.NewServer(eryxontest.WithPlan(eryxontest.Enterprise))
		defer srv.Close()
		key, baseURL = srv.APIKey(), srv.URL()
		fmt.Fprintln(stdout, "target: in-process Eryxon fake (set ERYXON_API_KEY and ERYXON_BASE_URL for a real tenant)")
	} else {
		fmt.Fprintln(stdout, "target:", baseURL)
	}
	c, err := eryxon.NewClient(key, eryxon.WithBaseURL(baseURL), eryxon.WithUserAgent("eryxon-initial-sync"), eryxon.WithLogger(debugLogger(*debug, stdout)))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "export: %d cells, %d resources, %d jobs, %d parts, %d operations\n",
		len(d.Cells), len(d.Resources), len(d.Jobs), len(d.Parts), len(d.Operations))

	rep, err := eryxon.InitialSync(ctx, c, d, eryxon.WithConcurrency(*concurrency),
		eryxon.WithStageProgress(func(stage string, done, total int) {
			if done == total {
				fmt.Fprintf(stdout, "stage %-10s done: %d items\n", stage, total)
			}
		}))
	if rep != nil {
		fmt.Fprintln(stdout)
		fmt.Fprint(stdout, rep.String())
		for _, s := range rep.Stages {
			for i, f := range s.Failures {
				if i == 5 {
					fmt.Fprintf(stdout, "  %s: %d more failures\n", s.Stage, len(s.Failures)-5)
					break
				}
				fmt.Fprintf(stdout, "  %s[%d] %s: %v\n", s.Stage, f.Index, f.ExternalID, f.Err)
			}
		}
	}
	if err != nil {
		return err
	}
	if rep.Failed() > 0 {
		return fmt.Errorf("%d items failed", rep.Failed())
	}
	return nil
}

// debugLogger returns the clients' logger: nil (silent) unless -debug, then
// every HTTP attempt and token renewal at debug level, written to w with the
// program's output. The SDK never logs a secret.
func debugLogger(on bool, w io.Writer) *slog.Logger {
	if !on {
		return nil
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
