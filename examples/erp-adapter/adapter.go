package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
)

// adapter is what every job shares: the ERP, the configuration and the
// progress output.
type adapter struct {
	erp         *ERP
	cfg         config
	getenv      func(string) string
	onFake      func(system string, fake any)
	progressOut io.Writer
	progressMu  sync.Mutex
	// log receives the clients' and the endpoint's records; nil (the
	// default, without -debug) is silent.
	log *slog.Logger
	now func() time.Time
}

// buildJobs creates the selected jobs in run order. Each one talks to its
// real API when its credentials are in the environment, otherwise to a fake
// it starts. The jobs built before an error are returned so they can be closed.
func (a *adapter) buildJobs(ctx context.Context) ([]job, error) {
	builders := map[string]func(context.Context) (job, error){
		"sparetech":       a.newSparetechJob,
		"spr":             a.newSPRJob,
		"gks":             a.newGKSJob,
		"eryxon":          a.newEryxonJob,
		"servicemobility": a.newServiceMobilityJob,
	}
	var jobs []job
	for _, name := range systems {
		if !slices.Contains(a.cfg.only, name) {
			continue
		}
		j, err := builders[name](ctx)
		if err != nil {
			return jobs, fmt.Errorf("%s: %w", name, err)
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// fake reports a fake server a job started to the test hook, if any.
func (a *adapter) fake(system string, srv any) {
	if a.onFake != nil {
		a.onFake(system, srv)
	}
}

// progressf prints a progress line for a long step (to stderr, so the
// summary on stdout stays readable when redirected).
func (a *adapter) progressf(system, format string, args ...any) {
	a.progressMu.Lock()
	defer a.progressMu.Unlock()
	fmt.Fprintf(a.progressOut, "[%s] %s\n", system, fmt.Sprintf(format, args...))
}

// progress returns a step counter for total items that prints roughly every
// quarter and at the end, so long steps show movement without flooding.
func (a *adapter) progress(system, what string, total int) func() {
	done := 0
	every := max(1, (total+3)/4)
	return func() {
		done++
		if done == total || done%every == 0 {
			a.progressf(system, "%s %d/%d", what, done, total)
		}
	}
}

// env reads the named variables. It reports whether all of them are set
// (use the real API), and errs if only some are, because a half-configured
// system is a mistake rather than a wish for the fake.
func (a *adapter) env(names ...string) (map[string]string, bool, error) {
	vals := map[string]string{}
	var missing []string
	for _, n := range names {
		if v := strings.TrimSpace(a.getenv(n)); v != "" {
			vals[n] = v
		} else {
			missing = append(missing, n)
		}
	}
	switch len(missing) {
	case 0:
		return vals, true, nil
	case len(names):
		return vals, false, nil
	default:
		return nil, false, fmt.Errorf("%s set but %s not: set all of them for the real API, or none for the fake",
			strings.Join(setNames(names, missing), ", "), strings.Join(missing, ", "))
	}
}

func setNames(all, missing []string) []string {
	var out []string
	for _, n := range all {
		if !slices.Contains(missing, n) {
			out = append(out, n)
		}
	}
	return out
}
