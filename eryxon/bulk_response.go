package eryxon

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
)

// bulkEnvelope is {"success":true,"data":{...}}.
type bulkEnvelope struct {
	Data *bulkData `json:"data"`
}

// bulkData holds both shapes of a bulk-sync answer. The server
// (crud-builder.ts) sends {results:{created,updated,failed,errors:[{item,error}]},total};
// the published page sends {total,created,updated,errors:<n>,results:[{external_id,id,action,error}]}.
// Results and Errors are told apart by their JSON type.
type bulkData struct {
	Total   int             `json:"total"`
	Created int             `json:"created"`
	Updated int             `json:"updated"`
	Errors  json.RawMessage `json:"errors"`
	Results json.RawMessage `json:"results"`
}

// serverResults is the server's data.results object.
type serverResults struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
	Failed  int `json:"failed"`
	Errors  []struct {
		Item  json.RawMessage `json:"item"`
		Error json.RawMessage `json:"error"`
	} `json:"errors"`
}

// docResult is one entry of the published page's data.results array.
type docResult struct {
	ExternalID string          `json:"external_id"`
	ID         string          `json:"id"`
	Action     string          `json:"action"`
	Error      json.RawMessage `json:"error"`
}

// errNotInResponse is the outcome of an item that was sent but that the
// response does not account for.
var errNotInResponse = errors.New("the bulk-sync response does not account for this item")

// indexByExternalID finds the input item an outcome belongs to: the first
// not yet matched item of the chunk with that external id (an external id
// may repeat within a chunk). Positions with the same id are chained through
// next, so the index costs two allocations per chunk, not one per item.
type indexByExternalID struct {
	head map[string]int // external id -> first position in sent
	next []int          // next position with the same id, or -1
	used []bool
}

func newIndex(sent []int, externalID func(int) string, used []bool) *indexByExternalID {
	ix := &indexByExternalID{head: make(map[string]int, len(sent)), next: make([]int, len(sent)), used: used}
	for p := len(sent) - 1; p >= 0; p-- {
		id := externalID(sent[p])
		ix.next[p] = -1
		if h, ok := ix.head[id]; ok {
			ix.next[p] = h
		}
		ix.head[id] = p
	}
	return ix
}

func (ix *indexByExternalID) take(externalID string) (int, bool) {
	p, ok := ix.head[externalID]
	for ok && p >= 0 {
		if !ix.used[p] {
			ix.used[p] = true
			return p, true
		}
		p = ix.next[p]
	}
	return 0, false
}

// mapChunk maps a bulk-sync answer back to the input items of the chunk
// (sent holds their input indices): every item gets exactly one outcome.
func mapChunk(d *bulkData, sent []int, externalID func(int) string) []BulkOutcome {
	var s chunkScratch
	return s.mapChunk(d, sent, externalID)
}

// chunkScratch holds a worker's outcome and match arrays, reused from chunk
// to chunk so that mapping an answer allocates nothing per chunk.
type chunkScratch struct {
	out  []BulkOutcome
	used []bool
}

// mapChunk is the package-level mapChunk into s's arrays; the result is
// valid until the next call.
func (s *chunkScratch) mapChunk(d *bulkData, sent []int, externalID func(int) string) []BulkOutcome {
	s.out = slices.Grow(s.out[:0], len(sent))[:len(sent)]
	s.used = slices.Grow(s.used[:0], len(sent))[:len(sent)]
	clear(s.used)
	out, used := s.out, s.used
	for p, i := range sent {
		out[p] = BulkOutcome{Index: i, ExternalID: externalID(i)}
	}
	results := bytes.TrimSpace(d.Results)
	if len(results) > 0 && results[0] == '[' {
		ix := newIndex(sent, externalID, used)
		// The published page's shape: a result per item, with ids.
		var rs []docResult
		if err := json.Unmarshal(results, &rs); err != nil {
			return unaccounted(out, err)
		}
		for _, r := range rs {
			p, ok := ix.take(r.ExternalID)
			if !ok {
				continue
			}
			out[p].ID = r.ID
			switch r.Action {
			case "created":
				out[p].Action = ActionCreated
			case "updated":
				out[p].Action = ActionUpdated
			default:
				out[p].Action, out[p].Err = ActionFailed, describe(r.Error)
			}
		}
		for p := range out {
			if !used[p] {
				out[p].Action, out[p].Err = ActionFailed, errNotInResponse
			}
		}
		return out
	}
	// The server's shape: counts, and the failed items with their reasons.
	var sr serverResults
	if len(results) > 0 && results[0] == '{' {
		if err := json.Unmarshal(results, &sr); err != nil {
			return unaccounted(out, err)
		}
	} else {
		return unaccounted(out, errors.New("the bulk-sync response has no results"))
	}
	failed := 0
	var ix *indexByExternalID
	if len(sr.Errors) > 0 {
		ix = newIndex(sent, externalID, used)
	}
	for _, e := range sr.Errors {
		var item struct {
			ExternalID string `json:"external_id"`
		}
		_ = json.Unmarshal(e.Item, &item)
		p, ok := ix.take(item.ExternalID)
		if !ok {
			continue
		}
		out[p].Action, out[p].Err = ActionFailed, describe(e.Error)
		failed++
	}
	rest := len(sent) - failed
	var action Action
	switch {
	case sr.Failed > failed:
		// The server counted failures it did not list: the successes cannot
		// be told from them.
		for p := range out {
			if !used[p] {
				out[p].Action, out[p].Err = ActionFailed, errNotInResponse
			}
		}
		return out
	case sr.Created == rest && sr.Updated == 0:
		action = ActionCreated
	case sr.Updated == rest && sr.Created == 0:
		action = ActionUpdated
	default:
		// Both kinds in one chunk: the server does not say which item was
		// which, so say so rather than guess.
		action = ActionSynced
	}
	for p := range out {
		if !used[p] {
			out[p].Action = action
		}
	}
	return out
}

func unaccounted(out []BulkOutcome, cause error) []BulkOutcome {
	for p := range out {
		out[p].Action = ActionFailed
		out[p].Err = &Error{Vendor: vendor, Message: cause.Error(), Kind: ErrOutcomeUnknown, Err: ErrDecode}
	}
	return out
}
