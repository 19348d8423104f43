package sparetechtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partsync/partsync-go/sparetech"
)

// kind is one of the three intent families.
type kind struct {
	path  string // URL segment
	list  string // envelope key of the list
	label string // for "... intent {id} couldn't be found"
}

var (
	creationKind  = &kind{path: "creation-intents", list: "creationIntents", label: "Creation"}
	changeKind    = &kind{path: "change-intents", list: "changeIntents", label: "Change"}
	extensionKind = &kind{path: "extension-intents", list: "extensionIntents", label: "Extension"}
	kinds         = []*kind{creationKind, changeKind, extensionKind}
)

// intent is the fake's record of any kind of intent.
type intent struct {
	kind           *kind
	id             string
	createdAt      time.Time
	createdBy      string
	approvedBy     string
	status         sparetech.Status
	materialNumber string
	plant          string
	metadata       map[string]any // the changed fields for change intents
	unchanged      map[string]any // change intents: the other fields (changes.only=false)
	outcome        Outcome
}

// Outcome is what the client did with an intent.
type Outcome struct {
	// Confirmed is set by a confirm; MaterialNumber is the one a creation
	// confirm sent.
	Confirmed      bool
	MaterialNumber string
	// Rejected is set by a reject, with its Message.
	Rejected bool
	Message  string
	// Version is "v1" or "v2", the API the outcome came through.
	Version string
}

// wire is an intent as the API sends it.
type wire struct {
	ID             string         `json:"id"`
	CreatedAt      string         `json:"createdAt,omitempty"`
	CreatedBy      *email         `json:"createdBy,omitempty"`
	ApprovedBy     *email         `json:"approvedBy,omitempty"`
	Status         string         `json:"status"`
	MaterialNumber *string        `json:"materialNumber,omitempty"`
	Plant          *string        `json:"plant,omitempty"`
	Metadata       map[string]any `json:"metadata"`
}

type email struct {
	Email string `json:"email"`
}

func (it *intent) wire(changesOnly bool) wire {
	w := wire{ID: it.id, Status: string(it.status), Metadata: map[string]any{}}
	if !it.createdAt.IsZero() {
		w.CreatedAt = it.createdAt.UTC().Format(time.RFC3339)
	}
	if it.createdBy != "" {
		w.CreatedBy = &email{it.createdBy}
	}
	if it.approvedBy != "" {
		w.ApprovedBy = &email{it.approvedBy}
	}
	if it.kind != creationKind {
		mn := it.materialNumber
		w.MaterialNumber = &mn
	}
	if it.kind == changeKind {
		p := it.plant
		w.Plant = &p
		if !changesOnly {
			maps.Copy(w.Metadata, it.unchanged)
		}
	}
	maps.Copy(w.Metadata, it.metadata)
	return w
}

// handleList serves GET /v1/<kind>.
func (s *Server) handleList(k *kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit, page := 10, 0
		var err error
		if v := q.Get("limit"); v != "" {
			if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 99 {
				text(w, http.StatusBadRequest, "limit must be an integer between 1 and 99")
				return
			}
		}
		if v := q.Get("page"); v != "" {
			if page, err = strconv.Atoi(v); err != nil || page < 0 {
				text(w, http.StatusBadRequest, "page must be a non-negative integer")
				return
			}
		}
		status := q.Get("status")
		if status != "" && status != string(sparetech.StatusReady) && status != string(sparetech.StatusDone) {
			text(w, http.StatusBadRequest, "status must be one of the following values: Ready, Done")
			return
		}
		var from, to string
		for _, p := range []struct {
			key string
			dst *string
		}{{"created.gt", &from}, {"created.lt", &to}} {
			if v := q.Get(p.key); v != "" {
				if _, err := time.Parse(time.DateOnly, v); err != nil {
					text(w, http.StatusBadRequest, p.key+" must be a date (YYYY-MM-DD)")
					return
				}
				*p.dst = v
			}
		}
		changesOnly, ok := boolParam(q.Get("changes.only"))
		if !ok || (k != changeKind && q.Has("changes.only")) {
			text(w, http.StatusBadRequest, "changes.only must be a boolean")
			return
		}

		s.mu.Lock()
		var match []*intent
		for _, it := range s.intents {
			day := it.createdAt.UTC().Format(time.DateOnly)
			if it.kind != k || (status != "" && string(it.status) != status) ||
				(from != "" && day < from) || (to != "" && day > to) {
				continue
			}
			match = append(match, it)
		}
		slices.SortFunc(match, func(a, b *intent) int {
			if c := a.createdAt.Compare(b.createdAt); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		})
		items := []wire{}
		start := min(page*limit, len(match))
		end := min(start+limit, len(match))
		for _, it := range match[start:end] {
			items = append(items, it.wire(changesOnly))
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{
			"hasMore": end < len(match), "totalCount": len(match), "limit": limit, "page": page, k.list: items,
		})
	}
}

// boolParam reads an optional boolean; absent means true (the default).
func boolParam(v string) (value, ok bool) {
	if v == "" {
		return true, true
	}
	b, err := strconv.ParseBool(v)
	return b, err == nil
}

// handleGet serves GET /v1/<kind>/{id}.
func (s *Server) handleGet(k *kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		changesOnly, ok := boolParam(r.URL.Query().Get("changes.only"))
		if !ok {
			text(w, http.StatusBadRequest, "changes.only must be a boolean")
			return
		}
		s.mu.Lock()
		it := s.find(k, r.PathValue("id"))
		var out wire
		if it != nil {
			out = it.wire(changesOnly)
		}
		s.mu.Unlock()
		if it == nil {
			notFound(w, k, r.PathValue("id"))
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) find(k *kind, id string) *intent {
	if it := s.intents[id]; it != nil && it.kind == k {
		return it
	}
	return nil
}

func notFound(w http.ResponseWriter, k *kind, id string) {
	text(w, http.StatusNotFound, k.label+" intent "+id+" couldn't be found")
}

// handleConfirm serves POST /<version>/<kind>/{id}/confirm. Creation
// intents need {"materialNumber"}; v1 answers a creation confirm with the
// intent, everything else with "OK".
func (s *Server) handleConfirm(k *kind, version string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			MaterialNumber string `json:"materialNumber"`
		}
		if k == creationKind {
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil || strings.TrimSpace(body.MaterialNumber) == "" {
				text(w, http.StatusBadRequest, "materialNumber should not be empty")
				return
			}
		}
		s.mu.Lock()
		it := s.find(k, r.PathValue("id"))
		var out wire
		if it != nil {
			if !it.outcome.Confirmed && !it.outcome.Rejected {
				it.status = sparetech.StatusDone
				it.outcome = Outcome{Confirmed: true, MaterialNumber: body.MaterialNumber, Version: version}
				if k == creationKind {
					it.materialNumber = body.MaterialNumber
				}
			}
			out = it.wire(true)
		}
		s.mu.Unlock()
		switch {
		case it == nil:
			notFound(w, k, r.PathValue("id"))
		case k == creationKind && version == "v1":
			writeJSON(w, http.StatusOK, out)
		default:
			ok(w)
		}
	}
}

// handleReject serves POST /<version>/<kind>/{id}/reject with {"message"}.
func (s *Server) handleReject(k *kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Message string `json:"message"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || strings.TrimSpace(body.Message) == "" {
			text(w, http.StatusBadRequest, "message should not be empty")
			return
		}
		version := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")[0]
		s.mu.Lock()
		it := s.find(k, r.PathValue("id"))
		if it != nil && !it.outcome.Confirmed && !it.outcome.Rejected {
			// The vendor has no "rejected" status: the intent leaves Ready.
			it.status = sparetech.StatusDone
			it.outcome = Outcome{Rejected: true, Message: body.Message, Version: version}
		}
		s.mu.Unlock()
		if it == nil {
			notFound(w, k, r.PathValue("id"))
			return
		}
		ok(w)
	}
}

// Outcome reports whether intent id (of any kind) was confirmed or rejected.
func (s *Server) Outcome(id string) (Outcome, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.intents[id]
	if it == nil || (!it.outcome.Confirmed && !it.outcome.Rejected) {
		return Outcome{}, false
	}
	return it.outcome, true
}
