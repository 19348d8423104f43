package servicemobility_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// decodeBoth decodes body as a new T with the reference decoder and as
// json.Unmarshal does now, and fails unless result and error are the same.
func decodeBoth[T any](t *testing.T, body []byte) {
	t.Helper()
	var ref, got T
	refErr := sm.DecodeReference(body, &ref)
	err := json.Unmarshal(body, &got)
	if (refErr == nil) != (err == nil) || (err != nil && err.Error() != refErr.Error()) {
		t.Fatalf("%s:\nreference error %v\n      now error %v", body, refErr, err)
	}
	if !reflect.DeepEqual(ref, got) {
		t.Fatalf("%s:\nreference %#v\n      now %#v", body, ref, got)
	}
}

// Every document decodes as it did before the one-pass decoder: the
// quirks' table, the vendor's examples, and refused documents (same error).
func TestOnePassMatchesReference(t *testing.T) {
	docs := []string{vendorOrder, vendorResponse, `null`, ` {} `, `[]`, `"x"`, `{"Orders":[{"Parts":[{"Qty":true}]}]}`,
		`{"Orders":[{"Parts":[{"ProdAttrs":{"Desc":"d"},"prodattrs":{"ProdType":"1"}}]}]}`, `{"Status":"a","Status":"b"}`,
		`{"Orders":[` + strings.Repeat(`[`, 70) + strings.Repeat(`]`, 70) + `]}`, `{"Orders":[{}]} x`, `{"Orders":[{},]}`, "{\"Status\":\"\x01\"}",
		`{"Status":"\u12"}`, `{"Status":01}`, `{"Status":1.}`, `{"Status" "x"}`, `{"Orders":[{"EstimatedDelivery":"18/12/2014"}]}`}
	docs = append(docs, lenientCases()...)
	for _, d := range docs {
		decodeBoth[sm.PartsOrderResponse](t, []byte(d))
		decodeBoth[sm.PartsOrder](t, []byte(d))
		decodeBoth[sm.Location](t, []byte(d))
		decodeBoth[sm.OrderedPart](t, []byte(d))
	}
}

// The documents a client and a handler see every day take the one pass.
func TestOnePassTakesTheVendorExamples(t *testing.T) {
	if !sm.DecodesInOnePass([]byte(vendorResponse), new(sm.PartsOrderResponse)) {
		t.Error("the vendor's response example left the one pass")
	}
	if !sm.DecodesInOnePass([]byte(vendorOrder), new(sm.PartsOrder)) {
		t.Error("the vendor's order example left the one pass")
	}
	// A case-variant duplicate and a destination holding data are left to
	// the reference decoder, which owns their ordering and merging rules.
	if sm.DecodesInOnePass([]byte(`{"Status":"a","status":"b"}`), new(sm.PartsOrderResponse)) {
		t.Error("a field named twice took the one pass")
	}
	if sm.DecodesInOnePass([]byte(`{}`), &sm.PartsOrderResponse{Status: "x"}) {
		t.Error("a filled destination took the one pass")
	}
}

// FuzzOnePassMatchesReference: for any body, the one-pass decoder and the
// reference decoder agree on the result and the error.
func FuzzOnePassMatchesReference(f *testing.F) {
	f.Add([]byte(vendorResponse))
	f.Add([]byte(vendorOrder))
	for _, c := range lenientCases() {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeBoth[sm.PartsOrderResponse](t, body)
		decodeBoth[sm.PartsOrder](t, body)
	})
}
