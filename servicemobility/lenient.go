package servicemobility

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// Decision 3 (lenient decoding): ServiceMobility publishes neither the
// required properties nor exact types for several of them, so the types in
// this package decode leniently: unknown properties are ignored, names match
// case-insensitively (as encoding/json does), a string property also
// accepts a number or bool (an id sent as 1001), a bool also accepts "true",
// "false", 0 and 1, null means unset, and an array property also accepts a
// single object (one version of the docs types Parts as an object).

// decodeLenient decodes b into dst, a pointer to one of the lenient types,
// in one pass when it can (onepass.go), with decodeObject otherwise.
func decodeLenient(b []byte, dst any) error {
	if decodeOnePass(b, dst) {
		return nil
	}
	return decodeObject(b, dst)
}

// decodeObject decodes the JSON object b into the struct dst points to,
// field by field, with the rules above. null leaves dst unchanged.
func decodeObject(b []byte, dst any) error {
	b = bytes.TrimSpace(b)
	v := reflect.ValueOf(dst).Elem()
	if string(b) == "null" {
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("%s: expected a JSON object, got %s", v.Type().Name(), describeJSON(b))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic errors and case-variant precedence
	fields := fieldsOf(v.Type())
	for _, key := range keys {
		i, ok := fields.lookup(key)
		if !ok {
			continue
		}
		if err := decodeField(v.Field(i), raw[key]); err != nil {
			return fmt.Errorf("%s.%s: %w", v.Type().Name(), key, err)
		}
	}
	return nil
}

var timeType = reflect.TypeFor[time.Time]()

func decodeField(fv reflect.Value, msg json.RawMessage) error {
	msg = bytes.TrimSpace(msg)
	if fv.Type() == timeType {
		t, err := parseTime(msg)
		if err != nil {
			return err
		}
		fv.Set(reflect.ValueOf(t))
		return nil
	}
	if _, ok := fv.Addr().Interface().(json.Unmarshaler); ok {
		return json.Unmarshal(msg, fv.Addr().Interface())
	}
	switch fv.Kind() {
	case reflect.String:
		s, err := flexString(msg)
		if err != nil {
			return err
		}
		fv.SetString(s)
		return nil
	case reflect.Bool:
		b, err := flexBool(msg)
		if err != nil {
			return err
		}
		fv.SetBool(b)
		return nil
	case reflect.Slice:
		switch {
		case string(msg) == "null":
			fv.SetZero()
			return nil
		case len(msg) > 0 && msg[0] == '{':
			one := reflect.New(fv.Type().Elem())
			if err := json.Unmarshal(msg, one.Interface()); err != nil {
				return err
			}
			fv.Set(reflect.Append(reflect.MakeSlice(fv.Type(), 0, 1), one.Elem()))
			return nil
		}
	}
	return json.Unmarshal(msg, fv.Addr().Interface())
}

// flexString reads a string, or the text of a number or bool; null is "".
func flexString(msg []byte) (string, error) {
	switch {
	case string(msg) == "null":
		return "", nil
	case len(msg) > 0 && msg[0] == '"':
		return unquote(msg)
	case string(msg) == "true" || string(msg) == "false" || validNumber(msg):
		return string(msg), nil
	}
	return "", fmt.Errorf("expected a string, got %s", describeJSON(msg))
}

// flexBool reads a bool, or "true"/"false"/"1"/"0"/"" and the numbers 0 and 1; null is false.
func flexBool(msg []byte) (bool, error) {
	switch string(msg) { // the usual spellings, without allocating
	case "true", "1", `"true"`, `"1"`:
		return true, nil
	case "false", "0", "null", `"false"`, `"0"`, `""`:
		return false, nil
	}
	s := string(msg)
	if len(msg) > 0 && msg[0] == '"' {
		var err error
		if s, err = unquote(msg); err != nil {
			return false, err
		}
		if s == "" {
			return false, nil
		}
	}
	switch strings.ToLower(s) {
	case "null":
		return false, nil
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("expected a bool, got %s", describeJSON(msg))
}

// parseTime reads any RFC 3339 time; null and "" are the zero time.
func parseTime(msg []byte) (time.Time, error) {
	if string(msg) == "null" {
		return time.Time{}, nil
	}
	s, err := unquote(msg)
	if err != nil {
		return time.Time{}, fmt.Errorf("expected an RFC 3339 time string, got %s", describeJSON(msg))
	}
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t, nil
}

// describeJSON names the kind of a JSON value for error messages without
// echoing it (it could be long, or carry something private).
func describeJSON(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a bool"
	case 'n':
		return "null"
	}
	if validNumber(b) {
		return "a number"
	}
	return "invalid JSON"
}

type fieldSet struct {
	names []string // JSON names, by field index ("" = not decoded)
}

func (f fieldSet) lookup(key string) (int, bool) {
	for i, n := range f.names {
		if n == key {
			return i, true
		}
	}
	for i, n := range f.names {
		if n != "" && strings.EqualFold(n, key) {
			return i, true
		}
	}
	return 0, false
}

var fieldCache sync.Map // reflect.Type -> fieldSet

func fieldsOf(t reflect.Type) fieldSet {
	if f, ok := fieldCache.Load(t); ok {
		return f.(fieldSet)
	}
	f := fieldSet{names: make([]string, t.NumField())}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = sf.Name
		}
		f.names[i] = name
	}
	fieldCache.Store(t, f)
	return f
}

// formatTime writes a time as the vendor's examples do: UTC, milliseconds, Z
// (quirk 5: "2014-12-18T10:00:00.000Z").
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// maxNesting bounds how deeply a document may nest. The reference decoder
// re-reads each object's members, so its cost grows with depth times size;
// real documents nest about six levels (SupersededParts inside Parts inside
// Orders), and a hostile one could otherwise cost quadratic time. The
// one-pass decoder recurses per level, so it keeps to the same bound.
const maxNesting = 64

// checkNesting reports a document nested deeper than maxNesting, in one pass.
func checkNesting(b []byte) error {
	depth, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > maxNesting {
				return fmt.Errorf("the document nests deeper than %d levels", maxNesting)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}
