// Package paging walks paginated list endpoints as iter.Seq2 iterators.
//
// One walker serves every vendor: the Numbering says how pages are addressed
// (0-based page, 1-based page, offset/limit) and the Page a fetcher returns
// says whether more follow (HasMore, a total, a last page number, or simply a
// short or empty page).
package paging
