package servicemobility_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	sm "github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/internal/oapi"
)

// The vendor's JSON examples (Parts Ordering Object and Response Object).
const vendorOrder = `{ "AccountNum": "", "Command": 1001,
  "Location": { "Address": {"AddrLine1":"1 Main St","AddrLine2":"","AddrLine3":"","AddrLine4":"","AddrType":"Ship","City":"Leeds","Country":"UK","Region":"Yorks","Zip":"LS1"},
                "Contacts": [{"Email":"a@b.c","FirstName":"A","IsPrimary":true,"LastName":"B","Phones":[{"PhoneNum":"1","PhoneType":"Work"}]}],
                "Email":"loc@b.c","LanguageID":"en","LocationNum":"L1","Name":"Depot","Notes":"n","POReq":true,"ServiceAreaID":"SA","SigReq":false,
                "StorageLocationID":"S1","WorkCenter":"WC" },
  "Parts": [ { "ProdNum": "P1", "ProdAttrs": {"Desc": "d"}, "Qty": 10.0, "ShipToLocation": "", "Urgency": "" } ],
  "UserName": "u", "WorkOrder": "w" }`

const vendorResponse = `{ "Orders": [ { "EstimatedDelivery": "2014-12-18T10:00:00.000Z", "PartOrderNum": "",
      "Parts": [ { "ProdNum": "P1", "PartStatus": "{free text}",
                   "ProdAttrs": {"Desc":"","IsBatch":false,"IsInvCtrl":false,"IsSerialized":false,"Price":0.0,"ProdType":"1001"},
                   "ShipToLocation": "",
                   "SupersededParts": [ { "ProdNum":"P0", "PartStatus":"{free text}", "ProdAttrs":{"Desc":"old"}, "Qty":10.0 } ],
                   "Urgency": "" } ],
      "TrackingNumber": "" } ],
  "Status": "", "StatusMsg": "" }`

func TestVendorExamplesDecode(t *testing.T) {
	var o sm.PartsOrder
	if err := json.Unmarshal([]byte(vendorOrder), &o); err != nil {
		t.Fatal(err)
	}
	if o.Command != 1001 || o.Location.Address.City != "Leeds" || !o.Location.POReq || o.Location.SigReq ||
		!o.Location.Contacts[0].IsPrimary || o.Location.LanguageID != "en" || o.Parts[0].Qty.String() != "10.0" {
		t.Errorf("%+v", o)
	}
	var r sm.PartsOrderResponse
	if err := json.Unmarshal([]byte(vendorResponse), &r); err != nil {
		t.Fatal(err)
	}
	p := r.Orders[0].Parts[0]
	if !r.Orders[0].EstimatedDelivery.Equal(time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC)) || p.ProdAttrs.ProdType != "1001" ||
		p.ProdAttrs.Price.String() != "0.0" || p.SupersededParts[0].ProdNum != "P0" || p.SupersededParts[0].Qty.String() != "10.0" {
		t.Errorf("%+v", r)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Orders":[{"EstimatedDelivery":"2014-12-18T10:00:00.000Z","Parts":[{"ProdNum":"P1","PartStatus":"{free text}","ProdAttrs":{"Price":0.0,"ProdType":"1001"},"SupersededParts":[{"ProdNum":"P0","PartStatus":"{free text}","ProdAttrs":{"Desc":"old"},"Qty":10.0}]}]}]}`
	if string(out) != want {
		t.Errorf("re-encoded\n got %s\nwant %s", out, want)
	}
}

// Every JSON name our types write is declared in openapi.yaml: the
// generated models decode our output with unknown fields disallowed.
func TestTypesAgreeWithOpenAPI(t *testing.T) {
	var o sm.PartsOrder
	if err := json.Unmarshal([]byte(vendorOrder), &o); err != nil {
		t.Fatal(err)
	}
	o.Parts[0].ProdAttrs = sm.ProdAttrs{Desc: "d", IsBatch: true, IsInvCtrl: true, IsSerialized: true, Price: sm.MustDecimal("1.5"), ProdType: "1001"}
	o.Parts[0].ShipToLocation, o.Parts[0].Urgency = "VAN", "High"
	strictRoundTrip(t, o, &oapi.PartsOrder{})

	r := sm.PartsOrderResponse{Status: "2001", StatusMsg: "m", Orders: []sm.Order{{
		EstimatedDelivery: time.Now(), PartOrderNum: "1", TrackingNumber: "T",
		Parts: []sm.OrderedPart{{ProdNum: "P", PartStatus: "s", ProdAttrs: o.Parts[0].ProdAttrs, Qty: sm.MustDecimal("2"), ShipToLocation: "S", Urgency: "U",
			SupersededParts: []sm.OrderedPart{{ProdNum: "P0", Qty: sm.MustDecimal("2")}}}},
	}}}
	strictRoundTrip(t, r, &oapi.PartsOrderResponse{})
}

func strictRoundTrip(t *testing.T, v any, into any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		t.Errorf("openapi.yaml does not describe %s: %v", b, err)
	}
}

func TestLenientDecoding(t *testing.T) {
	var o sm.PartsOrder
	in := `{"accountnum":12345,"COMMAND":"1002","Unknown":{"x":[1]},"Location":{"POReq":"true","SigReq":1,"LanguageID":1033,"Contacts":{"FirstName":"Solo"}},
		"Parts":{"ProdNum":100200,"Qty":"2.50","ProdAttrs":{"IsBatch":"1","ProdType":1001,"Price":null}},"WorkOrder":null}`
	if err := json.Unmarshal([]byte(in), &o); err != nil {
		t.Fatal(err)
	}
	if o.AccountNum != "12345" || o.Command != sm.CommandPlaceOrder || !o.Location.POReq || !o.Location.SigReq || o.Location.LanguageID != "1033" ||
		len(o.Location.Contacts) != 1 || o.Location.Contacts[0].FirstName != "Solo" {
		t.Errorf("%+v", o)
	}
	if len(o.Parts) != 1 || o.Parts[0].ProdNum != "100200" || o.Parts[0].Qty.String() != "2.50" || !o.Parts[0].ProdAttrs.IsBatch ||
		o.Parts[0].ProdAttrs.ProdType != "1001" || !o.Parts[0].ProdAttrs.Price.IsZero() {
		t.Errorf("%+v", o.Parts)
	}

	var r sm.PartsOrderResponse
	if err := json.Unmarshal([]byte(`{"Status":2001,"Orders":[{"EstimatedDelivery":"2014-12-18T11:00:00+01:00","Parts":null},{"EstimatedDelivery":""}]}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.Status != "2001" || !r.Orders[0].EstimatedDelivery.Equal(time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC)) || !r.Orders[1].EstimatedDelivery.IsZero() {
		t.Errorf("%+v", r)
	}
	b, _ := json.Marshal(r)
	if string(b) != `{"Orders":[{"EstimatedDelivery":"2014-12-18T10:00:00.000Z","Parts":[]},{"Parts":[]}],"Status":"2001"}` {
		t.Errorf("%s", b)
	}

	for _, bad := range []string{`{"Parts":[{"Qty":true}]}`, `{"Location":{"POReq":"maybe"}}`, `{"Location":[]}`, `{"AccountNum":{}}`, `{"Command":"x"}`} {
		if err := json.Unmarshal([]byte(bad), new(sm.PartsOrder)); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
	if err := json.Unmarshal([]byte(`{"Orders":[{"EstimatedDelivery":"18/12/2014"}]}`), new(sm.PartsOrderResponse)); err == nil ||
		!strings.Contains(err.Error(), "not an RFC 3339 time") {
		t.Errorf("err %v", err)
	}
}

func TestEmptyValuesEncode(t *testing.T) {
	b, _ := json.Marshal(sm.PartsOrder{})
	if string(b) != `{"Parts":[]}` {
		t.Errorf("%s", b)
	}
	b, _ = json.Marshal(&sm.PartsOrderResponse{})
	if string(b) != `{"Orders":[]}` {
		t.Errorf("%s", b)
	}
	b, _ = json.Marshal(sm.PartsOrder{Command: sm.CommandPlaceOrder, Parts: []sm.Part{{ProdNum: "P", Qty: sm.DecimalFromInt(0)}}})
	if string(b) != `{"Command":1002,"Parts":[{"ProdNum":"P","Qty":0}]}` {
		t.Errorf("%s", b)
	}
}

func TestDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0", "10.0", "0.1", "-12.500", "1e3", "1E+3", "2.5e-10", "123456789012345678901234567890.000000000000000001"} {
		d, err := sm.ParseDecimal(s)
		if err != nil || d.String() != s {
			t.Errorf("%q: %v %q", s, err, d)
		}
		b, _ := json.Marshal(struct{ Q sm.Decimal }{d})
		if string(b) != `{"Q":`+s+`}` {
			t.Errorf("%q encodes as %s", s, b)
		}
		var back struct{ Q sm.Decimal }
		if err := json.Unmarshal(b, &back); err != nil || back.Q != d {
			t.Errorf("%q round-trips as %q (%v)", s, back.Q, err)
		}
	}
	for _, s := range []string{"", " 1", "1 ", "01", "+1", ".5", "1.", "1e", "NaN", "Infinity", "0x10", "1,5", "--1"} {
		if _, err := sm.ParseDecimal(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	if f := sm.MustDecimal("10.25").Float64(); f != 10.25 {
		t.Errorf("Float64 %v", f)
	}
	if f := sm.MustDecimal("1e400").Float64(); !math.IsInf(f, 1) {
		t.Errorf("overflow Float64 %v", f)
	}
	if d := sm.DecimalFromFloat(0.1); d.String() != "0.1" {
		t.Errorf("%q", d)
	}
	if d := sm.DecimalFromFloat(math.NaN()); !d.IsZero() {
		t.Errorf("NaN gave %q", d)
	}
	if d := sm.DecimalFromInt(-7); d.String() != "-7" || d.Number() != "-7" {
		t.Errorf("%q", d)
	}
	var d sm.Decimal
	for in, want := range map[string]string{`"3.50"`: "3.50", `null`: "", `""`: "", `7`: "7"} {
		if err := json.Unmarshal([]byte(in), &d); err != nil || d.String() != want {
			t.Errorf("%s: %q %v", in, d, err)
		}
	}
	if b, _ := json.Marshal(sm.Decimal{}); string(b) != "null" {
		t.Errorf("unset encodes as %s", b)
	}
	if err := d.UnmarshalText([]byte("4.0")); err != nil || d.String() != "4.0" {
		t.Errorf("%q %v", d, err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustDecimal did not panic")
			}
		}()
		sm.MustDecimal("ten")
	}()
}

func TestCommand(t *testing.T) {
	for in, want := range map[string]sm.Command{`1002`: 1002, `1001`: 1001, `"1002"`: 1002, `1002.0`: 1002, `-5`: -5, `null`: 0, `""`: 0, `1e3`: 1000} {
		var c sm.Command
		if err := json.Unmarshal([]byte(in), &c); err != nil || c != want {
			t.Errorf("%s: %d %v", in, c, err)
		}
	}
	for _, in := range []string{`1002.5`, `"abc"`, `true`, `99999999999`, `[]`} {
		var c sm.Command
		if err := json.Unmarshal([]byte(in), &c); err == nil {
			t.Errorf("%s decoded as %d", in, c)
		}
	}
}

func TestDeepNestingIsRefused(t *testing.T) {
	const depth = 2000
	deep := `{"Orders":[{"Parts":[` + strings.Repeat(`{"SupersededParts":[`, depth) + strings.Repeat(`]}`, depth) + `]}]}`
	err := json.Unmarshal([]byte(deep), new(sm.PartsOrderResponse))
	if err == nil || !strings.Contains(err.Error(), "nests deeper than 64 levels") {
		t.Errorf("err %v", err)
	}
	// Brackets inside strings do not count; six real levels are fine.
	ok := `{"StatusMsg":"[[[[{{{{\"` + strings.Repeat("[", 100) + `","Orders":[{"Parts":[{"SupersededParts":[{"ProdNum":"x"}]}]}]}`
	var r sm.PartsOrderResponse
	if err := json.Unmarshal([]byte(ok), &r); err != nil || r.Orders[0].Parts[0].SupersededParts[0].ProdNum != "x" {
		t.Errorf("%v %+v", err, r)
	}
	if err := json.Unmarshal([]byte(`{"Location":`+strings.Repeat(`{"Address":`, 100)+`{}`+strings.Repeat(`}`, 101)), new(sm.PartsOrder)); err == nil {
		t.Error("deep order accepted")
	}
}
