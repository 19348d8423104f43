package servicemobility

import (
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
)

// The one-pass decoder reads a document of the lenient types once, leaf
// values straight into their fields. decodeObject (lenient.go) remains the
// reference: it handles what the one-pass decoder leaves to it (a bad
// value, two names for one field, a destination that already holds data),
// so every input decodes exactly as it did before, only faster.

// errSlowPath: the one-pass decoder leaves this document to decodeObject.
var errSlowPath = errors.New("servicemobility: left to the reference decoder")

// referenceOnly makes decodeOnePass decline every document; tests set it to
// compare the one-pass decoder with the reference.
var referenceOnly atomic.Bool

// lenientTypes are the types whose UnmarshalJSON is the lenient decoding.
var lenientTypes = []reflect.Type{
	reflect.TypeFor[PartsOrder](), reflect.TypeFor[Location](), reflect.TypeFor[Address](),
	reflect.TypeFor[Contact](), reflect.TypeFor[Phone](), reflect.TypeFor[Part](),
	reflect.TypeFor[ProdAttrs](), reflect.TypeFor[PartsOrderResponse](), reflect.TypeFor[Order](),
	reflect.TypeFor[OrderedPart](),
}

type fieldKind uint8

const (
	kindOther       fieldKind = iota // anything else: the reference decoder
	kindString                       // flexString
	kindBool                         // flexBool
	kindTime                         // parseTime
	kindUnmarshaler                  // a leaf type with its own UnmarshalJSON (Decimal, Command, Status)
	kindStruct                       // a lenient type
	kindSlice                        // a slice of a lenient type
)

// plan is how to decode one lenient struct type.
type plan struct {
	fields fieldSet
	kinds  []fieldKind
	sub    []*plan // the lenient type of a kindStruct or kindSlice field
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// plans are built once for all lenient types (OrderedPart refers to itself).
var plans = sync.OnceValue(func() map[reflect.Type]*plan {
	m := make(map[reflect.Type]*plan, len(lenientTypes))
	for _, t := range lenientTypes {
		m[t] = &plan{fields: fieldsOf(t), kinds: make([]fieldKind, t.NumField()), sub: make([]*plan, t.NumField())}
	}
	for t, p := range m {
		for i := range t.NumField() {
			if p.fields.names[i] == "" || i >= 64 { // 64: the seen-set is a uint64
				continue
			}
			ft := t.Field(i).Type
			switch {
			case m[ft] != nil:
				p.kinds[i], p.sub[i] = kindStruct, m[ft]
			case ft.Kind() == reflect.Slice && m[ft.Elem()] != nil:
				p.kinds[i], p.sub[i] = kindSlice, m[ft.Elem()]
			case ft == timeType:
				p.kinds[i] = kindTime
			case reflect.PointerTo(ft).Implements(unmarshalerType):
				p.kinds[i] = kindUnmarshaler
			case ft.Kind() == reflect.String:
				p.kinds[i] = kindString
			case ft.Kind() == reflect.Bool:
				p.kinds[i] = kindBool
			}
		}
	}
	return m
})

// decodeOnePass decodes b into dst (a pointer to a lenient type) in one
// pass and reports whether it did. It declines, leaving dst as it was,
// unless dst is the zero value and b is valid JSON within maxNesting that
// decodes without error and names no field twice; the reference decoder
// then takes over and gives the same result or error as before.
func decodeOnePass(b []byte, dst any) bool {
	v := reflect.ValueOf(dst).Elem()
	p := plans()[v.Type()]
	if p == nil || referenceOnly.Load() || !v.IsZero() {
		return false
	}
	d := onePass{b: b}
	d.space()
	var err error
	switch {
	case d.literal("null"):
	case d.peek() == '{':
		err = d.object(p, v)
	default:
		err = errSlowPath
	}
	if d.space(); err != nil || d.i != len(d.b) {
		v.SetZero()
		return false
	}
	return true
}

// onePass reads one document; every error sends it to the reference decoder.
type onePass struct {
	b     []byte
	i     int
	depth int
	plain bool // the last string literal read is printable ASCII without escapes
}

func (d *onePass) peek() byte {
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

// space skips JSON white space.
func (d *onePass) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// literal consumes s (true, false, null) if it comes next.
func (d *onePass) literal(s string) bool {
	if len(d.b)-d.i >= len(s) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

func (d *onePass) enter() error {
	if d.depth++; d.depth > maxNesting {
		return errSlowPath
	}
	d.i++ // '{' or '['
	return nil
}

// object decodes the object at d.i into v, a zero struct described by p.
func (d *onePass) object(p *plan, v reflect.Value) error {
	if err := d.enter(); err != nil {
		return err
	}
	var seen uint64
	d.space()
	if d.peek() == '}' {
		d.i++
		d.depth--
		return nil
	}
	for {
		d.space()
		key, err := d.stringLit()
		if err != nil {
			return err
		}
		if d.space(); d.peek() != ':' {
			return errSlowPath
		}
		d.i++
		d.space()
		i, ok := p.lookup(key, d.plain)
		if !ok {
			if _, err := d.value(); err != nil {
				return err
			}
		} else {
			if seen&(1<<i) != 0 {
				return errSlowPath // two names for one field: order and merging rules apply
			}
			seen |= 1 << i
			if err := d.field(p.kinds[i], p.sub[i], v.Field(i)); err != nil {
				return err
			}
		}
		d.space()
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			d.depth--
			return nil
		default:
			return errSlowPath
		}
	}
}

// lookup finds the field for a quoted name, as fieldSet.lookup does for
// the unquoted one; plain says the name reads as it is.
func (p *plan) lookup(lit []byte, plain bool) (int, bool) {
	inner := lit[1 : len(lit)-1]
	if plain {
		for i, n := range p.fields.names {
			if n != "" && n == string(inner) {
				return i, true
			}
		}
		if i, ok := p.fields.lookup(string(inner)); ok {
			return i, true
		}
		return 0, false
	}
	var key string
	if json.Unmarshal(lit, &key) != nil {
		return 0, false // not reached: stringLit checked the literal
	}
	return p.fields.lookup(key)
}

// field decodes the value at d.i into the zero field fv.
func (d *onePass) field(k fieldKind, sub *plan, fv reflect.Value) error {
	switch k {
	case kindStruct:
		switch {
		case d.literal("null"):
			return nil
		case d.peek() == '{':
			return d.object(sub, fv)
		}
		return errSlowPath
	case kindSlice:
		switch {
		case d.literal("null"):
			return nil
		case d.peek() == '{':
			fv.Set(reflect.MakeSlice(fv.Type(), 1, 1))
			return d.object(sub, fv.Index(0))
		case d.peek() == '[':
			return d.array(sub, fv)
		}
		return errSlowPath
	case kindOther:
		return errSlowPath
	}
	lit, err := d.value()
	if err != nil {
		return err
	}
	switch k {
	case kindString:
		if lit[0] == '"' && d.plain {
			fv.SetString(string(lit[1 : len(lit)-1]))
			return nil
		}
		s, err := flexString(lit)
		if err != nil {
			return err
		}
		fv.SetString(s)
	case kindBool:
		b, err := flexBool(lit)
		if err != nil {
			return err
		}
		fv.SetBool(b)
	case kindTime:
		t, err := parseTime(lit)
		if err != nil {
			return err
		}
		*fv.Addr().Interface().(*time.Time) = t
	case kindUnmarshaler:
		return fv.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(lit)
	}
	return nil
}

// array decodes the array at d.i into the nil slice fv of p's type; as
// with encoding/json, [] gives an empty slice and null a zero element.
func (d *onePass) array(p *plan, fv reflect.Value) error {
	if err := d.enter(); err != nil {
		return err
	}
	d.space()
	if d.peek() == ']' {
		d.i++
		d.depth--
		fv.Set(reflect.MakeSlice(fv.Type(), 0, 0))
		return nil
	}
	for n := 0; ; n++ {
		d.space()
		if n == fv.Cap() {
			fv.Grow(max(1, n))
		}
		fv.SetLen(n + 1)
		if !d.literal("null") {
			if d.peek() != '{' {
				return errSlowPath
			}
			if err := d.object(p, fv.Index(n)); err != nil {
				return err
			}
		}
		d.space()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			d.depth--
			return nil
		default:
			return errSlowPath
		}
	}
}

// value checks the JSON value at d.i and returns its text.
func (d *onePass) value() ([]byte, error) {
	start := d.i
	switch c := d.peek(); {
	case c == '"':
		return d.stringLit()
	case c == '{':
		if err := d.enter(); err != nil {
			return nil, err
		}
		d.space()
		if d.peek() == '}' {
			d.i++
			d.depth--
			return d.b[start:d.i], nil
		}
		for {
			d.space()
			if _, err := d.stringLit(); err != nil {
				return nil, err
			}
			if d.space(); d.peek() != ':' {
				return nil, errSlowPath
			}
			d.i++
			d.space()
			if _, err := d.value(); err != nil {
				return nil, err
			}
			d.space()
			switch d.peek() {
			case ',':
				d.i++
			case '}':
				d.i++
				d.depth--
				return d.b[start:d.i], nil
			default:
				return nil, errSlowPath
			}
		}
	case c == '[':
		if err := d.enter(); err != nil {
			return nil, err
		}
		d.space()
		if d.peek() == ']' {
			d.i++
			d.depth--
			return d.b[start:d.i], nil
		}
		for {
			d.space()
			if _, err := d.value(); err != nil {
				return nil, err
			}
			d.space()
			switch d.peek() {
			case ',':
				d.i++
			case ']':
				d.i++
				d.depth--
				return d.b[start:d.i], nil
			default:
				return nil, errSlowPath
			}
		}
	case c == '-' || isDigit(c):
		for d.i < len(d.b) && (isDigit(d.b[d.i]) || d.b[d.i] == '-' || d.b[d.i] == '+' || d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
			d.i++
		}
		if !validNumber(d.b[start:d.i]) {
			return nil, errSlowPath
		}
		return d.b[start:d.i], nil
	case d.literal("true"), d.literal("false"), d.literal("null"):
		return d.b[start:d.i], nil
	}
	return nil, errSlowPath
}

// stringLit checks the string literal at d.i (quotes, escapes, no control
// characters) and returns it, quotes included.
func (d *onePass) stringLit() ([]byte, error) {
	start := d.i
	if d.peek() != '"' {
		return nil, errSlowPath
	}
	d.plain = true
	for d.i++; d.i < len(d.b); d.i++ {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			return d.b[start:d.i], nil
		case c < 0x20:
			return nil, errSlowPath
		case c >= 0x80:
			d.plain = false
		case c == '\\':
			d.plain = false
			d.i++
			if d.i >= len(d.b) {
				return nil, errSlowPath
			}
			switch d.b[d.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(d.b)-d.i < 5 || !isHex(d.b[d.i+1]) || !isHex(d.b[d.i+2]) || !isHex(d.b[d.i+3]) || !isHex(d.b[d.i+4]) {
					return nil, errSlowPath
				}
				d.i += 4
			default:
				return nil, errSlowPath
			}
		}
	}
	return nil, errSlowPath
}

func isHex(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }

// plainString reports whether the inside of a string literal reads as it
// is: printable ASCII without escapes or quotes.
func plainString(inner []byte) bool {
	for _, c := range inner {
		if c < 0x20 || c >= 0x80 || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

// unquote reads a JSON string literal, without encoding/json for plain text.
func unquote(lit []byte) (string, error) {
	if len(lit) >= 2 && lit[0] == '"' && lit[len(lit)-1] == '"' && plainString(lit[1:len(lit)-1]) {
		return string(lit[1 : len(lit)-1]), nil
	}
	var s string
	err := json.Unmarshal(lit, &s)
	return s, err
}
