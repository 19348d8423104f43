package gks_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func TestNewClientRequiresBaseURL(t *testing.T) {
	_, err := gks.NewClient(gks.Credentials{ClientID: "id", ClientSecret: "secret"})
	if !errors.Is(err, gks.ErrInvalidInput) {
		t.Fatalf("err = %v, want ErrInvalidInput", err)
	}
	for _, want := range []string{"base URL is required", "Simutek"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestNewClientRejectsBadConfiguration(t *testing.T) {
	good := gks.Credentials{ClientID: "id", ClientSecret: "secret"}
	base := gks.WithBaseURL("https://gks.example.com")
	tests := []struct {
		name  string
		creds gks.Credentials
		opts  []gks.Option
		field string
	}{
		{"no client id", gks.Credentials{ClientSecret: "s"}, []gks.Option{base}, "ClientID"},
		{"no secret", gks.Credentials{ClientID: "id"}, []gks.Option{base}, "ClientSecret"},
		{"relative base", good, []gks.Option{gks.WithBaseURL("gks.example.com")}, "WithBaseURL"},
		{"base with query", good, []gks.Option{gks.WithBaseURL("https://gks.example.com/?x=1")}, "WithBaseURL"},
		{"bad token url", good, []gks.Option{base, gks.WithTokenURL("ftp://id")}, "WithTokenURL"},
		{"empty sales order path", good, []gks.Option{base, gks.WithSalesOrderPath(" ")}, "WithSalesOrderPath"},
		{"absolute sales order path", good, []gks.Option{base, gks.WithSalesOrderPath("https://evil.example.com/x")}, "WithSalesOrderPath"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gks.NewClient(tt.creds, tt.opts...)
			if !errors.Is(err, gks.ErrInvalidInput) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v, want ErrInvalidInput naming %s", err, tt.field)
			}
		})
	}
}

func TestCredentialsRedactTheSecret(t *testing.T) {
	c := gks.Credentials{ClientID: "my-id", ClientSecret: "super-secret-value"}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), c.LogValue().String()} {
		if strings.Contains(s, "super-secret-value") {
			t.Errorf("secret leaked: %s", s)
		}
		if !strings.Contains(s, "my-id") {
			t.Errorf("client id missing: %s", s)
		}
	}
}

// roundTripFunc lets a test answer requests without a network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func response(r *http.Request, status int, contentType, body string) *http.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r, ContentLength: int64(len(body))}
}

// The default token endpoint is Simutek's identity server, called with the
// credentials as form fields; the token goes to the API host only.
func TestDefaultTokenURLAndFormEncodedCredentials(t *testing.T) {
	var tokenCalls, apiCalls int
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		switch r.URL.Host {
		case "id.simutek.se":
			tokenCalls++
			if r.Method != http.MethodPost || r.URL.Path != "/connect/token" {
				t.Errorf("token request %s %s", r.Method, r.URL)
			}
			if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
				t.Errorf("token Content-Type = %q", ct)
			}
			if _, _, ok := r.BasicAuth(); ok {
				t.Error("token request carries HTTP Basic credentials; GKS wants form fields")
			}
			if r.Header.Get("Authorization") != "" {
				t.Error("token request carries an Authorization header")
			}
			b, _ := io.ReadAll(r.Body)
			form, _ := url.ParseQuery(string(b))
			if form.Get("grant_type") != "client_credentials" || form.Get("client_id") != "my-id" || form.Get("client_secret") != "my-secret" {
				t.Errorf("token form fields wrong (grant_type=%q client_id=%q, secret present=%v)", form.Get("grant_type"), form.Get("client_id"), form.Has("client_secret"))
			}
			if form.Has("scope") {
				t.Errorf("scope sent without WithScopes: %q", form.Get("scope"))
			}
			return response(r, 200, "application/json", `{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}`), nil
		case "gks.example.com":
			apiCalls++
			if got := r.Header.Get("Authorization"); got != "Bearer tok-1" {
				t.Errorf("API Authorization = %q, want the bearer token", got)
			}
			if r.URL.Path != "/api/v1/customers/K1" {
				t.Errorf("API path = %q", r.URL.Path)
			}
			return response(r, 200, "application/json", `{"name":"Acme","number":"K1","invoiceEmail":null,"corporateIdentityNumber":"556677-8899"}`), nil
		}
		t.Errorf("unexpected request to %s", r.URL)
		return nil, errors.New("unexpected host")
	})
	c, err := gks.NewClient(gks.Credentials{ClientID: "my-id", ClientSecret: "my-secret"},
		gks.WithBaseURL("https://gks.example.com"), gks.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Customers.Get(context.Background(), "K1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Acme" || got.Number != "K1" || got.InvoiceEmail != "" {
		t.Errorf("customer = %+v", got)
	}
	if tokenCalls != 1 || apiCalls != 1 {
		t.Errorf("token calls %d, API calls %d; want 1 and 1", tokenCalls, apiCalls)
	}
}

func TestBaseURLWithAPIPrefixIsAccepted(t *testing.T) {
	for _, base := range []string{"https://gks.example.com", "https://gks.example.com/", "https://gks.example.com/api/v1", "https://gks.example.com/api/v1/"} {
		c, err := gks.NewClient(gks.Credentials{ClientID: "i", ClientSecret: "s"}, gks.WithBaseURL(base))
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL() != "https://gks.example.com/" {
			t.Errorf("BaseURL(%q) = %q", base, c.BaseURL())
		}
	}
	c, err := gks.NewClient(gks.Credentials{ClientID: "i", ClientSecret: "s"}, gks.WithBaseURL("https://example.com/gks"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://example.com/gks/" {
		t.Errorf("BaseURL = %q, want the prefix kept", c.BaseURL())
	}
}

func TestTokenIsFetchedOnceAndAfterExpiry(t *testing.T) {
	srv, c := newFake(t)
	srv.AddCustomer(gks.Customer{Name: "Acme", Number: "K1", CorporateIdentityNumber: "1"})
	ctx := context.Background()
	for range 3 {
		if _, err := c.Customers.Get(ctx, "K1"); err != nil {
			t.Fatal(err)
		}
	}
	trs := srv.TokenRequests()
	if len(trs) != 1 {
		t.Fatalf("token requests = %d, want 1 for three calls", len(trs))
	}
	tr := trs[0]
	if tr.GrantType != "client_credentials" || tr.ClientID != srv.Credentials().ClientID || !tr.SecretInForm || tr.BasicAuth || tr.Scope != "" {
		t.Errorf("token request = %+v", tr)
	}
	if !strings.HasPrefix(tr.ContentType, "application/x-www-form-urlencoded") {
		t.Errorf("token Content-Type = %q", tr.ContentType)
	}

	srv.ExpireTokens()
	if _, err := c.Customers.Get(ctx, "K1"); err != nil {
		t.Fatalf("Get after the token expired: %v", err)
	}
	if n := len(srv.TokenRequests()); n != 2 {
		t.Errorf("token requests after a 401 = %d, want 2", n)
	}
	gets := requests(srv, http.MethodGet, "/api/v1/customers/K1")
	if len(gets) != 5 {
		t.Errorf("GETs = %d, want 5 (3, then a 401 and its replay)", len(gets))
	}
}

func TestScopesAreSentWhenSet(t *testing.T) {
	srv := gkstest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(gks.WithScopes("gks.api", "orders"))
	if err != nil {
		t.Fatal(err)
	}
	srv.AddCustomer(gks.Customer{Name: "Acme", Number: "K1", CorporateIdentityNumber: "1"})
	if _, err := c.Customers.Get(context.Background(), "K1"); err != nil {
		t.Fatal(err)
	}
	trs := srv.TokenRequests()
	if len(trs) != 1 || trs[0].Scope != "gks.api orders" {
		t.Errorf("token requests = %+v, want scope %q", trs, "gks.api orders")
	}
}

func TestWrongCredentialsFailWithoutLeakingTheSecret(t *testing.T) {
	srv := gkstest.NewServer()
	defer srv.Close()
	c, err := gks.NewClient(gks.Credentials{ClientID: srv.Credentials().ClientID, ClientSecret: "wrong-secret-xyz"}, srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Customers.Get(context.Background(), "K1")
	if err == nil {
		t.Fatal("Get with a wrong secret succeeded")
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), "wrong-secret-xyz") {
		t.Error("the error text contains the client secret")
	}
	if n := len(requests(srv, http.MethodGet, "/")); n != 0 {
		t.Errorf("API requests = %d, want none without a token", n)
	}
}

func TestUserAgentAndAcceptHeaders(t *testing.T) {
	srv := gkstest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(gks.WithUserAgent("my-erp/2.0"))
	if err != nil {
		t.Fatal(err)
	}
	srv.AddCustomer(gks.Customer{Name: "Acme", Number: "K1", CorporateIdentityNumber: "1"})
	if _, err := c.Customers.Get(context.Background(), "K1"); err != nil {
		t.Fatal(err)
	}
	r := onlyRequest(t, srv, http.MethodGet, "/api/v1/customers/K1")
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "my-erp/2.0") || !strings.Contains(ua, "partsync-go/") {
		t.Errorf("User-Agent = %q", ua)
	}
	if a := r.Header.Get("Accept"); !strings.Contains(a, "application/json") {
		t.Errorf("Accept = %q", a)
	}
}
