package wire

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"unicode/utf8"
)

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
		return typeError(b, stringType)
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
		return typeError(b, int32Type)
	}
}

var (
	stringType = reflect.TypeFor[string]()
	int32Type  = reflect.TypeFor[int32]()
)

// typeError is encoding/json's error for a JSON value b that does not fit t.
func typeError(b []byte, t reflect.Type) error {
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
