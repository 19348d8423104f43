package eryxontest

import (
	"fmt"
	"maps"
	"strings"
)

// row is a table row keyed by column name.
type row = map[string]any

// table is one synced table with the columns of the vendor's schema.
type table struct {
	name, single string
	cols         map[string]bool
	notNull      []string       // NOT NULL without default: required on insert
	defaults     map[string]any // column defaults applied on insert
	enums        map[string][]string
	fks          map[string]string // column -> parent table
	soft         bool              // soft delete (deleted_at)
	search       []string
	fuzzy        map[string]bool
	filters      map[string]bool
	sortable     map[string]bool
	defSort      string
	defDesc      bool

	rows  map[string]row
	order []string          // ids in insertion order
	byKey map[string]string // external_source \x00 external_id -> id (live rows)
}

var common = []string{"id", "tenant_id", "external_id", "external_source", "sync_hash", "synced_at", "created_at", "updated_at"}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	taskStatus     = []string{"not_started", "in_progress", "completed", "on_hold"}
	resourceTypes  = []string{"tooling", "fixture", "mold", "material", "equipment"}
	resourceStatus = []string{"available", "in_use", "maintenance"}
)

func newTables() map[string]*table {
	mk := func(name, single string, cols []string) *table {
		return &table{name: name, single: single, cols: set(append(append([]string{}, common...), cols...)...),
			rows: map[string]row{}, byKey: map[string]string{}, defaults: map[string]any{}, enums: map[string][]string{},
			fks: map[string]string{}, fuzzy: map[string]bool{}}
	}
	jobs := mk("jobs", "job", []string{"job_number", "customer", "status", "due_date", "due_date_override",
		"current_cell_id", "notes", "metadata", "priority", "deleted_at"})
	jobs.notNull = []string{"job_number"}
	jobs.defaults["status"] = "not_started"
	jobs.enums["status"] = taskStatus
	jobs.soft = true
	jobs.search = []string{"job_number", "customer"}
	jobs.fuzzy = set("customer", "job_number")
	jobs.filters = set("status", "customer", "job_number")
	jobs.sortable = set("job_number", "customer", "due_date", "created_at", "status")
	jobs.defSort, jobs.defDesc = "created_at", true

	parts := mk("parts", "part", []string{"job_id", "part_number", "material", "quantity", "status", "current_cell_id",
		"drawing_no", "cnc_program_name", "parent_part_id", "length_mm", "width_mm", "height_mm", "weight_kg",
		"material_lot", "material_supplier", "material_cert_number", "image_paths", "file_paths", "is_bullet_card",
		"notes", "metadata", "deleted_at"})
	parts.notNull = []string{"job_id", "part_number", "material"}
	parts.defaults["status"] = "not_started"
	parts.defaults["quantity"] = float64(1)
	parts.enums["status"] = taskStatus
	parts.fks["job_id"] = "jobs"
	parts.soft = true
	parts.search = []string{"part_number", "material"}
	parts.fuzzy = set("part_number", "material")
	parts.filters = set("job_id", "status", "material", "part_number")
	parts.sortable = set("part_number", "created_at", "status")
	parts.defSort, parts.defDesc = "created_at", true

	ops := mk("operations", "operation", []string{"part_id", "cell_id", "operation_name", "sequence", "status",
		"estimated_time", "actual_time", "setup_time", "run_time_per_unit", "changeover_time", "wait_time",
		"planned_start", "planned_end", "completed_at", "completion_percentage", "assigned_operator_id", "icon_name",
		"notes", "metadata", "deleted_at"})
	ops.notNull = []string{"part_id", "cell_id", "operation_name", "sequence", "estimated_time"}
	ops.defaults["status"] = "not_started"
	ops.enums["status"] = taskStatus
	ops.fks["part_id"] = "parts"
	ops.fks["cell_id"] = "cells"
	ops.soft = true
	ops.search = []string{"operation_name"}
	ops.filters = set("cell_id", "part_id", "status")
	ops.sortable = set("sequence", "operation_name", "created_at", "status")
	ops.defSort = "sequence"

	cells := mk("cells", "cell", []string{"name", "description", "sequence", "color", "icon_name", "image_url", "active",
		"wip_limit", "wip_warning_threshold", "enforce_wip_limit", "show_capacity_warning", "capacity_hours_per_day"})
	cells.notNull = []string{"name", "sequence"}
	cells.defaults["active"] = true
	cells.search = []string{"name"}
	cells.filters = set("active")
	cells.sortable = set("name", "sequence", "created_at")
	cells.defSort = "sequence"

	res := mk("resources", "resource", []string{"name", "type", "identifier", "description", "location", "status",
		"active", "metadata", "deleted_at"})
	res.notNull = []string{"name", "type"}
	res.defaults["status"] = "available"
	res.defaults["active"] = true
	res.enums["type"] = resourceTypes
	res.enums["status"] = resourceStatus
	res.soft = true
	res.search = []string{"name", "identifier"}
	res.filters = set("type", "status", "active", "external_source", "external_id")
	res.sortable = set("name", "type", "created_at", "status")
	res.defSort = "name"

	return map[string]*table{"jobs": jobs, "parts": parts, "operations": ops, "cells": cells, "resources": res}
}

func key(source, id any) string { return fmt.Sprint(source) + "\x00" + fmt.Sprint(id) }

// live reports whether the row with id exists and is not soft-deleted.
func (t *table) live(id string) (row, bool) {
	r, ok := t.rows[id]
	if !ok || r["deleted_at"] != nil {
		return nil, false
	}
	return r, true
}

// dbError is a failure of one write: an HTTP status, the vendor's code, a
// message, and validation details when there are any.
type dbError struct {
	status  int
	code    string
	msg     string
	details any
}

func (e *dbError) itemError() any {
	if e.details != nil {
		return e.details
	}
	return e.msg
}

func internal(t *table, format string, args ...any) *dbError {
	return &dbError{status: 500, code: "INTERNAL_ERROR", msg: "Failed to sync " + t.name + ": " + fmt.Sprintf(format, args...)}
}

// upsert writes one sync item the way crud-builder.ts does: the body goes
// straight into the table, keyed by (external_source, external_id). s.mu is held.
func (s *Server) upsert(t *table, item row) (row, string, *dbError) {
	ext, src := item["external_id"], item["external_source"]
	if isEmpty(ext) {
		return nil, "", &dbError{status: 400, code: "VALIDATION_ERROR", msg: "external_id is required for sync operations"}
	}
	if isEmpty(src) {
		return nil, "", &dbError{status: 400, code: "VALIDATION_ERROR", msg: "external_source is required for sync operations"}
	}
	if t.name == "jobs" {
		if details := validateJob(item); len(details) > 0 {
			return nil, "", &dbError{status: 422, code: "VALIDATION_ERROR", msg: "Validation failed", details: details}
		}
	}
	if s.cfg.repoSchema && t.name != "jobs" && t.name != "parts" {
		// crud-builder.ts writes sync_hash, a column these tables lack there.
		return nil, "", internal(t, "Could not find the 'sync_hash' column of '%s' in the schema cache", t.name)
	}
	for k := range item {
		if !t.cols[k] {
			return nil, "", internal(t, "Could not find the '%s' column of '%s' in the schema cache", k, t.name)
		}
	}
	for col, allowed := range t.enums {
		if v, ok := item[col]; ok && v != nil && !contains(allowed, fmt.Sprint(v)) {
			return nil, "", internal(t, "invalid input value for enum %s_%s: \"%v\"", t.single, col, v)
		}
	}
	k := key(src, ext)
	id, exists := t.byKey[k]
	action := "updated"
	if !exists || s.cfg.countOnly {
		action = "created"
		for _, col := range t.notNull {
			if v, ok := item[col]; !ok || v == nil {
				if _, hasDefault := t.defaults[col]; !hasDefault {
					return nil, "", internal(t, "null value in column \"%s\" of relation \"%s\" violates not-null constraint", col, t.name)
				}
			}
		}
	}
	if !s.cfg.countOnly {
		for col, parent := range t.fks {
			v, ok := item[col]
			if !ok {
				continue
			}
			if _, live := s.tables[parent].live(fmt.Sprint(v)); !live {
				return nil, "", internal(t, "insert or update on table \"%s\" violates foreign key constraint \"%s_%s_fkey\"", t.name, t.name, col)
			}
		}
	}
	if action == "created" {
		if e := s.quota(t, 1); e != nil {
			return nil, "", e
		}
	}
	now := isoTime(s.cfg.now())
	if s.cfg.countOnly {
		return row{"id": s.newIDLocked(), "external_id": ext}, action, nil
	}
	var r row
	if exists {
		r = maps.Clone(t.rows[id])
	} else {
		id = s.newIDLocked()
		r = row{"id": id, "tenant_id": tenantID, "created_at": now}
		for col, v := range t.defaults {
			r[col] = v
		}
		s.created[t.name]++
	}
	for col, v := range item {
		if col == "id" || col == "tenant_id" {
			continue
		}
		r[col] = v
	}
	r["synced_at"], r["updated_at"], r["sync_hash"] = now, now, hashOf(item)
	t.rows[id] = r
	if !exists {
		t.order = append(t.order, id)
	}
	t.byKey[k] = id
	return r, action, nil
}

// tenantID is the fake's one tenant.
const tenantID = "00000000-0000-4000-8000-0000000000aa"

// quota checks the plan's monthly job and part quota for n more rows.
func (s *Server) quota(t *table, n int) *dbError {
	limit := 0
	switch t.name {
	case "jobs":
		limit = s.cfg.jobQuota
	case "parts":
		limit = s.cfg.partQuota
	}
	if limit <= 0 || s.created[t.name]+n <= limit {
		return nil
	}
	return &dbError{status: 402, code: "QUOTA_EXCEEDED",
		msg:     fmt.Sprintf("Monthly %s quota exceeded (%d of %d used). Upgrade your plan.", t.name, s.created[t.name], limit),
		details: map[string]any{"limitType": t.name, "currentUsage": s.created[t.name], "limit": limit}}
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Insert seeds a row into table ("jobs", "parts", "operations", "cells",
// "resources") without any check, filling id, timestamps and defaults, and
// returns its id.
func (s *Server) Insert(tableName string, r map[string]any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[tableName]
	if !ok {
		panic("eryxontest: no table " + tableName)
	}
	now := isoTime(s.cfg.now())
	id := s.newIDLocked()
	nr := row{"id": id, "tenant_id": tenantID, "created_at": now, "updated_at": now}
	for col, v := range t.defaults {
		nr[col] = v
	}
	for col, v := range r {
		if col != "id" {
			nr[col] = v
		}
	}
	t.rows[id] = nr
	t.order = append(t.order, id)
	if ext, ok := nr["external_id"]; ok && ext != nil {
		t.byKey[key(nr["external_source"], ext)] = id
	}
	return id
}

// Rows returns copies of the live rows of table, in insertion order.
func (s *Server) Rows(tableName string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[tableName]
	if !ok {
		return nil
	}
	var out []map[string]any
	for _, id := range t.order {
		if r, ok := t.live(id); ok {
			out = append(out, maps.Clone(r))
		}
	}
	return out
}

// Row returns a copy of the row with id, soft-deleted or not.
func (s *Server) Row(tableName, id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[tableName]
	if !ok {
		return nil, false
	}
	r, ok := t.rows[id]
	return maps.Clone(r), ok
}

// Lookup returns the id of the live row with the external key, if any.
func (s *Server) Lookup(tableName, externalSource, externalID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tables[tableName]
	if !ok {
		return "", false
	}
	id, ok := t.byKey[key(externalSource, externalID)]
	return id, ok
}
