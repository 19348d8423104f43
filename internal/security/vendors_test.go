package security

import (
	"context"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/spr"
)

// The secrets every client below is built with, and the tokens the token
// host hands out. None may reach a host it was not meant for.
const (
	clientSecret = "cs-SECRET-5f1e9a"
	password     = "pw-SECRET-c07d2b"
	apiKey       = "ery_live_SECRETa1b2c3d4e5f6"
	customerCode = "cc-SECRET-88e4f0"
	accessToken  = "AT-SECRET-3b9d71"
	refreshToken = "RT-SECRET-e2a604"
)

// tokenHost answers every token request (OAuth and Create JWT alike).
const tokenHost = "id.example.com"

// vendorCase builds one vendor's client and makes one authenticated call.
type vendorCase struct {
	name string
	// header carries the credential on API requests ("" : in the query).
	header string
	// apiPath is the path of the API root on the API host.
	apiPath string
	// secrets are what the client holds and what the token host issues.
	secrets []secret
	// oauth: the client fetches a token at tokenURL first.
	oauth bool
	// tokenPath is the token endpoint's path on tokenHost.
	tokenPath string
	// newClient builds the client for the API root api and the token
	// endpoint tokenURL, and returns one authenticated call.
	newClient func(api, tokenURL string, opts ...clientopt.Option) (func(ctx context.Context) error, error)
}

var issued = []secret{{"access token", accessToken}, {"refresh token", refreshToken}}

func vendors() []vendorCase {
	return []vendorCase{
		{
			name: "sparetech", header: "Authorization", apiPath: "/v1", oauth: true,
			secrets: append([]secret{{"client secret", clientSecret}}, issued...),
			newClient: func(api, tokenURL string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{sparetech.WithBaseURL(api), sparetech.WithTokenURL(tokenURL)}, opts...)
				c, err := sparetech.NewClient(sparetech.Credentials{ClientID: "client-1", ClientSecret: clientSecret}, opts...)
				if err != nil {
					return nil, err
				}
				return func(ctx context.Context) error { _, err := c.Schema.Export(ctx); return err }, nil
			},
		},
		{
			name: "sparetech-legacy", header: "Authorization", apiPath: "/v1", oauth: true, tokenPath: "/v1/auth",
			secrets: append([]secret{{"client secret", clientSecret}}, issued...),
			newClient: func(api, tokenURL string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{sparetech.WithBaseURL(api), sparetech.WithTokenURL(tokenURL), sparetech.WithLegacyAuth()}, opts...)
				c, err := sparetech.NewClient(sparetech.Credentials{ClientID: "client-1", ClientSecret: clientSecret}, opts...)
				if err != nil {
					return nil, err
				}
				return func(ctx context.Context) error { _, err := c.Schema.Export(ctx); return err }, nil
			},
		},
		{
			name: "spr", header: "Authorization", oauth: true,
			secrets: append([]secret{{"client secret", clientSecret}, {"password", password}}, issued...),
			newClient: func(api, tokenURL string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{spr.WithBaseURL(api), spr.WithTokenURL(tokenURL)}, opts...)
				c, err := spr.NewClient(spr.Credentials{ClientID: "7", ClientSecret: clientSecret, Username: "demo", Password: password, Locale: "es_MX"}, opts...)
				if err != nil {
					return nil, err
				}
				return func(ctx context.Context) error { _, err := c.Products.Get(ctx, "BA1234"); return err }, nil
			},
		},
		{
			name: "gks", header: "Authorization", oauth: true,
			secrets: append([]secret{{"client secret", clientSecret}}, issued...),
			newClient: func(api, tokenURL string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{gks.WithBaseURL(api), gks.WithTokenURL(tokenURL)}, opts...)
				c, err := gks.NewClient(gks.Credentials{ClientID: "client-1", ClientSecret: clientSecret}, opts...)
				if err != nil {
					return nil, err
				}
				return func(ctx context.Context) error { _, err := c.Customers.Get(ctx, "K100"); return err }, nil
			},
		},
		{
			name: "servicemobility", header: "X-Access-Token", apiPath: "/", oauth: true, tokenPath: "/createjwt",
			secrets: append([]secret{{"password", password}}, issued...),
			newClient: func(api, tokenURL string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{servicemobility.WithTokenURL(tokenURL)}, opts...)
				c, err := servicemobility.NewClient(api, servicemobility.Login{Username: "tech01", Password: password}, opts...)
				if err != nil {
					return nil, err
				}
				return submitOrder(c), nil
			},
		},
		{
			name: "servicemobility-cct", apiPath: "/",
			secrets: []secret{{"customer code", customerCode}},
			newClient: func(api, _ string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{servicemobility.WithCustomerCode("cust-1", customerCode)}, opts...)
				c, err := servicemobility.NewClient(api, servicemobility.Login{}, opts...)
				if err != nil {
					return nil, err
				}
				return submitOrder(c), nil
			},
		},
		{
			name: "eryxon", header: "Authorization", apiPath: "/functions/v1",
			secrets: []secret{{"API key", apiKey}},
			newClient: func(api, _ string, opts ...clientopt.Option) (func(context.Context) error, error) {
				opts = append([]clientopt.Option{eryxon.WithBaseURL(api)}, opts...)
				c, err := eryxon.NewClient(apiKey, opts...)
				if err != nil {
					return nil, err
				}
				return func(ctx context.Context) error {
					_, err := c.Jobs.Get(ctx, "0b6f3c1e-2a4d-4c5e-9f00-000000000001")
					return err
				}, nil
			},
		},
	}
}

// tokenURL is the vendor's token endpoint on tokenHost.
func (v vendorCase) tokenURL() string {
	if v.tokenPath != "" {
		return "https://" + tokenHost + v.tokenPath
	}
	return "https://" + tokenHost + "/oauth/token"
}

func submitOrder(c *servicemobility.Client) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := c.PartsOrdering.Submit(ctx, &servicemobility.PartsOrder{WorkOrder: "WO-1",
			Parts: []servicemobility.Part{{ProdNum: "P-100", Qty: servicemobility.MustDecimal("1")}}})
		return err
	}
}

// answerTokens answers token requests on tokenHost.
func answerTokens(r *http.Request) *http.Response {
	if r.URL.Host != tokenHost {
		return nil
	}
	return reply(200, tokenAnswer(r.URL.Path))
}

// tokenAnswer is a successful token response for a token endpoint's path:
// Create JWT for ServiceMobility, SPARETECH's legacy JSON, OAuth for
// everyone else.
func tokenAnswer(path string) string {
	switch {
	case strings.HasSuffix(path, "/createjwt"):
		return `{"token":"` + accessToken + `"}`
	case strings.HasSuffix(path, "/auth"): // SPARETECH's legacy endpoint
		return `{"accessToken":"` + accessToken + `","tokenType":"Bearer","expiresIn":3600}`
	}
	return `{"access_token":"` + accessToken + `","refresh_token":"` + refreshToken + `","token_type":"Bearer","expires_in":3600}`
}

// noRetry keeps failing calls fast.
var noRetry = clientopt.WithRetry(0, 0, 0)
