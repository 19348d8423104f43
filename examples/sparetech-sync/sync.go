package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/sparetech"
)

// plantKey is the metadata field naming the plant of an extension intent
// (configured in SPARETECH's export mapping; "WERK" in the sample).
const plantKey = "WERK"

// Summary counts what a sync did.
type Summary struct {
	Created, Changed, Extended, Confirmed, Rejected, Failed int
}

// Syncer applies SPARETECH's Ready intents to an ERP and confirms them.
// The order per intent is: apply to the ERP (which persists), then confirm.
// A failed confirmation leaves the intent Ready; the next run applies it
// again, which the ERP treats as already done.
type Syncer struct {
	Client *sparetech.Client
	ERP    ERP
	Out    io.Writer
}

// Run handles every Ready creation, change and extension intent once.
// Intents are collected before any is confirmed, because confirming shrinks
// the Ready list that All is paging through.
func (s *Syncer) Run(ctx context.Context) (Summary, error) {
	var sum Summary
	ready := sparetech.ListParams{Status: sparetech.StatusReady}

	creations, err := collect(s.Client.CreationIntents.All(ctx, ready))
	if err != nil {
		return sum, fmt.Errorf("listing creation intents: %w", err)
	}
	for _, it := range creations {
		s.creation(ctx, it, &sum)
	}
	changes, err := collect(s.Client.ChangeIntents.All(ctx, ready))
	if err != nil {
		return sum, fmt.Errorf("listing change intents: %w", err)
	}
	for _, it := range changes {
		s.change(ctx, it, &sum)
	}
	extensions, err := collect(s.Client.ExtensionIntents.All(ctx, ready))
	if err != nil {
		return sum, fmt.Errorf("listing extension intents: %w", err)
	}
	for _, it := range extensions {
		s.extension(ctx, it, &sum)
	}
	return sum, nil
}

func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for it, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

func (s *Syncer) creation(ctx context.Context, it sparetech.CreationIntent, sum *Summary) {
	number, created, err := s.ERP.CreateMaterial("sparetech:creation:"+it.ID, it.Metadata)
	if err != nil {
		s.fail(sum, "creation", it.ID, err)
		return
	}
	verb := "created "
	if created {
		sum.Created++
	} else {
		verb = "existing"
	}
	if _, err := s.Client.CreationIntents.Confirm(ctx, it.ID, number); err != nil {
		s.fail(sum, "creation", it.ID, fmt.Errorf("confirming: %w", err))
		return
	}
	sum.Confirmed++
	fmt.Fprintf(s.Out, "%s %s  creation intent %s confirmed (%s)\n", verb, number, it.ID, describe(it.Metadata))
}

func (s *Syncer) change(ctx context.Context, it sparetech.ChangeIntent, sum *Summary) {
	err := s.ERP.ChangeMaterial(it.MaterialNumber, it.Plant, it.Metadata)
	if errors.Is(err, ErrUnknown) {
		s.reject(ctx, sum, "change", it.ID, err, s.Client.ChangeIntents.Reject)
		return
	}
	if err != nil {
		s.fail(sum, "change", it.ID, err)
		return
	}
	sum.Changed++
	if err := s.Client.ChangeIntents.Confirm(ctx, it.ID); err != nil {
		s.fail(sum, "change", it.ID, fmt.Errorf("confirming: %w", err))
		return
	}
	sum.Confirmed++
	where := ""
	if it.Plant != "" {
		where = " plant " + it.Plant
	}
	fmt.Fprintf(s.Out, "changed  %s%s  change intent %s confirmed (%s)\n", it.MaterialNumber, where, it.ID, strings.Join(slices.Sorted(maps.Keys(it.Metadata)), ", "))
}

func (s *Syncer) extension(ctx context.Context, it sparetech.ExtensionIntent, sum *Summary) {
	plant, _ := it.Metadata[plantKey].(string)
	if plant == "" {
		s.reject(ctx, sum, "extension", it.ID, fmt.Errorf("no %s in the intent", plantKey), s.Client.ExtensionIntents.Reject)
		return
	}
	added, err := s.ERP.ExtendMaterial(it.MaterialNumber, plant, it.Metadata)
	if errors.Is(err, ErrUnknown) {
		s.reject(ctx, sum, "extension", it.ID, err, s.Client.ExtensionIntents.Reject)
		return
	}
	if err != nil {
		s.fail(sum, "extension", it.ID, err)
		return
	}
	if added {
		sum.Extended++
	}
	if err := s.Client.ExtensionIntents.Confirm(ctx, it.ID); err != nil {
		s.fail(sum, "extension", it.ID, fmt.Errorf("confirming: %w", err))
		return
	}
	sum.Confirmed++
	fmt.Fprintf(s.Out, "extended %s to plant %s  extension intent %s confirmed\n", it.MaterialNumber, plant, it.ID)
}

// reject tells SPARETECH why the ERP cannot apply an intent.
func (s *Syncer) reject(ctx context.Context, sum *Summary, kind, id string, reason error, reject func(context.Context, string, string) error) {
	if err := reject(ctx, id, reason.Error()); err != nil {
		s.fail(sum, kind, id, fmt.Errorf("rejecting: %w", err))
		return
	}
	sum.Rejected++
	fmt.Fprintf(s.Out, "rejected %s intent %s: %v\n", kind, id, reason)
}

// fail reports an intent left Ready for the next run.
func (s *Syncer) fail(sum *Summary, kind, id string, err error) {
	sum.Failed++
	fmt.Fprintf(s.Out, "FAILED   %s intent %s (left for the next run): %v\n", kind, id, err)
}

// describe names a material by its manufacturer and article number.
func describe(m map[string]any) string {
	var parts []string
	for _, k := range []string{"MANU", "ART_NUM"} {
		if v, ok := m[k].(string); ok && v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d fields", len(m))
	}
	return strings.Join(parts, " ")
}
