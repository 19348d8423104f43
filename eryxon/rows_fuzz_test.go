package eryxon

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// rowSeeds are bodies every collection's decoders must read as the
// reference does: the fake's and the server's shapes, and the corners of
// encoding/json that the leaf types (internal/wiredecode) reproduce (null
// after a value, escapes, non-ASCII, wrong types, fractions,
// case-insensitive names, repeated arrays).
var rowSeeds = []string{
	`{"data":{"part":{"created_at":"2026-11-23T00:49:42.658Z","external_id":"SO-1-10","external_source":"SAP","id":"00000000-0000-4000-9000-000000000001","job_id":"00000000-0000-4000-8000-000000000001","material":"S235JR","notes":"bench","part_number":"PN-1","quantity":3,"status":"not_started","sync_hash":"71649d0e","synced_at":"2026-11-23T00:49:42.658Z","tenant_id":"t","updated_at":"2026-11-23T00:49:42.658Z"}},"success":true}`,
	`{"success":true,"data":{"jobs":[{"id":"j1","external_id":"J1","external_source":"erp","job_number":"J1","customer":"Acme","due_date":"2024-12-31","priority":3,"notes":"n","status":"not_started","metadata":{"a":[1,"x",null],"b":{"c":true}}},{"id":"j2","due_date":"2024-12-31T00:00:00+00:00","metadata":null}],"pagination":{"limit":1000,"offset":0,"total":2}}}`,
	`{"data":{"operations":[{"id":"o1","cell_id":"c1","part_id":"p1","operation_name":"Cut","sequence":1,"estimated_time":30,"status":"pending"}],"cells":[{"id":"c1","name":"Saw","color":"#fff","sequence":2,"active":false}],"resources":[{"id":"r1","name":"Mill","type":"equipment","status":"available","active":true,"identifier":"M-1","location":"Hall 1","description":"d"}],"pagination":{"total":null}}}`,
	`{"data":{"job":{"id":"a","id":null,"ID":"b","Id":null},"part":{"id":"a","ID":null,"quantity":2,"Quantity":null},"cell":{"active":true,"active":null},"operation":{"sequence":1,"sequence":null},"resource":{"type":"mold","type":null}}}`,
	`{"data":{"part":{"notes":"a\"b\\c\u00e9\ud83d\ude00","material":"Stahl ÄÖÜ ß","part_number":"\u0041"},"job":{"notes":"\t","customer":"é"}}}`,
	`{"data":{"part":{"quantity":3.0}}}`,
	`{"data":{"part":{"quantity":"3"}}}`,
	`{"data":{"part":{"quantity":-0,"id":"x"}}}`,
	`{"data":{"part":{"quantity":99999999999999999999}}}`,
	`{"data":{"part":{"id":5}}}`,
	`{"data":{"part":{"status":5}}}`,
	`{"data":{"part":{"created_at":{"a":1}}}}`,
	`{"data":{"resource":{"active":"yes"}}}`,
	`{"data":{"cell":{"active":1}}}`,
	`{"success":"yes","data":{"part":{"id":"x"}}}`,
	`{"success":null,"data":{"part":{"id":"x"}}}`,
	`{"data":null}`,
	`{"data":{"parts":[]}}`,
	`{"data":{"parts":null,"part":null}}`,
	`{"data":{"parts":[{"id":"a","notes":"n"},{"id":"b"}],"parts":[{"id":"c"}]}}`,
	`{"data":{"parts":[{"id":"a"}],"parts":null}}`,
	`{"data":{"parts":{"id":"a"}}}`,
	`{"data":{"part":[1]}}`,
	`{"data":"x"}`,
	`{"data":{"action":"created","id":"x","external_id":"E","job":{"id":"y","external_id":"E","job_number":"J"},"part":{"id":"y"},"operation":{"id":"y"},"cell":{"id":"y"},"resource":{"id":"y"}}}`,
	`{"data":{"action":"updated","id":null,"action":null}}`,
	`{"data":{"action":5}}`,
	`{"DATA":{"Part":{"ID":"x","EXTERNAL_ID":"e"}}}`,
	`{"data":{"pagination":{"limit":"1"}}}`,
	`{"data":{"job":{"metadata":{"a":1},"metadata":{"b":2}}}}`,
	`{"data":{"job":{"metadata":[1]}}}`,
	`{"data":{"job":{"due_date":"not a date","priority":1e1}}}`,
	`[]`,
	`null`,
	`{"data":{"part":{"id":"x"}}} trailing`,
	`{"data":{"part":{"id":"x"}`,
}

// FuzzRowsMatchReference decodes any body with every collection's list
// and sync decoders (rows.go) and with the reference decoders through the
// generated models (rows_reference_test.go): both fail, or both give the
// same items, pagination, action and id.
func FuzzRowsMatchReference(f *testing.F) {
	for i, s := range rowSeeds {
		f.Add(uint8(i), []byte(s))
	}
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		switch kind % 5 {
		case 0:
			matchReference(t, jobEntity(), refJobs, body)
		case 1:
			matchReference(t, partEntity(), refParts, body)
		case 2:
			matchReference(t, operationEntity(), refOperations, body)
		case 3:
			matchReference(t, cellEntity(), refCells, body)
		default:
			matchReference(t, resourceEntity(), refResources, body)
		}
	})
}

// TestRowsMatchReference runs every seed through every collection.
func TestRowsMatchReference(t *testing.T) {
	for _, s := range rowSeeds {
		matchReference(t, jobEntity(), refJobs, []byte(s))
		matchReference(t, partEntity(), refParts, []byte(s))
		matchReference(t, operationEntity(), refOperations, []byte(s))
		matchReference(t, cellEntity(), refCells, []byte(s))
		matchReference(t, resourceEntity(), refResources, []byte(s))
	}
}

func matchReference[T any](t *testing.T, e *entity[T], ref refDecoders[T], body []byte) {
	t.Helper()
	rows, one, pg, err := e.rows(jsonResponse(body))
	refRows, refOne, refPg, refErr := ref.rows(jsonResponse(body))
	if (err == nil) != (refErr == nil) || (err != nil && errorShape(err) != errorShape(refErr)) {
		t.Fatalf("%s rows of %q: error %v, reference %v", e.table, body, err, refErr)
	}
	if err == nil && (!reflect.DeepEqual(rows, refRows) || !reflect.DeepEqual(one, refOne) || !reflect.DeepEqual(pg, refPg)) {
		t.Fatalf("%s rows of %q:\n got %#v %#v %#v\nwant %#v %#v %#v", e.table, body, rows, one, pg, refRows, refOne, refPg)
	}
	action, id, row, err := e.synced(jsonResponse(body))
	refAction, refID, refRow, refErr := ref.synced(jsonResponse(body))
	if (err == nil) != (refErr == nil) || (err != nil && errorShape(err) != errorShape(refErr)) {
		t.Fatalf("%s sync of %q: error %v, reference %v", e.table, body, err, refErr)
	}
	if err == nil && (action != refAction || id != refID || !reflect.DeepEqual(row, refRow)) {
		t.Fatalf("%s sync of %q:\n got %q %q %#v\nwant %q %q %#v", e.table, body, action, id, row, refAction, refID, refRow)
	}
}

// errorShape is an error's message without the names of the Go types
// that encoding/json puts into it (rows.go decodes into its own types, not
// the generated ones): what was wrong and where in the body.
func errorShape(err error) string {
	msg := err.Error()
	before, after, ok := strings.Cut(msg, " into Go ")
	if !ok {
		return msg
	}
	field, ok := strings.CutPrefix(after, "struct field ")
	if !ok {
		return before
	}
	field, _, _ = strings.Cut(field, " of type ")
	_, path, _ := strings.Cut(field, ".")
	return before + " at " + path
}

func jsonResponse(body []byte) *http.Response {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
}
