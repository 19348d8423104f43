package eryxontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// maxBulk is the server's cap on one bulk-sync request.
const maxBulk = 1000

func hashOf(item row) string {
	b, _ := json.Marshal(item) // map keys are sorted: a stable hash
	return hashHex(b)
}

func decodeObject(body []byte) (row, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	var r row
	if err := d.Decode(&r); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("the body is not an object")
	}
	return r, nil
}

// syncOne is PUT /api-<table>/sync.
func (s *Server) syncOne(w http.ResponseWriter, t *table, body []byte) {
	item, err := decodeObject(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Invalid JSON in request body", nil)
		return
	}
	s.mu.Lock()
	r, action, e := s.upsert(t, item)
	var out any
	if e == nil {
		if s.cfg.docShape {
			out = map[string]any{"action": action, "id": r["id"], "external_id": r["external_id"]}
		} else {
			out = map[string]any{t.single: r, "action": action}
		}
	}
	s.mu.Unlock()
	if e != nil {
		writeError(w, e.status, e.code, e.msg, e.details)
		return
	}
	status := http.StatusOK
	if action == "created" {
		status = http.StatusCreated
	}
	writeData(w, status, out)
}

// bulkSync is POST /api-<table>/bulk-sync: items one by one, failures listed.
func (s *Server) bulkSync(w http.ResponseWriter, t *table, body []byte) {
	var req map[string]json.RawMessage
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Invalid JSON in request body", nil)
		return
	}
	raw, ok := req["items"]
	if !ok {
		raw, ok = req[t.name]
	}
	var items []json.RawMessage
	if !ok || json.Unmarshal(raw, &items) != nil || items == nil {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR",
			fmt.Sprintf(`Request body must contain either "items" array or "%s" array`, t.name), nil)
		return
	}
	if len(items) > maxBulk {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "Maximum 1000 items per bulk-sync request", nil)
		return
	}
	s.mu.Lock()
	// A spent quota refuses the whole request; items over a quota that runs
	// out during it fail one by one.
	if lim := s.quotaLimit(t); lim > 0 && s.created[t.name] >= lim {
		e := s.quota(t, 1)
		s.mu.Unlock()
		writeError(w, e.status, e.code, e.msg, e.details)
		return
	}
	created, updated := 0, 0
	type failure struct {
		Item  any `json:"item"`
		Error any `json:"error"`
	}
	var failures []failure
	var results []map[string]any
	for _, rawItem := range items {
		item, err := decodeObject(rawItem)
		var r row
		var action string
		var e *dbError
		if err != nil {
			e = &dbError{status: 400, code: "VALIDATION_ERROR", msg: "Each item must be an object"}
		} else {
			r, action, e = s.upsert(t, item)
			if e != nil && e.status == http.StatusInternalServerError && s.cfg.bulkBug {
				// The vendor's bug: the failed write is counted, not reported.
				action = "created"
				if _, ok := t.byKey[key(item["external_source"], item["external_id"])]; ok {
					action = "updated"
				}
				r, e = row{"external_id": item["external_id"]}, nil
			}
		}
		if e != nil {
			var it any = json.RawMessage(rawItem)
			failures = append(failures, failure{Item: it, Error: e.itemError()})
			if s.cfg.docShape {
				results = append(results, map[string]any{"external_id": externalIDOf(item), "action": "error", "error": e.msg})
			}
			continue
		}
		if action == "created" {
			created++
		} else {
			updated++
		}
		if s.cfg.docShape {
			results = append(results, map[string]any{"external_id": r["external_id"], "id": r["id"], "action": action})
		}
	}
	s.mu.Unlock()
	if s.cfg.docShape {
		writeData(w, http.StatusOK, map[string]any{"total": len(items), "created": created, "updated": updated,
			"errors": len(failures), "results": results})
		return
	}
	if failures == nil {
		failures = []failure{}
	}
	writeData(w, http.StatusOK, map[string]any{"results": map[string]any{"created": created, "updated": updated,
		"failed": len(failures), "errors": failures}, "total": len(items)})
}

func (s *Server) quotaLimit(t *table) int {
	switch t.name {
	case "jobs":
		return s.cfg.jobQuota
	case "parts":
		return s.cfg.partQuota
	}
	return 0
}

func externalIDOf(item row) any {
	if item == nil {
		return nil
	}
	return item["external_id"]
}
