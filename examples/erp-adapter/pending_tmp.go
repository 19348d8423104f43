package main

import (
	"context"
	"errors"
)

// Interim: these two jobs are wired once their vendor packages land.

func (a *adapter) newEryxonJob(context.Context) (job, error) {
	return nil, errors.New("not wired yet (use -only sparetech,spr,gks)")
}

func (a *adapter) newServiceMobilityJob(context.Context) (job, error) {
	return nil, errors.New("not wired yet (use -only sparetech,spr,gks)")
}
