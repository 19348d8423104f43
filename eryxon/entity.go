package eryxon

import (
	"net/http"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
)

// entity is what Collection[T] needs to know about one of the five synced
// tables: its names, its validation, its wire format and its endpoints.
type entity[T any] struct {
	table  string // the table and list key: "jobs"
	single string // the single-item key: "job"

	// kind and parent: items of this collection are parents of others
	// (jobs, parts, cells); key is the key their ids are known under.
	kind   parentKind
	parent bool
	key    func(*T) string

	externalID func(*T) string
	// upsertKey is extKey(ExternalSource, ExternalID), for read-back.
	upsertKey func(*T) string
	validate  func(*T) error
	// needs reports the parents of an item that must be resolved.
	needs func(*T, func(parentKind, string))
	// wire builds the column-name body, resolving parents through r.
	wire func(*T, *resolver) (any, error)
	// encode is wire for bulk chunks: it encodes into the worker's buffer
	// through a reused value instead of boxing one per item.
	encode func(*chunkWriter, *T, *resolver) error
	// keepLinks copies the client-side linking fields from src to dst.
	keepLinks func(dst, src *T)
	setID     func(*T, string)
	getID     func(*T) string
	filters   map[string]bool

	// url holds the collection's endpoints, resolved once per client.
	url endpoints
	// opList ... are the operation names of the calls (transport.WithOp).
	opList, opGet, opSync, opBulk, opDelete string

	rows   func(*http.Response) (page []T, one *T, pg *oapi.Pagination, err error)
	synced func(*http.Response) (action, id string, row *T, err error)
}

// named sets the operation names from the table name.
func (e *entity[T]) named() *entity[T] {
	e.opList, e.opGet, e.opSync = e.table+".list", e.table+".get", e.table+".sync"
	e.opBulk, e.opDelete = e.table+".bulk-sync", e.table+".delete"
	return e
}

// decodeRows decodes a list or get-one body of type B into the rows of
// type W (jobRow, ...) and converts them with item.
func decodeRows[B, W, T any](get func(*B) ([]W, *W, *oapi.Pagination), item func(*W) T) func(*http.Response) ([]T, *T, *oapi.Pagination, error) {
	return func(resp *http.Response) ([]T, *T, *oapi.Pagination, error) {
		var b B
		if err := transport.DecodeJSON(resp, &b); err != nil {
			return nil, nil, nil, err
		}
		rows, row, pg := get(&b)
		var out []T
		if rows != nil {
			out = make([]T, len(rows))
			for i := range rows {
				out[i] = item(&rows[i])
			}
		}
		var one *T
		if row != nil {
			v := item(row)
			one = &v
		}
		return out, one, pg, nil
	}
}

// decodeSynced decodes a sync body of type B: the server's
// {data:{<entity>:{row},action}} or the published page's {data:{action,id,external_id}}.
func decodeSynced[B, W, T any](get func(*B) (action, id wiredecode.String, row *W), item func(*W) T) func(*http.Response) (string, string, *T, error) {
	return func(resp *http.Response) (string, string, *T, error) {
		var b B
		if err := transport.DecodeJSON(resp, &b); err != nil {
			return "", "", nil, err
		}
		action, id, row := get(&b)
		var out *T
		if row != nil {
			v := item(row)
			out = &v
		}
		return string(action), string(id), out, nil
	}
}

func filterSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func jobEntity() *entity[Job] {
	return (&entity[Job]{
		table: "jobs", single: "job", kind: kindJob, parent: true,
		key:        func(j *Job) string { return extKey(j.ExternalSource, j.ExternalID) },
		externalID: func(j *Job) string { return j.ExternalID },
		upsertKey:  func(j *Job) string { return extKey(j.ExternalSource, j.ExternalID) },
		validate:   validateJob,
		needs:      func(*Job, func(parentKind, string)) {},
		wire:       boxed(jobTyped),
		encode:     encoder(jobTyped),
		keepLinks:  func(dst, src *Job) {},
		setID:      func(j *Job, id string) { j.ID = id },
		getID:      func(j *Job) string { return j.ID },
		filters:    filterSet("status", "customer", "job_number"),
		rows: decodeRows(func(b *jobsBody) ([]jobRow, *jobRow, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Jobs, b.Data.Job, b.Data.Pagination
		}, (*jobRow).item),
		synced: decodeSynced(func(b *jobSyncBody) (action, id wiredecode.String, row *jobRow) {
			if b.Data == nil {
				return "", "", nil
			}
			return b.Data.Action, b.Data.ID, b.Data.Job
		}, (*jobRow).item),
	}).named()
}

func partEntity() *entity[Part] {
	return (&entity[Part]{
		table: "parts", single: "part", kind: kindPart, parent: true,
		key:        func(p *Part) string { return extKey(p.ExternalSource, p.ExternalID) },
		externalID: func(p *Part) string { return p.ExternalID },
		upsertKey:  func(p *Part) string { return extKey(p.ExternalSource, p.ExternalID) },
		validate:   validatePart,
		needs: func(p *Part, need func(parentKind, string)) {
			if p.JobID == "" {
				need(kindJob, extKey(p.ExternalSource, p.JobExternalID))
			}
		},
		wire:      boxed(partTyped),
		encode:    encoder(partTyped),
		keepLinks: func(dst, src *Part) { dst.JobExternalID = src.JobExternalID },
		setID:     func(p *Part, id string) { p.ID = id },
		getID:     func(p *Part) string { return p.ID },
		filters:   filterSet("job_id", "status", "material", "part_number"),
		rows: decodeRows(func(b *partsBody) ([]partRow, *partRow, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Parts, b.Data.Part, b.Data.Pagination
		}, (*partRow).item),
		synced: decodeSynced(func(b *partSyncBody) (action, id wiredecode.String, row *partRow) {
			if b.Data == nil {
				return "", "", nil
			}
			return b.Data.Action, b.Data.ID, b.Data.Part
		}, (*partRow).item),
	}).named()
}

func operationEntity() *entity[Operation] {
	return (&entity[Operation]{
		table: "operations", single: "operation",
		externalID: func(o *Operation) string { return o.ExternalID },
		upsertKey:  func(o *Operation) string { return extKey(o.ExternalSource, o.ExternalID) },
		validate:   validateOperation,
		needs: func(o *Operation, need func(parentKind, string)) {
			if o.PartID == "" {
				need(kindPart, extKey(o.ExternalSource, o.PartExternalID))
			}
			if o.CellID == "" {
				need(kindCell, o.CellName)
			}
		},
		wire:   boxed(operationTyped),
		encode: encoder(operationTyped),
		keepLinks: func(dst, src *Operation) {
			dst.PartExternalID, dst.CellName = src.PartExternalID, src.CellName
		},
		setID:   func(o *Operation, id string) { o.ID = id },
		getID:   func(o *Operation) string { return o.ID },
		filters: filterSet("cell_id", "part_id", "status"),
		rows: decodeRows(func(b *operationsBody) ([]operationRow, *operationRow, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Operations, b.Data.Operation, b.Data.Pagination
		}, (*operationRow).item),
		synced: decodeSynced(func(b *operationSyncBody) (action, id wiredecode.String, row *operationRow) {
			if b.Data == nil {
				return "", "", nil
			}
			return b.Data.Action, b.Data.ID, b.Data.Operation
		}, (*operationRow).item),
	}).named()
}

func cellEntity() *entity[Cell] {
	return (&entity[Cell]{
		table: "cells", single: "cell", kind: kindCell, parent: true,
		key:        func(c *Cell) string { return c.Name },
		externalID: func(c *Cell) string { return c.ExternalID },
		upsertKey:  func(c *Cell) string { return extKey(c.ExternalSource, c.ExternalID) },
		validate:   validateCell,
		needs:      func(*Cell, func(parentKind, string)) {},
		wire:       boxed(cellTyped),
		encode:     encoder(cellTyped),
		keepLinks:  func(dst, src *Cell) {},
		setID:      func(c *Cell, id string) { c.ID = id },
		getID:      func(c *Cell) string { return c.ID },
		filters:    filterSet("active"),
		rows: decodeRows(func(b *cellsBody) ([]cellRow, *cellRow, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Cells, b.Data.Cell, b.Data.Pagination
		}, (*cellRow).item),
		synced: decodeSynced(func(b *cellSyncBody) (action, id wiredecode.String, row *cellRow) {
			if b.Data == nil {
				return "", "", nil
			}
			return b.Data.Action, b.Data.ID, b.Data.Cell
		}, (*cellRow).item),
	}).named()
}

func resourceEntity() *entity[Resource] {
	return (&entity[Resource]{
		table: "resources", single: "resource",
		externalID: func(r *Resource) string { return r.ExternalID },
		upsertKey:  func(r *Resource) string { return extKey(r.ExternalSource, r.ExternalID) },
		validate:   validateResource,
		needs:      func(*Resource, func(parentKind, string)) {},
		wire:       boxed(resourceTyped),
		encode:     encoder(resourceTyped),
		keepLinks:  func(dst, src *Resource) {},
		setID:      func(r *Resource, id string) { r.ID = id },
		getID:      func(r *Resource) string { return r.ID },
		filters:    filterSet("type", "status", "active", "external_source", "external_id"),
		rows: decodeRows(func(b *resourcesBody) ([]resourceRow, *resourceRow, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Resources, b.Data.Resource, b.Data.Pagination
		}, (*resourceRow).item),
		synced: decodeSynced(func(b *resourceSyncBody) (action, id wiredecode.String, row *resourceRow) {
			if b.Data == nil {
				return "", "", nil
			}
			return b.Data.Action, b.Data.ID, b.Data.Resource
		}, (*resourceRow).item),
	}).named()
}

// boxed and encoder adapt a typed wire function to entity's two uses.
func boxed[T, W any](typed func(*T, *resolver) (W, error)) func(*T, *resolver) (any, error) {
	return func(item *T, r *resolver) (any, error) {
		w, err := typed(item, r)
		if err != nil {
			return nil, err
		}
		return w, nil
	}
}

func encoder[T, W any](typed func(*T, *resolver) (W, error)) func(*chunkWriter, *T, *resolver) error {
	return func(cw *chunkWriter, item *T, r *resolver) error {
		w, err := typed(item, r)
		if err != nil {
			return err
		}
		s, ok := cw.scratch.(*W)
		if !ok {
			s = new(W)
			cw.scratch = s
		}
		*s = w
		return cw.enc.Encode(s)
	}
}

func jobTyped(j *Job, _ *resolver) (oapi.JobSync, error)                { return jobWire(j), nil }
func cellTyped(c *Cell, _ *resolver) (oapi.CellSync, error)             { return cellWire(c), nil }
func resourceTyped(x *Resource, _ *resolver) (oapi.ResourceSync, error) { return resourceWire(x), nil }

func partTyped(p *Part, r *resolver) (oapi.PartSync, error) {
	jobID := &p.JobID
	if *jobID == "" {
		id, ok := r.lookup(kindJob, extKey(p.ExternalSource, p.JobExternalID))
		if !ok {
			return oapi.PartSync{}, parentError(kindJob, p.JobExternalID, p.ExternalSource)
		}
		jobID = &id
	}
	return partWire(p, jobID), nil
}

func operationTyped(o *Operation, r *resolver) (oapi.OperationSync, error) {
	partID, cellID := &o.PartID, &o.CellID
	if *partID == "" {
		id, ok := r.lookup(kindPart, extKey(o.ExternalSource, o.PartExternalID))
		if !ok {
			return oapi.OperationSync{}, parentError(kindPart, o.PartExternalID, o.ExternalSource)
		}
		partID = &id
	}
	if *cellID == "" {
		id, ok := r.lookup(kindCell, o.CellName)
		if !ok {
			return oapi.OperationSync{}, parentError(kindCell, o.CellName, "")
		}
		cellID = &id
	}
	return operationWire(o, partID, cellID), nil
}
