package sparetech

import (
	"strconv"
	"strings"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/endpoint"
)

// MaxLimit is the largest page size SPARETECH accepts; All uses it.
const MaxLimit = 99

// ListParams filters and pages the intent lists. The zero value lists the
// first page of every intent with the server's default page size (10).
type ListParams struct {
	// Status keeps intents in this status only (usually StatusReady).
	Status Status
	// CreatedFrom and CreatedTo keep intents created on or after CreatedFrom's
	// date and on or before CreatedTo's date. Both bounds are inclusive and
	// only the calendar date (in the time's own location) is sent, as
	// created.gt and created.lt (YYYY-MM-DD). Zero: no bound.
	CreatedFrom, CreatedTo time.Time
	// Limit is the page size, 1 to 99; 0 means the server's default (10).
	// Anything else is an error before any request is sent.
	Limit int
	// Page is the zero-based page number (List), or the page All starts at.
	Page int
	// ChangesOnly applies to change intents only: nil or true returns only
	// the changed fields in Metadata (the server's default), false every field.
	ChangesOnly *bool
}

// listQuery is ListParams checked and converted for the wire.
type listQuery struct {
	status      *string
	gt, lt      *time.Time
	limit, page *int
}

func (p ListParams) query() (listQuery, error) {
	var q listQuery
	if p.Limit < 0 || p.Limit > MaxLimit {
		return q, apierror.Invalid(vendor, "ListParams.Limit", "%d is outside 1..%d (0 means the server's default)", p.Limit, MaxLimit)
	}
	if p.Page < 0 {
		return q, apierror.Invalid(vendor, "ListParams.Page", "%d is negative (pages are numbered from 0)", p.Page)
	}
	if !p.CreatedFrom.IsZero() && !p.CreatedTo.IsZero() && dateOf(p.CreatedFrom) > dateOf(p.CreatedTo) {
		return q, apierror.Invalid(vendor, "ListParams.CreatedFrom", "%s is after CreatedTo %s", dateOf(p.CreatedFrom), dateOf(p.CreatedTo))
	}
	if p.Status != "" {
		if strings.TrimSpace(string(p.Status)) != string(p.Status) {
			return q, apierror.Invalid(vendor, "ListParams.Status", "%q has surrounding spaces", p.Status)
		}
		s := string(p.Status)
		q.status = &s
	}
	if !p.CreatedFrom.IsZero() {
		q.gt = &p.CreatedFrom
	}
	if !p.CreatedTo.IsZero() {
		q.lt = &p.CreatedTo
	}
	if p.Limit != 0 {
		l := p.Limit
		q.limit = &l
	}
	if p.Page != 0 {
		pg := p.Page
		q.page = &pg
	}
	return q, nil
}

// encode is the query string as the generated builders wrote it: the
// parameters that are set, in the document's order (status, created.gt,
// created.lt, limit, page, changes.only), each value escaped by
// url.QueryEscape (the oapi-codegen runtime's default encoder), dates as
// YYYY-MM-DD.
func (q *listQuery) encode(changesOnly *bool) string {
	var b endpoint.Query
	if q.status != nil {
		b.Add("status", *q.status)
	}
	if q.gt != nil {
		b.Add("created.gt", dateOf(*q.gt))
	}
	if q.lt != nil {
		b.Add("created.lt", dateOf(*q.lt))
	}
	if q.limit != nil {
		b.Add("limit", strconv.Itoa(*q.limit))
	}
	if q.page != nil {
		b.Add("page", strconv.Itoa(*q.page))
	}
	s := b.String()
	return s + changesQuery(s != "", changesOnly)
}

// changesQuery is the changes.only parameter (change intents), after
// other parameters when there are some.
func changesQuery(after bool, changesOnly *bool) string {
	if changesOnly == nil {
		return ""
	}
	s := "changes.only=" + strconv.FormatBool(*changesOnly)
	if after {
		s = "&" + s
	}
	return s
}

func dateOf(t time.Time) string { return t.Format(time.DateOnly) }
