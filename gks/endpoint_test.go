package gks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// The requests of endpoint.go are held to the generated builders they
// replace, called as the SDK called them before: same method, URL (path
// escaping and query encoding), host, headers and body.

var errCaptured = errors.New("captured")

// capture keeps the request it is asked to send.
type capture struct{ req *http.Request }

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	c.req = r
	return nil, errCaptured
}

// refCall makes call the way the SDK made it through the generated client
// and builders, on a client whose requests go to ref.
func refCall(ref *http.Client, base *url.URL, ordersPath, call string, arg string, q CustomerQuery, page int) {
	ctx := context.Background()
	gen, err := oapi.NewClient(base.String(), oapi.WithHTTPClient(ref))
	if err != nil {
		panic(err)
	}
	switch call {
	case "get":
		_, _ = gen.GetCustomer(opCtx(ctx, "customers.get", false), arg)
	case "list":
		size, _ := q.pageSize()
		p, ps := int32(page), int32(size)
		req, err := oapi.NewListCustomersRequest(base.String(), &oapi.ListCustomersParams{
			Number: nullable(q.Number), Name: nullable(q.Name), CorporateIdentityNumber: nullable(q.CorporateIdentityNumber),
			Page: &p, PageSize: &ps,
		})
		if err != nil {
			panic(err)
		}
		if addExtraQuery(req, q.Extra) != nil {
			return
		}
		_, _ = ref.Do(req.WithContext(opCtx(ctx, "customers.list", false)))
	case "create":
		_, _ = gen.CreateCustomer(opCtx(ctx, "customers.create", true), Customer{Name: arg, Number: arg, CorporateIdentityNumber: "1"}.wire())
	case "order":
		body, err := refOrder(arg).wire()
		if err != nil {
			panic(err)
		}
		req, err := oapi.NewCreateSalesOrderRequest(base.String(), body)
		if err != nil {
			panic(err)
		}
		if ordersPath != "" {
			req.URL = base.ResolveReference(&url.URL{Path: ordersPath})
		}
		_, _ = ref.Do(req.WithContext(opCtx(ctx, "salesorders.create", true)))
	default:
		panic(call)
	}
}

func refOrder(arg string) SalesOrder {
	return SalesOrder{CustomerNumber: arg, Name: arg, Comment: "é\"<>&", Rows: []SalesOrderRow{{ArticleNumber: arg, Quantity: 2, Price: 1.5,
		Deliveries: []Delivery{{Address: PostalAddress{City: arg}, Quantity: 2}}, Extra: map[string]any{"unit": arg}}},
		Extra: map[string]any{"project": arg}}
}

// sdkCall makes the same call through the SDK's services on c.
func sdkCall(c *core, call string, arg string, q CustomerQuery, page int) {
	ctx := context.Background()
	switch call {
	case "get":
		_, _ = (&CustomerService{c: c}).Get(ctx, arg)
	case "list":
		_, _ = (&CustomerService{c: c}).ListPage(ctx, q, page)
	case "create":
		_ = (&CustomerService{c: c}).Create(ctx, Customer{Name: arg, Number: arg, CorporateIdentityNumber: "1"})
	case "order":
		_, _ = (&SalesOrderService{c: c}).Create(ctx, refOrder(arg))
	}
}

// matchGenerated checks that call sends the request the generated code
// sent. It reports false when NewClient does not accept the base URL and
// sales-order path, or the SDK refuses the input before sending.
func matchGenerated(t *testing.T, base, ordersPath, call, arg string, q CustomerQuery, page int) bool {
	t.Helper()
	opts := []Option{WithBaseURL(base)}
	if ordersPath != "" {
		opts = append(opts, WithSalesOrderPath(ordersPath))
	}
	cl, err := NewClient(Credentials{ClientID: "c", ClientSecret: "s"}, opts...)
	if err != nil {
		return false
	}
	got, ref := &capture{}, &capture{}
	co := &core{http: &http.Client{Transport: got}, base: cl.core.base, ep: cl.core.ep}
	sdkCall(co, call, arg, q, page)
	if got.req == nil {
		return false // refused before sending (bad number, page, Extra, order)
	}
	resolved, err := salesOrderPath(clientopt.Apply(opts))
	if err != nil {
		t.Fatal(err)
	}
	refCall(&http.Client{Transport: ref}, cl.core.base, resolved, call, arg, q, page)
	if ref.req == nil {
		t.Fatalf("%s %s %q: the SDK sent %s %s, the generated code nothing", base, call, arg, got.req.Method, got.req.URL)
	}
	g, r := got.req, ref.req
	if g.Method != r.Method || g.URL.String() != r.URL.String() || g.Host != r.Host ||
		!reflect.DeepEqual(g.URL, r.URL) || !reflect.DeepEqual(g.Header, r.Header) ||
		g.ContentLength != r.ContentLength || (g.GetBody == nil) != (r.GetBody == nil) {
		t.Fatalf("%s %s %q %+v page %d:\n got %s %s %#v host %q %v len %d\nwant %s %s %#v host %q %v len %d", base, call, arg, q, page,
			g.Method, g.URL, g.URL, g.Host, g.Header, g.ContentLength, r.Method, r.URL, r.URL, r.Host, r.Header, r.ContentLength)
	}
	if g.Body != nil || r.Body != nil {
		gb, _ := io.ReadAll(g.Body)
		rb, _ := io.ReadAll(r.Body)
		if !bytes.Equal(gb, rb) {
			t.Fatalf("%s %s: body %q, generated %q", base, call, gb, rb)
		}
	}
	return true
}

// TestRequestsMatchGenerated covers every wrapped call on base URLs with
// and without a path, the /api/v1 suffix, a port and escapes, numbers and
// filters that need escaping, Extra parameters and the sales-order path
// override.
func TestRequestsMatchGenerated(t *testing.T) {
	bases := []string{
		"https://gks.example", "https://gks.example/", "http://127.0.0.1:8080/gks/api/v1", "https://h/api/v1/",
		"https://h:443/a%2Fb/", "http://h/p/../q/./r", "https://h/sp%20ace/é", "HTTPS://H.Example/Root", "https://u:p@h/x",
	}
	numbers := []string{"K100421", "K 1/2?x", "a&b=c;d,e+f", "%41é#", ". x", "..a", "~-_.", "\x00\x7f"}
	queries := []CustomerQuery{
		{},
		{Number: "K1", Name: "Acme & Co. 100%", CorporateIdentityNumber: "556677-8899", PageSize: 100},
		{Name: "a b", Extra: url.Values{"approved": {"true"}, "x y": {"1", "2"}}},
		{Name: "x", Extra: url.Values{"name": {"y"}}},
	}
	for _, base := range bases {
		for _, n := range numbers {
			if !matchGenerated(t, base, "", "get", n, CustomerQuery{}, 0) {
				t.Fatalf("%s: Get %q was not sent", base, n)
			}
			if !matchGenerated(t, base, "", "create", n, CustomerQuery{}, 0) {
				t.Fatalf("%s: Create %q was not sent", base, n)
			}
			for _, op := range []string{"", "custom/orders", "/api/v2/sales%20orders", "a/../b"} {
				if !matchGenerated(t, base, op, "order", n, CustomerQuery{}, 0) {
					t.Fatalf("%s %q: order %q was not sent", base, op, n)
				}
			}
		}
		for i, q := range queries {
			for _, page := range []int{1, 7, 1 << 31, 1<<32 + 3} {
				if !matchGenerated(t, base, "", "list", "", q, page) && i != 3 {
					t.Fatalf("%s: list %+v page %d was not sent", base, q, page)
				}
			}
		}
	}
}

// FuzzRequestMatchesGenerated checks any base URL, sales-order path,
// customer number and filters against the generated builders.
func FuzzRequestMatchesGenerated(f *testing.F) {
	f.Add("https://gks.example", "", uint8(0), "K100421", "", "", 0, 1, "", "")
	f.Add("http://127.0.0.1:1/gks/api/v1/", "custom/orders", uint8(3), "K 1/2?x", "Acme & Co", "556677-8899", 100, 3, "approved", "true")
	f.Add("https://h/a%2Fb/", "/x%20y/", uint8(1), "%41é#", "a+b", "", 7, 1<<31, "x y", "&=")
	f.Add("https://h/../x/./é", "a/../b", uint8(2), "..a", "", "-", 50, 2, "name", "")
	f.Fuzz(func(t *testing.T, base, ordersPath string, kind uint8, number, name, cin string, size, page int, ek, ev string) {
		call := []string{"get", "list", "create", "order"}[int(kind)%4]
		q := CustomerQuery{Number: number, Name: name, CorporateIdentityNumber: cin, PageSize: size}
		if ek != "" {
			q.Extra = url.Values{ek: {ev}}
		}
		matchGenerated(t, base, ordersPath, call, number, q, page)
	})
}

// TestEndpointsResolveOnce: the endpoint strings are what the generated
// builders resolve for the fake's base URL.
func TestEndpointsResolveOnce(t *testing.T) {
	cl, err := NewClient(Credentials{ClientID: "c", ClientSecret: "s"}, WithBaseURL("https://gks.example/root/api/v1/"))
	if err != nil {
		t.Fatal(err)
	}
	e := cl.core.ep
	got := fmt.Sprint(e.customers, " ", e.salesOrders, " ", e.customer("K 1"), " ", e.customerList(&CustomerQuery{Name: "a b"}, 2, 50))
	want := "https://gks.example/root/api/v1/customers https://gks.example/root/api/v1/salesorders https://gks.example/root/api/v1/customers/K%201 https://gks.example/root/api/v1/customers?name=a+b&page=2&pageSize=50"
	if got != want || e.salesOrderURL != nil {
		t.Errorf("endpoints = %s (override %v)\nwant %s", got, e.salesOrderURL, want)
	}
}
