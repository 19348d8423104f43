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
//
// encoding/json goes on after a type error in a field and reports the
// first one it saved, but a leaf's error ends the decode, so a body with a
// wrong type may be reported differently by the two. Decode (or Body, for
// a path with rules of its own) therefore keeps the body as it is read;
// when the wire struct rejects it with a type error, the same reads are
// replayed, read for read and error for error, into the generated model,
// which decides exactly as before. The replay must hand out the same
// chunks: transport.DecodeJSON checks UTF-8 and size on the chunks as
// read, and an io.EOF that comes with the last bytes can be reported
// differently from one on a read of its own (TestReplayIsReadForRead,
// FuzzDecodeMatchesSlowPath).
package wiredecode
