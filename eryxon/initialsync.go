package eryxon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrParentFailed matches an item that was not sent because its parent (the
// job of a part, the part or cell of an operation) failed earlier in the
// same InitialSync.
var ErrParentFailed = errors.New("eryxon: parent failed to sync")

// Dataset is an ERP export to load into Eryxon with InitialSync. Parts name
// their job by JobExternalID (or JobID), operations their part by
// PartExternalID (or PartID) and their cell by CellName (or CellID). The JSON
// form uses the same field names as the types.
type Dataset struct {
	Cells      []Cell      `json:"cells"`
	Resources  []Resource  `json:"resources"`
	Jobs       []Job       `json:"jobs"`
	Parts      []Part      `json:"parts"`
	Operations []Operation `json:"operations"`
}

// The stages of InitialSync, in order.
const (
	StageCells      = "cells"
	StageResources  = "resources"
	StageJobs       = "jobs"
	StageParts      = "parts"
	StageOperations = "operations"
)

// SyncReport is the outcome of an InitialSync, one StageReport per stage in
// the order they ran.
type SyncReport struct {
	Stages []StageReport
}

// StageReport is the outcome of one stage.
type StageReport struct {
	// Stage is StageCells, StageResources, StageJobs, StageParts or StageOperations.
	Stage string
	// Total = Created + Updated + Failed; NotSent counts the failures that
	// were never sent (they are also in Failed).
	Total, Created, Updated, Failed, NotSent int
	// Requests is the number of bulk-sync requests the stage sent.
	Requests int
	// Failures lists every failed item of the stage with its reason, by index
	// into the stage's slice of the Dataset.
	Failures []ItemFailure
}

// ItemFailure is one failed item.
type ItemFailure struct {
	Index      int
	ExternalID string
	Err        error
}

// NotSent reports whether the item was never sent.
func (f ItemFailure) NotSent() bool { return errors.Is(f.Err, ErrNotSent) }

// Stage returns the report of the named stage, or nil.
func (r *SyncReport) Stage(name string) *StageReport {
	for i := range r.Stages {
		if r.Stages[i].Stage == name {
			return &r.Stages[i]
		}
	}
	return nil
}

// Failed is the number of failed items over all stages.
func (r *SyncReport) Failed() int {
	n := 0
	for _, s := range r.Stages {
		n += s.Failed
	}
	return n
}

// String is a one-line-per-stage summary.
func (r *SyncReport) String() string {
	var b strings.Builder
	for _, s := range r.Stages {
		fmt.Fprintf(&b, "%-10s total %5d  created %5d  updated %5d  failed %5d  (not sent %d)\n",
			s.Stage, s.Total, s.Created, s.Updated, s.Failed, s.NotSent)
	}
	return b.String()
}

// InitialSync loads d into the tenant: cells, resources, jobs, parts and
// operations, in that order, each stage through BulkSync with opts
// (WithChunkSize, WithConcurrency, WithStageProgress). Parents are resolved
// to ids from the earlier stages' results or one list of the parent
// collection; an item whose parent failed is reported failed (ErrParentFailed)
// and not sent. When a stage stops the run (ErrRateLimited, ErrQuotaExceeded,
// ErrUnauthorized, a cancelled context) the remaining items of every stage are
// reported as not sent and that error is returned with the report.
func InitialSync(ctx context.Context, c *Client, d Dataset, opts ...BulkOption) (*SyncReport, error) {
	if c == nil {
		return nil, invalid("InitialSync", "the client is nil")
	}
	cfg, err := bulkSettings(opts)
	if err != nil {
		return nil, err
	}
	s := &initialSync{cfg: cfg}
	rep := &SyncReport{}
	failedCells := map[string]error{}
	failedJobs := map[string]error{}
	failedParts := map[string]error{}

	rep.Stages = append(rep.Stages, runStage(ctx, s, StageCells, c.Cells, d.Cells, nil, failedCells))
	rep.Stages = append(rep.Stages, runStage(ctx, s, StageResources, c.Resources, d.Resources, nil, nil))
	rep.Stages = append(rep.Stages, runStage(ctx, s, StageJobs, c.Jobs, d.Jobs, nil, failedJobs))
	rep.Stages = append(rep.Stages, runStage(ctx, s, StageParts, c.Parts, d.Parts, func(p *Part) error {
		if p.JobID != "" {
			return nil
		}
		if err, ok := failedJobs[extKey(p.ExternalSource, p.JobExternalID)]; ok {
			return fmt.Errorf("%w: job %q: %w", ErrParentFailed, p.JobExternalID, err)
		}
		return nil
	}, failedParts))
	rep.Stages = append(rep.Stages, runStage(ctx, s, StageOperations, c.Operations, d.Operations, func(o *Operation) error {
		if o.PartID == "" {
			if err, ok := failedParts[extKey(o.ExternalSource, o.PartExternalID)]; ok {
				return fmt.Errorf("%w: part %q: %w", ErrParentFailed, o.PartExternalID, err)
			}
		}
		if o.CellID == "" {
			if err, ok := failedCells[o.CellName]; ok {
				return fmt.Errorf("%w: cell %q: %w", ErrParentFailed, o.CellName, err)
			}
		}
		return nil
	}, nil))
	return rep, s.stopErr
}

type initialSync struct {
	cfg     bulkConfig
	stopErr error
}

// runStage bulk-syncs one stage. blocked says why an item must not be sent
// (a failed parent); failed, when not nil, receives the keys of the stage's
// failed items for the stages after it.
func runStage[T any](ctx context.Context, s *initialSync, stage string, col *Collection[T], items []T,
	blocked func(*T) error, failed map[string]error) StageReport {
	rep := StageReport{Stage: stage, Total: len(items)}
	var outs []BulkOutcome
	add := func(i int, err error) {
		outs = append(outs, BulkOutcome{Index: i, ExternalID: col.e.externalID(&items[i]), Action: ActionFailed, Err: err})
	}
	switch {
	case s.stopErr != nil:
		for i := range items {
			add(i, &NotSentError{Cause: s.stopErr})
		}
	default:
		send, index := items, []int(nil)
		if blocked != nil {
			for i := range items {
				if err := blocked(&items[i]); err != nil {
					add(i, &NotSentError{Cause: err})
				}
			}
			if len(outs) > 0 {
				send, index = make([]T, 0, len(items)-len(outs)), make([]int, 0, len(items)-len(outs))
				for i := range items {
					if blocked(&items[i]) == nil {
						send, index = append(send, items[i]), append(index, i)
					}
				}
			}
		}
		cfg := s.cfg
		pre := len(outs)
		cfg.progress = nil
		if s.cfg.stage != nil {
			cfg.progress = func(done, total int) {
				// The final call (done == total) is made once, below.
				if pre+done < len(items) {
					s.cfg.stage(stage, pre+done, len(items))
				}
			}
		}
		r := &bulkRun[T]{c: col, items: send, cfg: cfg}
		res, err := r.run(ctx)
		if err != nil {
			s.stopErr = err
		}
		rep.Requests = res.Requests
		for _, l := range [][]BulkOutcome{res.Created, res.Updated, res.Failed} {
			for _, o := range l {
				if index != nil {
					o.Index = index[o.Index]
				}
				outs = append(outs, o)
			}
		}
	}
	slices.SortFunc(outs, func(a, b BulkOutcome) int { return a.Index - b.Index })
	for _, o := range outs {
		switch o.Action {
		case ActionCreated:
			rep.Created++
		case ActionUpdated, ActionSynced:
			rep.Updated++
		default:
			rep.Failed++
			f := ItemFailure{Index: o.Index, ExternalID: o.ExternalID, Err: o.Err}
			if f.NotSent() {
				rep.NotSent++
			}
			rep.Failures = append(rep.Failures, f)
			if failed != nil {
				failed[col.e.key(&items[o.Index])] = o.Err
			}
		}
	}
	if s.cfg.stage != nil {
		s.cfg.stage(stage, len(items), len(items))
	}
	return rep
}
