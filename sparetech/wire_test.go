package sparetech_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/sparetech"
)

// recorded is one API request as the test server saw it.
type recorded struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
}

// wireServer answers /v1/oauth/token itself and hands every other request
// to respond, recording it first.
type wireServer struct {
	srv     *httptest.Server
	mu      sync.Mutex
	reqs    []recorded
	tokens  []recorded
	respond func(w http.ResponseWriter, r *http.Request)
	legacy  string // the /v1/auth answer
}

var testCreds = sparetech.Credentials{ClientID: "wire-client", ClientSecret: "wire-secret-do-not-print"}

func newWire(t *testing.T, opts ...sparetech.Option) (*wireServer, *sparetech.Client) {
	t.Helper()
	ws := &wireServer{}
	ws.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec := recorded{method: r.Method, path: r.URL.EscapedPath(), rawQuery: r.URL.RawQuery, header: r.Header.Clone(), body: body}
		if r.URL.Path == "/v1/auth" {
			ws.mu.Lock()
			ws.tokens = append(ws.tokens, rec)
			body := ws.legacy
			ws.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, body)
			return
		}
		if r.URL.Path == "/v1/oauth/token" {
			ws.mu.Lock()
			ws.tokens = append(ws.tokens, rec)
			ws.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"access_token":"wire-token","expires_in":86400,"token_type":"Bearer"}`)
			return
		}
		ws.mu.Lock()
		ws.reqs = append(ws.reqs, rec)
		respond := ws.respond
		ws.mu.Unlock()
		if respond == nil {
			http.Error(w, "no responder", http.StatusTeapot)
			return
		}
		respond(w, r)
	}))
	t.Cleanup(ws.srv.Close)
	opts = append([]sparetech.Option{sparetech.WithBaseURL(ws.srv.URL + "/v1"), sparetech.WithRetry(0, 0, 0)}, opts...)
	c, err := sparetech.NewClient(testCreds, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return ws, c
}

// answer makes the server reply status with body (JSON when it starts with { or [).
func (ws *wireServer) answer(status int, body string) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	ws.respond = func(w http.ResponseWriter, _ *http.Request) {
		if strings.HasPrefix(body, "{") || strings.HasPrefix(body, "[") {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "text/plain")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func (ws *wireServer) requests() []recorded {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return append([]recorded(nil), ws.reqs...)
}

func (ws *wireServer) last(t *testing.T) recorded {
	t.Helper()
	rs := ws.requests()
	if len(rs) == 0 {
		t.Fatal("no request reached the server")
	}
	return rs[len(rs)-1]
}

// jsonEqual compares two JSON documents by value.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("request body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("request body = %s, want %s", got, want)
	}
}

const intentJSON = `{"id":"904134","createdAt":"2022-12-10T12:05:12Z","createdBy":{"email":"a@example.com"},
	"approvedBy":{"email":"b@example.com"},"status":"Ready","metadata":{"MANU":"Sparetech","[ART_NUM]":"SED1234","QTY":3}}`

func wantCreation(t *testing.T, it *sparetech.CreationIntent, status sparetech.Status) {
	t.Helper()
	want := sparetech.CreationIntent{
		ID: "904134", CreatedAt: time.Date(2022, 12, 10, 12, 5, 12, 0, time.UTC),
		CreatedBy: sparetech.User{Email: "a@example.com"}, ApprovedBy: sparetech.User{Email: "b@example.com"},
		Status: status, Metadata: map[string]any{"MANU": "Sparetech", "[ART_NUM]": "SED1234", "QTY": float64(3)},
	}
	if it == nil || !reflect.DeepEqual(*it, want) {
		t.Errorf("intent = %+v\nwant     %+v", it, want)
	}
}

// TestWireEveryOperation checks method, path, query, headers and body of
// every operation, and the decoding of its documented answer.
func TestWireEveryOperation(t *testing.T) {
	ctx := context.Background()
	ws, c := newWire(t)
	from := time.Date(2022, 12, 10, 23, 0, 0, 0, time.UTC)
	to := time.Date(2022, 12, 13, 0, 0, 0, 0, time.UTC)
	no := false

	type tc struct {
		name          string
		status        int
		resp          string
		call          func() error
		method, path  string
		query         url.Values // nil: no query at all
		body          string     // "": no body
		contentTypeJS bool
	}
	cases := []tc{
		{name: "schema export", status: 200, resp: `["MANU","ART_NUM","[TYP]"]`, method: "GET", path: "/v1/schema/export",
			call: func() error {
				got, err := c.Schema.Export(ctx)
				if err == nil && !reflect.DeepEqual(got, []string{"MANU", "ART_NUM", "[TYP]"}) {
					t.Errorf("export = %q", got)
				}
				return err
			}},
		{name: "schema import", status: 200, resp: `["Materialnummer","[MANU]"]`, method: "GET", path: "/v1/schema/import",
			call: func() error {
				got, err := c.Schema.Import(ctx)
				if err == nil && !reflect.DeepEqual(got, []string{"Materialnummer", "[MANU]"}) {
					t.Errorf("import = %q", got)
				}
				return err
			}},
		{name: "creation list", status: 200, method: "GET", path: "/v1/creation-intents",
			resp:  `{"hasMore":true,"totalCount":41.0,"limit":2,"page":3,"creationIntents":[` + intentJSON + `]}`,
			query: url.Values{"status": {"Ready"}, "created.gt": {"2022-12-10"}, "created.lt": {"2022-12-13"}, "limit": {"2"}, "page": {"3"}},
			call: func() error {
				p, err := c.CreationIntents.List(ctx, sparetech.ListParams{Status: sparetech.StatusReady, CreatedFrom: from, CreatedTo: to, Limit: 2, Page: 3})
				if err != nil {
					return err
				}
				if !p.HasMore || p.TotalCount != 41 || p.Limit != 2 || p.Page != 3 || len(p.Items) != 1 {
					t.Errorf("page = %+v", p)
				}
				wantCreation(t, &p.Items[0], sparetech.StatusReady)
				return nil
			}},
		{name: "creation list defaults", status: 200, method: "GET", path: "/v1/creation-intents",
			resp: `{"hasMore":false,"totalCount":0,"limit":10,"page":0,"creationIntents":[]}`,
			call: func() error {
				p, err := c.CreationIntents.List(ctx, sparetech.ListParams{})
				if err == nil && (p.Items == nil || len(p.Items) != 0 || p.Limit != 10) {
					t.Errorf("page = %+v", p)
				}
				return err
			}},
		{name: "creation get", status: 200, resp: intentJSON, method: "GET", path: "/v1/creation-intents/904134",
			call: func() error {
				it, err := c.CreationIntents.Get(ctx, "904134")
				if err == nil {
					wantCreation(t, it, sparetech.StatusReady)
				}
				return err
			}},
		{name: "creation get escapes the id", status: 200, resp: intentJSON, method: "GET", path: "/v1/creation-intents/a%2Fb%20c",
			call: func() error { _, err := c.CreationIntents.Get(ctx, "a/b c"); return err }},
		{name: "creation confirm", status: 200, resp: strings.Replace(intentJSON, "Ready", "Done", 1), method: "POST",
			path: "/v1/creation-intents/904134/confirm", body: `{"materialNumber":"MAT-7"}`, contentTypeJS: true,
			call: func() error {
				it, err := c.CreationIntents.Confirm(ctx, "904134", "MAT-7")
				if err == nil {
					wantCreation(t, it, sparetech.StatusDone)
				}
				return err
			}},
		{name: "creation reject", status: 200, resp: "OK", method: "POST", path: "/v1/creation-intents/904134/reject",
			body: `{"message":"duplicate of MAT-1"}`, contentTypeJS: true,
			call: func() error { return c.CreationIntents.Reject(ctx, "904134", "duplicate of MAT-1") }},
		{name: "change list", status: 200, method: "GET", path: "/v1/change-intents",
			resp:  `{"hasMore":false,"totalCount":1,"limit":10,"page":0,"changeIntents":[{"id":"7","status":"Done","materialNumber":"M-1","plant":"1000","createdBy":{"email":"a@x"},"metadata":{"[DESC]":"new"}}]}`,
			query: url.Values{"changes.only": {"false"}, "status": {"Done"}},
			call: func() error {
				p, err := c.ChangeIntents.List(ctx, sparetech.ListParams{Status: sparetech.StatusDone, ChangesOnly: &no})
				if err != nil {
					return err
				}
				want := sparetech.ChangeIntent{ID: "7", Status: sparetech.StatusDone, MaterialNumber: "M-1", Plant: "1000",
					CreatedBy: sparetech.User{Email: "a@x"}, Metadata: map[string]any{"[DESC]": "new"}}
				if len(p.Items) != 1 || !reflect.DeepEqual(p.Items[0], want) || p.TotalCount != 1 {
					t.Errorf("change page = %+v", p)
				}
				return nil
			}},
		{name: "change get", status: 200, resp: `{"id":"7","status":"Ready","materialNumber":"M-1","plant":"","metadata":{}}`,
			method: "GET", path: "/v1/change-intents/7",
			call: func() error {
				it, err := c.ChangeIntents.Get(ctx, "7")
				if err == nil && (it.MaterialNumber != "M-1" || it.Status != sparetech.StatusReady || it.Metadata == nil) {
					t.Errorf("change = %+v", it)
				}
				return err
			}},
		{name: "change get full", status: 200, resp: `{"id":"7","status":"Ready","materialNumber":"M-1","metadata":{"A":1}}`,
			method: "GET", path: "/v1/change-intents/7", query: url.Values{"changes.only": {"false"}},
			call: func() error { _, err := c.ChangeIntents.GetFull(ctx, "7"); return err }},
		{name: "change confirm", status: 200, resp: "OK", method: "POST", path: "/v1/change-intents/7/confirm",
			call: func() error { return c.ChangeIntents.Confirm(ctx, "7") }},
		{name: "change reject", status: 200, resp: "OK", method: "POST", path: "/v1/change-intents/7/reject",
			body: `{"message":"plant closed"}`, contentTypeJS: true,
			call: func() error { return c.ChangeIntents.Reject(ctx, "7", "plant closed") }},
		{name: "extension list", status: 200, method: "GET", path: "/v1/extension-intents",
			resp:  `{"hasMore":false,"totalCount":1,"limit":99,"page":0,"extensionIntents":[{"id":"9","status":"Ready","materialNumber":"M-2","metadata":{"[WERK]":"2000"}}]}`,
			query: url.Values{"limit": {"99"}},
			call: func() error {
				p, err := c.ExtensionIntents.List(ctx, sparetech.ListParams{Limit: 99})
				if err == nil && (len(p.Items) != 1 || p.Items[0].MaterialNumber != "M-2" || p.Items[0].Metadata["[WERK]"] != "2000") {
					t.Errorf("extension page = %+v", p)
				}
				return err
			}},
		{name: "extension get", status: 200, resp: `{"id":"9","status":"Ready","materialNumber":"M-2","metadata":{}}`,
			method: "GET", path: "/v1/extension-intents/9",
			call: func() error {
				it, err := c.ExtensionIntents.Get(ctx, "9")
				if err == nil && it.ID != "9" {
					t.Errorf("extension = %+v", it)
				}
				return err
			}},
		{name: "extension confirm", status: 200, resp: "OK", method: "POST", path: "/v1/extension-intents/9/confirm",
			call: func() error { return c.ExtensionIntents.Confirm(ctx, "9") }},
		{name: "extension reject", status: 200, resp: "OK", method: "POST", path: "/v1/extension-intents/9/reject",
			body: `{"message":"no"}`, contentTypeJS: true,
			call: func() error { return c.ExtensionIntents.Reject(ctx, "9", "no") }},
		{name: "material create", status: 200, resp: "OK", method: "POST", path: "/v1/material",
			body: `{"material":{"Materialnummer":"MAT00001","[MANU]":"Sparetech","[QTY]":2}}`, contentTypeJS: true,
			call: func() error {
				return c.Materials.Create(ctx, sparetech.Material{"Materialnummer": "MAT00001", "[MANU]": "Sparetech", "[QTY]": 2})
			}},
		{name: "material update", status: 200, resp: "OK", method: "PUT", path: "/v1/material/MAT00001",
			body: `{"material":{"[TYP]":"SPT.1.4541"}}`, contentTypeJS: true,
			call: func() error { return c.Materials.Update(ctx, "MAT00001", sparetech.Material{"[TYP]": "SPT.1.4541"}) }},
		{name: "material extend", status: 200, resp: "OK", method: "POST", path: "/v1/material/MAT00001/extend",
			body: `{"material":{"[WERK]":"12345","[EKGRP]":"HH"}}`, contentTypeJS: true,
			call: func() error {
				return c.Materials.Extend(ctx, "MAT00001", sparetech.MaterialExtension{"[WERK]": "12345", "[EKGRP]": "HH"})
			}},
		{name: "v2 upsert", status: 200, resp: "OK", method: "POST", path: "/v2/material", contentTypeJS: true,
			body: `{"MARA":{"MATNR":"M-9","MTART":"ERSA","BRGEW":1.5,"MAKT":[{"SPRAS":"D","MAKTX":"Lager"}],
				"MARC":[{"WERKS":"1000","MINBE":4,"MARD":[{"LGORT":"0001"}]}],"ADDITIONAL_PROPERTIES":{"[add_field_1]":"x"}},
				"UPSLINK":{"MESTYP":"MATMAS"}}`,
			call: func() error {
				mtart, maktx, mestyp := "ERSA", "Lager", "MATMAS"
				brgew, minbe := 1.5, 4.0
				extra := map[string]any{"[add_field_1]": "x"}
				return c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{
					MARA: sparetech.MARA{MATNR: "M-9", MTART: &mtart, BRGEW: &brgew, ADDITIONALPROPERTIES: &extra,
						MAKT: &[]sparetech.MAKT{{SPRAS: "D", MAKTX: &maktx}},
						MARC: &[]sparetech.MARC{{WERKS: "1000", MINBE: &minbe, MARD: &[]sparetech.MARD{{LGORT: "0001"}}}}},
					UPSLINK: &sparetech.UPSLINK{MESTYP: &mestyp},
				})
			}},
		{name: "v2 creation confirm", status: 200, resp: "OK", method: "POST", path: "/v2/creation-intents/904134/confirm",
			body: `{"materialNumber":"MAT-7"}`, contentTypeJS: true,
			call: func() error { return c.IntentsV2.ConfirmCreation(ctx, "904134", "MAT-7") }},
		{name: "v2 creation reject", status: 200, resp: "OK", method: "POST", path: "/v2/creation-intents/904134/reject",
			body: `{"message":"m"}`, contentTypeJS: true,
			call: func() error { return c.IntentsV2.RejectCreation(ctx, "904134", "m") }},
		{name: "v2 change confirm", status: 200, resp: "OK", method: "POST", path: "/v2/change-intents/7/confirm",
			call: func() error { return c.IntentsV2.ConfirmChange(ctx, "7") }},
		{name: "v2 change reject", status: 200, resp: "OK", method: "POST", path: "/v2/change-intents/7/reject",
			body: `{"message":"m"}`, contentTypeJS: true,
			call: func() error { return c.IntentsV2.RejectChange(ctx, "7", "m") }},
		{name: "v2 extension confirm", status: 200, resp: "OK", method: "POST", path: "/v2/extension-intents/9/confirm",
			call: func() error { return c.IntentsV2.ConfirmExtension(ctx, "9") }},
		{name: "v2 extension reject", status: 200, resp: "OK", method: "POST", path: "/v2/extension-intents/9/reject",
			body: `{"message":"m"}`, contentTypeJS: true,
			call: func() error { return c.IntentsV2.RejectExtension(ctx, "9", "m") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws.answer(tc.status, tc.resp)
			before := len(ws.requests())
			if err := tc.call(); err != nil {
				t.Fatalf("call: %v", err)
			}
			if n := len(ws.requests()) - before; n != 1 {
				t.Fatalf("%d requests, want 1", n)
			}
			r := ws.last(t)
			if r.method != tc.method || r.path != tc.path {
				t.Errorf("sent %s %s, want %s %s", r.method, r.path, tc.method, tc.path)
			}
			q, _ := url.ParseQuery(r.rawQuery)
			if tc.query == nil {
				tc.query = url.Values{}
			}
			if !reflect.DeepEqual(q, tc.query) {
				t.Errorf("query = %v, want %v", q, tc.query)
			}
			if got := r.header.Get("Authorization"); got != "Bearer wire-token" {
				t.Errorf("Authorization = %q", got)
			}
			if got := r.header.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
			if ua := r.header.Get("User-Agent"); !strings.Contains(ua, "partsync-go") {
				t.Errorf("User-Agent = %q", ua)
			}
			if tc.body == "" {
				if len(r.body) != 0 {
					t.Errorf("body = %q, want none", r.body)
				}
			} else {
				jsonEqual(t, r.body, tc.body)
			}
			if ct := r.header.Get("Content-Type"); tc.contentTypeJS != (ct == "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestTokenRequestSendsBasicAndForm(t *testing.T) {
	ws, c := newWire(t)
	ws.answer(200, `[]`)
	if _, err := c.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if len(ws.tokens) != 1 {
		t.Fatalf("%d token requests", len(ws.tokens))
	}
	tr := ws.tokens[0]
	req := http.Request{Header: tr.header}
	id, secret, ok := req.BasicAuth()
	form, _ := url.ParseQuery(string(tr.body))
	if tr.method != "POST" || !ok || id != testCreds.ClientID || secret != testCreds.ClientSecret {
		t.Errorf("token request: %s, Basic ok=%v id=%q", tr.method, ok, id)
	}
	if form.Get("grant_type") != "client_credentials" || form.Get("client_id") != testCreds.ClientID || form.Get("client_secret") != testCreds.ClientSecret {
		t.Errorf("token form fields: grant_type=%q client_id=%q client_secret set=%v", form.Get("grant_type"), form.Get("client_id"), form.Get("client_secret") != "")
	}
	if ct := tr.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		t.Errorf("token Content-Type = %q", ct)
	}
}

func TestDecodingTolerance(t *testing.T) {
	ctx := context.Background()
	ws, c := newWire(t)
	// The overview's sample: no page, status "Exported", totalCount a float.
	ws.answer(200, `{"hasMore":false,"totalCount":2.6,"limit":10,"creationIntents":[{"id":"1","createdAt":"2022-12-10T12:05:12.250+01:00","status":"Exported","metadata":{"[MANU]":"X","nested":{"a":[1,"b"]}}},{"id":"2","createdAt":"yesterday","status":"Ready"}]}`)
	p, err := c.CreationIntents.List(ctx, sparetech.ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalCount != 3 || p.Page != 0 || p.Items[0].Status != "Exported" || p.Items[0].Metadata["[MANU]"] != "X" {
		t.Errorf("page = %+v", p)
	}
	if want := time.Date(2022, 12, 10, 11, 5, 12, 250e6, time.UTC); !p.Items[0].CreatedAt.Equal(want) {
		t.Errorf("CreatedAt = %v", p.Items[0].CreatedAt)
	}
	if !p.Items[1].CreatedAt.IsZero() || p.Items[1].Metadata == nil || len(p.Items[1].Metadata) != 0 {
		t.Errorf("item without metadata / with an odd time: %+v", p.Items[1])
	}

	ws.answer(200, `<html>gateway</html>`)
	_, err = c.CreationIntents.Get(ctx, "1")
	if !errors.Is(err, sparetech.ErrDecode) {
		t.Errorf("HTML body: %v, want ErrDecode", err)
	}
}

func TestInvalidInputSendsNothing(t *testing.T) {
	ctx := context.Background()
	ws, c := newWire(t)
	from := time.Date(2022, 12, 13, 0, 0, 0, 0, time.UTC)
	calls := map[string]func() error{
		"limit 100": func() error { _, err := c.CreationIntents.List(ctx, sparetech.ListParams{Limit: 100}); return err },
		"limit -1":  func() error { _, err := c.ChangeIntents.List(ctx, sparetech.ListParams{Limit: -1}); return err },
		"page -1":   func() error { _, err := c.ExtensionIntents.List(ctx, sparetech.ListParams{Page: -1}); return err },
		"from after to": func() error {
			_, err := c.CreationIntents.List(ctx, sparetech.ListParams{CreatedFrom: from, CreatedTo: from.AddDate(0, 0, -1)})
			return err
		},
		"empty id":        func() error { _, err := c.CreationIntents.Get(ctx, ""); return err },
		"dot id":          func() error { return c.ChangeIntents.Confirm(ctx, "..") },
		"no material no.": func() error { _, err := c.CreationIntents.Confirm(ctx, "1", " "); return err },
		"reject no msg":   func() error { return c.CreationIntents.Reject(ctx, "1", "") },
		"reject blank":    func() error { return c.ChangeIntents.Reject(ctx, "1", "  ") },
		"ext reject":      func() error { return c.ExtensionIntents.Reject(ctx, "1", "") },
		"empty material":  func() error { return c.Materials.Create(ctx, nil) },
		"update no ref":   func() error { return c.Materials.Update(ctx, "", sparetech.Material{"a": 1}) },
		"extend empty":    func() error { return c.Materials.Extend(ctx, "M", sparetech.MaterialExtension{}) },
		"upsert no MATNR": func() error { return c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{}) },
		"upsert no WERKS": func() error {
			return c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{MARA: sparetech.MARA{MATNR: "M", MARC: &[]sparetech.MARC{{}}}})
		},
		"v2 confirm no number": func() error { return c.IntentsV2.ConfirmCreation(ctx, "1", "") },
		"v2 reject no msg":     func() error { return c.IntentsV2.RejectChange(ctx, "1", "") },
		"all limit 100": func() error {
			for _, err := range c.CreationIntents.All(ctx, sparetech.ListParams{Limit: 100}) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		err := call()
		if !errors.Is(err, sparetech.ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", name, err)
		}
	}
	if n := len(ws.requests()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
	err := c.MaterialsV2.Upsert(ctx, sparetech.UpsertMaterial{MARA: sparetech.MARA{MATNR: "M", MARC: &[]sparetech.MARC{{}}}})
	if err == nil || !strings.Contains(err.Error(), "MARA.MARC[0].WERKS") {
		t.Errorf("upsert error names the field: %v", err)
	}
}

func TestDocumentedErrorsAreClassified(t *testing.T) {
	ctx := context.Background()
	ws, c := newWire(t)
	cases := []struct {
		name   string
		status int
		body   string
		call   func() error
		is     []error
		not    []error
	}{
		{"create exists", 404, "Material reference already exists.",
			func() error { return c.Materials.Create(ctx, sparetech.Material{"Materialnummer": "M"}) },
			[]error{sparetech.ErrMaterialExists, sparetech.ErrConflict}, []error{sparetech.ErrPlantAlreadyIncluded}},
		{"update unknown", 404, "Material reference and/or plant couldn't be found.",
			func() error { return c.Materials.Update(ctx, "M", sparetech.Material{"a": 1}) },
			[]error{sparetech.ErrNotFound}, []error{sparetech.ErrMaterialExists, sparetech.ErrConflict}},
		{"update bad reference", 409, "Invalid material reference.",
			func() error { return c.Materials.Update(ctx, "M", sparetech.Material{"a": 1}) },
			[]error{sparetech.ErrInvalidMaterialReference, sparetech.ErrConflict}, []error{sparetech.ErrPlantAlreadyIncluded}},
		{"extend plant included", 409, "Plant is already included in material",
			func() error { return c.Materials.Extend(ctx, "M", sparetech.MaterialExtension{"[WERK]": "1"}) },
			[]error{sparetech.ErrPlantAlreadyIncluded, sparetech.ErrConflict}, []error{sparetech.ErrMaterialExists}},
		{"extend material fields", 422, "Material fields should not be part of an extension.",
			func() error { return c.Materials.Extend(ctx, "M", sparetech.MaterialExtension{"[MANU]": "1"}) },
			[]error{sparetech.ErrMaterialFieldsInExtension, sparetech.ErrBadRequest}, []error{sparetech.ErrConflict}},
		{"extend unknown", 404, "Material reference and/or plant couldn't be found.",
			func() error { return c.Materials.Extend(ctx, "M", sparetech.MaterialExtension{"[WERK]": "1"}) },
			[]error{sparetech.ErrNotFound}, []error{sparetech.ErrMaterialExists}},
		{"intent not found", 404, "Creation intent 5 couldn't be found",
			func() error { _, err := c.CreationIntents.Get(ctx, "5"); return err },
			[]error{sparetech.ErrNotFound}, []error{sparetech.ErrMaterialExists, sparetech.ErrConflict}},
		{"confirm not found", 404, "Change intent 5 couldn't be found",
			func() error { return c.ChangeIntents.Confirm(ctx, "5") },
			[]error{sparetech.ErrNotFound}, []error{sparetech.ErrMaterialExists}},
		// Classification is by operation and status, not by text.
		{"same text elsewhere", 404, "Material reference already exists.",
			func() error { return c.ExtensionIntents.Confirm(ctx, "5") },
			[]error{sparetech.ErrNotFound}, []error{sparetech.ErrMaterialExists}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws.answer(tc.status, tc.body)
			err := tc.call()
			var e *sparetech.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *sparetech.Error", err)
			}
			if e.StatusCode != tc.status || e.Message != tc.body || !strings.Contains(string(e.Body), tc.body) {
				t.Errorf("status %d message %q body %q", e.StatusCode, e.Message, e.Body)
			}
			for _, want := range tc.is {
				if !errors.Is(err, want) {
					t.Errorf("errors.Is(%v, %v) = false", err, want)
				}
			}
			for _, not := range tc.not {
				if errors.Is(err, not) {
					t.Errorf("errors.Is(%v, %v) = true", err, not)
				}
			}
		})
	}
}

func TestJSONErrorMessage(t *testing.T) {
	ws, c := newWire(t)
	ws.answer(400, `{"statusCode":400,"message":["limit must not be greater than 99","page must be a number"],"error":"Bad Request"}`)
	_, err := c.CreationIntents.List(context.Background(), sparetech.ListParams{})
	var e *sparetech.Error
	if !errors.As(err, &e) || e.Message != "limit must not be greater than 99; page must be a number" || !errors.Is(err, sparetech.ErrBadRequest) {
		t.Errorf("err = %v", err)
	}
}

func TestRateLimitIsExposed(t *testing.T) {
	ws, c := newWire(t)
	ws.mu.Lock()
	ws.respond = func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "100")
		w.Header().Set("X-RateLimit-Remaining", "42")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[]`)
	}
	ws.mu.Unlock()
	if _, err := c.Schema.Export(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rl := c.RateLimit(); rl.Limit != 100 || rl.Remaining != 42 {
		t.Errorf("RateLimit() = %+v", rl)
	}
}

func TestLogsKeepSecretsOut(t *testing.T) {
	var logs strings.Builder
	ws, c := newWire(t, sparetech.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	ws.answer(503, "busy")
	_, _ = c.CreationIntents.List(context.Background(), sparetech.ListParams{})
	ws.answer(200, `{"hasMore":false,"totalCount":0,"limit":10,"page":0,"creationIntents":[]}`)
	if _, err := c.CreationIntents.List(context.Background(), sparetech.ListParams{}); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{testCreds.ClientSecret, "wire-token"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs contain a secret (%d bytes of logs)", logs.Len())
		}
	}
	if logs.Len() == 0 {
		t.Error("the debug logger got nothing; the check above proves little")
	}
}

func TestLegacyTokenSpellings(t *testing.T) {
	for name, body := range map[string]string{
		"camelCase (reference)": `{"accessToken":"legacy-token","expiresIn":86400,"tokenType":"Bearer"}`,
		"snake_case (overview)": `{"access_token":"legacy-token","expires_in":86400.0,"token_type":"Bearer"}`,
		"no type":               `{"accessToken":"legacy-token","expiresIn":3600}`,
	} {
		t.Run(name, func(t *testing.T) {
			ws, c := newWire(t, sparetech.WithLegacyAuth())
			ws.legacy = body
			ws.answer(200, `[]`)
			if _, err := c.Schema.Export(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := ws.last(t).header.Get("Authorization"); got != "Bearer legacy-token" {
				t.Errorf("Authorization = %q", got)
			}
			ws.mu.Lock()
			defer ws.mu.Unlock()
			if len(ws.tokens) != 1 || ws.tokens[0].method != "POST" || ws.tokens[0].header.Get("Authorization") != "" {
				t.Errorf("legacy token requests: %d", len(ws.tokens))
			}
			var sent map[string]string
			if err := json.Unmarshal(ws.tokens[0].body, &sent); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"clientId": testCreds.ClientID, "clientSecret": testCreds.ClientSecret,
				"client_id": testCreds.ClientID, "client_secret": testCreds.ClientSecret}
			if !reflect.DeepEqual(sent, want) {
				t.Errorf("legacy body has keys %v, want both spellings of id and secret", slices.Sorted(maps.Keys(sent)))
			}
		})
	}
	ws, c := newWire(t, sparetech.WithLegacyAuth())
	ws.legacy = `{"tokenType":"Bearer"}`
	if _, err := c.Schema.Export(context.Background()); err == nil {
		t.Error("a token response without a token must fail")
	}
}
