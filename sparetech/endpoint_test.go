package sparetech

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// The requests of endpoint.go are held to what the client sent before it:
// the generated builder's request for the document's server, moved onto
// the configured root (refRebase, the former core.rebase). Same method,
// URL (path escaping, query encoding), host, headers and body.

var errCaptured = errors.New("captured")

// capture keeps the request it is asked to send.
type capture struct{ req *http.Request }

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	c.req = r
	return nil, errCaptured
}

// refRebase is the former core.rebase: it moved a request the generated
// builders made for docServer onto the configured v1 or v2 root.
func refRebase(v1, v2 *url.URL, req *http.Request) error {
	var root *url.URL
	var prefix string
	switch {
	case strings.HasPrefix(req.URL.Path, "/v1/"):
		root, prefix = v1, "/v1"
	case strings.HasPrefix(req.URL.Path, "/v2/"):
		root, prefix = v2, "/v2"
		if root == nil {
			return apierror.Invalid(vendor, "WithBaseURLV2", "the v2 root is unknown: the v1 root does not end in /v1; set WithBaseURLV2")
		}
	default:
		return fmt.Errorf("sparetech: internal error: unversioned path %q", req.URL.Path)
	}
	u := *root
	u.Path = strings.TrimRight(root.Path, "/") + strings.TrimPrefix(req.URL.Path, prefix)
	u.RawPath = ""
	if req.URL.RawPath != "" {
		u.RawPath = strings.TrimRight(root.EscapedPath(), "/") + strings.TrimPrefix(req.URL.RawPath, prefix)
	}
	u.RawQuery = req.URL.RawQuery
	req.URL = &u
	req.Host = u.Host
	return nil
}

// refListParams is how ListParams reached the generated list builders.
func refListParams(p ListParams) (status *oapi.IntentStatus, gt, lt *openapi_types.Date, limit, page *int) {
	if p.Status != "" {
		s := oapi.IntentStatus(p.Status)
		status = &s
	}
	if !p.CreatedFrom.IsZero() {
		gt = &openapi_types.Date{Time: p.CreatedFrom}
	}
	if !p.CreatedTo.IsZero() {
		lt = &openapi_types.Date{Time: p.CreatedTo}
	}
	if p.Limit != 0 {
		l := p.Limit
		limit = &l
	}
	if p.Page != 0 {
		pg := p.Page
		page = &pg
	}
	return
}

// reqArgs are the arguments of every call.
type reqArgs struct {
	id, text string
	list     ListParams
	material map[string]any
	upsert   UpsertMaterial
}

// reqCase is one call through the client and through its generated builder.
type reqCase struct {
	name string
	call func(c *Client, a reqArgs) error
	ref  func(a reqArgs) (*http.Request, error)
}

var reqCases = []reqCase{
	{"creation.list", func(c *Client, a reqArgs) error {
		_, err := c.CreationIntents.List(context.Background(), a.list)
		return err
	},
		func(a reqArgs) (*http.Request, error) {
			s, gt, lt, l, p := refListParams(a.list)
			return oapi.NewListCreationIntentsRequest(docServer, &oapi.ListCreationIntentsParams{Status: s, CreatedGt: gt, CreatedLt: lt, Limit: l, Page: p})
		}},
	{"creation.get", func(c *Client, a reqArgs) error {
		_, err := c.CreationIntents.Get(context.Background(), a.id)
		return err
	},
		func(a reqArgs) (*http.Request, error) { return oapi.NewGetCreationIntentRequest(docServer, a.id) }},
	{"creation.confirm", func(c *Client, a reqArgs) error {
		_, err := c.CreationIntents.Confirm(context.Background(), a.id, a.text)
		return err
	}, func(a reqArgs) (*http.Request, error) {
		return oapi.NewConfirmCreationIntentRequest(docServer, a.id, oapi.CreationIntentConfirmation{MaterialNumber: a.text})
	}},
	{"creation.reject", func(c *Client, a reqArgs) error { return c.CreationIntents.Reject(context.Background(), a.id, a.text) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewRejectCreationIntentRequest(docServer, a.id, oapi.RejectComment{Message: a.text})
		}},
	{"change.list", func(c *Client, a reqArgs) error {
		_, err := c.ChangeIntents.List(context.Background(), a.list)
		return err
	},
		func(a reqArgs) (*http.Request, error) {
			s, gt, lt, l, p := refListParams(a.list)
			return oapi.NewListChangeIntentsRequest(docServer, &oapi.ListChangeIntentsParams{Status: s, CreatedGt: gt, CreatedLt: lt, Limit: l, Page: p, ChangesOnly: a.list.ChangesOnly})
		}},
	{"change.get", func(c *Client, a reqArgs) error {
		_, err := c.ChangeIntents.Get(context.Background(), a.id)
		return err
	},
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewGetChangeIntentRequest(docServer, a.id, &oapi.GetChangeIntentParams{})
		}},
	{"change.getfull", func(c *Client, a reqArgs) error {
		_, err := c.ChangeIntents.GetFull(context.Background(), a.id)
		return err
	},
		func(a reqArgs) (*http.Request, error) {
			f := false
			return oapi.NewGetChangeIntentRequest(docServer, a.id, &oapi.GetChangeIntentParams{ChangesOnly: &f})
		}},
	{"change.confirm", func(c *Client, a reqArgs) error { return c.ChangeIntents.Confirm(context.Background(), a.id) },
		func(a reqArgs) (*http.Request, error) { return oapi.NewConfirmChangeIntentRequest(docServer, a.id) }},
	{"change.reject", func(c *Client, a reqArgs) error { return c.ChangeIntents.Reject(context.Background(), a.id, a.text) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewRejectChangeIntentRequest(docServer, a.id, oapi.RejectComment{Message: a.text})
		}},
	{"extension.list", func(c *Client, a reqArgs) error {
		_, err := c.ExtensionIntents.List(context.Background(), a.list)
		return err
	}, func(a reqArgs) (*http.Request, error) {
		s, gt, lt, l, p := refListParams(a.list)
		return oapi.NewListExtensionIntentsRequest(docServer, &oapi.ListExtensionIntentsParams{Status: s, CreatedGt: gt, CreatedLt: lt, Limit: l, Page: p})
	}},
	{"extension.get", func(c *Client, a reqArgs) error {
		_, err := c.ExtensionIntents.Get(context.Background(), a.id)
		return err
	},
		func(a reqArgs) (*http.Request, error) { return oapi.NewGetExtensionIntentRequest(docServer, a.id) }},
	{"extension.confirm", func(c *Client, a reqArgs) error { return c.ExtensionIntents.Confirm(context.Background(), a.id) },
		func(a reqArgs) (*http.Request, error) { return oapi.NewConfirmExtensionIntentRequest(docServer, a.id) }},
	{"extension.reject", func(c *Client, a reqArgs) error { return c.ExtensionIntents.Reject(context.Background(), a.id, a.text) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewRejectExtensionIntentRequest(docServer, a.id, oapi.RejectComment{Message: a.text})
		}},
	{"schema.export", func(c *Client, _ reqArgs) error { _, err := c.Schema.Export(context.Background()); return err },
		func(reqArgs) (*http.Request, error) { return oapi.NewGetExportSchemaRequest(docServer) }},
	{"schema.import", func(c *Client, _ reqArgs) error { _, err := c.Schema.Import(context.Background()); return err },
		func(reqArgs) (*http.Request, error) { return oapi.NewGetImportSchemaRequest(docServer) }},
	{"material.create", func(c *Client, a reqArgs) error { return c.Materials.Create(context.Background(), a.material) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewCreateMaterialRequest(docServer, oapi.MaterialBody{Material: a.material})
		}},
	{"material.update", func(c *Client, a reqArgs) error { return c.Materials.Update(context.Background(), a.id, a.material) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewUpdateMaterialRequest(docServer, a.id, oapi.MaterialBody{Material: a.material})
		}},
	{"material.extend", func(c *Client, a reqArgs) error {
		return c.Materials.Extend(context.Background(), a.id, a.material)
	}, func(a reqArgs) (*http.Request, error) {
		return oapi.NewExtendMaterialRequest(docServer, a.id, oapi.MaterialExtensionBody{Material: a.material})
	}},
	{"v2.material.upsert", func(c *Client, a reqArgs) error { return c.MaterialsV2.Upsert(context.Background(), a.upsert) },
		func(a reqArgs) (*http.Request, error) { return oapi.NewUpsertMaterialV2Request(docServer, a.upsert) }},
	{"v2.creation.confirm", func(c *Client, a reqArgs) error {
		return c.IntentsV2.ConfirmCreation(context.Background(), a.id, a.text)
	}, func(a reqArgs) (*http.Request, error) {
		return oapi.NewConfirmCreationIntentV2Request(docServer, a.id, oapi.CreationIntentConfirmation{MaterialNumber: a.text})
	}},
	{"v2.creation.reject", func(c *Client, a reqArgs) error {
		return c.IntentsV2.RejectCreation(context.Background(), a.id, a.text)
	},
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewRejectCreationIntentV2Request(docServer, a.id, oapi.RejectComment{Message: a.text})
		}},
	{"v2.change.confirm", func(c *Client, a reqArgs) error { return c.IntentsV2.ConfirmChange(context.Background(), a.id) },
		func(a reqArgs) (*http.Request, error) { return oapi.NewConfirmChangeIntentV2Request(docServer, a.id) }},
	{"v2.change.reject", func(c *Client, a reqArgs) error { return c.IntentsV2.RejectChange(context.Background(), a.id, a.text) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewRejectChangeIntentV2Request(docServer, a.id, oapi.RejectComment{Message: a.text})
		}},
	{"v2.extension.confirm", func(c *Client, a reqArgs) error { return c.IntentsV2.ConfirmExtension(context.Background(), a.id) },
		func(a reqArgs) (*http.Request, error) {
			return oapi.NewConfirmExtensionIntentV2Request(docServer, a.id)
		}},
	{"v2.extension.reject", func(c *Client, a reqArgs) error {
		return c.IntentsV2.RejectExtension(context.Background(), a.id, a.text)
	}, func(a reqArgs) (*http.Request, error) {
		return oapi.NewRejectExtensionIntentV2Request(docServer, a.id, oapi.RejectComment{Message: a.text})
	}},
}

// captureClient is a client on the given roots whose requests stop at a
// capture instead of the transport stack (no token, no Accept header: the
// stack adds those to both the same way).
func captureClient(v1, v2 string) (*Client, *capture, error) {
	opts := []Option{WithBaseURL(v1), WithTokenURL("http://127.0.0.1/token")}
	if v2 != "" {
		opts = append(opts, WithBaseURLV2(v2))
	}
	c, err := NewClient(Credentials{ClientID: "id", ClientSecret: "secret"}, opts...)
	if err != nil {
		return nil, nil, err
	}
	cp := &capture{}
	c.core.http = &http.Client{Transport: cp}
	return c, cp, nil
}

// matchGenerated makes call tc with a on a client for the roots v1 and v2,
// and the same call through the generated builder and refRebase, and
// compares the two requests. It reports whether a request was compared.
func matchGenerated(t *testing.T, tc reqCase, v1, v2 string, a reqArgs) bool {
	t.Helper()
	c, cp, err := captureClient(v1, v2)
	if err != nil {
		return false
	}
	err = tc.call(c, a)
	if !errors.Is(err, errCaptured) {
		if errors.Is(err, ErrInvalidInput) {
			if strings.Contains(err.Error(), "WithBaseURLV2") {
				// The unknown v2 root: the reference failed the same way.
				req, berr := tc.ref(a)
				if berr != nil {
					t.Fatalf("%s: reference builder: %v", tc.name, berr)
				}
				rerr := refRebase(c.core.v1.u, c.core.v2.u, req)
				if rerr == nil || rerr.Error() != err.Error() {
					t.Fatalf("%s on %q %q: error %v, reference %v", tc.name, v1, v2, err, rerr)
				}
				return true
			}
			return false // checked before anything was built, as before
		}
		t.Fatalf("%s on %q %q: %v", tc.name, v1, v2, err)
	}
	got := cp.req
	want, err := tc.ref(a)
	if err != nil {
		t.Fatalf("%s: reference builder: %v", tc.name, err)
	}
	if err := refRebase(c.core.v1.u, c.core.v2.u, want); err != nil {
		t.Fatalf("%s on %q %q: sent, but the reference failed: %v", tc.name, v1, v2, err)
	}
	// The reference went through the same http.Client.
	rc := &capture{}
	_, err = (&http.Client{Transport: rc}).Do(want.WithContext(context.Background()))
	if !errors.Is(err, errCaptured) {
		t.Fatalf("%s: reference send: %v", tc.name, err)
	}
	want = rc.req
	if got.Method != want.Method || got.URL.String() != want.URL.String() || got.Host != want.Host ||
		got.URL.RequestURI() != want.URL.RequestURI() || got.URL.Host != want.URL.Host || got.URL.Scheme != want.URL.Scheme {
		t.Fatalf("%s on %q %q (id %q):\n got %s %s (host %q, %q)\nwant %s %s (host %q, %q)", tc.name, v1, v2, a.id,
			got.Method, got.URL, got.Host, got.URL.RequestURI(), want.Method, want.URL, want.Host, want.URL.RequestURI())
	}
	if !reflect.DeepEqual(got.Header, want.Header) {
		t.Fatalf("%s: header %v, want %v", tc.name, got.Header, want.Header)
	}
	if got.ContentLength != want.ContentLength || (got.GetBody == nil) != (want.GetBody == nil) {
		t.Fatalf("%s: content length %d (GetBody %t), want %d (%t)", tc.name, got.ContentLength, got.GetBody != nil, want.ContentLength, want.GetBody != nil)
	}
	if gb, wb := readBody(t, got), readBody(t, want); !bytes.Equal(gb, wb) {
		t.Fatalf("%s: body %s, want %s", tc.name, gb, wb)
	}
	return true
}

func readBody(t *testing.T, r *http.Request) []byte {
	t.Helper()
	if r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testUpsert(matnr string) UpsertMaterial {
	var m UpsertMaterial
	m.MARA.MATNR = matnr
	return m
}

// TestRequestsMatchGenerated makes every call on ordinary and odd roots
// with plain and escaped ids and every list parameter.
func TestRequestsMatchGenerated(t *testing.T) {
	roots := [][2]string{
		{"https://sync.sparetech.io/v1", ""},
		{"https://sync.sparetech.io/v1/", ""},
		{"http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v2/"},
		{"https://Example.COM/base%20dir/v1", ""},
		{"https://example.com/a%2Fb/v1", ""},
		{"https://example.com/a%2F/v1", "https://other.example.com:8443/x%2Fy/"},
		{"https://user:pw@example.com/v1", ""},
		{"https://example.com:/v1", ""},
		{"https://example.com/v1?", ""},
		{"https://[::1]:8443/v1", ""},
		{"https://example.com/custom", ""}, // v2 unknown
		{"https://example.com", "https://example.com"},
	}
	ids := []string{"904134", "a b", "a/b", "x?y#z", "%41", "ü", "*", "a;b,c", " ..", "a+b=c&d", "@:$"}
	from := time.Date(2024, 1, 31, 23, 0, 0, 0, time.FixedZone("x", 3600))
	lists := []ListParams{
		{},
		{Status: StatusReady, Limit: 99, Page: 3},
		{Status: "Exported & more/ü", CreatedFrom: from, CreatedTo: from.AddDate(0, 1, 0)},
		{CreatedTo: from, ChangesOnly: new(bool)},
		{Page: 1, ChangesOnly: ptrTo(true)},
	}
	compared := 0
	for _, r := range roots {
		for _, tc := range reqCases {
			for i, id := range ids {
				a := reqArgs{id: id, text: "MAT <1> & \"x\"", list: lists[i%len(lists)],
					material: map[string]any{"Materialnummer": id, "[MANU]": 1.5}, upsert: testUpsert(id)}
				if matchGenerated(t, tc, r[0], r[1], a) {
					compared++
				}
			}
		}
	}
	if compared < len(roots)*len(reqCases)*len(ids)*9/10 {
		t.Fatalf("only %d requests compared", compared)
	}
}

func ptrTo[T any](v T) *T { return &v }

// FuzzRequestMatchesGenerated compares a call's request with the
// generated builder's for any roots, id, text and list parameters.
func FuzzRequestMatchesGenerated(f *testing.F) {
	f.Add(uint8(1), "https://sync.sparetech.io/v1", "", "904134", "MAT1", "Ready", int64(0), int64(0), 0, 0, uint8(0))
	f.Add(uint8(0), "http://127.0.0.1:9/a%2Fb/v1", "http://127.0.0.1:9/v2", "a/b c", "x", "Done ü", int64(1700000000), int64(1800000000), 99, 4, uint8(2))
	f.Add(uint8(20), "https://example.com:/v1?", "", "x?y", "m", "", int64(-62135596800), int64(0), 1, 0, uint8(1))
	f.Add(uint8(4), "https://u:p@example.com/v1/", "https://example.com/%7Ev2", "%zz", "m", "a&b", int64(0), int64(253402300799), 10, 2, uint8(2))
	f.Fuzz(func(t *testing.T, which uint8, v1, v2, id, text, status string, from, to int64, limit, page int, changes uint8) {
		tc := reqCases[int(which)%len(reqCases)]
		p := ListParams{Status: Status(status), Limit: limit, Page: page}
		if from != 0 {
			p.CreatedFrom = time.Unix(from, 0).UTC()
		}
		if to != 0 {
			p.CreatedTo = time.Unix(to, 0).UTC()
		}
		switch changes % 3 {
		case 1:
			p.ChangesOnly = ptrTo(true)
		case 2:
			p.ChangesOnly = ptrTo(false)
		}
		a := reqArgs{id: id, text: text, list: p, material: map[string]any{"k": text}, upsert: testUpsert(id)}
		matchGenerated(t, tc, v1, v2, a)
	})
}
