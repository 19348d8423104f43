package servicemobility

import "encoding/json"

// DecodeReference is json.Unmarshal with the one-pass decoder turned off:
// what every document decoded to before it existed.
func DecodeReference(b []byte, v any) error {
	referenceOnly.Store(true)
	defer referenceOnly.Store(false)
	return json.Unmarshal(b, v)
}

// DecodesInOnePass reports whether the one-pass decoder takes b for v
// (a pointer to a zero lenient type) without help.
func DecodesInOnePass(b []byte, v any) bool { return decodeOnePass(b, v) }
