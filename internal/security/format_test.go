package security

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/spr"
)

// allSecrets is every secret of every vendor case.
var allSecrets = []secret{
	{"client secret", clientSecret}, {"password", password}, {"API key", apiKey},
	{"customer code", customerCode}, {"access token", accessToken}, {"refresh token", refreshToken},
}

// verbs are the fmt verbs a value ends up under in logs and error wrapping,
// and a few odd ones that bypass String (a missing Format method shows
// there).
var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%t", "%10.3v"}

// rendered is v as fmt prints it under every verb, as slog's text and JSON
// handlers log it, and as a recovered panic value prints.
func rendered(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range verbs {
		out[verb] = fmt.Sprintf(verb, v)
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("m", "v", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("m", "v", v)
	out["slog text"], out["slog json"] = text.String(), js.String()
	out["recovered panic"] = func() (s string) {
		defer func() { s = fmt.Sprint(recover()) }()
		panic(v)
	}()
	if err, ok := v.(error); ok {
		out["Error()"] = err.Error()
		if ae, ok := errors.AsType[*apierror.Error](err); ok {
			out["*apierror.Error %#v"] = fmt.Sprintf("%#v", ae)
			out["*apierror.Error %+v"] = fmt.Sprintf("%+v", *ae)
		}
	}
	return out
}

func checkRendered(t *testing.T, what string, v any, secrets []secret) {
	t.Helper()
	for how, s := range rendered(v) {
		if name := leaked(s, secrets); name != "" {
			t.Errorf("%s under %s shows the %s", what, how, name)
		}
	}
}

// TestCredentialsNeverPrinted: credentials, tokens and auth configuration of
// every vendor print and log redacted, whatever the verb.
func TestCredentialsNeverPrinted(t *testing.T) {
	tok := &auth.Token{AccessToken: accessToken, RefreshToken: refreshToken, TokenType: "Bearer"}
	values := map[string]any{
		"sparetech.Credentials":  sparetech.Credentials{ClientID: "c", ClientSecret: clientSecret},
		"*sparetech.Credentials": &sparetech.Credentials{ClientID: "c", ClientSecret: clientSecret},
		"spr.Credentials":        spr.Credentials{ClientID: "7", ClientSecret: clientSecret, Username: "u", Password: password, Locale: "es_MX"},
		"*spr.Credentials":       &spr.Credentials{ClientID: "7", ClientSecret: clientSecret, Username: "u", Password: password, Locale: "es_MX"},
		"gks.Credentials":        gks.Credentials{ClientID: "c", ClientSecret: clientSecret},
		"servicemobility.Login":  servicemobility.Login{Username: "u", Password: password},
		"*servicemobility.Login": &servicemobility.Login{Username: "u", Password: password},
		"servicemobility.StaticUser": servicemobility.StaticUser{Username: "u", Password: password,
			Identity: servicemobility.Identity{Name: "n"}},
		"auth.Token":  *tok,
		"*auth.Token": tok,
		"auth.Config": auth.Config{TokenURL: "https://id.example.com/t", ClientID: "c", ClientSecret: clientSecret},
	}
	for name, v := range values {
		checkRendered(t, name, v, allSecrets)
	}
}

// warmClients builds a client of every vendor and makes one call with
// each, so that each holds its credentials and a cached token.
func warmClients() (map[string]any, error) {
	w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
		for _, p := range []string{"/oauth/token", "/connect/token", "/createjwt"} {
			if strings.HasSuffix(r.URL.Path, p) {
				return reply(200, tokenAnswer(r.URL.Path))
			}
		}
		return reply(200, `{}`)
	}}
	hc := clientopt.WithHTTPClient(&http.Client{Transport: w})
	ctx := context.Background()
	sp, err := sparetech.NewClient(sparetech.Credentials{ClientID: "c", ClientSecret: clientSecret}, hc, noRetry)
	if err != nil {
		return nil, err
	}
	_, _ = sp.Schema.Export(ctx)
	sr, err := spr.NewClient(spr.Credentials{ClientID: "7", ClientSecret: clientSecret, Username: "u", Password: password, Locale: "es_MX"}, hc, noRetry)
	if err != nil {
		return nil, err
	}
	_, _ = sr.Products.Get(ctx, "PC1")
	gk, err := gks.NewClient(gks.Credentials{ClientID: "c", ClientSecret: clientSecret}, gks.WithBaseURL("https://api.example.com"), hc, noRetry)
	if err != nil {
		return nil, err
	}
	_, _ = gk.Customers.Get(ctx, "K1")
	sm, err := servicemobility.NewClient("https://api.example.com", servicemobility.Login{Username: "u", Password: password}, hc, noRetry)
	if err != nil {
		return nil, err
	}
	_ = submitOrder(sm)(ctx)
	cct, err := servicemobility.NewClient("https://api.example.com", servicemobility.Login{}, servicemobility.WithCustomerCode("c", customerCode), hc, noRetry)
	if err != nil {
		return nil, err
	}
	_ = submitOrder(cct)(ctx)
	ex, err := eryxon.NewClient(apiKey, eryxon.WithBaseURL("https://api.example.com/functions/v1"), hc, noRetry)
	if err != nil {
		return nil, err
	}
	_, _ = ex.Jobs.Get(ctx, "0b6f3c1e-2a4d-4c5e-9f00-000000000001")
	if n := len(w.requests()); n < 10 {
		return nil, fmt.Errorf("only %d requests went out while warming the clients", n)
	}
	return map[string]any{
		"*sparetech.Client": sp, "sparetech.Client": *sp,
		"*spr.Client": sr, "spr.Client": *sr,
		"*gks.Client": gk, "gks.Client": *gk,
		"*servicemobility.Client": sm, "servicemobility.Client": *sm,
		"*servicemobility.Client (customer code)": cct, "servicemobility.Client (customer code)": *cct,
		"*eryxon.Client": ex, "eryxon.Client": *ex,
	}, nil
}

// TestClientsNeverPrinted: a client of every vendor that has made a call
// (so it holds its credentials and a cached token), printed or logged,
// shows no credential.
func TestClientsNeverPrinted(t *testing.T) {
	clients, err := warmClients()
	if err != nil {
		t.Fatal(scrub(err))
	}
	for name, v := range clients {
		checkRendered(t, name, v, allSecrets)
	}
}

// TestFailedLoginErrorsNeverShowSecrets: a token endpoint that refuses the
// login and echoes what it got (as JSON fields, as a form, in prose) gives
// every vendor's call an error that shows none of it, under any verb.
func TestFailedLoginErrorsNeverShowSecrets(t *testing.T) {
	echoes := map[string]string{
		"json": `{"error":"invalid_client","error_description":"bad credentials","client_secret":"` + clientSecret +
			`","password":"` + password + `","clientSecret":"` + clientSecret + `"}`,
		"form":  `error=invalid_grant&client_secret=` + clientSecret + `&password=` + password,
		"prose": `login refused: client secret ` + clientSecret + ` or password ` + password + ` is wrong`,
	}
	for _, v := range vendors() {
		if !v.oauth {
			continue
		}
		for form, body := range echoes {
			for _, status := range []int{400, 401, 403, 500} {
				t.Run(fmt.Sprintf("%s/%s/%d", v.name, form, status), func(t *testing.T) {
					w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
						if r.URL.Host == tokenHost {
							return reply(status, body)
						}
						return nil
					}}
					call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
					if err != nil {
						t.Fatal(err)
					}
					err = call(context.Background())
					if err == nil {
						t.Fatal("the call succeeded without a token")
					}
					if len(w.to(tokenHost)) == 0 {
						t.Fatal("no login was attempted: the test proves nothing")
					}
					checkRendered(t, "the error", err, v.secrets)
				})
			}
		}
	}
}

// TestAPIErrorsNeverShowCredentials: an API that answers an error echoing
// the credential it got (as a header line, a JSON field, a bearer string)
// gives every vendor's call an error without it.
func TestAPIErrorsNeverShowCredentials(t *testing.T) {
	for _, v := range vendors() {
		for _, prose := range []bool{false, true} {
			for _, status := range []int{400, 401, 403, 404, 422, 500} {
				t.Run(fmt.Sprintf("%s/%s/%d", v.name, echoForm(prose), status), func(t *testing.T) {
					w := &wire{respond: func(r *http.Request, _ []byte) *http.Response {
						if resp := answerTokens(r); resp != nil {
							return resp
						}
						echo := fmt.Sprintf(`{"message":"refused","headers":"Authorization: %s\nx-access-token: %s","access_token":%q,"apikey":%q,"query":"customercode=%s&x=1"}`,
							r.Header.Get("Authorization"), r.Header.Get("x-access-token"), accessToken, apiKey, r.URL.Query().Get("customercode"))
						if prose {
							echo = fmt.Sprintf(`{"message":"credential %s is not valid for this tenant"}`,
								strings.TrimPrefix(r.Header.Get("Authorization")+r.Header.Get("x-access-token")+r.URL.Query().Get("customercode"), "Bearer "))
						}
						return reply(status, echo)
					}}
					call, err := v.newClient("https://"+apiHost+v.apiPath, v.tokenURL(), clientopt.WithHTTPClient(&http.Client{Transport: w}), noRetry)
					if err != nil {
						t.Fatal(err)
					}
					err = call(context.Background())
					if err == nil {
						t.Fatal("the call succeeded on an error status")
					}
					if len(w.to(apiHost)) == 0 {
						t.Fatal("no API request went out: the test proves nothing")
					}
					checkRendered(t, "the error", err, v.secrets)
				})
			}
		}
	}
}

func echoForm(prose bool) string {
	if prose {
		return "prose"
	}
	return "fields"
}
