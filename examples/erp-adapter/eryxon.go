package main

import (
	"context"
	"fmt"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

// eryxonSource is the external_source of everything the adapter syncs:
// with the ERP's own keys as external_id it is Eryxon's upsert key.
const eryxonSource = "partsync-erp"

// eryxonJob sends the ERP's work centres, tools, jobs, parts and routings to
// Eryxon Flow: everything once (InitialSync), then only what the change log
// says changed (Collection.Sync per item).
type eryxonJob struct {
	a      *adapter
	client *eryxon.Client
	fake   *eryxontest.Server
	mode   string
}

func (a *adapter) newEryxonJob(context.Context) (job, error) {
	vals, real, err := a.env("ERYXON_API_KEY", "ERYXON_BASE_URL")
	if err != nil {
		return nil, err
	}
	j := &eryxonJob{a: a}
	if real {
		j.client, err = eryxon.NewClient(vals["ERYXON_API_KEY"], eryxon.WithBaseURL(vals["ERYXON_BASE_URL"]), eryxon.WithUserAgent(userAgent), eryxon.WithLogger(a.log))
		j.mode = "real API, " + vals["ERYXON_BASE_URL"]
		return j, err
	}
	j.fake = eryxontest.NewServer()
	a.fake("eryxon", j.fake)
	j.client, err = eryxon.NewClient(j.fake.APIKey(), eryxon.WithBaseURL(j.fake.URL()), eryxon.WithLogger(a.log))
	j.mode = "fake (eryxontest at " + j.fake.URL() + ")"
	return j, err
}

func (j *eryxonJob) Name() string { return "eryxon" }
func (j *eryxonJob) Mode() string { return j.mode }
func (j *eryxonJob) Close() {
	if j.fake != nil {
		j.fake.Close()
	}
}

func (j *eryxonJob) Run(ctx context.Context, r *Report) error {
	var initial bool
	j.a.erp.View(func(d *Data) { initial = d.Sync.EryxonInitialSync.IsZero() })
	if initial {
		return j.initialSync(ctx, r)
	}
	return j.incrementalSync(ctx, r)
}

// dataset is the ERP's shop floor in Eryxon's terms. Parents are named by
// their external ids (JobExternalID, PartExternalID, CellName), which
// InitialSync resolves to Eryxon ids as it goes.
func dataset(d *Data) eryxon.Dataset {
	var ds eryxon.Dataset
	cellName := map[string]string{}
	for _, wc := range d.WorkCentres {
		ds.Cells = append(ds.Cells, eryxonCell(wc))
		cellName[wc.ID] = wc.Name
	}
	for _, t := range d.Tools {
		ds.Resources = append(ds.Resources, eryxonResource(t))
	}
	for _, jb := range d.Jobs {
		ds.Jobs = append(ds.Jobs, eryxonJobOf(jb))
		for _, p := range jb.Parts {
			ds.Parts = append(ds.Parts, eryxonPart(jb, p))
			for _, op := range p.Routing {
				ds.Operations = append(ds.Operations, eryxonOperation(p, op, cellName[op.WorkCentre], ""))
			}
		}
	}
	return ds
}

func (j *eryxonJob) initialSync(ctx context.Context, r *Report) error {
	var ds eryxon.Dataset
	var head int64
	j.a.erp.View(func(d *Data) {
		ds = dataset(d)
		head = d.LastSeq()
	})
	total := len(ds.Cells) + len(ds.Resources) + len(ds.Jobs) + len(ds.Parts) + len(ds.Operations)
	j.a.progressf("eryxon", "initial sync of %d records: %d cells, %d resources, %d jobs, %d parts, %d operations",
		total, len(ds.Cells), len(ds.Resources), len(ds.Jobs), len(ds.Parts), len(ds.Operations))
	rep, err := eryxon.InitialSync(ctx, j.client, ds, eryxon.WithStageProgress(func(stage string, done, total int) {
		if done == total {
			j.a.progressf("eryxon", "%s: %d/%d", stage, done, total)
		}
	}))
	if rep == nil {
		return fmt.Errorf("initial sync: %w", err)
	}
	var created, updated int
	for _, st := range rep.Stages {
		created += st.Created
		updated += st.Updated
		for _, f := range st.Failures {
			r.Detailf("%s %s failed: %v", st.Stage, f.ExternalID, f.Err)
		}
	}
	r.Summary = fmt.Sprintf("initial sync of %d records: %d created, %d updated, %d failed", total, created, updated, rep.Failed())
	if err != nil {
		return fmt.Errorf("initial sync: %w", err)
	}
	// The bulk endpoints report counts, not ids: read the ids back, which
	// also shows whether everything really arrived.
	missing, err := j.readBackIDs(ctx)
	if err != nil {
		return fmt.Errorf("reading Eryxon ids back: %w", err)
	}
	r.Summary += fmt.Sprintf("; Eryxon ids recorded for %d records", total-len(missing))
	for _, m := range missing {
		r.Detailf("%s is not in Eryxon after the initial sync", m)
	}
	if rep.Failed() > 0 || len(missing) > 0 {
		// The next run repeats the initial sync: it upserts by external id,
		// so what arrived is not duplicated.
		return fmt.Errorf("initial sync incomplete: %d failed, %d missing", rep.Failed(), len(missing))
	}
	return j.a.erp.Update(func(d *Data) error {
		d.Sync.EryxonInitialSync = j.a.now().UTC()
		d.Sync.Cursors["eryxon"] = head
		return nil
	})
}

// readBackIDs lists the adapter's records in Eryxon, stores their ids in
// the ERP, and names the ERP records Eryxon does not have.
func (j *eryxonJob) readBackIDs(ctx context.Context) ([]string, error) {
	ids := map[string]map[string]string{}
	add := func(entity, source, extID, id string) {
		if source != eryxonSource {
			return
		}
		if ids[entity] == nil {
			ids[entity] = map[string]string{}
		}
		ids[entity][extID] = id
	}
	all := eryxon.ListParams{Limit: 1000}
	for c, err := range j.client.Cells.List(ctx, all) {
		if err != nil {
			return nil, err
		}
		add(EntityWorkCentre, c.ExternalSource, c.ExternalID, c.ID)
	}
	for t, err := range j.client.Resources.List(ctx, eryxon.ListParams{Limit: 1000, Filter: map[string]string{"external_source": eryxonSource}}) {
		if err != nil {
			return nil, err
		}
		add(EntityTool, t.ExternalSource, t.ExternalID, t.ID)
	}
	for jb, err := range j.client.Jobs.List(ctx, all) {
		if err != nil {
			return nil, err
		}
		add(EntityJob, jb.ExternalSource, jb.ExternalID, jb.ID)
	}
	for p, err := range j.client.Parts.List(ctx, all) {
		if err != nil {
			return nil, err
		}
		add(EntityPart, p.ExternalSource, p.ExternalID, p.ID)
	}
	for op, err := range j.client.Operations.List(ctx, all) {
		if err != nil {
			return nil, err
		}
		add(EntityOperation, op.ExternalSource, op.ExternalID, op.ID)
	}
	var missing []string
	err := j.a.erp.Update(func(d *Data) error {
		set := func(entity, key string, target *string) {
			if id := ids[entity][key]; id != "" {
				*target = id
			} else {
				missing = append(missing, entity+" "+key)
			}
		}
		for _, wc := range d.WorkCentres {
			set(EntityWorkCentre, wc.ID, &wc.EryxonID)
		}
		for _, t := range d.Tools {
			set(EntityTool, t.ID, &t.EryxonID)
		}
		for _, jb := range d.Jobs {
			set(EntityJob, jb.Number, &jb.EryxonID)
			for _, p := range jb.Parts {
				set(EntityPart, p.ID, &p.EryxonID)
				for _, op := range p.Routing {
					set(EntityOperation, op.ID, &op.EryxonID)
				}
			}
		}
		return nil
	})
	return missing, err
}

// incrementalSync sends each record the change log names since the last
// sync, parents before children, with its parents' Eryxon ids.
func (j *eryxonJob) incrementalSync(ctx context.Context, r *Report) error {
	var pending []Change
	j.a.erp.View(func(d *Data) { pending = d.ChangesSince(d.Sync.Cursors["eryxon"]) })
	seen := map[string]bool{}
	var todo []Change
	for _, c := range pending {
		switch c.Entity {
		case EntityWorkCentre, EntityTool, EntityJob, EntityPart, EntityOperation:
			if k := c.Entity + "/" + c.Key; !seen[k] {
				seen[k] = true
				todo = append(todo, c)
			}
		}
	}
	order := map[string]int{EntityWorkCentre: 0, EntityTool: 1, EntityJob: 2, EntityPart: 3, EntityOperation: 4}
	sortStable(todo, func(a, b Change) bool { return order[a.Entity] < order[b.Entity] })
	j.a.progressf("eryxon", "incremental sync: %d changed records", len(todo))
	step := j.a.progress("eryxon", "records synced", len(todo))
	var created, updated int
	for _, c := range todo {
		action, err := j.syncOne(ctx, c)
		step()
		if err != nil {
			r.Summary = fmt.Sprintf("incremental sync: %d created, %d updated, stopped at %s %s", created, updated, c.Entity, c.Key)
			return fmt.Errorf("%s %s: %w", c.Entity, c.Key, err)
		}
		switch action {
		case "created":
			created++
		case "updated":
			updated++
		}
		if action != "" {
			r.Detailf("%s %s %s", c.Entity, c.Key, action)
		}
	}
	r.Summary = fmt.Sprintf("incremental sync: %d changed records (%d created, %d updated)", len(todo), created, updated)
	if len(pending) == 0 {
		return nil
	}
	last := pending[len(pending)-1].Seq
	return j.a.erp.Update(func(d *Data) error {
		d.Sync.Cursors["eryxon"] = last
		return nil
	})
}

// syncOne sends one changed record and stores its Eryxon id. A record that
// no longer exists in the ERP is skipped (action "").
func (j *eryxonJob) syncOne(ctx context.Context, c Change) (string, error) {
	var (
		cell      *eryxon.Cell
		resource  *eryxon.Resource
		job       *eryxon.Job
		part      *eryxon.Part
		operation *eryxon.Operation
	)
	j.a.erp.View(func(d *Data) {
		switch c.Entity {
		case EntityWorkCentre:
			if wc := d.workCentre(c.Key); wc != nil {
				v := eryxonCell(wc)
				cell = &v
			}
		case EntityTool:
			for _, t := range d.Tools {
				if t.ID == c.Key {
					v := eryxonResource(t)
					resource = &v
				}
			}
		case EntityJob:
			if jb, _, _ := d.find(c.Key, "", ""); jb != nil {
				v := eryxonJobOf(jb)
				job = &v
			}
		case EntityPart:
			if jb, p, _ := d.find("", c.Key, ""); p != nil {
				v := eryxonPart(jb, p)
				v.JobID = jb.EryxonID
				part = &v
			}
		case EntityOperation:
			if _, p, op := d.find("", "", c.Key); op != nil {
				name, id := op.WorkCentre, ""
				if wc := d.workCentre(op.WorkCentre); wc != nil {
					name, id = wc.Name, wc.EryxonID
				}
				v := eryxonOperation(p, op, name, id)
				v.PartID = p.EryxonID
				operation = &v
			}
		}
	})
	var action eryxon.Action
	var id string
	var err error
	switch {
	case cell != nil:
		var res *eryxon.SyncResult[eryxon.Cell]
		if res, err = j.client.Cells.Sync(ctx, *cell); err == nil {
			action, id = res.Action, res.Item.ID
		}
	case resource != nil:
		var res *eryxon.SyncResult[eryxon.Resource]
		if res, err = j.client.Resources.Sync(ctx, *resource); err == nil {
			action, id = res.Action, res.Item.ID
		}
	case job != nil:
		var res *eryxon.SyncResult[eryxon.Job]
		if res, err = j.client.Jobs.Sync(ctx, *job); err == nil {
			action, id = res.Action, res.Item.ID
		}
	case part != nil:
		var res *eryxon.SyncResult[eryxon.Part]
		if res, err = j.client.Parts.Sync(ctx, *part); err == nil {
			action, id = res.Action, res.Item.ID
		}
	case operation != nil:
		var res *eryxon.SyncResult[eryxon.Operation]
		if res, err = j.client.Operations.Sync(ctx, *operation); err == nil {
			action, id = res.Action, res.Item.ID
		}
	default:
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return string(action), j.a.erp.Update(func(d *Data) error {
		d.setEryxonID(c.Entity, c.Key, id)
		return nil
	})
}

func eryxonCell(wc *WorkCentre) eryxon.Cell {
	return eryxon.Cell{ExternalID: wc.ID, ExternalSource: eryxonSource, Name: wc.Name, Color: wc.Color,
		Sequence: wc.Sequence, Active: eryxon.Bool(wc.Active)}
}

func eryxonResource(t *Tool) eryxon.Resource {
	return eryxon.Resource{ExternalID: t.ID, ExternalSource: eryxonSource, Name: t.Name, Type: eryxon.ResourceType(t.Type),
		Description: t.Description, Identifier: t.Identifier, Location: t.Location, Status: eryxon.ResourceStatus(t.Status)}
}

func eryxonJobOf(jb *Job) eryxon.Job {
	due, _ := time.Parse(time.DateOnly, jb.DueDate)
	return eryxon.Job{ExternalID: jb.Number, ExternalSource: eryxonSource, JobNumber: jb.Number, Customer: jb.Customer,
		DueDate: due, Priority: jb.Priority, Notes: jb.Notes}
}

func eryxonPart(jb *Job, p *Part) eryxon.Part {
	return eryxon.Part{ExternalID: p.ID, ExternalSource: eryxonSource, JobExternalID: jb.Number, PartNumber: p.PartNumber,
		Material: p.Material, Quantity: p.Quantity, Notes: p.Notes}
}

func eryxonOperation(p *Part, op *Operation, cellName, cellID string) eryxon.Operation {
	return eryxon.Operation{ExternalID: op.ID, ExternalSource: eryxonSource, PartExternalID: p.ID, CellName: cellName, CellID: cellID,
		OperationName: op.Name, Sequence: op.Sequence, EstimatedTimeMinutes: op.EstimatedMinutes, Notes: op.Notes}
}

func (d *Data) workCentre(id string) *WorkCentre {
	for _, wc := range d.WorkCentres {
		if wc.ID == id {
			return wc
		}
	}
	return nil
}

// find looks a job up by number, a part by id or an operation by id (set
// one key) and returns it with its parents.
func (d *Data) find(jobNumber, partID, opID string) (*Job, *Part, *Operation) {
	for _, jb := range d.Jobs {
		if jobNumber != "" && jb.Number == jobNumber {
			return jb, nil, nil
		}
		for _, p := range jb.Parts {
			if partID != "" && p.ID == partID {
				return jb, p, nil
			}
			for _, op := range p.Routing {
				if opID != "" && op.ID == opID {
					return jb, p, op
				}
			}
		}
	}
	return nil, nil, nil
}

// setEryxonID records the Eryxon id of an ERP record.
func (d *Data) setEryxonID(entity, key, id string) {
	if id == "" {
		return
	}
	switch entity {
	case EntityWorkCentre:
		if wc := d.workCentre(key); wc != nil {
			wc.EryxonID = id
		}
	case EntityTool:
		for _, t := range d.Tools {
			if t.ID == key {
				t.EryxonID = id
			}
		}
	case EntityJob:
		if jb, _, _ := d.find(key, "", ""); jb != nil {
			jb.EryxonID = id
		}
	case EntityPart:
		if _, p, _ := d.find("", key, ""); p != nil {
			p.EryxonID = id
		}
	case EntityOperation:
		if _, _, op := d.find("", "", key); op != nil {
			op.EryxonID = id
		}
	}
}
