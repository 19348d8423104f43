package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// sparetechJob pulls Ready intents from SPARETECH, applies them to the
// material master, confirms them, and pushes the ERP's own material changes
// back.
type sparetechJob struct {
	a      *adapter
	client *sparetech.Client
	fake   *sparetechtest.Server
	mode   string
}

func (a *adapter) newSparetechJob(context.Context) (job, error) {
	vals, real, err := a.env("SPARETECH_CLIENT_ID", "SPARETECH_CLIENT_SECRET")
	if err != nil {
		return nil, err
	}
	j := &sparetechJob{a: a}
	if real {
		// Sandbox unless told otherwise, as in examples/sparetech-sync: an
		// example should not touch production data by accident.
		env := sparetech.Sandbox
		switch e := strings.ToLower(strings.TrimSpace(a.getenv("SPARETECH_ENV"))); e {
		case "", "sandbox":
		case "production":
			env = sparetech.Production
		default:
			return nil, fmt.Errorf("SPARETECH_ENV=%q: want sandbox or production", e)
		}
		j.client, err = sparetech.NewClient(sparetech.Credentials{
			ClientID: vals["SPARETECH_CLIENT_ID"], ClientSecret: vals["SPARETECH_CLIENT_SECRET"],
		}, sparetech.WithEnvironment(env), sparetech.WithUserAgent(userAgent), sparetech.WithLogger(a.log),
			// Tokens are rationed per day: keep the current one beside the
			// ERP file, so a restart does not spend another.
			sparetech.WithTokenStore(auth.NewFileStore(a.erp.Path()+".sparetech-"+string(env)+"-token.json")))
		j.mode = "real API, " + env.BaseURL()
		return j, err
	}
	j.fake = newSparetechFake(a)
	a.fake("sparetech", j.fake)
	j.client, err = sparetech.NewClient(j.fake.Credentials(), append(j.fake.Options(), sparetech.WithLogger(a.log))...)
	j.mode = "fake (sparetechtest at " + j.fake.URL() + ")"
	return j, err
}

func (j *sparetechJob) Name() string { return "sparetech" }
func (j *sparetechJob) Mode() string { return j.mode }
func (j *sparetechJob) Close() {
	if j.fake != nil {
		j.fake.Close()
	}
}

func (j *sparetechJob) Run(ctx context.Context, r *Report) error {
	ready := sparetech.ListParams{Status: sparetech.StatusReady}
	// Collect each list before confirming anything: a confirmed intent
	// leaves the Ready list, which would shift the pages still to come.
	creations, err := collect(j.client.CreationIntents.All(ctx, ready))
	if err != nil {
		return fmt.Errorf("listing creation intents: %w", err)
	}
	changes, err := collect(j.client.ChangeIntents.All(ctx, ready))
	if err != nil {
		return fmt.Errorf("listing change intents: %w", err)
	}
	extensions, err := collect(j.client.ExtensionIntents.All(ctx, ready))
	if err != nil {
		return fmt.Errorf("listing extension intents: %w", err)
	}
	total := len(creations) + len(changes) + len(extensions)
	j.a.progressf("sparetech", "%d Ready intents: %d creation, %d change, %d extension", total, len(creations), len(changes), len(extensions))
	step := j.a.progress("sparetech", "intents applied", total)

	var created, existed, applied, rejected int
	var errs []error
	for _, it := range creations {
		number, isNew, err := j.applyCreation(ctx, it)
		step()
		if err != nil {
			errs = append(errs, fmt.Errorf("creation intent %s: %w", it.ID, err))
			continue
		}
		what := "new material"
		if isNew {
			created++
		} else {
			existed++
			what = "material created for it earlier,"
		}
		r.Detailf("creation intent %s (%s %s) -> %s %s, confirmed", it.ID, meta(it.Metadata, "MANU"), meta(it.Metadata, "ART_NUM"), what, number)
	}
	for _, it := range changes {
		ok, err := j.applyChange(ctx, it)
		step()
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("change intent %s: %w", it.ID, err))
		case ok:
			applied++
			r.Detailf("change intent %s applied to %s (%s), confirmed", it.ID, it.MaterialNumber, strings.Join(sortedKeys(it.Metadata), ", "))
		default:
			rejected++
			r.Detailf("change intent %s rejected: material %s is not in the ERP", it.ID, it.MaterialNumber)
		}
	}
	for _, it := range extensions {
		ok, err := j.applyExtension(ctx, it)
		step()
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("extension intent %s: %w", it.ID, err))
		case ok:
			applied++
			r.Detailf("extension intent %s: %s extended to plant %s, confirmed", it.ID, it.MaterialNumber, meta(it.Metadata, "WERK"))
		default:
			rejected++
			r.Detailf("extension intent %s rejected: material %s is not in the ERP", it.ID, it.MaterialNumber)
		}
	}

	pushed, err := j.pushChanges(ctx, r)
	if err != nil {
		errs = append(errs, err)
	}
	r.Summary = fmt.Sprintf("%d materials created from creation intents, %d change/extension intents applied, %d rejected; %d ERP material changes pushed",
		created, applied, rejected, pushed)
	if existed > 0 {
		r.Summary += fmt.Sprintf("; %d creation intents confirmed with materials created earlier", existed)
	}
	return errors.Join(errs...)
}

// applyCreation creates the material (or finds the one an earlier run
// created for this intent but could not confirm) and confirms the intent
// with its number; isNew says which. The ERP is saved before the confirm,
// so a crash in between leaves a material that the next run confirms instead
// of a duplicate.
func (j *sparetechJob) applyCreation(ctx context.Context, it sparetech.CreationIntent) (number string, isNew bool, err error) {
	err = j.a.erp.Update(func(d *Data) error {
		for _, m := range d.Materials {
			if m.Sparetech != nil && m.Sparetech.CreationIntent == it.ID {
				number = m.Number
				return nil
			}
		}
		isNew = true
		m := &Material{Number: d.NewMaterialNumber(), Unit: "PC", Sparetech: &SparetechLink{CreationIntent: it.ID}}
		applyMetadata(m, it.Metadata)
		if m.Description == "" {
			m.Description = strings.TrimSpace(m.Manufacturer + " " + m.MPN)
		}
		d.Materials = append(d.Materials, m)
		d.LogChange(EntityMaterial, m.Number, "sparetech", j.a.now())
		number = m.Number
		return nil
	})
	if err != nil {
		return "", false, err
	}
	if _, err := j.client.CreationIntents.Confirm(ctx, it.ID, number); err != nil {
		return number, isNew, fmt.Errorf("confirming with %s: %w", number, err)
	}
	return number, isNew, j.a.erp.Update(func(d *Data) error {
		d.Material(number).Sparetech.Confirmed = true
		return nil
	})
}

// applyChange applies a change intent and confirms it; it rejects the
// intent (ok false) when the material is not in the ERP.
func (j *sparetechJob) applyChange(ctx context.Context, it sparetech.ChangeIntent) (ok bool, err error) {
	found := false
	err = j.a.erp.Update(func(d *Data) error {
		m := d.Material(it.MaterialNumber)
		if m == nil {
			return nil
		}
		found = true
		applyMetadata(m, it.Metadata)
		if it.Plant != "" {
			applyPlant(m, it.Plant, it.Metadata)
		}
		linkIntent(m, it.ID)
		d.LogChange(EntityMaterial, m.Number, "sparetech", j.a.now())
		return nil
	})
	if err != nil {
		return false, err
	}
	if !found {
		return false, j.client.ChangeIntents.Reject(ctx, it.ID, "material "+it.MaterialNumber+" does not exist in the ERP")
	}
	return true, j.client.ChangeIntents.Confirm(ctx, it.ID)
}

// applyExtension adds the intent's plant to the material and confirms it.
func (j *sparetechJob) applyExtension(ctx context.Context, it sparetech.ExtensionIntent) (ok bool, err error) {
	found := false
	err = j.a.erp.Update(func(d *Data) error {
		m := d.Material(it.MaterialNumber)
		if m == nil {
			return nil
		}
		found = true
		applyPlant(m, meta(it.Metadata, "WERK"), it.Metadata)
		linkIntent(m, it.ID)
		d.LogChange(EntityMaterial, m.Number, "sparetech", j.a.now())
		return nil
	})
	if err != nil {
		return false, err
	}
	if !found {
		return false, j.client.ExtensionIntents.Reject(ctx, it.ID, "material "+it.MaterialNumber+" does not exist in the ERP")
	}
	return true, j.client.ExtensionIntents.Confirm(ctx, it.ID)
}

// pushChanges sends the materials the ERP's own users changed since the last
// push with Materials.Update (Create when SPARETECH does not know the
// material yet). Changes that came from SPARETECH are not echoed back. The
// cursor only moves past changes that were sent, so a failure is retried on
// the next run.
func (j *sparetechJob) pushChanges(ctx context.Context, r *Report) (int, error) {
	var pending []Change
	j.a.erp.View(func(d *Data) { pending = d.ChangesSince(d.Sync.Cursors["sparetech"]) })
	var todo []Change
	for _, c := range pending {
		if c.Entity == EntityMaterial && c.Source == "erp" {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return 0, j.advance(pending)
	}
	headings, err := j.client.Schema.Import(ctx)
	if err != nil {
		return 0, fmt.Errorf("reading the import schema: %w", err)
	}
	step := j.a.progress("sparetech", "ERP material changes pushed", len(todo))
	pushed := 0
	for i, c := range pending {
		if c.Entity != EntityMaterial || c.Source != "erp" {
			continue
		}
		var rec map[string]any
		j.a.erp.View(func(d *Data) {
			if m := d.Material(c.Key); m != nil {
				rec = materialRecord(m, headings)
			}
		})
		if rec != nil {
			if err := j.push(ctx, c.Key, rec); err != nil {
				return pushed, errors.Join(fmt.Errorf("pushing %s: %w", c.Key, err), j.advance(pending[:i]))
			}
			pushed++
			r.Detailf("ERP change of %s pushed (Materials.Update)", c.Key)
		}
		step()
	}
	return pushed, j.advance(pending)
}

func (j *sparetechJob) push(ctx context.Context, number string, rec map[string]any) error {
	err := j.client.Materials.Update(ctx, number, sparetech.Material(rec))
	if errors.Is(err, sparetech.ErrNotFound) {
		return j.client.Materials.Create(ctx, sparetech.Material(rec))
	}
	return err
}

// advance moves the push cursor past the given changes.
func (j *sparetechJob) advance(done []Change) error {
	if len(done) == 0 {
		return nil
	}
	return j.a.erp.Update(func(d *Data) error {
		d.Sync.Cursors["sparetech"] = done[len(done)-1].Seq
		return nil
	})
}

// materialReferenceKey is the import-schema heading of the material number,
// the one heading without brackets ("Materialnummer" in SPARETECH's docs).
const materialReferenceKey = "Materialnummer"

// materialRecord maps a material to SPARETECH import-schema headings. With
// headings, fields the customer's schema does not have are left out.
func materialRecord(m *Material, headings []string) map[string]any {
	all := map[string]any{
		materialReferenceKey: m.Number,
		"[DESC]":             m.Description,
		"[MANU]":             m.Manufacturer,
		"[ART_NUM]":          m.MPN,
		"[TYP]":              m.Type,
	}
	rec := map[string]any{}
	for k, v := range all {
		if v == "" || (headings != nil && !slices.Contains(headings, k)) {
			continue
		}
		rec[k] = v
	}
	rec[materialReferenceKey] = m.Number
	return rec
}

// applyMetadata copies SPARETECH export-schema fields onto a material.
// Keys may come with or without brackets ("MANU" or "[MANU]").
func applyMetadata(m *Material, md map[string]any) {
	for k := range md {
		v := meta(md, normKey(k))
		switch normKey(k) {
		case "DESC":
			m.Description = v
		case "MANU":
			m.Manufacturer = v
		case "ART_NUM":
			m.MPN = v
		case "TYP":
			m.Type = v
		}
	}
}

// applyPlant adds plant (or updates it) with the plant fields in md.
func applyPlant(m *Material, plant string, md map[string]any) {
	if plant == "" {
		return
	}
	i := slices.IndexFunc(m.Plants, func(p Plant) bool { return p.Plant == plant })
	if i < 0 {
		m.Plants = append(m.Plants, Plant{Plant: plant})
		i = len(m.Plants) - 1
	}
	if v := meta(md, "EKGRP"); v != "" {
		m.Plants[i].PurchasingGroup = v
	}
	if v := meta(md, "DISGR"); v != "" {
		m.Plants[i].MRPGroup = v
	}
}

func linkIntent(m *Material, id string) {
	if m.Sparetech == nil {
		m.Sparetech = &SparetechLink{}
	}
	if !slices.Contains(m.Sparetech.AppliedIntents, id) {
		m.Sparetech.AppliedIntents = append(m.Sparetech.AppliedIntents, id)
	}
}

func normKey(k string) string { return strings.ToUpper(strings.Trim(k, "[] ")) }

// meta reads a metadata field as text, with or without brackets in the key.
func meta(md map[string]any, key string) string {
	for k, v := range md {
		if normKey(k) == key {
			if s, ok := v.(string); ok {
				return s
			}
			if v != nil {
				return fmt.Sprint(v)
			}
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
