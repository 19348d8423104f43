// Package wiredecode is the machinery the vendor packages share to decode
// response bodies fast without changing a result or an error.
//
// A hot path decodes a body straight into a handwritten struct of value
// fields (the "wire struct") instead of the generated model, whose pointer
// fields cost an allocation each. The leaf types (String, Int, Int32,
// Float64, Bool, UnusedString, UnusedBool) decode as the generated
// pointer fields do: a null clears the field, a value of the wrong type is
// encoding/json's *json.UnmarshalTypeError, unknown names are ignored.
// TestLeavesMatchPointerFields and FuzzLeavesMatchPointerFields hold each
// to its pointer field.
package wiredecode
