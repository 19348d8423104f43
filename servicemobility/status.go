package servicemobility

import (
	"bytes"
	"fmt"
)

// Status is the Parts Ordering Response Object's Status: a code, sent as a
// string, saying whether the parts were ordered. ServiceMobility does not
// publish the list of values (the table cell that holds it does not
// render); its documentation uses "2001" as an example of a failure. So
// Status is an open string type: no value is rejected and the SDK gives
// none a meaning. A 200 response with any Status means "processed"; read
// StatusMsg for the human-readable explanation.
type Status string

// UnmarshalJSON accepts a string, a number (2001 is read as "2001") and null.
func (s *Status) UnmarshalJSON(b []byte) error {
	v, err := flexString(bytes.TrimSpace(b))
	if err != nil {
		return fmt.Errorf("Status: %w", err)
	}
	*s = Status(v)
	return nil
}
