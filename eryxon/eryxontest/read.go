package eryxontest

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// list is GET /api-<table>: limit (1..1000, default 100), offset, sort,
// order, search and the table's filters; soft-deleted rows are left out.
func (s *Server) list(w http.ResponseWriter, t *table, q url.Values) {
	limit := 100
	if v := q.Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			limit = min(max(n, 1), 1000)
		}
	}
	offset := 0
	if v := q.Get("offset"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			offset = n
		}
	}
	sortCol, desc := t.defSort, t.defDesc
	if v := q.Get("sort"); t.sortable[v] {
		sortCol = v
	}
	if o := q.Get("order"); o == "asc" || o == "desc" {
		desc = o == "desc"
	}
	search := strings.ToLower(q.Get("search"))

	s.mu.Lock()
	var match []row
	for _, id := range t.order {
		r, ok := t.live(id)
		if !ok || !matches(t, r, q, search) {
			continue
		}
		match = append(match, r)
	}
	slices.SortStableFunc(match, func(a, b row) int {
		c := compare(a[sortCol], b[sortCol])
		if desc {
			return -c
		}
		return c
	})
	total := len(match)
	page := make([]row, 0, min(limit, max(total-offset, 0)))
	for i := offset; i < total && len(page) < limit; i++ {
		page = append(page, maps.Clone(match[i]))
	}
	s.mu.Unlock()
	writeData(w, http.StatusOK, map[string]any{t.name: page,
		"pagination": map[string]any{"total": total, "offset": offset, "limit": limit}})
}

func matches(t *table, r row, q url.Values, search string) bool {
	for f := range t.filters {
		want := q.Get(f)
		if want == "" {
			continue
		}
		got := fmt.Sprint(r[f])
		if r[f] == nil {
			got = ""
		}
		if t.fuzzy[f] {
			if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
				return false
			}
		} else if got != want {
			return false
		}
	}
	if search == "" {
		return true
	}
	for _, f := range t.search {
		if v, ok := r[f].(string); ok && strings.Contains(strings.ToLower(v), search) {
			return true
		}
	}
	return false
}

func compare(a, b any) int {
	fa, aNum := a.(float64)
	fb, bNum := b.(float64)
	if aNum && bNum {
		return cmp.Compare(fa, fb)
	}
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return 1 // NULLS LAST
		}
		return -1
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// getOne is GET /api-<table>?id=: data.<table minus s>.
func (s *Server) getOne(w http.ResponseWriter, t *table, id string) {
	s.mu.Lock()
	r, ok := t.live(id)
	if ok {
		r = maps.Clone(r)
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "NOT_FOUND", strings.ToUpper(t.single[:1])+t.single[1:]+" not found", nil)
		return
	}
	writeData(w, http.StatusOK, map[string]any{t.single: r})
}

// deleteOne is DELETE /api-<table>?id=: soft delete, hard for cells.
func (s *Server) deleteOne(w http.ResponseWriter, t *table, id string) {
	if id == "" {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "id query parameter is required", nil)
		return
	}
	s.mu.Lock()
	r, ok := t.live(id)
	if ok {
		if ext, has := r["external_id"]; has && ext != nil {
			delete(t.byKey, key(r["external_source"], ext))
		}
		if t.soft {
			r["deleted_at"] = isoTime(s.cfg.now())
		} else {
			delete(t.rows, id)
			t.order = slices.DeleteFunc(t.order, func(x string) bool { return x == id })
		}
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "NOT_FOUND", strings.ToUpper(t.single[:1])+t.single[1:]+" not found", nil)
		return
	}
	writeData(w, http.StatusOK, map[string]any{"message": "Deleted successfully"})
}
