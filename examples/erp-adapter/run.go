package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// systems lists the jobs in the order they run: SPARETECH first, so that the
// materials it creates are looked up in SPR in the same run.
var systems = []string{"sparetech", "spr", "gks", "eryxon", "servicemobility"}

// config is the parsed command line.
type config struct {
	only     []string
	once     bool
	interval time.Duration
	timeout  time.Duration
	erpPath  string
	listen   string
	debug    bool
}

// hooks let tests look inside a run; the program itself passes none.
type hooks struct {
	// getenv replaces os.Getenv, so tests never see the caller's credentials.
	getenv func(string) string
	// onFake is called with every fake server the adapter starts
	// (*sparetechtest.Server, *sprtest.Server, ...), before any job runs.
	onFake func(system string, fake any)
	// afterRun is called after each run's summary.
	afterRun func(n int)
}

// run is the whole program: it parses args, opens the ERP, builds the jobs
// and runs them once (-once) or every -interval until ctx ends. It returns
// the exit code: 0 when every job of the last run succeeded, 1 when one
// failed, 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWith(ctx, args, stdout, stderr, hooks{})
}

func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, h hooks) int {
	if h.getenv == nil {
		h.getenv = os.Getenv
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "erp-adapter:", err)
		return 2
	}

	path, seeded := cfg.erpPath, false
	if path == "" {
		dir, err := os.MkdirTemp("", "erp-adapter-")
		if err != nil {
			fmt.Fprintln(stderr, "erp-adapter:", err)
			return 1
		}
		path, seeded = filepath.Join(dir, "erp.json"), true
	}
	erp, err := OpenERP(path)
	if err != nil {
		fmt.Fprintln(stderr, "erp-adapter:", err)
		return 1
	}
	if seeded {
		fmt.Fprintf(stdout, "ERP file: %s (a fresh copy of the shipped sample; pass -erp FILE to keep one)\n", path)
	} else {
		fmt.Fprintf(stdout, "ERP file: %s\n", path)
	}

	a := &adapter{erp: erp, cfg: cfg, getenv: h.getenv, onFake: h.onFake, progressOut: stderr, now: time.Now}
	if cfg.debug {
		a.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	jobs, err := a.buildJobs(ctx)
	defer func() {
		for _, j := range jobs {
			j.Close()
		}
	}()
	if err != nil {
		fmt.Fprintln(stderr, "erp-adapter:", err)
		return 1
	}
	for _, j := range jobs {
		fmt.Fprintf(stdout, "  %-16s %s\n", j.Name(), j.Mode())
	}

	for n := 1; ; n++ {
		if n > 1 {
			if err := erp.Reload(); err != nil {
				fmt.Fprintln(stderr, "erp-adapter:", err)
				return 1
			}
		}
		failed := a.runOnce(ctx, n, jobs, stdout)
		if h.afterRun != nil {
			h.afterRun(n)
		}
		if cfg.once {
			return exitCode(failed)
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(stdout, "stopping:", context.Cause(ctx))
			return exitCode(failed)
		case <-time.After(cfg.interval):
		}
	}
}

func exitCode(failed bool) int {
	if failed {
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("erp-adapter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("only", "", "comma-separated systems to run (default all): "+strings.Join(systems, ","))
	fs.BoolVar(&cfg.once, "once", false, "run every job once and exit (default: repeat every -interval until interrupted)")
	fs.DurationVar(&cfg.interval, "interval", 5*time.Minute, "time between runs when not -once")
	fs.DurationVar(&cfg.timeout, "timeout", 2*time.Minute, "time limit of one job in one run")
	fs.StringVar(&cfg.erpPath, "erp", "", "ERP data file; created from the shipped sample if missing (default: a fresh copy in a temporary directory)")
	fs.BoolVar(&cfg.debug, "debug", false, "log every request, retry and token renewal at debug level to stderr (secrets are never logged)")
	fs.StringVar(&cfg.listen, "listen", "127.0.0.1:0", "address the ServiceMobility Parts Ordering endpoint listens on")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: erp-adapter [-once] [-interval 5m] [-only sparetech,spr,gks,eryxon,servicemobility] [-erp FILE] [-debug]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if !cfg.once && cfg.interval <= 0 {
		return cfg, errors.New("-interval must be positive")
	}
	if cfg.timeout <= 0 {
		return cfg, errors.New("-timeout must be positive")
	}
	cfg.only = systems
	if *only != "" {
		cfg.only = nil
		for _, s := range strings.Split(*only, ",") {
			s = strings.ToLower(strings.TrimSpace(s))
			if !slices.Contains(systems, s) {
				return cfg, fmt.Errorf("-only: unknown system %q (want some of %s)", s, strings.Join(systems, ","))
			}
			if !slices.Contains(cfg.only, s) {
				cfg.only = append(cfg.only, s)
			}
		}
	}
	return cfg, nil
}

// job is one system's work.
type job interface {
	// Name is the system's name as -only spells it.
	Name() string
	// Mode says which API the job talks to, for the startup lines.
	Mode() string
	// Run does one run's work and fills r; an error fails the job.
	Run(ctx context.Context, r *Report) error
	// Close releases the job's fakes and servers.
	Close()
}

// Report is what one job did in one run.
type Report struct {
	// Summary is the one-line result.
	Summary string
	// Details are further lines worth reading (one per noteworthy item).
	Details []string
}

// Detailf adds a detail line.
func (r *Report) Detailf(format string, args ...any) {
	r.Details = append(r.Details, fmt.Sprintf(format, args...))
}

// maxDetails caps the detail lines printed per system, so a large ERP
// gives a readable summary; the ERP file holds the full result.
const maxDetails = 25

// runOnce runs every job once, prints the summary and reports whether any failed.
func (a *adapter) runOnce(ctx context.Context, n int, jobs []job, stdout io.Writer) bool {
	fmt.Fprintf(stdout, "\nrun %d at %s\n", n, a.now().UTC().Format(time.RFC3339))
	type outcome struct {
		name, mode string
		report     Report
		err        error
		took       time.Duration
	}
	var outcomes []outcome
	failed := false
	for _, j := range jobs {
		jctx, cancel := context.WithTimeout(ctx, a.cfg.timeout)
		start := time.Now()
		var r Report
		err := j.Run(jctx, &r)
		cancel()
		took := time.Since(start)
		if err == nil {
			err2 := a.erp.Update(func(d *Data) error {
				d.Sync.LastRun[j.Name()] = a.now().UTC()
				return nil
			})
			err = err2
		}
		if err != nil {
			failed = true
		}
		outcomes = append(outcomes, outcome{j.Name(), j.Mode(), r, err, took})
	}

	fmt.Fprintf(stdout, "\nsummary of run %d\n", n)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, o := range outcomes {
		status := "ok"
		if o.err != nil {
			status = "FAILED"
		}
		api := "fake"
		if !strings.HasPrefix(o.mode, "fake") {
			api = "real"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", o.name, status, api, o.took.Round(time.Millisecond), o.report.Summary)
	}
	tw.Flush()
	for _, o := range outcomes {
		if o.err == nil && len(o.report.Details) == 0 {
			continue
		}
		fmt.Fprintf(stdout, "%s:\n", o.name)
		for i, d := range o.report.Details {
			if i == maxDetails {
				fmt.Fprintf(stdout, "  - ... and %d more\n", len(o.report.Details)-maxDetails)
				break
			}
			fmt.Fprintf(stdout, "  - %s\n", d)
		}
		if o.err != nil {
			fmt.Fprintf(stdout, "  error: %v\n", o.err)
		}
	}
	return failed
}
