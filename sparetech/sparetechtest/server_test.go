package sparetechtest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/sparetech"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// raw is a plain net/http client for the fake.
type raw struct {
	t     *testing.T
	s     *Server
	hc    *http.Client
	token string
}

func newRaw(t *testing.T, opts ...ServerOption) *raw {
	t.Helper()
	s := NewServer(opts...)
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		hc.CloseIdleConnections()
		s.Close()
	})
	return &raw{t: t, s: s, hc: hc}
}

func (r *raw) do(method, path, contentType, body string, hdr ...string) (int, string, http.Header) {
	r.t.Helper()
	req, err := http.NewRequest(method, r.s.srv.URL+path, strings.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		r.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (r *raw) login() {
	r.t.Helper()
	c := r.s.Credentials()
	form := url.Values{"client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}.Encode()
	status, body, _ := r.do("POST", "/v1/oauth/token", "application/x-www-form-urlencoded", form)
	if status != 200 {
		r.t.Fatalf("token: %d %s", status, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal([]byte(body), &tok); err != nil || tok.AccessToken == "" {
		r.t.Fatalf("token body %q: %v", body, err)
	}
	r.token = tok.AccessToken
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decoding %q: %v", body, err)
	}
	return v
}

func TestTokenEndpointAcceptsBasicFormAndBoth(t *testing.T) {
	r := newRaw(t, WithTokenTTL(time.Hour))
	c := r.s.Credentials()
	form := url.Values{"client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}.Encode()
	basic := func(req string) []string {
		h := http.Request{Header: http.Header{}}
		h.SetBasicAuth(c.ClientID, c.ClientSecret)
		return []string{"Authorization", h.Header.Get("Authorization")}
	}("")
	for name, tc := range map[string]struct {
		body string
		hdr  []string
	}{"form": {form, nil}, "basic": {"", basic}, "both": {form, basic}} {
		status, body, _ := r.do("POST", "/v1/oauth/token", "application/x-www-form-urlencoded", tc.body, tc.hdr...)
		tok := decode[map[string]any](t, body)
		if status != 200 || tok["token_type"] != "Bearer" || tok["expires_in"] != float64(3600) || tok["access_token"] == "" {
			t.Errorf("%s: %d %v", name, status, tok)
		}
	}
	if got := r.s.TokenRequests(); got != 3 {
		t.Errorf("TokenRequests() = %d, want 3", got)
	}

	status, body, _ := r.do("POST", "/v1/oauth/token", "application/x-www-form-urlencoded", "client_id=x&client_secret=y")
	if status != 401 || !strings.Contains(body, "invalid_client") {
		t.Errorf("bad credentials: %d %s", status, body)
	}
	mixed := url.Values{"client_id": {c.ClientID}, "client_secret": {"other"}}.Encode()
	if status, _, _ := r.do("POST", "/v1/oauth/token", "application/x-www-form-urlencoded", mixed, basic...); status != 401 {
		t.Errorf("Basic and form disagreeing: %d, want 401", status)
	}
}

func TestLegacyAuthBothSpellings(t *testing.T) {
	r := newRaw(t)
	c := r.s.Credentials()
	for _, body := range []string{
		`{"clientId":"` + c.ClientID + `","clientSecret":"` + c.ClientSecret + `"}`,
		`{"client_id":"` + c.ClientID + `","client_secret":"` + c.ClientSecret + `"}`,
	} {
		status, got, _ := r.do("POST", "/v1/auth", "application/json", body)
		tok := decode[map[string]any](t, got)
		if status != 200 || tok["accessToken"] == nil || tok["expiresIn"] != float64(86400) || tok["tokenType"] != "Bearer" {
			t.Errorf("legacy: %d %v", status, tok)
		}
	}
	if status, _, _ := r.do("POST", "/v2/auth", "application/json", `{"clientId":"a","clientSecret":"b"}`); status != 401 {
		t.Errorf("bad legacy credentials: %d", status)
	}
}

func TestTokenQuotaPerDay(t *testing.T) {
	now := time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC)
	r := newRaw(t, WithTokenQuota(2), WithClock(func() time.Time { return now }))
	r.login()
	r.login()
	c := r.s.Credentials()
	form := url.Values{"client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}.Encode()
	status, body, _ := r.do("POST", "/v1/oauth/token", "application/x-www-form-urlencoded", form)
	want := "You have exceeded your token quota and cannot create any more tokens until 2026-11-23T00:00:00Z"
	if status != 403 || body != want {
		t.Fatalf("third token: %d %q", status, body)
	}
	if status, _, _ := r.do("POST", "/v1/auth", "application/json", `{"clientId":"`+c.ClientID+`","clientSecret":"`+c.ClientSecret+`"}`); status != 403 {
		t.Errorf("legacy endpoint shares the quota: %d", status)
	}
	now = now.Add(2 * time.Hour) // the next UTC day
	r.login()
	if got := r.s.TokensIssued(); got != 3 {
		t.Errorf("TokensIssued() = %d, want 3", got)
	}
}

func TestBearerRequired(t *testing.T) {
	now := time.Now()
	r := newRaw(t, WithTokenTTL(time.Minute), WithClock(func() time.Time { return now }))
	if status, _, h := r.do("GET", "/v1/creation-intents", "", ""); status != 401 || h.Get("WWW-Authenticate") == "" {
		t.Errorf("no token: %d", status)
	}
	r.login()
	if status, _, _ := r.do("GET", "/v1/creation-intents", "", ""); status != 200 {
		t.Errorf("live token: %d", status)
	}
	now = now.Add(2 * time.Minute)
	if status, _, _ := r.do("GET", "/v1/creation-intents", "", ""); status != 401 {
		t.Errorf("expired token: %d", status)
	}
	now = now.Add(-2 * time.Minute)
	r.s.RevokeTokens()
	if status, _, _ := r.do("GET", "/v1/schema/export", "", ""); status != 401 {
		t.Errorf("revoked token: %d", status)
	}
}

type page struct {
	HasMore         bool             `json:"hasMore"`
	TotalCount      float64          `json:"totalCount"`
	Limit           int              `json:"limit"`
	Page            int              `json:"page"`
	CreationIntents []map[string]any `json:"creationIntents"`
	ChangeIntents   []map[string]any `json:"changeIntents"`
}

func ids(items []map[string]any) string {
	var out []string
	for _, it := range items {
		out = append(out, it["id"].(string))
	}
	return strings.Join(out, ",")
}

func TestDefaultSeedAndListFilters(t *testing.T) {
	r := newRaw(t)
	r.login()
	for _, tc := range []struct {
		query, ids string
		total      float64
		more       bool
		limit      int
	}{
		{"", "904100,904134,904135,904136", 4, false, 10},
		{"?status=Ready", "904134,904135,904136", 3, false, 10},
		{"?status=Done", "904100", 1, false, 10},
		{"?limit=2", "904100,904134", 4, true, 2},
		{"?limit=2&page=1", "904135,904136", 4, false, 2},
		{"?limit=2&page=5", "", 4, false, 2},
		{"?created.gt=2022-12-11", "904135,904136", 2, false, 10},                       // inclusive
		{"?created.gt=2022-12-10&created.lt=2022-12-11", "904134,904135", 2, false, 10}, // inclusive both ends
	} {
		status, body, h := r.do("GET", "/v1/creation-intents"+tc.query, "", "")
		p := decode[page](t, body)
		if status != 200 || h.Get("Content-Type") != "application/json" || ids(p.CreationIntents) != tc.ids ||
			p.TotalCount != tc.total || p.HasMore != tc.more || p.Limit != tc.limit {
			t.Errorf("%q: %d %+v", tc.query, status, p)
		}
	}
	for _, q := range []string{"limit=0", "limit=100", "limit=x", "page=-1", "status=Exported", "created.gt=10.12.2022", "changes.only=false"} {
		if status, _, _ := r.do("GET", "/v1/creation-intents?"+q, "", ""); status != 400 {
			t.Errorf("%s: %d, want 400", q, status)
		}
	}
}

func TestChangesOnly(t *testing.T) {
	r := newRaw(t)
	r.login()
	_, body, _ := r.do("GET", "/v1/change-intents?status=Ready", "", "")
	p := decode[page](t, body)
	if ids(p.ChangeIntents) != "904210,904211" {
		t.Fatalf("change intents: %s", body)
	}
	first := p.ChangeIntents[0]
	if first["materialNumber"] != "MAT-000101" || first["plant"] != "" || len(first["metadata"].(map[string]any)) != 1 {
		t.Errorf("changes only: %v", first)
	}
	_, body, _ = r.do("GET", "/v1/change-intents?changes.only=false", "", "")
	full := decode[page](t, body).ChangeIntents[0]["metadata"].(map[string]any)
	if full["MANU"] != "ifm" || full["DESC"] != "Proximity sensor M12, PNP" {
		t.Errorf("full metadata: %v", full)
	}
	_, body, _ = r.do("GET", "/v1/change-intents/904210?changes.only=false", "", "")
	if m := decode[map[string]any](t, body)["metadata"].(map[string]any); len(m) != 3 {
		t.Errorf("single full: %v", m)
	}
}

func TestConfirmAndRejectMoveReadyToDone(t *testing.T) {
	r := newRaw(t)
	r.login()
	status, body, _ := r.do("POST", "/v1/creation-intents/904134/confirm", "application/json", `{"materialNumber":"MAT-1"}`)
	if it := decode[map[string]any](t, body); status != 200 || it["status"] != "Done" || it["id"] != "904134" {
		t.Errorf("v1 creation confirm: %d %s", status, body)
	}
	if o, ok := r.s.Outcome("904134"); !ok || !o.Confirmed || o.MaterialNumber != "MAT-1" || o.Version != "v1" {
		t.Errorf("outcome: %+v %v", o, ok)
	}
	status, body, _ = r.do("POST", "/v1/creation-intents/904134/confirm", "application/json", `{"materialNumber":"MAT-9"}`)
	if o, _ := r.s.Outcome("904134"); status != 200 || o.MaterialNumber != "MAT-1" {
		t.Errorf("repeated confirm: %d %s, outcome %+v (the first one stays)", status, body, o)
	}
	if status, body, _ := r.do("POST", "/v1/creation-intents/904135/confirm", "application/json", `{}`); status != 400 {
		t.Errorf("missing materialNumber: %d %s", status, body)
	}
	if status, body, _ := r.do("POST", "/v2/creation-intents/904135/confirm", "application/json", `{"materialNumber":"MAT-2"}`); status != 200 || body != "OK" {
		t.Errorf("v2 creation confirm: %d %s", status, body)
	}
	if status, body, _ := r.do("POST", "/v1/change-intents/904210/confirm", "", ""); status != 200 || body != "OK" {
		t.Errorf("change confirm: %d %s", status, body)
	}
	if status, _, _ := r.do("POST", "/v1/extension-intents/904310/reject", "application/json", `{"message":" "}`); status != 400 {
		t.Errorf("blank message: %d", status)
	}
	if status, body, _ := r.do("POST", "/v2/extension-intents/904310/reject", "application/json", `{"message":"no plant 2000"}`); status != 200 || body != "OK" {
		t.Errorf("extension reject: %d %s", status, body)
	}
	if o, _ := r.s.Outcome("904310"); !o.Rejected || o.Message != "no plant 2000" || o.Version != "v2" {
		t.Errorf("reject outcome: %+v", o)
	}
	if st, _ := r.s.IntentStatus("904310"); st != sparetech.StatusDone {
		t.Errorf("rejected intent status %q, want Done", st)
	}
	_, body, _ = r.do("GET", "/v1/creation-intents?status=Ready", "", "")
	if got := ids(decode[page](t, body).CreationIntents); got != "904136" {
		t.Errorf("Ready after confirms: %s", got)
	}
	status, body, _ = r.do("GET", "/v1/creation-intents/999", "", "")
	if status != 404 || body != "Creation intent 999 couldn't be found" {
		t.Errorf("unknown: %d %q", status, body)
	}
	if status, body, _ := r.do("POST", "/v1/change-intents/904134/confirm", "", ""); status != 404 || !strings.HasPrefix(body, "Change intent") {
		t.Errorf("creation id on the change route: %d %q", status, body)
	}
}

func TestMaterialsDocumentedErrors(t *testing.T) {
	r := newRaw(t)
	r.login()
	post := func(method, path, body string) (int, string) {
		s, b, _ := r.do(method, path, "application/json", body)
		return s, b
	}
	mat := `{"material":{"Materialnummer":"MAT00001","[MANU]":"Sparetech","[WERK]":"1000","[EKGRP]":"HH"}}`
	for i, tc := range []struct {
		method, path, body string
		status             int
		text               string
	}{
		{"POST", "/v1/material", mat, 200, "OK"},
		{"POST", "/v1/material", mat, 404, "Material reference already exists."},
		{"POST", "/v1/material", `{"material":{}}`, 400, ""},
		{"PUT", "/v1/material/MAT00001", `{"material":{"[TYP]":"SPT.1"}}`, 200, "OK"},
		{"PUT", "/v1/material/NOPE", `{"material":{"[TYP]":"x"}}`, 404, "Material reference and/or plant couldn't be found."},
		{"PUT", "/v1/material/MAT00001", `{"material":{"[WERK]":"9999","[EKGRP]":"x"}}`, 404, "Material reference and/or plant couldn't be found."},
		{"PUT", "/v1/material/MAT00001", `{"material":{"Materialnummer":"OTHER"}}`, 409, "Invalid material reference."},
		{"POST", "/v1/material/MAT00001/extend", `{"material":{"[WERK]":"2000","[MANU]":"x"}}`, 422, "Material fields should not be part of an extension."},
		{"POST", "/v1/material/MAT00001/extend", `{"material":{"[WERK]":"1000"}}`, 409, "Plant is already included in material"},
		{"POST", "/v1/material/NOPE/extend", `{"material":{"[WERK]":"1000"}}`, 404, "Material reference and/or plant couldn't be found."},
		{"POST", "/v1/material/MAT00001/extend", `{"material":{"[WERK]":"2000","[EKGRP]":"HR"}}`, 200, "OK"},
	} {
		status, body := post(tc.method, tc.path, tc.body)
		if status != tc.status || (tc.text != "" && body != tc.text) {
			t.Errorf("%d: %s %s = %d %q, want %d %q", i, tc.method, tc.path, status, body, tc.status, tc.text)
		}
	}
	m := r.s.Materials()["MAT00001"]
	if m["[MANU]"] != "Sparetech" || m["[TYP]"] != "SPT.1" || m["[WERK]"] != nil {
		t.Errorf("material: %v", m)
	}
	plants := r.s.Plants("MAT00001")
	if len(plants) != 2 || plants["1000"]["[EKGRP]"] != "HH" || plants["2000"]["[EKGRP]"] != "HR" {
		t.Errorf("plants: %v", plants)
	}
}

func TestUpsertV2(t *testing.T) {
	r := newRaw(t)
	r.login()
	if status, _, _ := r.do("POST", "/v2/material", "application/json", `{"MARA":{"MATNR":""}}`); status != 400 {
		t.Errorf("empty MATNR: %d", status)
	}
	status, body, _ := r.do("POST", "/v2/material", "application/json", `{"MARA":{"MATNR":"M1","MARC":[{"WERKS":"1000","MINBE":5}]}}`)
	up := r.s.UpsertsV2()
	if status != 200 || body != "OK" || len(up) != 1 || up[0].MARA.MATNR != "M1" || (*up[0].MARA.MARC)[0].WERKS != "1000" || *(*up[0].MARA.MARC)[0].MINBE != 5 {
		t.Errorf("upsert: %d %s %+v", status, body, up)
	}
}

func TestSchemas(t *testing.T) {
	r := newRaw(t, WithExportSchema("A", "[B]"))
	r.login()
	_, body, _ := r.do("GET", "/v1/schema/export", "", "")
	if got := decode[[]string](t, body); strings.Join(got, "|") != "A|[B]" {
		t.Errorf("export: %v", got)
	}
	_, body, _ = r.do("GET", "/v1/schema/import", "", "")
	if got := decode[[]string](t, body); len(got) == 0 || got[0] != "Materialnummer" {
		t.Errorf("import: %v", got)
	}
}

func TestFaults(t *testing.T) {
	r := newRaw(t)
	r.login()
	r.s.InjectFault(Fault{Status: 503, RetryAfter: "7", PathPrefix: "/v1/creation-intents", Method: "GET"}, 2)
	if status, _, _ := r.do("GET", "/v1/schema/export", "", ""); status != 200 {
		t.Errorf("non-matching path must not be hit: %d", status)
	}
	for i := range 2 {
		status, _, h := r.do("GET", "/v1/creation-intents", "", "")
		if status != 503 || h.Get("Retry-After") != "7" {
			t.Errorf("fault %d: %d %v", i, status, h)
		}
	}
	if status, _, _ := r.do("GET", "/v1/creation-intents", "", ""); status != 200 {
		t.Errorf("after the faults: %d", status)
	}

	r.s.InjectFault(Fault{Reset: true}, 1)
	req, _ := http.NewRequest("GET", r.s.srv.URL+"/v1/creation-intents", nil)
	req.Header.Set("Authorization", "Bearer "+r.token)
	// A fresh connection: net/http silently retries a GET whose reused
	// connection dies before answering.
	fresh := &http.Client{Transport: &http.Transport{}}
	defer fresh.CloseIdleConnections()
	if resp, err := fresh.Do(req); err == nil {
		resp.Body.Close()
		t.Error("reset: want a transport error")
	}

	r.s.InjectFault(Fault{Truncate: true}, 1)
	req, _ = http.NewRequest("GET", r.s.srv.URL+"/v1/creation-intents", nil)
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := r.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body read: %v, want unexpected EOF", err)
	}

	r.s.InjectFault(Fault{Delay: time.Millisecond}, 1)
	if status, _, _ := r.do("GET", "/v1/creation-intents", "", ""); status != 200 {
		t.Errorf("delay only: %d", status)
	}
	n := len(r.s.Requests())
	if got := r.s.Requests()[n-1]; got.Method != "GET" || got.Path != "/v1/creation-intents" || !strings.HasPrefix(got.Header.Get("Authorization"), "Bearer ") {
		t.Errorf("recorded: %+v", got.Path)
	}
}

func TestSeedHelpers(t *testing.T) {
	s := NewServer(WithoutSeed(), WithClock(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC) }))
	defer s.Close()
	got := s.SeedCreationIntent(sparetech.CreationIntent{Metadata: map[string]any{"[MANU]": "X"}})
	if got.ID == "" || got.Status != sparetech.StatusReady || !got.CreatedAt.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) || got.CreatedBy.Email == "" {
		t.Errorf("seeded: %+v", got)
	}
	if it, ok := s.CreationIntent(got.ID); !ok || it.Metadata["[MANU]"] != "X" {
		t.Errorf("stored: %+v", it)
	}
	defer func() {
		if recover() == nil {
			t.Error("a duplicate id must panic")
		}
	}()
	s.SeedExtensionIntent(sparetech.ExtensionIntent{ID: got.ID})
}
