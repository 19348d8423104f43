package sparetech

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/internal/wiredecode"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// The reference decoders are the ones the intent calls used before the
// wire structs: transport.DecodeJSON into the generated models, then the
// conversions of intent.go.

func refDecode[G, T any](conv func(G) T) func(*http.Response) (any, error) {
	return func(resp *http.Response) (any, error) {
		var g G
		if err := transport.DecodeJSON(resp, &g); err != nil {
			return nil, err
		}
		t := conv(g)
		return &t, nil
	}
}

// fastDecode is the wire reading alone, without the replay: what it
// accepts, the reference must read the same.
func fastDecode[W, T any](conv func(*W) T) func(*http.Response) (any, error) {
	return func(resp *http.Response) (any, error) {
		var w W
		if err := transport.DecodeJSON(resp, &w); err != nil {
			return nil, err
		}
		t := conv(&w)
		return &t, nil
	}
}

func wrap[T any](f func(*http.Response) (*T, error)) func(*http.Response) (any, error) {
	return func(resp *http.Response) (any, error) {
		t, err := f(resp)
		if err != nil {
			return nil, err
		}
		return t, nil
	}
}

// decoderCase is one intent response: the SDK's decoder, its fast reading
// alone, and the reference.
type decoderCase struct {
	name           string
	sdk, fast, ref func(*http.Response) (any, error)
}

var decoderCases = []decoderCase{
	{name: "creation", sdk: wrap(decodeCreationIntent), fast: fastDecode((*creationWire).intent), ref: refDecode(creationIntent)},
	{name: "change", sdk: wrap(decodeChangeIntent), fast: fastDecode((*changeWire).intent), ref: refDecode(changeIntent)},
	{name: "extension", sdk: wrap(decodeExtensionIntent), fast: fastDecode((*extensionWire).intent), ref: refDecode(extensionIntent)},
	{name: "creation page", sdk: wrap(decodeCreationPage), fast: fastDecode(func(w *creationListWire) CreationIntentPage {
		pg := CreationIntentPage{Items: make([]CreationIntent, len(w.CreationIntents))}
		for i := range w.CreationIntents {
			pg.Items[i] = w.CreationIntents[i].intent()
		}
		w.pageWire.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
		return pg
	}), ref: refDecode(func(g oapi.CreationIntentList) CreationIntentPage { return creationPage(g) })},
	{name: "change page", sdk: wrap(decodeChangePage), fast: fastDecode(func(w *changeListWire) ChangeIntentPage {
		pg := ChangeIntentPage{Items: make([]ChangeIntent, len(w.ChangeIntents))}
		for i := range w.ChangeIntents {
			pg.Items[i] = w.ChangeIntents[i].intent()
		}
		w.pageWire.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
		return pg
	}), ref: refDecode(func(g oapi.ChangeIntentList) ChangeIntentPage { return changePage(g) })},
	{name: "extension page", sdk: wrap(decodeExtensionPage), fast: fastDecode(func(w *extensionListWire) ExtensionIntentPage {
		pg := ExtensionIntentPage{Items: make([]ExtensionIntent, len(w.ExtensionIntents))}
		for i := range w.ExtensionIntents {
			pg.Items[i] = w.ExtensionIntents[i].intent()
		}
		w.pageWire.into(&pg.HasMore, &pg.TotalCount, &pg.Page, &pg.Limit)
		return pg
	}), ref: refDecode(func(g oapi.ExtensionIntentList) ExtensionIntentPage { return extensionPage(g) })},
}

// intentSeeds are the fake's and the benchmark's shapes and the corners of
// encoding/json the leaf types reproduce or hand to the generated models.
var intentSeeds = []string{
	`{"id":"904134","createdAt":"2022-12-10T12:05:12Z","createdBy":{"email":"alice@example.com"},"approvedBy":{"email":"bob@example.com"},"status":"Ready","metadata":{"ART_NUM":"SED1234","DESC":"Material Description","MANU":"Sparetech","TYP":"TYP_1234"}}`,
	`{"id":"904210","createdAt":"2022-12-13T10:05:12Z","createdBy":{"email":"bob@example.com"},"approvedBy":{"email":"alice@example.com"},"status":"Ready","materialNumber":"MAT-000101","plant":"","metadata":{"DESC":"Proximity sensor M12, PNP"}}`,
	`{"creationIntents":[{"id":"1","createdAt":"2022-12-01T08:05:12Z","createdBy":{"email":"a@x"},"status":"Done","metadata":{"A":1}},{"id":"2","createdBy":{}}],"hasMore":true,"limit":10,"page":0,"totalCount":4}`,
	`{"changeIntents":[{"id":"1","plant":"1000","materialNumber":"M"}],"extensionIntents":[{"id":"e"}],"hasMore":false,"limit":99,"page":3,"totalCount":2.5}`,
	`{"extensionIntents":[{"id":"e","materialNumber":"M","metadata":{"[WERK]":"1000"}}],"totalCount":-1}`,
	`{"id":"a","id":null,"ID":"b","Id":null,"status":"x","status":null}`,
	`{"createdBy":{"email":"a"},"createdBy":null,"approvedBy":{"email":"b"},"approvedBy":{}}`,
	`{"createdBy":{"EMAIL":"a"},"approvedBy":{"email":"b","x":1},"createdBy":{"email":null}}`,
	`{"createdBy":{"email":"a\"b"},"approvedBy":{ "email" : "c" }}`,
	`{"createdBy":"alice","id":"x"}`,
	`{"createdBy":[],"metadata":"x"}`,
	`{"metadata":"x","id":5}`,
	`{"id":5,"metadata":"x"}`,
	`{"metadata":{"a":1},"metadata":{"b":2}}`,
	`{"metadata":{"a":1},"metadata":null}`,
	`{"metadata":null}`,
	`{"id":"a\"b\\c\u00e9\ud83d\ude00","status":"Stahl ÄÖÜ ß","plant":"\u0041"}`,
	`{"createdAt":"2022-12-10T12:05:12.123456789+02:00"}`,
	`{"createdAt":"2022-12-10T12:05:12.5-00:30"}`,
	`{"createdAt":"2022-12-10t12:05:12z"}`,
	`{"createdAt":"2022-02-30T12:05:12Z"}`,
	`{"createdAt":"2022-12-10T24:00:00Z"}`,
	`{"createdAt":"2022-12-10T12:05:60Z"}`,
	`{"createdAt":"2022-12-10T12:05:12,5Z"}`,
	`{"createdAt":"2022-12-10T12:05:12+24:00"}`,
	`{"createdAt":"2022-12-10 12:05:12Z"}`,
	`{"createdAt":"2022-12-10T12:05:12\u005a"}`,
	`{"createdAt":"0000-01-01T00:00:00Z"}`,
	`{"createdAt":""}`,
	`{"createdAt":5}`,
	`{"createdAt":"2022-12-10T12:05:12Z","createdAt":null}`,
	`{"creationIntents":null,"hasMore":null,"limit":null,"page":null,"totalCount":null}`,
	`{"creationIntents":[],"changeIntents":[],"extensionIntents":[]}`,
	`{"creationIntents":[1,{"id":5}],"changeIntents":[1,{"id":5}],"extensionIntents":[1,{"id":5}]}`,
	`{"creationIntents":[{"id":"a","status":"s"},{"id":"b"}],"creationIntents":[{"id":"c"}]}`,
	`{"changeIntents":[{"id":"a","plant":"p"}],"changeIntents":[{"plant":null}]}`,
	`{"creationIntents":{"id":"a"},"changeIntents":"x","extensionIntents":5}`,
	`{"hasMore":"yes","limit":1.5,"page":"2","totalCount":"3"}`,
	`{"hasMore":1,"limit":99999999999999999999,"page":-0,"totalCount":1e400}`,
	`{"limit":1e2,"totalCount":1e2,"page":-3}`,
	`{"HASMORE":true,"Limit":5,"TotalCount":7,"CreationIntents":[{"ID":"x"}],"ChangeIntents":[{"PLANT":"p"}],"ExtensionIntents":[{"MaterialNumber":"m"}]}`,
	`[]`,
	`null`,
	`"x"`,
	`5`,
	`{}`,
	`{"id":"x"} trailing`,
	`{"id":"x"`,
	``,
	`{"id":"x","metadata":{"a":[1,"x",null,{"b":true}]}}`,
}

// readers are the ways a body may arrive: whole, a byte at a time, half
// of it then an error, of known or unknown length.
var readers = []struct {
	name    string
	body    func([]byte) io.Reader
	unknown bool
}{
	{"whole", func(b []byte) io.Reader { return bytes.NewReader(b) }, false},
	{"bytewise", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }, false},
	{"chunked", func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) }, true},
	{"cut", func(b []byte) io.Reader {
		return io.MultiReader(bytes.NewReader(b[:len(b)/2]), iotest.ErrReader(io.ErrUnexpectedEOF))
	}, true},
}

func fuzzResponse(body []byte, mode int) *http.Response {
	rd := readers[mode%len(readers)]
	n := int64(len(body))
	if rd.unknown {
		n = -1
	}
	req, _ := http.NewRequest(http.MethodGet, "https://sync.sparetech.io/v1/creation-intents/1", nil)
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(rd.body(body)), ContentLength: n, Request: req}
}

// matchReference decodes body with tc's SDK decoder and fast reading, and
// with the reference, and compares them.
func matchReference(t *testing.T, tc decoderCase, body []byte, mode int) {
	t.Helper()
	want, wantErr := tc.ref(fuzzResponse(body, mode))
	got, err := tc.sdk(fuzzResponse(body, mode))
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Fatalf("%s of %q (%s): error %v, reference %v", tc.name, body, readers[mode%len(readers)].name, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s of %q (%s):\n got %#v\nwant %#v", tc.name, body, readers[mode%len(readers)].name, got, want)
	}
	fast, err := tc.fast(fuzzResponse(body, mode))
	switch {
	case err == nil && wantErr != nil:
		t.Fatalf("%s of %q: the fast reading took what the reference refused (%v)", tc.name, body, wantErr)
	case err == nil && !reflect.DeepEqual(fast, want):
		t.Fatalf("%s of %q, fast reading:\n got %#v\nwant %#v", tc.name, body, fast, want)
	case err != nil && !wiredecode.Rejected(err) && (wantErr == nil || err.Error() != wantErr.Error()):
		t.Fatalf("%s of %q: fast error %v, reference %v", tc.name, body, err, wantErr)
	}
}

// TestIntentDecodersMatchReference runs every seed through every decoder
// and every way of reading.
func TestIntentDecodersMatchReference(t *testing.T) {
	for _, s := range intentSeeds {
		for _, tc := range decoderCases {
			for mode := range readers {
				matchReference(t, tc, []byte(s), mode)
			}
		}
	}
}

// TestFastReadingTakesTheUsualShapes guards the speed: the fake's and the
// benchmark's bodies must not need the replay.
func TestFastReadingTakesTheUsualShapes(t *testing.T) {
	for i, tc := range decoderCases {
		body := intentSeeds[min(i, 2)]
		if i >= 3 {
			body = intentSeeds[2]
		}
		if _, err := tc.fast(fuzzResponse([]byte(body), 0)); err != nil {
			t.Errorf("%s: fast reading refused %s: %v", tc.name, body, err)
		}
	}
}

// FuzzIntentDecodersMatchReference compares the SDK's intent decoders (the
// wire structs with the replay through the generated models) and the fast
// reading alone with the reference decoders, for any body read any way.
func FuzzIntentDecodersMatchReference(f *testing.F) {
	for i, s := range intentSeeds {
		f.Add(uint8(i), []byte(s))
	}
	f.Fuzz(func(t *testing.T, sel uint8, body []byte) {
		tc := decoderCases[int(sel)%len(decoderCases)]
		matchReference(t, tc, body, int(sel/8))
	})
}
