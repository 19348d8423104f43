package gkstest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

const customerBody = `{"name":"A","number":"K7","invoiceEmail":null,"corporateIdentityNumber":"1"}`

func TestFaultStatusAndRetryAfter(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "A", Number: "K1", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	s.InjectFault(2, gkstest.Fault{Method: http.MethodGet, Status: 429, RetryAfter: "7"})
	for i := range 2 {
		resp, b := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", "")
		decodeProblem(t, resp, b, 429)
		if resp.Header.Get("Retry-After") != "7" {
			t.Errorf("attempt %d: Retry-After = %q", i, resp.Header.Get("Retry-After"))
		}
	}
	if resp, _ := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", ""); resp.StatusCode != 200 {
		t.Errorf("third request: %d, want the fault used up", resp.StatusCode)
	}
}

func TestFaultMatchingAndCustomBody(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "A", Number: "K1", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	s.InjectFault(1, gkstest.Fault{Path: "/api/v1/salesorders", Status: 500, Body: "Server error."})
	s.InjectFault(1, gkstest.Fault{Method: http.MethodPost, Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"})
	// The GET matches neither fault.
	if resp, _ := call(t, s, tok, http.MethodGet, "/api/v1/customers/K1", ""); resp.StatusCode != 200 {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	// The customer POST skips the sales-order fault and takes the POST one.
	resp, b := call(t, s, tok, http.MethodPost, "/api/v1/customers", customerBody)
	if resp.StatusCode != 502 || string(b) != "<html>bad gateway</html>" || resp.Header.Get("Content-Type") != "text/html" {
		t.Errorf("customer POST: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	resp, b = call(t, s, tok, http.MethodPost, "/api/v1/salesorders", `{}`)
	if resp.StatusCode != 500 || string(b) != "Server error." || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("sales order POST: %d %s", resp.StatusCode, b)
	}
	if _, ok := s.Customer("K7"); ok {
		t.Error("a faulted create was applied")
	}
}

// Faults apply before authentication, like a proxy in front of the API.
func TestFaultsComeBeforeAuth(t *testing.T) {
	s := newServer(t)
	s.InjectFault(1, gkstest.Fault{Status: 503})
	if resp, _ := call(t, s, "", http.MethodGet, "/api/v1/customers", ""); resp.StatusCode != 503 {
		t.Errorf("status = %d, want the injected 503", resp.StatusCode)
	}
}

func TestFaultResets(t *testing.T) {
	for _, tt := range []struct {
		reset    gkstest.Reset
		wantBody bool
	}{{gkstest.ResetBeforeBody, false}, {gkstest.ResetAfterBody, true}} {
		s := newServer(t)
		tok := token(t, s)
		s.InjectFault(1, gkstest.Fault{Reset: tt.reset})
		req, _ := http.NewRequest(http.MethodPost, s.URL()+"/api/v1/customers", strings.NewReader(customerBody))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("reset %d: got a response %d", tt.reset, resp.StatusCode)
		}
		rs := s.Requests()
		if len(rs) != 1 || (len(rs[0].Body) > 0) != tt.wantBody {
			t.Errorf("reset %d: recorded %+v, want body recorded = %v", tt.reset, rs, tt.wantBody)
		}
		if _, ok := s.Customer("K7"); ok {
			t.Errorf("reset %d: the create was applied", tt.reset)
		}
	}
}

func TestFaultTruncate(t *testing.T) {
	s := newServer(t, gkstest.WithCustomers(gks.Customer{Name: "A long enough name", Number: "K1", CorporateIdentityNumber: "1"}))
	tok := token(t, s)
	s.InjectFault(1, gkstest.Fault{Truncate: true})
	req, _ := http.NewRequest(http.MethodGet, s.URL()+"/api/v1/customers/K1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("status %d, read %q, err %v; want a cut body", resp.StatusCode, b, err)
	}
	if int64(len(b)) >= resp.ContentLength {
		t.Errorf("read %d of Content-Length %d", len(b), resp.ContentLength)
	}
}

func TestFaultDelay(t *testing.T) {
	s := newServer(t)
	tok := token(t, s)
	s.InjectFault(1, gkstest.Fault{Delay: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/api/v1/customers", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got %d before the delay ended", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the caller's deadline", err)
	}
}

func TestTokenFault(t *testing.T) {
	s := newServer(t)
	s.InjectTokenFault(1, gkstest.Fault{Status: 503, RetryAfter: "1"})
	form := url.Values{"client_id": {s.Credentials().ClientID}, "client_secret": {s.Credentials().ClientSecret}, "grant_type": {"client_credentials"}}
	if resp, _ := postForm(t, s.TokenURL(), form); resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("first token request: %d", resp.StatusCode)
	}
	if tok := token(t, s); tok == "" {
		t.Error("no token after the fault")
	}
}

func TestRequestsAreCopies(t *testing.T) {
	s := newServer(t)
	tok := token(t, s)
	call(t, s, tok, http.MethodPost, "/api/v1/customers?x=1", customerBody)
	rs := s.Requests()
	if len(rs) != 1 || rs[0].Method != "POST" || rs[0].Path != "/api/v1/customers" || rs[0].Query.Get("x") != "1" || string(rs[0].Body) != customerBody {
		t.Fatalf("requests = %+v", rs)
	}
	rs[0].Body[0] = 'X'
	rs[0].Header.Set("Authorization", "changed")
	rs[0].Query.Set("x", "2")
	again := s.Requests()[0]
	if again.Body[0] != '{' || again.Header.Get("Authorization") != "Bearer "+tok || again.Query.Get("x") != "1" {
		t.Error("Requests returned shared state")
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 || len(s.TokenRequests()) != 0 {
		t.Error("ResetRequests kept requests")
	}
}
