package servicemobility

import (
	"encoding/json"
	"fmt"
	"time"
)

// PartsOrderResponse is the Parts Ordering Response Object: the answer of
// the customer's Parts Ordering endpoint, relayed by ServiceMobility to the
// caller. A 200 with this body means "processed", not "ordered": Status says
// which (its values are not published, see Status).
type PartsOrderResponse struct {
	// Orders are the orders the back end created; it may split one request
	// into several deliveries. Always sent as an array.
	Orders []Order `json:"Orders"`
	// Status is the status code of the request ("2001" is the docs' failure example).
	Status Status `json:"Status,omitempty"`
	// StatusMsg explains Status to a person (optional).
	StatusMsg string `json:"StatusMsg,omitempty"`
}

// Order is one order (delivery) the back end created.
type Order struct {
	// EstimatedDelivery is when the parts should arrive (optional). It is
	// written in UTC with milliseconds ("2014-12-18T10:00:00.000Z") and read
	// from any RFC 3339 time; the zero time is left out.
	EstimatedDelivery time.Time `json:"EstimatedDelivery,omitzero"`
	// PartOrderNum is the back end's order number.
	PartOrderNum string `json:"PartOrderNum,omitempty"`
	// Parts are the parts in this order; always sent as an array.
	Parts []OrderedPart `json:"Parts"`
	// TrackingNumber is the shipment's tracking number, when known.
	TrackingNumber string `json:"TrackingNumber,omitempty"`
}

// OrderedPart is a part in an Order, or a part it supersedes.
type OrderedPart struct {
	ProdNum string `json:"ProdNum,omitempty"`
	// PartStatus is free text, not validated by ServiceMobility.
	PartStatus string    `json:"PartStatus,omitempty"`
	ProdAttrs  ProdAttrs `json:"ProdAttrs,omitzero"`
	Qty        Decimal   `json:"Qty,omitzero"`
	// ShipToLocation is where the part ships to.
	ShipToLocation string `json:"ShipToLocation,omitempty"`
	// SupersededParts are the requested parts this part replaces.
	SupersededParts []OrderedPart `json:"SupersededParts,omitempty"`
	Urgency         string        `json:"Urgency,omitempty"`
}

// MarshalJSON writes Orders as an array even when it is nil.
func (r PartsOrderResponse) MarshalJSON() ([]byte, error) {
	type plain PartsOrderResponse
	p := plain(r)
	if p.Orders == nil {
		p.Orders = []Order{}
	}
	return json.Marshal(p)
}

// UnmarshalJSON decodes leniently (see the package documentation).
func (r *PartsOrderResponse) UnmarshalJSON(b []byte) error {
	if decodeOnePass(b, r) {
		return nil
	}
	if err := checkNesting(b); err != nil {
		return err
	}
	return decodeObject(b, r)
}

// MarshalJSON writes EstimatedDelivery in the vendor's format and Parts as an array.
func (o Order) MarshalJSON() ([]byte, error) {
	aux := struct {
		EstimatedDelivery string        `json:"EstimatedDelivery,omitempty"`
		PartOrderNum      string        `json:"PartOrderNum,omitempty"`
		Parts             []OrderedPart `json:"Parts"`
		TrackingNumber    string        `json:"TrackingNumber,omitempty"`
	}{PartOrderNum: o.PartOrderNum, Parts: o.Parts, TrackingNumber: o.TrackingNumber}
	if aux.Parts == nil {
		aux.Parts = []OrderedPart{}
	}
	if !o.EstimatedDelivery.IsZero() {
		if y := o.EstimatedDelivery.UTC().Year(); y < 0 || y > 9999 {
			return nil, fmt.Errorf("servicemobility: EstimatedDelivery year %d is outside RFC 3339's range [0,9999]", y)
		}
		aux.EstimatedDelivery = formatTime(o.EstimatedDelivery)
	}
	return json.Marshal(aux)
}

// UnmarshalJSON decodes leniently; EstimatedDelivery accepts any RFC 3339 time.
func (o *Order) UnmarshalJSON(b []byte) error { return decodeLenient(b, o) }

// UnmarshalJSON decodes leniently.
func (p *OrderedPart) UnmarshalJSON(b []byte) error { return decodeLenient(b, p) }
