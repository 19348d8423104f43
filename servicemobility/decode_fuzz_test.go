package servicemobility_test

import (
	"bytes"
	"encoding/json"
	"testing"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// FuzzResponseRoundTrip decodes arbitrary bodies as a Parts Ordering
// Response Object (what the client reads): decoding never panics, and what
// decodes re-encodes to a fixed point (encode, decode, encode gives the same
// bytes), so a response relayed twice is unchanged.
func FuzzResponseRoundTrip(f *testing.F) {
	f.Add([]byte(vendorResponse))
	f.Add([]byte(`{"Status":2001,"Orders":{"EstimatedDelivery":"2014-12-18T11:00:00.123456+01:00","Parts":{"Qty":"1e3"}}}`))
	f.Add([]byte(`{"orders":[{"parts":[{"supersededparts":{"prodnum":5}}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var r sm.PartsOrderResponse
		if err := json.Unmarshal(body, &r); err != nil {
			return
		}
		first, err := json.Marshal(r)
		if err != nil {
			return // e.g. a delivery date outside RFC 3339's years
		}
		var again sm.PartsOrderResponse
		if err := json.Unmarshal(first, &again); err != nil {
			t.Fatalf("our own output %s does not decode: %v", first, err)
		}
		second, err := json.Marshal(again)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("not a fixed point:\n%s\n%s (%v)", first, second, err)
		}
	})
}
