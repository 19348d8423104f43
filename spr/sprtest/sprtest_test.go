package sprtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/spr"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// login runs a password grant with plain net/http and returns the token body.
func login(t *testing.T, s *Server, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	return do(t, s, req)
}

func do(t *testing.T, s *Server, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s %s: status %d, body is not JSON: %.80q", req.Method, req.URL.Path, resp.StatusCode, b)
	}
	return resp.StatusCode, m
}

func passwordForm(s *Server) url.Values {
	c := s.Credentials()
	return url.Values{"grant_type": {"password"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret},
		"username": {c.Username + "@" + c.Locale}, "password": {c.Password}}
}

func get(t *testing.T, s *Server, token, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL()+path, nil)
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, s, req)
}

func TestPasswordGrantAndRotation(t *testing.T) {
	s := NewServer(WithTokenLifetime(time.Hour))
	defer s.Close()

	status, tok := login(t, s, passwordForm(s))
	if status != 200 || tok["token_type"] != "Bearer" || tok["expires_in"] != float64(3600) {
		t.Fatalf("password grant: %d token_type=%v expires_in=%v", status, tok["token_type"], tok["expires_in"])
	}
	access1, refresh1 := tok["access_token"].(string), tok["refresh_token"].(string)
	if !strings.HasPrefix(refresh1, "def50200") || access1 == "" {
		t.Fatal("token shapes differ from the vendor's")
	}
	code := s.Products()[0].Code
	if st, _ := get(t, s, access1, "/es_MX/api/products/"+code); st != 200 {
		t.Fatalf("first access token: status %d", st)
	}

	refresh := url.Values{"grant_type": {"refresh_token"}, "client_id": {ClientID}, "client_secret": {ClientSecret}, "refresh_token": {refresh1}}
	status, tok2 := login(t, s, refresh)
	if status != 200 {
		t.Fatalf("refresh grant: %d %v", status, tok2["error"])
	}
	access2 := tok2["access_token"].(string)
	if access2 == access1 || tok2["refresh_token"] == refresh1 {
		t.Fatal("refresh did not rotate the pair")
	}
	// Rotation: the old access token and the used refresh token are dead.
	if st, body := get(t, s, access1, "/es_MX/api/products/"+code); st != 401 || body["message"] != "Unauthenticated." {
		t.Fatalf("old access token after refresh: %d %v", st, body)
	}
	if st, _ := get(t, s, access2, "/es_MX/api/products/"+code); st != 200 {
		t.Fatalf("new access token: status %d", st)
	}
	status, e := login(t, s, refresh)
	if status != 400 || e["error"] != "invalid_grant" {
		t.Fatalf("reused refresh token: %d %v", status, e["error"])
	}
	if n := s.TokenRequests("refresh_token"); n != 2 {
		t.Fatalf("refresh_token requests = %d, want 2", n)
	}
	if n := s.TokenRequests("password"); n != 1 {
		t.Fatalf("password requests = %d, want 1", n)
	}
	g := s.TokenGrants()
	if len(g) != 3 || g[2].Error != "invalid_grant" || g[2].Status != 400 || g[1].Username != "demo@es_MX" {
		t.Fatalf("grants = %+v", g)
	}
	if s.LiveSessions() != 1 {
		t.Fatalf("live sessions = %d, want 1", s.LiveSessions())
	}
}

func TestTokenErrors(t *testing.T) {
	s := NewServer()
	defer s.Close()
	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
		code   string
	}{
		{"wrong password", func(f url.Values) { f.Set("password", "nope") }, 400, "invalid_grant"},
		{"no region", func(f url.Values) { f.Set("username", DefaultUser) }, 400, "invalid_grant"},
		{"wrong region", func(f url.Values) { f.Set("username", DefaultUser+"@es_GT") }, 400, "invalid_grant"},
		{"wrong client", func(f url.Values) { f.Set("client_secret", "x") }, 401, "invalid_client"},
		{"missing password", func(f url.Values) { f.Del("password") }, 400, "invalid_request"},
		{"unknown grant", func(f url.Values) { f.Set("grant_type", "client_credentials") }, 400, "unsupported_grant_type"},
	}
	for _, c := range cases {
		f := passwordForm(s)
		c.edit(f)
		status, body := login(t, s, f)
		if status != c.status || body["error"] != c.code || body["message"] == "" {
			t.Errorf("%s: %d %v, want %d %s", c.name, status, body["error"], c.status, c.code)
		}
	}
	if st, body := login(t, s, url.Values{}); st != 400 || body["error"] != "unsupported_grant_type" {
		t.Errorf("empty form: %d %v", st, body["error"])
	}
}

func token(t *testing.T, s *Server) string {
	t.Helper()
	_, tok := login(t, s, passwordForm(s))
	return tok["access_token"].(string)
}

func TestProductPermissions(t *testing.T) {
	s := NewServer(WithUser(User{Username: "limited", Password: "pw", Locale: "es_MX",
		Permissions: Permissions{CustomerPrice: true, Stock: true}, Branches: []int{2}}))
	defer s.Close()
	code := s.Products()[0].Code

	_, full := get(t, s, token(t, s), "/es_MX/api/products/"+code)
	for _, k := range []string{"code", "detailed_description", "picture_url", "apps", "price_00", "price_01", "stock", "category", "props", "oems", "interchanges"} {
		if _, ok := full[k]; !ok {
			t.Errorf("full user: %s missing", k)
		}
	}
	if p := full["price_00"].(map[string]any); p["sufix"] != "MXN" || p["prefix"] != "$" {
		t.Errorf("price_00 = %v", p)
	}

	f := passwordForm(s)
	f.Set("username", "limited@es_MX")
	f.Set("password", "pw")
	_, tok := login(t, s, f)
	_, lim := get(t, s, tok["access_token"].(string), "/es_MX/api/products/"+code)
	for _, k := range []string{"apps", "price_00", "props", "oems", "interchanges"} {
		if _, ok := lim[k]; ok {
			t.Errorf("limited user sees %s", k)
		}
	}
	stock := lim["stock"].([]any)
	if len(stock) != 1 || stock[0].(map[string]any)["branch_id"] != float64(2) {
		t.Errorf("limited user stock = %v, want branch 2 only", stock)
	}
	if _, ok := lim["price_01"]; !ok {
		t.Error("limited user misses price_01")
	}
}

func TestApplicationsKeyAndStringNumbers(t *testing.T) {
	s := NewServer(WithApplicationsKey(), WithStringNumbers(), WithPaginationTotals())
	defer s.Close()
	tok := token(t, s)
	_, p := get(t, s, tok, "/es_MX/api/products/"+s.Products()[0].Code)
	if _, ok := p["apps"]; ok {
		t.Error("apps sent with WithApplicationsKey")
	}
	if _, ok := p["applications"]; !ok {
		t.Error("applications missing")
	}
	if v, ok := p["price_01"].(map[string]any)["value"].(string); !ok || v == "" {
		t.Errorf("price value = %v, want a string", p["price_01"])
	}
	_, page := get(t, s, tok, "/es_MX/api/products?year=2011&make=ford")
	for _, k := range []string{"current_page", "per_page", "from", "to", "last_page", "total"} {
		if _, ok := page[k].(string); !ok {
			t.Errorf("%s = %#v, want a string", k, page[k])
		}
	}
}

func TestCatalogPagesAndValidation(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok := token(t, s)
	want := s.CatalogCodes(spr.CatalogQuery{Year: 2011, Make: "FORD"})
	if len(want) <= 60 {
		t.Fatalf("FORD 2011 matches %d products; the seeded catalog should span more than two pages", len(want))
	}
	var got []string
	for page := 1; ; page++ {
		st, body := get(t, s, tok, "/es_MX/api/products?year=2011&make=ford&page="+strconv.Itoa(page))
		if st != 200 || body["current_page"] != float64(page) || body["per_page"] != float64(30) {
			t.Fatalf("page %d: %d %v", page, st, body["current_page"])
		}
		if _, ok := body["total"]; ok {
			t.Fatal("total sent without WithPaginationTotals")
		}
		data := body["data"].([]any)
		if len(data) == 0 {
			if body["from"] != nil || body["to"] != nil {
				t.Fatalf("empty page from/to = %v/%v, want null", body["from"], body["to"])
			}
			break
		}
		if body["from"] != float64((page-1)*30+1) || body["to"] != float64((page-1)*30+len(data)) {
			t.Fatalf("page %d from/to = %v/%v", page, body["from"], body["to"])
		}
		for _, d := range data {
			item := d.(map[string]any)
			for _, k := range []string{"apps", "props", "interchanges"} {
				if _, ok := item[k]; ok {
					t.Fatalf("catalog item has %s", k)
				}
			}
			got = append(got, item["code"].(string))
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("walked %d codes, want %d", len(got), len(want))
	}

	st, body := get(t, s, tok, "/es_MX/api/products?model=fiesta")
	errs, _ := body["errors"].(map[string]any)
	if st != 422 || errs["year"] == nil || errs["make"] == nil || body["message"] != "The year field is required. (and 1 more error)" {
		t.Fatalf("catalog without year and make: %d %v", st, body)
	}
	_, narrowed := get(t, s, tok, "/es_MX/api/products?year=2011&make=FORD&model=FIESTA&category=mazas+de+rueda")
	for _, d := range narrowed["data"].([]any) {
		if d.(map[string]any)["category"].(map[string]any)["plural"] != "Mazas de Rueda" {
			t.Fatal("category filter let another category through")
		}
	}
}

func TestSearch(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok := token(t, s)
	_, body := get(t, s, tok, "/es_MX/api/products?search=balatas+aveo")
	data := body["data"].([]any)
	if len(data) == 0 {
		t.Fatal("search for balatas aveo found nothing")
	}
	if len(data) != min(len(s.SearchCodes("balatas aveo")), 30) {
		t.Fatalf("search returned %d, SearchCodes %d", len(data), len(s.SearchCodes("balatas aveo")))
	}
	for _, d := range data {
		p, _ := s.Product(d.(map[string]any)["code"].(string))
		if !strings.Contains(searchText(&p), "aveo") || !strings.Contains(searchText(&p), "balatas") {
			t.Fatalf("%s matches without both terms", p.Code)
		}
	}
	if st, _ := get(t, s, tok, "/es_MX/api/products?search=%20"); st != 422 {
		t.Fatalf("blank search: %d, want 422", st)
	}
}

func TestInventory(t *testing.T) {
	s := NewServer(WithLocale("es_GT"))
	defer s.Close()
	tok := token(t, s)
	st, body := get(t, s, tok, "/es_GT/api/inventory?page=3&enterprise=rodatech")
	data := body["data"].([]any)
	if st != 200 || len(data) != 50 || body["from"] != float64(201) || body["to"] != float64(250) || body["per_page"] != float64(100) {
		t.Fatalf("rodatech page 3: %d, %d records, from %v to %v", st, len(data), body["from"], body["to"])
	}
	rec := data[0].(map[string]any)
	for _, k := range []string{"NOMBRECINTO", "FECHAINGRECINTO", "CANTBULTOSING", "IMPUESTOS", "ESTATUS"} {
		if _, ok := rec[k].(string); !ok {
			t.Errorf("%s = %#v, want a string", k, rec[k])
		}
	}
	_, def := get(t, s, tok, "/es_GT/api/inventory")
	if len(def["data"].([]any)) != 100 {
		t.Fatal("default enterprise is not rodatech")
	}
	if st, _ := get(t, s, tok, "/es_GT/api/inventory?enterprise=acme"); st != 422 {
		t.Fatalf("unknown enterprise: %d", st)
	}
	_, shark := get(t, s, tok, "/es_GT/api/inventory?enterprise=shark&CANTBULTOSING=6")
	for _, d := range shark["data"].([]any) {
		if d.(map[string]any)["CANTBULTOSING"] != "6.0" {
			t.Fatal("CANTBULTOSING=6 let another count through")
		}
	}

	mx := NewServer()
	defer mx.Close()
	if st, _ := get(t, mx, token(t, mx), "/es_MX/api/inventory"); st != 404 {
		t.Fatalf("inventory outside Guatemala: %d, want 404", st)
	}
}

func TestAPIErrors(t *testing.T) {
	s := NewServer()
	defer s.Close()
	if st, body := get(t, s, "", "/es_MX/api/products/X"); st != 401 || body["message"] != "Unauthenticated." {
		t.Fatalf("no token: %d %v", st, body)
	}
	tok := token(t, s)
	if st, _ := get(t, s, tok, "/es_MX/api/products/NOPE-1"); st != 404 {
		t.Fatalf("unknown code: %d", st)
	}
	if st, _ := get(t, s, tok, "/es_GT/api/products/NOPE-1"); st != 403 {
		t.Fatalf("other region: %d", st)
	}
	if st, _ := get(t, s, tok, "/es_MX/api/orders"); st != 404 {
		t.Fatalf("unknown route: %d", st)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/es_MX/api/products/X", nil)
	req.Header.Set("Accept", "application/json")
	if st, _ := do(t, s, req); st != 405 {
		t.Fatalf("POST product: %d", st)
	}
	s.AddProduct(spr.Product{Code: "A/B 1"})
	if st, body := get(t, s, tok, "/es_MX/api/products/"+url.PathEscape("A/B 1")); st != 200 || body["code"] != "A/B 1" {
		t.Fatalf("escaped code: %d %v", st, body["code"])
	}
	s.ExpireAccessTokens()
	if st, _ := get(t, s, tok, "/es_MX/api/products/A%2FB%201"); st != 401 {
		t.Fatalf("expired token: %d", st)
	}
}

func TestFaults(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok := token(t, s)
	s.InjectFault(2, Fault{Status: 503, RetryAfter: 3 * time.Second})
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, s.URL()+"/es_MX/api/products/X", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "3" {
			t.Fatalf("fault: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	if st, _ := get(t, s, tok, "/es_MX/api/products/"+s.Products()[0].Code); st != 200 {
		t.Fatalf("after the faults: %d", st)
	}

	s.InjectFault(1, Fault{Reset: true})
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/es_MX/api/products/X", nil)
	// A fresh connection: net/http replays a GET whose reused connection drops.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := fresh.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("reset fault answered")
	}

	s.InjectFault(1, Fault{Truncate: true})
	req, _ = http.NewRequest(http.MethodGet, s.URL()+"/es_MX/api/products?search=x", nil)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if json.Valid(b) {
		t.Fatal("truncated body is valid JSON")
	}

	s.InjectFault(1, Fault{Token: true, Status: 500})
	if st, _ := login(t, s, passwordForm(s)); st != 500 {
		t.Fatalf("token fault: %d", st)
	}
	if st, _ := login(t, s, passwordForm(s)); st != 200 {
		t.Fatalf("after token fault: %d", st)
	}
	reqs := s.Requests()
	if reqs[len(reqs)-1].Form.Get("grant_type") != "password" || reqs[len(reqs)-2].Status != 500 {
		t.Fatal("requests not recorded with form and status")
	}
}

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	s := NewServer(WithThrottle(2), WithClock(func() time.Time { return now }))
	defer s.Close()
	tok := token(t, s)
	for range 2 {
		if st, _ := get(t, s, tok, "/es_MX/api/products/"+s.Products()[0].Code); st != 200 {
			t.Fatalf("within the limit: %d", st)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/es_MX/api/products/X", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "60" || resp.Header.Get("X-RateLimit-Remaining") != "0" ||
		resp.Header.Get("X-RateLimit-Reset") != "1767261660" {
		t.Fatalf("over the limit: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestCatalogIsDeterministic(t *testing.T) {
	a, b := generateCatalog(300, 1), generateCatalog(300, 1)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("same seed, different catalog")
	}
	c := generateCatalog(300, 2)
	jc, _ := json.Marshal(c)
	if string(ja) == string(jc) {
		t.Fatal("different seeds, same catalog")
	}
	seen := map[string]bool{}
	makes := map[string]bool{}
	for _, p := range a {
		if seen[p.Code] {
			t.Fatalf("duplicate code %s", p.Code)
		}
		seen[p.Code] = true
		for mk := range p.Apps {
			makes[mk] = true
		}
	}
	if len(makes) < 8 {
		t.Fatalf("catalog covers %d makes", len(makes))
	}
}

func TestWithoutAcceptJSONLaravelAnswersHTML(t *testing.T) {
	s := NewServer()
	defer s.Close()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(s.URL() + "/es_MX/api/products/X")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 302 || resp.Header.Get("Location") != "/login" {
		t.Fatalf("unauthenticated without Accept: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Followed, the redirect ends on the login form: 200 and HTML.
	resp, err = s.Client().Get(s.URL() + "/es_MX/api/products/X")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "Iniciar") {
		t.Fatalf("followed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// With a token but no Accept, a 404 is an HTML page.
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/es_MX/api/products/NOPE", nil)
	req.Header.Set("Authorization", "Bearer "+token(t, s))
	resp, err = s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("404 without Accept: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
