package servicemobilitytest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	sm "github.com/partsync/partsync-go/servicemobility"
	smt "github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

func postJSON(t *testing.T, url, token, body string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("x-access-token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestFakeCreateJWT(t *testing.T) {
	s := smt.NewServer(smt.WithUser(sm.Login{Username: "tech7", Password: "pw7"}, sm.Identity{Name: "Tech Seven", Email: "t7@example.com"}),
		smt.WithTokenTTL(10*time.Minute))
	defer s.Close()
	if s.Credentials() != (sm.Login{Username: "tech7", Password: "pw7"}) {
		t.Errorf("Credentials %v", s.Credentials())
	}
	status, h, body := postJSON(t, s.URL()+"/createjwt", "", `{"username":"tech7","password":"pw7"}`)
	var out struct{ Token string }
	if status != 200 || h.Get("Content-Type") != "application/json" || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("%d %q", status, body)
	}
	claims := jwt.MapClaims{}
	if _, err := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired()).
		ParseWithClaims(out.Token, claims, func(*jwt.Token) (any, error) { return s.SigningKey(), nil }); err != nil {
		t.Fatal(err)
	}
	if claims["name"] != "Tech Seven" || claims["email"] != "t7@example.com" || claims["exp"].(float64)-claims["iat"].(float64) != 600 {
		t.Errorf("claims %v", claims)
	}
	for _, bad := range []string{`{"username":"tech7","password":"nope"}`, `{"username":"x","password":"pw7"}`, `{"username":"tech7"}`} {
		if status, _, body := postJSON(t, s.URL()+"/createjwt", "", bad); status != 401 || body != "Invalid Logon." {
			t.Errorf("%s: %d %q", bad, status, body)
		}
	}
	if status, _, _ := postJSON(t, s.URL()+"/createjwt", "", `{`); status != 500 {
		t.Errorf("malformed login: %d", status)
	}
	if s.LoginRequests() != 5 {
		t.Errorf("LoginRequests %d", s.LoginRequests())
	}
	// A default user exists when none is configured, with a random password.
	d := smt.NewServer()
	defer d.Close()
	if c := d.Credentials(); c.Username == "" || len(c.Password) < 10 {
		t.Errorf("default credentials %v", c)
	}
}

// endpoint records what the fake relays and answers as told.
type endpoint struct {
	mu     sync.Mutex
	got    []*http.Request
	bodies []string
	status int
	body   string
	ctype  string
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	e.got = append(e.got, r)
	e.bodies = append(e.bodies, string(b))
	e.mu.Unlock()
	w.Header().Set("Content-Type", e.ctype)
	w.WriteHeader(e.status)
	_, _ = io.WriteString(w, e.body)
}

func TestFakeRelaysExactly(t *testing.T) {
	cases := []struct {
		status      int
		body, ctype string
	}{
		{200, `{"Orders":[],"Status":"2001","StatusMsg":"account on hold"}`, "application/json"},
		{401, "Invalid Logon.", "text/plain"},
		{500, "ERP unavailable: try later", "text/plain; charset=utf-8"},
	}
	for _, tc := range cases {
		ep := &endpoint{status: tc.status, body: tc.body, ctype: tc.ctype}
		srv := httptest.NewServer(ep)
		s := smt.NewServer(smt.WithEntityServiceURI(srv.URL + "/erp/parts?tenant=7"))
		tok := s.IssueToken("tech01")
		order := `{"WorkOrder":"WO-1","Command":1001,"Parts":[{"ProdNum":"P","Qty":10.0}]}`
		status, h, body := postJSON(t, s.URL()+"/seiapi/v3/mobile/PartsOrdering", tok, order)
		if status != tc.status || body != tc.body || h.Get("Content-Type") != tc.ctype {
			t.Errorf("relayed %d %q %q, want %d %q %q", status, body, h.Get("Content-Type"), tc.status, tc.body, tc.ctype)
		}
		if len(ep.got) != 1 {
			t.Fatalf("endpoint got %d requests", len(ep.got))
		}
		r := ep.got[0]
		if r.Method != "POST" || r.URL.Path != "/erp/parts" || r.URL.RawQuery != "tenant=7" || r.Header.Get("Content-Type") != "application/json" ||
			r.Header.Get("x-access-token") != tok || ep.bodies[0] != order {
			t.Errorf("relayed request %s %s?%s %v %q", r.Method, r.URL.Path, r.URL.RawQuery, r.Header, ep.bodies[0])
		}
		rel := s.Relays()
		if len(rel) != 1 || rel[0].StatusCode != tc.status || string(rel[0].ResponseBody) != tc.body || string(rel[0].Body) != order {
			t.Errorf("Relays %+v", rel)
		}
		s.Close()
		srv.Close()
	}
}

func TestFakeRefusesAndFails(t *testing.T) {
	ep := &endpoint{status: 200, body: `{"Orders":[]}`, ctype: "application/json"}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	s := smt.NewServer()
	defer s.Close()
	url := s.URL() + smt.PartsOrderingPath
	tok := s.IssueToken("tech01")

	if status, _, body := postJSON(t, url, tok, `{}`); status != 500 || !strings.Contains(body, "EntityServiceURI is not configured") {
		t.Errorf("unconfigured: %d %q", status, body)
	}
	s.SetEntityServiceURI(srv.URL)
	expired := sign(t, jwt.MapClaims{"exp": time.Now().Add(-time.Minute).Unix()}, s.SigningKey())
	forged := sign(t, jwt.MapClaims{"exp": time.Now().Add(time.Hour).Unix()}, []byte("other"))
	for name, bad := range map[string]string{"missing": "", "expired": expired, "forged": forged, "garbage": "x.y.z"} {
		if status, _, body := postJSON(t, url, bad, `{}`); status != 401 || body != "Invalid Logon." {
			t.Errorf("%s token: %d %q", name, status, body)
		}
	}
	// A token signed with the fake's key but not issued by it is accepted too.
	if status, _, _ := postJSON(t, url, sign(t, jwt.MapClaims{"exp": time.Now().Add(time.Hour).Unix()}, s.SigningKey()), `{}`); status != 200 {
		t.Errorf("self-signed token: %d", status)
	}
	if status, _, body := postJSON(t, url, tok, `{"Parts":`); status != 400 || !strings.HasPrefix(body, "invalid Parts Ordering Object") {
		t.Errorf("malformed: %d %q", status, body)
	}
	if len(ep.got) != 1 {
		t.Errorf("endpoint got %d requests, want only the accepted one", len(ep.got))
	}
	s.RevokeTokens()
	if status, _, _ := postJSON(t, url, tok, `{}`); status != 401 {
		t.Errorf("revoked token: %d", status)
	}
	srv.Close()
	if status, _, body := postJSON(t, url, s.IssueToken("tech01"), `{}`); status != 500 || !strings.Contains(body, "could not be reached") {
		t.Errorf("unreachable endpoint: %d %q", status, body)
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	reqs := s.Requests()
	if len(reqs) != 10 || reqs[0].Path != smt.PartsOrderingPath || reqs[0].Header.Get("x-access-token") != tok {
		t.Errorf("%d requests recorded", len(reqs))
	}
}

func sign(t *testing.T, claims jwt.MapClaims, key []byte) string {
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFakeExternalAuth(t *testing.T) {
	customerKey := []byte("customer-key")
	users := sm.StaticUsers(sm.StaticUser{Username: "ann", Password: "ann-pw", Identity: sm.Identity{Name: "Ann"}})
	authSrv := httptest.NewServer(sm.NewAuthenticationHandler(users, customerKey, time.Hour))
	defer authSrv.Close()
	svc := sm.PartsOrderingFunc(func(ctx context.Context, o *sm.PartsOrder) (*sm.PartsOrderResponse, error) {
		c, _ := sm.ClaimsFromContext(ctx)
		return &sm.PartsOrderResponse{Status: "1000", StatusMsg: "for " + c.Name}, nil
	})
	partsSrv := httptest.NewServer(sm.NewPartsOrderingHandler(svc, sm.WithJWTSecret(customerKey)))
	defer partsSrv.Close()
	s := smt.NewServer(smt.WithExternalAuth(authSrv.URL), smt.WithEntityServiceURI(partsSrv.URL))
	defer s.Close()

	c, err := sm.NewClient(s.URL(), sm.Login{Username: "ann", Password: "ann-pw"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.PartsOrdering.Submit(context.Background(), smt.SampleOrder())
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusMsg != "for Ann" {
		t.Errorf("%+v", resp)
	}
	bad, _ := sm.NewClient(s.URL(), sm.Login{Username: "ann", Password: "wrong"})
	if _, err := bad.PartsOrdering.Submit(context.Background(), smt.SampleOrder()); !errors.Is(err, sm.ErrInvalidLogon) {
		t.Errorf("wrong password: %v", err)
	}
	broken := smt.NewServer(smt.WithExternalAuth(partsSrv.URL)) // answers 401 to a login
	defer broken.Close()
	if status, _, _ := postJSON(t, broken.URL()+"/createjwt", "", `{"username":"ann","password":"ann-pw"}`); status != 401 {
		t.Errorf("auth endpoint refusing: %d", status)
	}
}

func TestFakeFaults(t *testing.T) {
	ep := &endpoint{status: 200, body: `{"Orders":[]}`, ctype: "application/json"}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	s := smt.NewServer(smt.WithEntityServiceURI(srv.URL))
	defer s.Close()
	s.FailNext(1, smt.Fault{Path: smt.PartsOrderingPath, Status: 503, Body: "maintenance", RetryAfter: "7"})
	s.FailNext(1, smt.Fault{Reset: true})
	tok := s.IssueToken("tech01")
	// The first fault only matches PartsOrdering: the login is not affected by it, but by the second.
	if _, err := http.Post(s.URL()+"/createjwt", "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("connection reset fault did not reset")
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+smt.PartsOrderingPath, strings.NewReader(`{}`))
	req.Header.Set("x-access-token", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "7" || string(b) != "maintenance" {
		t.Errorf("fault: %d %q %q", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	if status, _, _ := postJSON(t, s.URL()+smt.PartsOrderingPath, tok, `{}`); status != 200 {
		t.Errorf("after the faults: %d", status)
	}
	if len(ep.got) != 1 {
		t.Errorf("endpoint got %d", len(ep.got))
	}
}

func TestFakeDelayAndTruncate(t *testing.T) {
	ep := &endpoint{status: 200, body: `{"Orders":[]}`, ctype: "application/json"}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	s := smt.NewServer(smt.WithEntityServiceURI(srv.URL))
	defer s.Close()
	c, err := sm.NewClient(s.URL(), s.Credentials(), sm.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	s.FailNext(1, smt.Fault{Path: smt.PartsOrderingPath, Truncate: true})
	if _, err := c.PartsOrdering.Submit(context.Background(), smt.SampleOrder()); err == nil {
		t.Error("a truncated answer decoded")
	}
	s.FailNext(1, smt.Fault{Path: smt.PartsOrderingPath, Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.PartsOrdering.Submit(ctx, smt.SampleOrder()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("delayed answer: %v", err)
	}
	if len(ep.got) != 0 {
		t.Errorf("faulted orders reached the endpoint: %d", len(ep.got))
	}
}
