package eryxontest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
)

type erpRequest struct {
	Jobs      []row `json:"jobs"`
	Parts     []row `json:"parts"`
	Resources []row `json:"resources"`
	Options   struct {
		SkipUnchanged   *bool `json:"skip_unchanged"`
		RecordHistory   *bool `json:"record_history"`
		ContinueOnError *bool `json:"continue_on_error"`
	} `json:"options"`
	Source string `json:"source"`
}

// erpSync serves /api-erp-sync/{diff,sync,status}.
func (s *Server) erpSync(w http.ResponseWriter, r *http.Request, verb string, body []byte) {
	switch verb {
	case "status":
		if r.Method != http.MethodGet {
			methodNotAllowed(w)
			return
		}
		s.erpStatus(w, r)
		return
	case "diff", "sync":
		if r.Method != http.MethodPost {
			methodNotAllowed(w)
			return
		}
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "Unknown action: "+verb, nil)
		return
	}
	var req erpRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Invalid JSON in request body", nil)
		return
	}
	if len(req.Jobs)+len(req.Parts)+len(req.Resources) == 0 {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Request must contain at least one of jobs, parts or resources", nil)
		return
	}
	if req.Source == "" {
		req.Source = "erp_api"
	}
	skip := req.Options.SkipUnchanged == nil || *req.Options.SkipUnchanged
	record := req.Options.RecordHistory == nil || *req.Options.RecordHistory
	dry := verb == "diff"

	type entity struct {
		name    string
		records []row
	}
	s.mu.Lock()
	data := map[string]any{}
	diffs := map[string]any{}
	var sum struct{ entities, records, created, updated, skipped, errors, toCreate, toUpdate, unchanged int }
	var events []map[string]any
	for _, e := range []entity{{"jobs", req.Jobs}, {"parts", req.Parts}, {"resources", req.Resources}} {
		if len(e.records) == 0 {
			continue
		}
		start := s.cfg.now()
		t := s.tables[e.name]
		sum.entities++
		var results, records []map[string]any
		var created, updated, skipped, errs, toCreate, toUpdate, unchanged int
		for _, rec := range e.records {
			sum.records++
			ext, src := rec["external_id"], rec["external_source"]
			cols, msg := normalize(s, e.name, rec)
			if msg != "" {
				errs++
				results = append(results, map[string]any{"action": "error", "external_id": ext, "error": msg})
				records = append(records, map[string]any{"external_id": ext, "external_source": src, "status": "error", "error": msg})
				continue
			}
			hash := hashOf(cols)
			id, exists := t.byKey[key(src, ext)]
			if exists && skip && t.rows[id]["sync_hash"] == hash {
				skipped++
				unchanged++
				results = append(results, map[string]any{"action": "skipped", "id": id, "external_id": ext, "skipped_reason": "unchanged"})
				records = append(records, map[string]any{"external_id": ext, "external_source": src, "status": "unchanged", "existing_id": id})
				continue
			}
			if dry {
				d := map[string]any{"external_id": ext, "external_source": src, "status": "create"}
				if exists {
					toUpdate++
					d["status"], d["existing_id"], d["changes"] = "update", id, changes(t.rows[id], cols)
				} else {
					toCreate++
				}
				records = append(records, d)
				continue
			}
			saved, action, dbe := s.upsert(t, cols)
			if dbe != nil {
				errs++
				results = append(results, map[string]any{"action": "error", "external_id": ext, "error": dbe.msg})
				continue
			}
			if action == "created" {
				created++
			} else {
				updated++
			}
			results = append(results, map[string]any{"action": action, "id": saved["id"], "external_id": ext})
		}
		sum.created += created
		sum.updated += updated
		sum.skipped += skipped
		sum.errors += errs
		sum.toCreate += toCreate
		sum.toUpdate += toUpdate
		sum.unchanged += unchanged
		dur := s.cfg.now().Sub(start).Milliseconds()
		if dry {
			diffs[e.name] = map[string]any{"entity_type": e.name, "total": len(e.records), "to_create": toCreate,
				"to_update": toUpdate, "unchanged": unchanged, "errors": errs, "records": records}
			continue
		}
		data[e.name] = map[string]any{"total": len(e.records), "created": created, "updated": updated,
			"skipped": skipped, "errors": errs, "results": results, "duration_ms": dur}
		if record {
			status := "completed"
			if errs > 0 && created+updated == 0 {
				status = "failed"
			}
			s.history = append(s.history, map[string]any{"id": s.newIDLocked(), "source": req.Source, "entity_type": e.name,
				"status": status, "total_records": len(e.records), "created_count": created, "updated_count": updated,
				"skipped_count": skipped, "error_count": errs, "started_at": isoTime(start), "completed_at": isoTime(s.cfg.now())})
		}
		events = append(events, map[string]any{"event": "sync." + e.name + ".completed", "source": req.Source,
			"total": len(e.records), "created": created, "updated": updated, "skipped": skipped, "errors": errs})
	}
	s.mu.Unlock()
	if dry {
		writeData(w, http.StatusOK, map[string]any{"summary": map[string]any{"total_entities": sum.entities,
			"total_records": sum.records, "total_to_create": sum.toCreate, "total_to_update": sum.toUpdate,
			"total_unchanged": sum.unchanged, "total_errors": sum.errors}, "entities": diffs})
		return
	}
	data["summary"] = map[string]any{"total_entities": sum.entities, "total_records": sum.records,
		"total_created": sum.created, "total_updated": sum.updated, "total_skipped": sum.skipped,
		"total_errors": sum.errors, "duration_ms": 0}
	for _, ev := range events {
		name := ev["event"].(string)
		delete(ev, "event")
		s.Emit(name, ev)
	}
	s.Emit("sync.batch.completed", map[string]any{"source": req.Source, "total_records": sum.records,
		"total_created": sum.created, "total_updated": sum.updated, "total_errors": sum.errors})
	writeData(w, http.StatusOK, data)
}

// normalize maps an ERP record to column names, or says what is wrong.
// s.mu is held.
func normalize(s *Server, entity string, rec row) (row, string) {
	if isEmpty(rec["external_id"]) || isEmpty(rec["external_source"]) {
		return nil, "Missing required fields: external_id, external_source"
	}
	out := row{"external_id": rec["external_id"], "external_source": rec["external_source"]}
	copyCols := func(cols ...string) {
		for _, c := range cols {
			if v, ok := rec[c]; ok && v != nil {
				out[c] = v
			}
		}
	}
	switch entity {
	case "jobs":
		if isEmpty(rec["job_number"]) {
			return nil, "Missing required field: job_number"
		}
		copyCols("job_number", "customer", "due_date", "priority", "notes", "metadata")
		if v, ok := rec["customer_name"]; ok && v != nil {
			out["customer"] = v
		}
		if v, ok := rec["description"]; ok && v != nil && out["notes"] == nil {
			out["notes"] = v
		}
	case "parts":
		if isEmpty(rec["part_number"]) {
			return nil, "Missing required field: part_number"
		}
		copyCols("job_id", "part_number", "material", "quantity", "notes", "metadata")
		if out["job_id"] == nil {
			jx := rec["job_external_id"]
			if isEmpty(jx) {
				return nil, "Missing job_id or job_external_id"
			}
			id, ok := s.tables["jobs"].byKey[key(rec["external_source"], jx)]
			if !ok {
				return nil, fmt.Sprintf("Parent job not found for job_external_id: %v", jx)
			}
			out["job_id"] = id
		}
	case "resources":
		if isEmpty(rec["name"]) || isEmpty(rec["type"]) {
			return nil, "Missing required fields: name, type"
		}
		copyCols("name", "type", "description", "identifier", "location", "status", "metadata")
	}
	return out, ""
}

// changes names the columns whose values differ.
func changes(old, cols row) []string {
	out := []string{}
	for k, v := range cols {
		if fmt.Sprint(old[k]) != fmt.Sprint(v) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// erpStatus is GET /api-erp-sync/status?entity_type=&source=&limit=.
func (s *Server) erpStatus(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 20
	if n, err := strconv.Atoi(q.Get("limit")); err == nil {
		limit = min(max(n, 1), 100)
	}
	s.mu.Lock()
	var hist []map[string]any
	var stats struct{ syncs, ok, failed, created, updated, errors int }
	for i := len(s.history) - 1; i >= 0; i-- {
		h := s.history[i]
		if et := q.Get("entity_type"); et != "" && h["entity_type"] != et {
			continue
		}
		if src := q.Get("source"); src != "" && h["source"] != src {
			continue
		}
		stats.syncs++
		if h["status"] == "completed" {
			stats.ok++
		} else {
			stats.failed++
		}
		stats.created += h["created_count"].(int)
		stats.updated += h["updated_count"].(int)
		stats.errors += h["error_count"].(int)
		if len(hist) < limit {
			hist = append(hist, h)
		}
	}
	s.mu.Unlock()
	if hist == nil {
		hist = []map[string]any{}
	}
	writeData(w, http.StatusOK, map[string]any{"stats": map[string]any{"total_syncs": stats.syncs,
		"successful": stats.ok, "failed": stats.failed, "total_created": stats.created,
		"total_updated": stats.updated, "total_errors": stats.errors}, "history": hist})
}
