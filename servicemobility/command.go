package servicemobility

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Command is the Parts Ordering Object's Command. The property table lists
// only 1002 (Place order), while the vendor's own JSON example sends 1001, so
// any integer is accepted and passed on unchanged (quirk 4). The zero value
// means unset: the client sends CommandPlaceOrder for it.
type Command int

// CommandPlaceOrder is the one documented Command: place the order.
const CommandPlaceOrder Command = 1002

// UnmarshalJSON accepts an integer, an integral number such as 1002.0, a
// string holding one, and null (unset).
func (c *Command) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	s := string(b)
	if s == "null" {
		*c = 0
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var err error
		if s, err = unquote(b); err != nil {
			return err
		}
		if s == "" {
			*c = 0
			return nil
		}
	}
	if !validNumber(s) {
		return fmt.Errorf("Command: expected an integer, got %s", describeJSON(b))
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil && i >= math.MinInt32 && i <= math.MaxInt32 {
		*c = Command(i)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return fmt.Errorf("Command: %s is not a 32-bit integer", s)
	}
	*c = Command(f)
	return nil
}
