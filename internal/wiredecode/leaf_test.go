package wiredecode

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// The leaf types are held to the generated models' pointer fields they
// stand in for: for any JSON value, the same value or the same error.

// leafValues are the values a field may hold: of every JSON type, at the
// edges of the numbers, with and without escapes, and twice (a null after
// a value clears it).
var leafValues = []string{
	`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `42`, `1.5`, `1e2`, `-1e-2`, `1E+2`,
	`2147483647`, `2147483648`, `-2147483648`, `-2147483649`,
	`9223372036854775807`, `9223372036854775808`, `-9223372036854775809`,
	`1e308`, `1e400`, `-1e400`, `4.9e-324`, `1e-400`,
	`""`, `"x"`, `"Umeå ÄÖÜ ß"`, `"a\"b"`, `"a\\b"`, `"\u00e9\ud83d\ude00"`, `"\/"`, `"\t"`, `"\ud800"`,
	"\"\xff\"", `"true"`, `"1"`,
	`{}`, `{"a":1}`, `[]`, `[1,"x"]`,
	`"a","f":null`, `null,"f":"b"`, `1,"f":null`, `true,"f":null`, `"a","f":5`,
	`"x"} trailing`, `nul`, `01`, `"unterminated`,
}

// sameLeaf decodes {"f":raw} into a struct whose f is a leaf L and into
// one whose f is the pointer P, and reports how they differ.
func sameLeaf[L, P any](raw string, value func(*L) any, ref func(*P) any) string {
	body := []byte(`{"f":` + raw + `}`)
	var got struct {
		F L `json:"f"`
	}
	var want struct {
		F *P `json:"f"`
	}
	err, wantErr := json.Unmarshal(body, &got), json.Unmarshal(body, &want)
	var te, wantTE *json.UnmarshalTypeError
	switch {
	case (err == nil) != (wantErr == nil):
		return "error " + errString(err) + ", pointer field " + errString(wantErr)
	case errors.As(err, &te) != errors.As(wantErr, &wantTE):
		return "error " + errString(err) + ", pointer field " + errString(wantErr)
	case te != nil:
		// The structs have names of their own; the rest of the message
		// is the same.
		if te.Value != wantTE.Value || te.Type != wantTE.Type || te.Field != wantTE.Field {
			return "error " + errString(err) + ", pointer field " + errString(wantErr)
		}
	case err != nil:
		if err.Error() != wantErr.Error() {
			return "error " + errString(err) + ", pointer field " + errString(wantErr)
		}
	default:
		if g, w := value(&got.F), ref(want.F); !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("value %#v, pointer field %#v", g, w)
		}
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// deref is what a pointer field holds, the zero value for nil (unset or
// cleared by a null).
func deref[T any](p *T) any {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func checked[T any](*T) any { return nil }

// leafCases are the leaf types, each with its pointer field.
var leafCases = []struct {
	name string
	diff func(raw string) string
}{
	{"String", func(raw string) string {
		return sameLeaf(raw, func(s *String) any { return string(*s) }, deref[string])
	}},
	{"Int", func(raw string) string {
		return sameLeaf(raw, func(n *Int) any { return int(*n) }, deref[int])
	}},
	{"Int32", func(raw string) string {
		return sameLeaf(raw, func(n *Int32) any { return *n }, func(p *int32) any {
			if p == nil {
				return Int32{}
			}
			return Int32{V: *p, Set: true}
		})
	}},
	{"Float64", func(raw string) string {
		return sameLeaf(raw, func(f *Float64) any { return float64(*f) }, deref[float64])
	}},
	{"Bool", func(raw string) string {
		return sameLeaf(raw, func(b *Bool) any { return bool(*b) }, deref[bool])
	}},
	{"UnusedString", func(raw string) string {
		return sameLeaf(raw, checked[UnusedString], checked[string])
	}},
	{"UnusedBool", func(raw string) string {
		return sameLeaf(raw, checked[UnusedBool], checked[bool])
	}},
}

// TestLeavesMatchPointerFields runs every value through every leaf type.
func TestLeavesMatchPointerFields(t *testing.T) {
	for _, tc := range leafCases {
		for _, raw := range leafValues {
			if d := tc.diff(raw); d != "" {
				t.Errorf("%s from %s: %s", tc.name, raw, d)
			}
		}
	}
}

// TestLeafErrorsAreTypeErrors: a value of the wrong type is the signal for
// Decode to replay the body into the generated model.
func TestLeafErrorsAreTypeErrors(t *testing.T) {
	var w struct {
		S String  `json:"s"`
		N Int32   `json:"n"`
		F Float64 `json:"f"`
	}
	for _, body := range []string{`{"s":1}`, `{"n":"1"}`, `{"n":1.5}`, `{"f":{}}`, `{"f":1e400}`} {
		err := json.Unmarshal([]byte(body), &w)
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Errorf("%s: %v, want a *json.UnmarshalTypeError", body, err)
		}
	}
}

// FuzzLeavesMatchPointerFields compares every leaf type with its pointer
// field on any value.
func FuzzLeavesMatchPointerFields(f *testing.F) {
	for _, raw := range leafValues {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, tc := range leafCases {
			if d := tc.diff(raw); d != "" {
				t.Fatalf("%s from %q: %s", tc.name, raw, d)
			}
		}
	})
}
