package servicemobility

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Decimal is a decimal number (Qty, Price) that keeps its text exactly: a
// quantity received as 10.0 is sent on as 10.0, and 0.1 never becomes
// 0.10000000000000001. It is backed by the number's JSON text.
//
// The zero Decimal is "unset": fields holding it are left out of the JSON,
// and it decodes from null or "". A Decimal holding "0" is set.
type Decimal struct {
	text string // a valid JSON number, or "" when unset
}

// ParseDecimal parses s, which must be a JSON number such as "10", "10.0",
// "-0.5" or "1e3" (surrounding spaces are not allowed).
func ParseDecimal(s string) (Decimal, error) {
	if !validNumber(s) {
		return Decimal{}, fmt.Errorf("servicemobility: %q is not a decimal number", s)
	}
	return Decimal{text: s}, nil
}

// MustDecimal is ParseDecimal for constants; it panics on invalid text.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecimalFromFloat returns the shortest text that reads back as f. NaN and
// infinities have no decimal text: they give the unset Decimal.
func DecimalFromFloat(f float64) Decimal {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}
	}
	return Decimal{text: strconv.FormatFloat(f, 'f', -1, 64)}
}

// DecimalFromInt returns the Decimal for i.
func DecimalFromInt(i int64) Decimal { return Decimal{text: strconv.FormatInt(i, 10)} }

// String returns the number's text, "" when unset.
func (d Decimal) String() string { return d.text }

// IsZero reports whether d is unset (the zero Decimal), not whether it is 0.
func (d Decimal) IsZero() bool { return d.text == "" }

// Float64 returns the float64 nearest to d (0 when unset; ±Inf beyond the
// float64 range).
func (d Decimal) Float64() float64 {
	if d.text == "" {
		return 0
	}
	f, _ := strconv.ParseFloat(d.text, 64) // valid by construction; range errors still give ±Inf
	return f
}

// Number returns d as a json.Number ("" when unset).
func (d Decimal) Number() json.Number { return json.Number(d.text) }

// MarshalJSON writes the number's text as it is; unset is null.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d.text == "" {
		return []byte("null"), nil
	}
	return []byte(d.text), nil
}

// UnmarshalJSON accepts a JSON number, a string holding one ("10.5"), and
// null or "" for unset.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*d = Decimal{}
		return nil
	}
	var s string
	if len(b) > 0 && b[0] == '"' {
		var err error
		if s, err = unquote(b); err != nil {
			return err
		}
		if s == "" {
			*d = Decimal{}
			return nil
		}
	} else {
		s = string(b)
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText makes a Decimal usable as text (query strings, map keys, logs).
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.text), nil }

// UnmarshalText parses text as ParseDecimal does; empty text is unset.
func (d *Decimal) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Decimal{}
		return nil
	}
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// validNumber reports whether s is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber[T string | []byte](s T) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
