package spr

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Quirk: the vendor's two documents type the same numbers as integers and as
// strings ("per_page": "30"), and PHP may send prices as strings; these
// decoders accept a JSON number or a string holding one, and null as zero.

// flexFloat is a float64 that may arrive as a number or a numeric string.
type flexFloat float64

func (f *flexFloat) UnmarshalJSON(b []byte) error {
	s, ok, err := numberText(b)
	if err != nil || !ok {
		*f = 0
		return err
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("spr: %q is not a number", s)
	}
	*f = flexFloat(v)
	return nil
}

// flexInt is an int that may arrive as a number ("30", 30, 30.0) or a string.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	s, ok, err := numberText(b)
	if err != nil || !ok {
		*n = 0
		return err
	}
	if v, err := strconv.Atoi(s); err == nil {
		*n = flexInt(v)
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return fmt.Errorf("spr: %q is not a whole number", s)
	}
	*n = flexInt(v)
	return nil
}

// numberText returns the text of a JSON number or of a string holding one;
// ok is false for null and for an empty string.
func numberText(b []byte) (s string, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return "", false, nil
	}
	if b[0] == '"' {
		if s, err = unquote(b); err != nil {
			return "", false, err
		}
		s = strings.TrimSpace(s)
		return s, s != "", nil
	}
	if b[0] == '-' || (b[0] >= '0' && b[0] <= '9') {
		return string(b), true, nil
	}
	return "", false, fmt.Errorf("spr: %s is not a number", truncate(b))
}

// unquote decodes a JSON string; the common case (no escapes, valid UTF-8)
// skips a second pass of the JSON scanner.
func unquote(b []byte) (string, error) {
	if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b[1:len(b)-1], '\\') < 0 &&
		bytes.IndexByte(b[1:len(b)-1], '"') < 0 && utf8.Valid(b) {
		return string(b[1 : len(b)-1]), nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// flexString is a string that may arrive as a number or boolean (a year
// "2011" sent as 2011); the literal text is kept.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	v, err := rawText(b)
	*s = flexString(v)
	return err
}

// rawText returns a JSON string's value, a number's or boolean's literal
// text, and "" for null; objects and arrays are an error.
func rawText(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return "", nil
	case b[0] == '"':
		return unquote(b)
	case b[0] == '{' || b[0] == '[':
		return "", fmt.Errorf("spr: expected a string, got %s", truncate(b))
	default:
		return string(b), nil
	}
}

// decodeList decodes a JSON array of T. Quirk: PHP encodes an array whose
// keys are not 0..n-1 (after a filter) as an object {"1": {...}}, and an empty
// associative array as []; both decode here, in key order.
func decodeList[T any](b []byte) ([]T, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	if b[0] == '[' {
		var out []T
		err := json.Unmarshal(b, &out)
		return out, err
	}
	var m map[string]T
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
	out := make([]T, 0, len(m))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out, nil
}

// decodeMap decodes a JSON object of T; an empty array (PHP's empty
// associative array) is an empty map.
func decodeMap[T any](b []byte) (map[string]T, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil, nil
	}
	if b[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, err
		}
		if len(list) != 0 {
			return nil, fmt.Errorf("spr: expected an object, got a non-empty array")
		}
		return map[string]T{}, nil
	}
	var m map[string]T
	err := json.Unmarshal(b, &m)
	return m, err
}

// keyLess orders numeric keys numerically and others as strings.
func keyLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x < y
	}
	if (errA == nil) != (errB == nil) {
		return errA == nil
	}
	return a < b
}

func truncate(b []byte) string {
	if len(b) > 32 {
		return string(b[:32]) + "..."
	}
	return string(b)
}

// phpList is a JSON list decoded with decodeList.
type phpList[T any] []T

func (l *phpList[T]) UnmarshalJSON(b []byte) error {
	v, err := decodeList[T](b)
	*l = v
	return err
}
