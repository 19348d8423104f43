package servicemobility

import "encoding/json"

// PartsOrder is the Parts Ordering Object: what a mobile worker orders, as
// ServiceMobility POSTs it to the customer's Parts Ordering endpoint and as
// the client submits it. The JSON names are the vendor's PascalCase ones.
// Which properties are required is not published, so none is checked.
type PartsOrder struct {
	// AccountNum is the account the parts are for.
	AccountNum string `json:"AccountNum,omitempty"`
	// Command is what to do; 1002 (CommandPlaceOrder) is the documented value.
	Command Command `json:"Command,omitzero"`
	// Location is the account location (Account Location Object, 3.34.0).
	Location Location `json:"Location,omitzero"`
	// Parts are the parts ordered; always sent as an array.
	Parts []Part `json:"Parts"`
	// UserName is the mobile worker's id (3.34.0).
	UserName string `json:"UserName,omitempty"`
	// WorkOrder is the work order the parts are for.
	WorkOrder string `json:"WorkOrder,omitempty"`
}

// Location is the Account Location Object sent with a parts order.
type Location struct {
	Address  Address   `json:"Address,omitzero"`
	Contacts []Contact `json:"Contacts,omitempty"`
	Email    string    `json:"Email,omitempty"`
	// LanguageID is the location's language, e.g. "en".
	LanguageID  string `json:"LanguageID,omitempty"`
	LocationNum string `json:"LocationNum,omitempty"`
	Name        string `json:"Name,omitempty"`
	Notes       string `json:"Notes,omitempty"`
	// POReq says a purchase order is required (type not published; read leniently).
	POReq         bool   `json:"POReq,omitempty"`
	ServiceAreaID string `json:"ServiceAreaID,omitempty"`
	// SigReq says a signature is required (type not published; read leniently).
	SigReq            bool   `json:"SigReq,omitempty"`
	StorageLocationID string `json:"StorageLocationID,omitempty"`
	WorkCenter        string `json:"WorkCenter,omitempty"`
}

// Address is a location's postal address.
type Address struct {
	AddrLine1 string `json:"AddrLine1,omitempty"`
	AddrLine2 string `json:"AddrLine2,omitempty"`
	AddrLine3 string `json:"AddrLine3,omitempty"`
	AddrLine4 string `json:"AddrLine4,omitempty"`
	AddrType  string `json:"AddrType,omitempty"`
	City      string `json:"City,omitempty"`
	Country   string `json:"Country,omitempty"`
	Region    string `json:"Region,omitempty"`
	Zip       string `json:"Zip,omitempty"`
}

// Contact is a person at a location.
type Contact struct {
	Email     string  `json:"Email,omitempty"`
	FirstName string  `json:"FirstName,omitempty"`
	IsPrimary bool    `json:"IsPrimary,omitempty"`
	LastName  string  `json:"LastName,omitempty"`
	Phones    []Phone `json:"Phones,omitempty"`
}

// Phone is a contact's phone number.
type Phone struct {
	PhoneNum  string `json:"PhoneNum,omitempty"`
	PhoneType string `json:"PhoneType,omitempty"`
}

// Part is one requested part.
type Part struct {
	// ProdNum is the part number (renamed from PartNumber by the vendor).
	ProdNum   string    `json:"ProdNum,omitempty"`
	ProdAttrs ProdAttrs `json:"ProdAttrs,omitzero"`
	// Qty is the quantity, a decimal (10.0).
	Qty Decimal `json:"Qty,omitzero"`
	// ShipToLocation is where to ship the part (optional).
	ShipToLocation string `json:"ShipToLocation,omitempty"`
	// Urgency is how urgent the part is (optional, free text).
	Urgency string `json:"Urgency,omitempty"`
}

// ProdAttrs is the Product Object: what is known about a part.
type ProdAttrs struct {
	Desc         string  `json:"Desc,omitempty"`
	IsBatch      bool    `json:"IsBatch,omitempty"`
	IsInvCtrl    bool    `json:"IsInvCtrl,omitempty"`
	IsSerialized bool    `json:"IsSerialized,omitempty"`
	Price        Decimal `json:"Price,omitzero"`
	// ProdType is a code sent as a string ("1001").
	ProdType string `json:"ProdType,omitempty"`
}

// MarshalJSON writes Parts as an array even when it is nil.
func (o PartsOrder) MarshalJSON() ([]byte, error) { return marshalOrder(&o) }

// plainOrder is PartsOrder without its methods.
type plainOrder PartsOrder

// marshalOrder is MarshalJSON for callers holding a *PartsOrder (the
// client): encoding/json then neither copies the order into an interface
// nor re-reads MarshalJSON's output to compact it.
func marshalOrder(o *PartsOrder) ([]byte, error) {
	p := (*plainOrder)(o)
	if p.Parts == nil {
		withParts := *p
		withParts.Parts = []Part{}
		p = &withParts
	}
	return json.Marshal(p)
}

// UnmarshalJSON decodes leniently (see the package documentation).
func (o *PartsOrder) UnmarshalJSON(b []byte) error {
	if decodeOnePass(b, o) {
		return nil
	}
	if err := checkNesting(b); err != nil {
		return err
	}
	return decodeObject(b, o)
}

// UnmarshalJSON decodes leniently.
func (l *Location) UnmarshalJSON(b []byte) error { return decodeLenient(b, l) }

// UnmarshalJSON decodes leniently.
func (a *Address) UnmarshalJSON(b []byte) error { return decodeLenient(b, a) }

// UnmarshalJSON decodes leniently.
func (c *Contact) UnmarshalJSON(b []byte) error { return decodeLenient(b, c) }

// UnmarshalJSON decodes leniently.
func (p *Phone) UnmarshalJSON(b []byte) error { return decodeLenient(b, p) }

// UnmarshalJSON decodes leniently.
func (p *Part) UnmarshalJSON(b []byte) error { return decodeLenient(b, p) }

// UnmarshalJSON decodes leniently.
func (a *ProdAttrs) UnmarshalJSON(b []byte) error { return decodeLenient(b, a) }
