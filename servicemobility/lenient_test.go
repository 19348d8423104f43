package servicemobility_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	sm "github.com/partsync/partsync-go/servicemobility"
)

// The lenient decoding rules, one quirk per case, with the exact value each
// input decodes to (nil and empty slices told apart). These pin the
// behaviour the one-pass decoder must keep.
var ed = time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC)

var responseQuirks = []struct {
	name, in string
	want     sm.PartsOrderResponse
}{
	{"vendor names", `{"Orders":[{"PartOrderNum":"PO","TrackingNumber":"T","Parts":[{"ProdNum":"P","PartStatus":"s","ShipToLocation":"S","Urgency":"U","Qty":2}]}],"Status":"1000","StatusMsg":"ok"}`,
		sm.PartsOrderResponse{Status: "1000", StatusMsg: "ok", Orders: []sm.Order{{PartOrderNum: "PO", TrackingNumber: "T",
			Parts: []sm.OrderedPart{{ProdNum: "P", PartStatus: "s", ShipToLocation: "S", Urgency: "U", Qty: sm.MustDecimal("2")}}}}}},
	{"names in any case", `{"orders":[{"partordernum":"PO","PARTS":[{"prodNUM":"P","qty":1}]}],"STATUS":"1","statusmsg":"m"}`,
		sm.PartsOrderResponse{Status: "1", StatusMsg: "m", Orders: []sm.Order{{PartOrderNum: "PO", Parts: []sm.OrderedPart{{ProdNum: "P", Qty: sm.MustDecimal("1")}}}}}},
	{"numbers and bools as strings", `{"Status":2001,"StatusMsg":true,"Orders":[{"PartOrderNum":-1.5e3,"Parts":[{"ProdNum":100200,"ProdAttrs":{"ProdType":1001,"IsBatch":"1","IsInvCtrl":1,"IsSerialized":"TRUE","Price":"0.0"}}]}]}`,
		sm.PartsOrderResponse{Status: "2001", StatusMsg: "true", Orders: []sm.Order{{PartOrderNum: "-1.5e3", Parts: []sm.OrderedPart{{ProdNum: "100200",
			ProdAttrs: sm.ProdAttrs{ProdType: "1001", IsBatch: true, IsInvCtrl: true, IsSerialized: true, Price: sm.MustDecimal("0.0")}}}}}}},
	{"bools false in every spelling", `{"Orders":[{"Parts":[{"ProdAttrs":{"IsBatch":"","IsInvCtrl":0,"IsSerialized":"False"}},{"ProdAttrs":{"IsBatch":null,"IsInvCtrl":false,"IsSerialized":"0"}}]}]}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{}, {}}}}}},
	{"quantities keep their text", `{"Orders":[{"Parts":[{"Qty":10.0},{"Qty":"2.50"},{"Qty":1e3},{"Qty":""},{"Qty":null},{"Qty":-0}]}]}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{Qty: sm.MustDecimal("10.0")}, {Qty: sm.MustDecimal("2.50")},
			{Qty: sm.MustDecimal("1e3")}, {}, {}, {Qty: sm.MustDecimal("-0")}}}}}},
	{"nulls are unset", `{"Orders":[{"EstimatedDelivery":null,"PartOrderNum":null,"Parts":[{"ProdAttrs":null,"SupersededParts":null}]}],"Status":null,"StatusMsg":null}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{}}}}}},
	{"null Orders and Parts", `{"Orders":null}`, sm.PartsOrderResponse{}},
	{"null document", `null`, sm.PartsOrderResponse{}},
	{"empty arrays are empty, not nil", `{"Orders":[{"Parts":[]}]}`, sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{}}}}},
	{"empty Orders", ` {"Orders":[ ]} `, sm.PartsOrderResponse{Orders: []sm.Order{}}},
	{"null elements are zero elements", `{"Orders":[null,{"Parts":[null]}]}`, sm.PartsOrderResponse{Orders: []sm.Order{{}, {Parts: []sm.OrderedPart{{}}}}}},
	{"a single object for an array", `{"Orders":{"Parts":{"ProdNum":"P","SupersededParts":{"ProdNum":"P0"}}}}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{ProdNum: "P", SupersededParts: []sm.OrderedPart{{ProdNum: "P0"}}}}}}}},
	{"delivery dates", `{"Orders":[{"EstimatedDelivery":"2014-12-18T10:00:00.000Z"},{"EstimatedDelivery":"2014-12-18T11:00:00+01:00"},{"EstimatedDelivery":""}]}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{EstimatedDelivery: ed}, {EstimatedDelivery: ed.In(time.FixedZone("", 3600))}, {}}}},
	{"unknown names ignored, nested junk included", `{"X":{"Orders":[1,{"y":[true,null,"\u00e9"]}]},"Orders":[{"Extra":[[[]]],"Parts":[{"ProdNum":"P","Nope":-0.5e-3}]}],"Z":"\""}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{ProdNum: "P"}}}}}},
	{"escapes and non-ASCII text", `{"StatusMsg":"a\"b\\c\/d\n\u00e9\ud83d\ude00","Orders":[{"PartOrderNum":"Ünïcode ✓","Parts":[{"ProdNum":"\u0050"}]}]}`,
		sm.PartsOrderResponse{StatusMsg: "a\"b\\c/d\né😀", Orders: []sm.Order{{PartOrderNum: "Ünïcode ✓", Parts: []sm.OrderedPart{{ProdNum: "P"}}}}}},
	{"escaped names", `{"St\u0061tus":"1","\u004frders":[{"PartOrderNum":"x"}]}`,
		sm.PartsOrderResponse{Status: "1", Orders: []sm.Order{{PartOrderNum: "x"}}}},
	{"white space everywhere", "\n\t{ \"Orders\" :\r\n [ { \"Parts\" : [ { \"Qty\" : 3 , \"ProdNum\" : \"P\" } ] } ] , \"Status\" : 1 }\n",
		sm.PartsOrderResponse{Status: "1", Orders: []sm.Order{{Parts: []sm.OrderedPart{{ProdNum: "P", Qty: sm.MustDecimal("3")}}}}}},
	{"invalid UTF-8 becomes U+FFFD", "{\"StatusMsg\":\"a\xffb\"}", sm.PartsOrderResponse{StatusMsg: "a\uFFFDb"}},
	// Two names for one field: the names are applied in sorted order
	// (so "status" beats "Status"), and of two identical names the last wins.
	{"case variants: the sorted-last name wins", `{"status":"lower","Status":"upper"}`, sm.PartsOrderResponse{Status: "lower"}},
	{"duplicate names: the last wins", `{"Status":"first","Status":"second"}`, sm.PartsOrderResponse{Status: "second"}},
	{"duplicate names: an earlier bad value is not read", `{"StatusMsg":{},"StatusMsg":"ok"}`, sm.PartsOrderResponse{StatusMsg: "ok"}},
	{"case variants of an object merge", `{"Orders":[{"Parts":[{"ProdAttrs":{"Desc":"d"},"prodattrs":{"ProdType":"1"}}]}]}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{ProdAttrs: sm.ProdAttrs{Desc: "d", ProdType: "1"}}}}}}},
	{"duplicate objects: only the last is read", `{"Orders":[{"Parts":[{"ProdAttrs":{"Desc":"d"},"ProdAttrs":{"ProdType":"1"}}]}]}`,
		sm.PartsOrderResponse{Orders: []sm.Order{{Parts: []sm.OrderedPart{{ProdAttrs: sm.ProdAttrs{ProdType: "1"}}}}}}},
	{"case variant null after a value", `{"StatusMsg":"x","statusmsg":null}`, sm.PartsOrderResponse{}},
}

func TestLenientResponseQuirks(t *testing.T) {
	for _, c := range responseQuirks {
		var got sm.PartsOrderResponse
		if err := json.Unmarshal([]byte(c.in), &got); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.name, got, c.want)
		}
	}
}

var orderQuirks = []struct {
	name, in string
	want     sm.PartsOrder
}{
	{"every field", `{"AccountNum":"A","Command":1002,"UserName":"u","WorkOrder":"w","Location":{"Address":{"AddrLine1":"1","AddrLine2":"2","AddrLine3":"3","AddrLine4":"4","AddrType":"t","City":"c","Country":"C","Region":"r","Zip":"z"},
			"Contacts":[{"Email":"e","FirstName":"f","IsPrimary":true,"LastName":"l","Phones":[{"PhoneNum":"1","PhoneType":"w"}]}],"Email":"le","LanguageID":"en","LocationNum":"L","Name":"n","Notes":"o","POReq":true,"ServiceAreaID":"s","SigReq":true,"StorageLocationID":"S","WorkCenter":"W"},
			"Parts":[{"ProdNum":"P","ProdAttrs":{"Desc":"d","IsBatch":true,"IsInvCtrl":true,"IsSerialized":true,"Price":1.5,"ProdType":"1001"},"Qty":2,"ShipToLocation":"V","Urgency":"H"}]}`,
		sm.PartsOrder{AccountNum: "A", Command: sm.CommandPlaceOrder, UserName: "u", WorkOrder: "w",
			Location: sm.Location{Address: sm.Address{AddrLine1: "1", AddrLine2: "2", AddrLine3: "3", AddrLine4: "4", AddrType: "t", City: "c", Country: "C", Region: "r", Zip: "z"},
				Contacts: []sm.Contact{{Email: "e", FirstName: "f", IsPrimary: true, LastName: "l", Phones: []sm.Phone{{PhoneNum: "1", PhoneType: "w"}}}},
				Email:    "le", LanguageID: "en", LocationNum: "L", Name: "n", Notes: "o", POReq: true, ServiceAreaID: "s", SigReq: true, StorageLocationID: "S", WorkCenter: "W"},
			Parts: []sm.Part{{ProdNum: "P", ProdAttrs: sm.ProdAttrs{Desc: "d", IsBatch: true, IsInvCtrl: true, IsSerialized: true, Price: sm.MustDecimal("1.5"), ProdType: "1001"},
				Qty: sm.MustDecimal("2"), ShipToLocation: "V", Urgency: "H"}}}},
	{"commands", `{"Command":"1001.0","Parts":[]}`, sm.PartsOrder{Command: 1001, Parts: []sm.Part{}}},
	{"command null", `{"Command":null}`, sm.PartsOrder{}},
	{"single contact and phone", `{"location":{"contacts":{"phones":{"phonenum":5551234}}}}`,
		sm.PartsOrder{Location: sm.Location{Contacts: []sm.Contact{{Phones: []sm.Phone{{PhoneNum: "5551234"}}}}}}},
	{"null location and address", `{"Location":null,"Parts":[{"ProdAttrs":null}]}`, sm.PartsOrder{Parts: []sm.Part{{}}}},
	{"address null inside location", `{"Location":{"Address":null,"Name":"n"}}`, sm.PartsOrder{Location: sm.Location{Name: "n"}}},
	{"empty objects", `{"Location":{"Address":{}},"Parts":[{}]}`, sm.PartsOrder{Parts: []sm.Part{{}}}},
}

func TestLenientOrderQuirks(t *testing.T) {
	for _, c := range orderQuirks {
		var got sm.PartsOrder
		if err := json.Unmarshal([]byte(c.in), &got); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.name, got, c.want)
		}
	}
}

// Refused inputs, with the message naming where (the message is what the
// handler's 500 and the client's ErrDecode carry).
var responseRefusals = map[string]string{
	`{"Orders":[{"Parts":[{"Qty":true}]}]}`:                          `"true" is not a decimal number`,
	`{"Orders":[{"Parts":[{"ProdAttrs":{"IsBatch":"yes"}}]}]}`:       "ProdAttrs.IsBatch: expected a bool, got a string",
	`{"Orders":[{"Parts":[{"ProdAttrs":[]}]}]}`:                      "ProdAttrs: expected a JSON object, got an array",
	`{"Orders":[{"PartOrderNum":{}}]}`:                               "Order.PartOrderNum: expected a string, got an object",
	`{"Orders":"x"}`:                                                 "cannot unmarshal string",
	`{"Orders":[1]}`:                                                 "Order: expected a JSON object, got a number",
	`{"Orders":[{"EstimatedDelivery":5}]}`:                           "expected an RFC 3339 time string, got a number",
	`{"Status":[]}`:                                                  "Status: expected a string, got an array",
	`{"Orders":[{"Parts":[{"SupersededParts":[{"Qty":"1.2.3"}]}]}]}`: `"1.2.3" is not a decimal number`,
	`{"StatusMsg":{},"statusmsg":"x"}`:                               "PartsOrderResponse.StatusMsg: expected a string, got an object",
	`[]`:                                                             "PartsOrderResponse: expected a JSON object, got an array",
}

var orderRefusals = map[string]string{
	`{"Command":1002.5}`:                        "Command: 1002.5 is not a 32-bit integer",
	`{"Location":{"Contacts":[{"Phones":7}]}}`:  "cannot unmarshal number",
	`{"Location":{"Address":{"Zip":[1]}}}`:      "Address.Zip: expected a string, got an array",
	`{"Parts":[{"ProdAttrs":{"Price":"ten"}}]}`: `"ten" is not a decimal number`,
}

func TestLenientRefusals(t *testing.T) {
	for in, want := range responseRefusals {
		err := json.Unmarshal([]byte(in), new(sm.PartsOrderResponse))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want %q", in, err, want)
		}
	}
	for in, want := range orderRefusals {
		err := json.Unmarshal([]byte(in), new(sm.PartsOrder))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want %q", in, err, want)
		}
	}
}

// Decoding into a value that already holds data merges, as encoding/json
// does: what the document leaves out is kept.
func TestLenientDecodeIntoFilledValue(t *testing.T) {
	r := sm.PartsOrderResponse{Status: "keep", Orders: []sm.Order{{PartOrderNum: "old", TrackingNumber: "T"}}}
	if err := json.Unmarshal([]byte(`{"Orders":[{"PartOrderNum":"new"}]}`), &r); err != nil {
		t.Fatal(err)
	}
	want := sm.PartsOrderResponse{Status: "keep", Orders: []sm.Order{{PartOrderNum: "new", TrackingNumber: "T"}}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %#v\nwant %#v", r, want)
	}
	loc := sm.Location{Name: "keep"}
	if err := loc.UnmarshalJSON([]byte(`{"Email":"e"}`)); err != nil || !reflect.DeepEqual(loc, sm.Location{Name: "keep", Email: "e"}) {
		t.Errorf("%v %#v", err, loc)
	}
}

// lenientCases are the inputs of the tables above.
func lenientCases() []string {
	var in []string
	for _, c := range responseQuirks {
		in = append(in, c.in)
	}
	for _, c := range orderQuirks {
		in = append(in, c.in)
	}
	for _, m := range []map[string]string{responseRefusals, orderRefusals} {
		for k := range m {
			in = append(in, k)
		}
	}
	return in
}
