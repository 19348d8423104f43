package servicemobility_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	sm "github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

// wireServer records every request and answers /createjwt and PartsOrdering.
type wireServer struct {
	mu       sync.Mutex
	reqs     []wireReq
	token    func(n int) string // the token of the n-th login (1-based)
	logins   int
	orders   int
	orderFn  func(n int, r wireReq) (int, string) // status, body of the n-th order
	loginFor func(r wireReq) (int, string)
}

type wireReq struct {
	Method, Path, Query string
	Header              http.Header
	Body                []byte
}

func (s *wireServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := wireReq{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body}
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	var status int
	var out string
	switch {
	case strings.HasSuffix(r.URL.Path, "createjwt"):
		s.logins++
		if s.loginFor != nil {
			status, out = s.loginFor(req)
		} else {
			status, out = 200, `{"token":"`+s.token(s.logins)+`"}`
		}
	case strings.HasSuffix(r.URL.Path, "/seiapi/v3/mobile/PartsOrdering"):
		s.orders++
		status, out = s.orderFn(s.orders, req)
	default:
		status, out = 404, "not found"
	}
	s.mu.Unlock()
	if strings.HasPrefix(out, "{") {
		w.Header().Set("Content-Type", "application/json")
	} else {
		w.Header().Set("Content-Type", "text/plain")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, out)
}

func (s *wireServer) requests() []wireReq {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]wireReq(nil), s.reqs...)
}

func jwtWithExp(t testing.TB, exp time.Time, id string) string {
	return hs256(t, map[string]any{"exp": exp.Unix(), "iat": time.Now().Unix(), "jti": id}, []byte("servicemobility-own-key"))
}

const okBody = `{"Orders":[{"EstimatedDelivery":"2014-12-18T10:00:00.000Z","PartOrderNum":"PO-9","Parts":[{"ProdNum":"P-100","Qty":10.0,"PartStatus":"Ordered"}],"TrackingNumber":"TRK"}],"Status":"1000","StatusMsg":"ok"}`

func TestClientLoginAndSubmitOnTheWire(t *testing.T) {
	tok := jwtWithExp(t, time.Now().Add(time.Hour), "a")
	ws := &wireServer{token: func(int) string { return tok }, orderFn: func(int, wireReq) (int, string) { return 200, okBody }}
	srv := httptest.NewServer(ws)
	defer srv.Close()
	c, err := sm.NewClient(srv.URL, sm.Login{Username: "tech1", Password: "pw-123"})
	if err != nil {
		t.Fatal(err)
	}
	order := &sm.PartsOrder{WorkOrder: "WO-1", Parts: []sm.Part{{ProdNum: "P-100", Qty: sm.MustDecimal("10.0")}}}
	resp, err := c.PartsOrdering.Submit(context.Background(), order)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "1000" || resp.StatusMsg != "ok" || len(resp.Orders) != 1 || resp.Orders[0].PartOrderNum != "PO-9" ||
		resp.Orders[0].TrackingNumber != "TRK" || resp.Orders[0].Parts[0].Qty.String() != "10.0" ||
		!resp.Orders[0].EstimatedDelivery.Equal(time.Date(2014, 12, 18, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("response %+v", resp)
	}
	if order.Command != 0 {
		t.Error("Submit modified the caller's order")
	}
	reqs := ws.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want login + order", len(reqs))
	}
	login := reqs[0]
	if login.Method != "POST" || login.Path != "/createjwt" || login.Query != "" || !strings.HasPrefix(login.Header.Get("Content-Type"), "application/json") {
		t.Errorf("login request %s %s?%s %v", login.Method, login.Path, login.Query, login.Header)
	}
	var creds map[string]any
	if err := json.Unmarshal(login.Body, &creds); err != nil || len(creds) != 2 || creds["username"] != "tech1" || creds["password"] != "pw-123" {
		t.Errorf("login body %s", login.Body)
	}
	sub := reqs[1]
	if sub.Method != "POST" || sub.Path != "/seiapi/v3/mobile/PartsOrdering" || sub.Query != "" {
		t.Errorf("submit request %s %s?%s", sub.Method, sub.Path, sub.Query)
	}
	if sub.Header.Get("x-access-token") != tok || sub.Header.Get("Authorization") != "" || sub.Header.Get("Content-Type") != "application/json" {
		t.Errorf("submit headers %v", sub.Header)
	}
	if want := `{"Command":1002,"Parts":[{"ProdNum":"P-100","Qty":10.0}],"WorkOrder":"WO-1"}`; string(sub.Body) != want {
		t.Errorf("submit body\n got %s\nwant %s", sub.Body, want)
	}
	if !strings.Contains(sub.Header.Get("User-Agent"), "partsync-go") {
		t.Errorf("User-Agent %q", sub.Header.Get("User-Agent"))
	}

	// A set Command (the vendor's example 1001) is sent unchanged, and the token is reused.
	order.Command = 1001
	if _, err := c.PartsOrdering.Submit(context.Background(), order); err != nil {
		t.Fatal(err)
	}
	reqs = ws.requests()
	if len(reqs) != 3 || !bytes.Contains(reqs[2].Body, []byte(`"Command":1001`)) || reqs[2].Header.Get("x-access-token") != tok {
		t.Errorf("second submit: %d requests, body %s", len(reqs), reqs[len(reqs)-1].Body)
	}
}

func TestClientRenewsTokenBeforeExp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ws := &wireServer{orderFn: func(int, wireReq) (int, string) { return 200, okBody }}
		issued := map[int]string{}
		ws.token = func(n int) string {
			if issued[n] == "" {
				issued[n] = jwtWithExp(t, time.Now().Add(time.Hour), string(rune('a'+n)))
			}
			return issued[n]
		}
		c, err := sm.NewClient("http://sm.test", sm.Login{Username: "u", Password: "p"},
			sm.WithHTTPClient(&http.Client{Transport: handlerTransport{ws}}), sm.WithInsecureHTTP())
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for range 3 {
			if _, err := c.PartsOrdering.Submit(ctx, &sm.PartsOrder{}); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Minute)
		}
		if ws.logins != 1 {
			t.Errorf("%d logins within the token's lifetime, want 1", ws.logins)
		}
		// 20 s before exp: inside the renewal leeway (30 s plus jitter), so a
		// new token is fetched; the order after exp must carry it.
		time.Sleep(29*time.Minute + 40*time.Second)
		if _, err := c.PartsOrdering.Submit(ctx, &sm.PartsOrder{}); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		time.Sleep(time.Minute)
		if _, err := c.PartsOrdering.Submit(ctx, &sm.PartsOrder{}); err != nil {
			t.Fatal(err)
		}
		var sent []string
		for _, r := range ws.requests() {
			if r.Path == "/seiapi/v3/mobile/PartsOrdering" {
				sent = append(sent, r.Header.Get("x-access-token"))
			}
		}
		if ws.logins != 2 || sent[len(sent)-1] != issued[2] || sent[0] != issued[1] {
			t.Errorf("%d logins; tokens sent %v", ws.logins, len(sent))
		}
	})
}

// handlerTransport serves requests in memory (for synctest).
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	w := httptest.NewRecorder()
	t.h.ServeHTTP(w, r)
	resp := w.Result()
	resp.Request = r
	return resp, nil
}

func TestClientReloginOnceOn401(t *testing.T) {
	fake := servicemobilitytest.NewServer()
	defer fake.Close()
	svc := &recordingService{resp: okResponse()}
	endpoint := httptest.NewServer(sm.NewPartsOrderingHandler(svc))
	defer endpoint.Close()
	fake.SetEntityServiceURI(endpoint.URL)

	c, err := sm.NewClient(fake.URL(), fake.Credentials())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.PartsOrdering.Submit(ctx, servicemobilitytest.SampleOrder()); err != nil {
		t.Fatal(err)
	}
	fake.RevokeTokens()
	resp, err := c.PartsOrdering.Submit(ctx, servicemobilitytest.SampleOrder())
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != "1000" || fake.LoginRequests() != 2 {
		t.Errorf("status %q, %d logins", resp.Status, fake.LoginRequests())
	}
	relays := fake.Relays()
	if len(relays) != 2 || svc.calls != 2 {
		t.Fatalf("%d relays, %d service calls: the refused order must not reach the endpoint", len(relays), svc.calls)
	}
	if relays[0].Header.Get("x-access-token") == relays[1].Header.Get("x-access-token") {
		t.Error("the second order went out with the revoked token")
	}
}

func TestClientGivesUpAfterOneRelogin(t *testing.T) {
	ws := &wireServer{orderFn: func(int, wireReq) (int, string) { return 401, "Invalid Logon." }}
	ws.token = func(n int) string { return jwtWithExp(t, time.Now().Add(time.Hour), string(rune('a'+n))) }
	srv := httptest.NewServer(ws)
	defer srv.Close()
	c, _ := sm.NewClient(srv.URL, sm.Login{Username: "u", Password: "p"}, sm.WithRetry(3, time.Millisecond, time.Millisecond))
	_, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{})
	var e *sm.Error
	if !errors.As(err, &e) || e.StatusCode != 401 || e.Message != "Invalid Logon." || !errors.Is(err, sm.ErrInvalidLogon) || !errors.Is(err, sm.ErrUnauthorized) {
		t.Fatalf("err %v", err)
	}
	if ws.logins != 2 || ws.orders != 2 {
		t.Errorf("%d logins, %d orders; want 2 and 2", ws.logins, ws.orders)
	}
}

func TestClientLoginRefused(t *testing.T) {
	fake := servicemobilitytest.NewServer()
	defer fake.Close()
	var logs bytes.Buffer
	c, _ := sm.NewClient(fake.URL(), sm.Login{Username: "tech01", Password: "wrong-password-xyz"},
		sm.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{})
	var e *sm.Error
	if !errors.As(err, &e) || e.StatusCode != 401 || !errors.Is(err, sm.ErrInvalidLogon) || e.Message != "login at Create JWT failed: Invalid Logon." {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(err.Error(), "wrong-password-xyz") || strings.Contains(logs.String(), "wrong-password-xyz") {
		t.Error("password in the error or the logs")
	}
	if n := len(fake.Relays()); n != 0 {
		t.Errorf("%d orders relayed without a login", n)
	}
	for _, r := range fake.Requests() {
		if r.Path != "/createjwt" {
			t.Errorf("request to %s without a token", r.Path)
		}
	}
}

func TestClientSubmitErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		ws := &wireServer{token: func(int) string { return "opaque-token" },
			orderFn: func(int, wireReq) (int, string) { return status, "ERP said no: part blocked" }}
		srv := httptest.NewServer(ws)
		c, _ := sm.NewClient(srv.URL, sm.Login{Username: "u", Password: "p"}, sm.WithRetry(3, time.Millisecond, time.Millisecond))
		_, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{})
		srv.Close()
		var e *sm.Error
		if !errors.As(err, &e) || e.StatusCode != status || e.Message != "ERP said no: part blocked" || !errors.Is(err, sm.ErrServer) {
			t.Errorf("%d: err %v", status, err)
		}
		if ws.orders != 1 {
			t.Errorf("%d: order sent %d times", status, ws.orders)
		}
	}
}

func TestClientOpaqueTokenWithoutExp(t *testing.T) {
	ws := &wireServer{token: func(n int) string { return "opaque-" + string(rune('0'+n)) }, orderFn: func(int, wireReq) (int, string) { return 200, okBody }}
	srv := httptest.NewServer(ws)
	defer srv.Close()
	c, _ := sm.NewClient(srv.URL, sm.Login{Username: "u", Password: "p"})
	for range 3 {
		if _, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
			t.Fatal(err)
		}
	}
	if ws.logins != 1 {
		t.Errorf("%d logins: a token without exp is used until refused", ws.logins)
	}
}

func TestClientCustomerCodeMode(t *testing.T) {
	ws := &wireServer{orderFn: func(n int, r wireReq) (int, string) {
		if n == 2 {
			// The code quoted in prose, where no key names it a secret.
			return 500, "credential code-secret-42 of customer CUST-1 is not valid"
		}
		return 200, okBody
	}}
	srv := httptest.NewServer(ws)
	defer srv.Close()
	var logs bytes.Buffer
	c, err := sm.NewClient(srv.URL+"/", sm.Login{}, sm.WithCustomerCode("CUST-1", "code-secret-42"),
		sm.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
		t.Fatal(err)
	}
	_, err = c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{})
	if err == nil || strings.Contains(err.Error(), "code-secret-42") || strings.Contains(logs.String(), "code-secret-42") {
		t.Errorf("customer code leaked or no error: %v", err)
	}
	var e *sm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T, want *servicemobility.Error", err)
	}
	if strings.Contains(e.URL, "customercode") || bytes.Contains(e.Body, []byte("code-secret-42")) || strings.Contains(e.Message, "code-secret-42") {
		t.Errorf("customer code in the error: URL %q, Message %q, Body %q", e.URL, e.Message, e.Body)
	}
	if want := "credential [REDACTED] of customer CUST-1 is not valid"; e.Message != want {
		t.Errorf("Message %q, want %q", e.Message, want)
	}
	reqs := ws.requests()
	if len(reqs) != 2 || ws.logins != 0 {
		t.Fatalf("%d requests, %d logins", len(reqs), ws.logins)
	}
	if reqs[0].Path != "/seiapi/v3/mobile/PartsOrdering" || reqs[0].Query != "customercode=code-secret-42&customerid=CUST-1" ||
		reqs[0].Header.Get("x-access-token") != "" {
		t.Errorf("CCT request %s?%s %v", reqs[0].Path, reqs[0].Query, reqs[0].Header)
	}
}

func TestClientCustomerCodeAgainstFake(t *testing.T) {
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithCustomerCode("CUST-1", "code-1"))
	defer fake.Close()
	endpoint := httptest.NewServer(sm.NewPartsOrderingHandler(&recordingService{resp: okResponse()}))
	defer endpoint.Close()
	fake.SetEntityServiceURI(endpoint.URL)
	good, _ := sm.NewClient(fake.URL(), sm.Login{}, sm.WithCustomerCode("CUST-1", "code-1"))
	if _, err := good.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
		t.Fatal(err)
	}
	bad, _ := sm.NewClient(fake.URL(), sm.Login{}, sm.WithCustomerCode("CUST-1", "code-2"))
	if _, err := bad.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); !errors.Is(err, sm.ErrInvalidLogon) {
		t.Fatalf("wrong code: %v", err)
	}
	if r := fake.Relays(); len(r) != 1 || r[0].Header.Get("x-access-token") != "" {
		t.Errorf("relays %v", r)
	}
}

func TestClientCreateJWTPathOptions(t *testing.T) {
	ws := &wireServer{token: func(int) string { return "t" }, orderFn: func(int, wireReq) (int, string) { return 200, okBody }}
	srv := httptest.NewServer(ws)
	defer srv.Close()
	c, _ := sm.NewClient(srv.URL, sm.Login{Username: "u", Password: "p"}, sm.WithCreateJWTPath("/seiapi/v3/createjwt"))
	if _, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
		t.Fatal(err)
	}
	c2, _ := sm.NewClient("https://ignored.example", sm.Login{Username: "u", Password: "p"}, sm.WithBaseURL(srv.URL), sm.WithTokenURL(srv.URL+"/auth/createjwt"))
	if _, err := c2.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
		t.Fatal(err)
	}
	reqs := ws.requests()
	if reqs[0].Path != "/seiapi/v3/createjwt" || reqs[2].Path != "/auth/createjwt" {
		t.Errorf("login paths %q, %q", reqs[0].Path, reqs[2].Path)
	}
	if c2.BaseURL() != srv.URL+"/" {
		t.Errorf("BaseURL %q", c2.BaseURL())
	}
}

func TestClientDecodeAndLoginFailures(t *testing.T) {
	cases := []struct {
		name  string
		login func(wireReq) (int, string)
		order string
		is    error
	}{
		{"login 500", func(wireReq) (int, string) { return 500, "user store down" }, okBody, sm.ErrServer},
		{"login without token", func(wireReq) (int, string) { return 200, `{"token":""}` }, okBody, sm.ErrDecode},
		{"login not JSON", func(wireReq) (int, string) { return 200, `<html>` }, okBody, sm.ErrDecode},
		{"order answer not JSON", nil, "<html>proxy error</html>", sm.ErrDecode},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := &wireServer{token: func(int) string { return "t" }, loginFor: tc.login,
				orderFn: func(int, wireReq) (int, string) { return 200, tc.order }}
			srv := httptest.NewServer(ws)
			defer srv.Close()
			c, _ := sm.NewClient(srv.URL, sm.Login{Username: "u", Password: "p"})
			if _, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); !errors.Is(err, tc.is) {
				t.Errorf("err %v, want %v", err, tc.is)
			}
		})
	}
}

func TestNewClientValidation(t *testing.T) {
	good := sm.Login{Username: "u", Password: "p"}
	cases := []struct {
		name  string
		base  string
		login sm.Login
		opts  []sm.Option
	}{
		{"no base URL", "", good, nil},
		{"relative base URL", "servicemobility.com", good, nil},
		{"base URL with query", "https://x.servicemobility.com/?customercode=1", good, nil},
		{"ftp", "ftp://x", good, nil},
		{"no username", "https://x.servicemobility.com", sm.Login{Password: "p"}, nil},
		{"no password", "https://x.servicemobility.com", sm.Login{Username: "u"}, nil},
		{"login and CCT", "https://x.servicemobility.com", good, []sm.Option{sm.WithCustomerCode("a", "b")}},
		{"CCT without code", "https://x.servicemobility.com", sm.Login{}, []sm.Option{sm.WithCustomerCode("a", "")}},
		{"bad token URL", "https://x.servicemobility.com", good, []sm.Option{sm.WithTokenURL("/createjwt")}},
	}
	for _, tc := range cases {
		if _, err := sm.NewClient(tc.base, tc.login, tc.opts...); !errors.Is(err, sm.ErrInvalidInput) {
			t.Errorf("%s: err %v", tc.name, err)
		}
	}
	c, err := sm.NewClient("https://x.servicemobility.com", good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.PartsOrdering.Submit(context.Background(), nil); !errors.Is(err, sm.ErrInvalidInput) {
		t.Errorf("nil order: %v", err)
	}
	// Credentials never go over plain http to a remote host.
	plain := []struct {
		base  string
		login sm.Login
		opts  []sm.Option
	}{
		{"http://x.servicemobility.com", sm.Login{}, []sm.Option{sm.WithCustomerCode("a", "b")}},
		{"http://x.servicemobility.com", good, nil},
		{"https://x.servicemobility.com", good, []sm.Option{sm.WithTokenURL("http://login.example/createjwt")}},
	}
	for _, tc := range plain {
		if _, err := sm.NewClient(tc.base, tc.login, tc.opts...); !errors.Is(err, sm.ErrInvalidInput) || !strings.Contains(err.Error(), "plain http to a remote host") {
			t.Errorf("plain http %s: %v", tc.base, err)
		}
	}
	if _, err := sm.NewClient("http://x.servicemobility.com", sm.Login{}, sm.WithCustomerCode("a", "b"), sm.WithInsecureHTTP()); err != nil {
		t.Errorf("WithInsecureHTTP: %v", err)
	}
}

func TestClientSubmitConnectionLostIsOutcomeUnknown(t *testing.T) {
	svc := &recordingService{resp: okResponse()}
	endpoint := httptest.NewServer(sm.NewPartsOrderingHandler(svc))
	defer endpoint.Close()
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()
	var logs bytes.Buffer
	c, _ := sm.NewClient(fake.URL(), fake.Credentials(), sm.WithRetry(3, time.Millisecond, time.Millisecond),
		sm.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	fake.FailNext(1, servicemobilitytest.Fault{Path: servicemobilitytest.PartsOrderingPath, Reset: true})
	_, err := c.PartsOrdering.Submit(context.Background(), servicemobilitytest.SampleOrder())
	if !errors.Is(err, sm.ErrOutcomeUnknown) {
		t.Errorf("err %v, want ErrOutcomeUnknown", err)
	}
	n := 0
	for _, r := range fake.Requests() {
		if r.Path == servicemobilitytest.PartsOrderingPath {
			n++
			if tok := r.Header.Get("x-access-token"); tok == "" || strings.Contains(logs.String(), tok) {
				t.Error("no token sent, or the token was logged")
			}
		}
	}
	if n != 1 {
		t.Errorf("order sent %d times after a connection reset", n)
	}
	if strings.Contains(logs.String(), fake.Credentials().Password) {
		t.Error("password logged")
	}
	if !strings.Contains(logs.String(), "/seiapi/v3/mobile/PartsOrdering") {
		t.Errorf("nothing logged: %q", logs.String())
	}
}

func TestClientConcurrentSubmitsShareOneLogin(t *testing.T) {
	svc := &recordingService{resp: okResponse()}
	endpoint := httptest.NewServer(sm.NewPartsOrderingHandler(svc))
	defer endpoint.Close()
	fake := servicemobilitytest.NewServer(servicemobilitytest.WithEntityServiceURI(endpoint.URL))
	defer fake.Close()
	c, _ := sm.NewClient(fake.URL(), fake.Credentials())
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Go(func() {
			_, err := c.PartsOrdering.Submit(context.Background(), servicemobilitytest.SampleOrder())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if fake.LoginRequests() != 1 || len(fake.Relays()) != 10 {
		t.Errorf("%d logins, %d orders relayed", fake.LoginRequests(), len(fake.Relays()))
	}
}

func TestClientBaseURLWithPath(t *testing.T) {
	ws := &wireServer{token: func(int) string { return "t" }, orderFn: func(int, wireReq) (int, string) { return 200, okBody }}
	srv := httptest.NewServer(ws)
	defer srv.Close()
	c, _ := sm.NewClient(srv.URL+"/tenant-a", sm.Login{Username: "u", Password: "p"})
	if _, err := c.PartsOrdering.Submit(context.Background(), &sm.PartsOrder{}); err != nil {
		t.Fatal(err)
	}
	reqs := ws.requests()
	if reqs[0].Path != "/tenant-a/createjwt" || reqs[1].Path != "/tenant-a/seiapi/v3/mobile/PartsOrdering" {
		t.Errorf("paths %q %q", reqs[0].Path, reqs[1].Path)
	}
}
