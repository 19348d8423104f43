package spr_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func TestProductDecodesPHPShapes(t *testing.T) {
	// PHP quirks: an empty tree as [], a filtered list as an object keyed by
	// index, an empty model level as [], nulls.
	const body = `{"code":"A","apps":[],"stock":{"2":{"branch_id":2,"branch_name":"CDMX","quantity":1},"10":{"branch_id":10,"branch_name":"X","quantity":2}},
	"props":[],"oems":null,"interchanges":[{"code":"Z","make":"PLAIN"}],"price_01":{"value":null,"prefix":"$","sufix":"MXN"}}`
	var p spr.Product
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Apps == nil || len(p.Apps) != 0 {
		t.Errorf("apps [] = %#v, want an empty map", p.Apps)
	}
	if len(p.Stock) != 2 || p.Stock[0].BranchID != 2 || p.Stock[1].BranchID != 10 {
		t.Errorf("stock object = %+v, want branches 2 then 10", p.Stock)
	}
	if p.Props == nil || len(p.Props) != 0 || p.OEMs != nil {
		t.Errorf("props %#v oems %#v", p.Props, p.OEMs)
	}
	if p.Interchanges[0].Make != "PLAIN" || p.Price01.Value != 0 {
		t.Errorf("interchanges %+v price %+v", p.Interchanges, p.Price01)
	}

	var q spr.Product
	if err := json.Unmarshal([]byte(`{"code":"B","applications":{"FORD":[]},"apps":null}`), &q); err != nil {
		t.Fatal(err)
	}
	if m, ok := q.Apps["FORD"]; !ok || len(m) != 0 {
		t.Errorf("applications with an empty make = %#v", q.Apps)
	}
	for _, bad := range []string{`{"stock":[{"quantity":"1.5"}]}`, `{"price_00":{"value":"abc"}}`, `{"apps":[1]}`, `{"stock":"x"}`, `{"price_01":{"value":"NaN"}}`} {
		var x spr.Product
		if err := json.Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
}

func TestProductJSONRoundTrip(t *testing.T) {
	srv := sprtest.NewServer()
	defer srv.Close()
	for _, want := range srv.Products()[:20] {
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got spr.Product
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip of %s differs", want.Code)
		}
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		if _, ok := m["price_00"].(map[string]any)["sufix"]; !ok {
			t.Fatal(`price lost the vendor's "sufix" key`)
		}
	}
}

func TestApplicationYears(t *testing.T) {
	cases := []struct {
		year     string
		from, to int
		ok       bool
	}{{"2003-2013", 2003, 2013, true}, {"2011", 2011, 2011, true}, {" 2003 - 2005 ", 2003, 2005, true}, {"", 0, 0, false}, {"03-x", 0, 0, false}}
	for _, c := range cases {
		from, to, err := spr.Application{Year: c.year}.Years()
		if (err == nil) != c.ok || from != c.from || to != c.to {
			t.Errorf("Years(%q) = %d %d %v", c.year, from, to, err)
		}
	}
	if !(spr.Application{Year: "2003-2013"}).Fits(2011) || (spr.Application{Year: "2003-2013"}).Fits(2014) {
		t.Error("Fits")
	}
}

func FuzzProductDecode(f *testing.F) {
	f.Add([]byte(`{"code":"RT-1","apps":{"FORD":{"FIESTA":[{"year":"2003-2013"}]}},"stock":[{"branch_id":"1","quantity":2}],"price_00":{"value":"1.5","sufix":"MXN","factor":2}}`))
	f.Add([]byte(`{"code":1,"applications":[],"stock":{"3":{"quantity":1}},"oems":[{"code":"x","make":{"value":"y"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p spr.Product
		if json.Unmarshal(b, &p) != nil {
			return
		}
		// Whatever decodes must encode and decode to the same product.
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var again spr.Product
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
	})
}
