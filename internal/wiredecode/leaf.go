package wiredecode

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// The leaf types stand in a wire struct for the generated models' pointer
// fields. Each decodes what encoding/json would store in the pointer, to
// the same value, and returns the *json.UnmarshalTypeError encoding/json
// would save for anything else (with encoding/json's Value and Type, so
// the message is the same).

// String is a nullable string (*string in the generated models): null
// clears it.
type String string

// UnmarshalJSON takes a string without escapes as it stands and leaves any
// other string to encoding/json.
func (s *String) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case 'n':
		*s = ""
		return nil
	case '"':
	default:
		return TypeError(b, stringType)
	}
	if body := b[1 : len(b)-1]; bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		*s = String(body)
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = String(v)
	return nil
}

// Int is a nullable int (*int): null clears it.
type Int int

// UnmarshalJSON reads an integer as encoding/json reads one into an int.
func (n *Int) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == 'n':
		*n = 0
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		v, err := strconv.ParseInt(string(b), 10, 0)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: intType}
		}
		*n = Int(v)
		return nil
	default:
		return TypeError(b, intType)
	}
}

// Int32 is a nullable int32 (*int32): Set says whether a number was sent;
// null clears it.
type Int32 struct {
	V   int32
	Set bool
}

// UnmarshalJSON reads an integer as encoding/json reads one into an int32.
func (n *Int32) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == 'n':
		*n = Int32{}
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		v, err := strconv.ParseInt(string(b), 10, 32)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: int32Type}
		}
		*n = Int32{V: int32(v), Set: true}
		return nil
	default:
		return TypeError(b, int32Type)
	}
}

// Float64 is a nullable float64 (*float64): null clears it.
type Float64 float64

// UnmarshalJSON reads a number as encoding/json reads one into a float64.
func (f *Float64) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == 'n':
		*f = 0
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: float64Type}
		}
		*f = Float64(v)
		return nil
	default:
		return TypeError(b, float64Type)
	}
}

// Bool is a nullable bool (*bool): null clears it.
type Bool bool

// UnmarshalJSON reads true, false or null (false).
func (v *Bool) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case 'n', 'f':
		*v = false
	case 't':
		*v = true
	default:
		return TypeError(b, boolType)
	}
	return nil
}

// UnusedString is a *string field the SDK does not keep (a timestamp it
// does not report, a status): it is checked, not kept.
type UnusedString struct{}

// UnmarshalJSON accepts a string or null.
func (*UnusedString) UnmarshalJSON(b []byte) error {
	if b[0] == 'n' || b[0] == '"' {
		return nil
	}
	return TypeError(b, stringType)
}

// UnusedBool is a *bool field the SDK does not keep (an envelope's
// success): it is checked, not kept.
type UnusedBool struct{}

// UnmarshalJSON accepts true, false or null.
func (*UnusedBool) UnmarshalJSON(b []byte) error {
	if b[0] == 'n' || b[0] == 't' || b[0] == 'f' {
		return nil
	}
	return TypeError(b, boolType)
}

var (
	stringType  = reflect.TypeFor[string]()
	intType     = reflect.TypeFor[int]()
	int32Type   = reflect.TypeFor[int32]()
	float64Type = reflect.TypeFor[float64]()
	boolType    = reflect.TypeFor[bool]()
)

// TypeError is encoding/json's error for a JSON value b (as an
// UnmarshalJSON method gets it) that does not fit t. A vendor's own leaf
// types return it for the values they do not take.
func TypeError(b []byte, t reflect.Type) error {
	var what string
	switch b[0] {
	case '"':
		what = "string"
	case 't', 'f':
		what = "bool"
	case '{':
		what = "object"
	case '[':
		what = "array"
	default:
		what = "number"
	}
	return &json.UnmarshalTypeError{Value: what, Type: t}
}
