package sparetech

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/hostmatch"
	"github.com/partsync/partsync-go/internal/transport"
)

const vendor = "sparetech"

// Credentials are the client id and secret SPARETECH issues per organisation
// and environment. String, GoString and LogValue redact the secret.
type Credentials struct {
	ClientID, ClientSecret string
}

// String shows the client id only.
func (c Credentials) String() string {
	return fmt.Sprintf("sparetech.Credentials{ClientID: %q, ClientSecret: %s}", c.ClientID, redacted(c.ClientSecret))
}

// GoString is String, so that %#v redacts too.
func (c Credentials) GoString() string { return c.String() }

// Format prints the redacted form under every verb: without it, verbs that
// bypass String (%d, %t) would print the fields.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue keeps the secret out of slog output.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", c.ClientID), slog.String("client_secret", redacted(c.ClientSecret)))
}

func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}

// Client talks to one SPARETECH environment with one credential pair. It is
// safe for concurrent use; share one per process so that the rationed
// access token is shared too.
type Client struct {
	// Schema reads the export (metadata) and import (material) schemas.
	Schema *SchemaService
	// CreationIntents are materials SPARETECH wants created in the ERP.
	CreationIntents *CreationIntentService
	// ChangeIntents are changes SPARETECH wants applied to ERP materials.
	ChangeIntents *ChangeIntentService
	// ExtensionIntents are plants SPARETECH wants ERP materials extended to.
	ExtensionIntents *ExtensionIntentService
	// Materials sends the ERP's own material changes to SPARETECH (v1).
	Materials *MaterialService
	// MaterialsV2 upserts SAP MATMAS-style materials (v2).
	MaterialsV2 *MaterialV2Service
	// IntentsV2 confirms and rejects intents through the v2 root. v2 cannot
	// list intents: list them with the v1 services.
	IntentsV2 *IntentV2Service

	core *core
}

// core is what every service shares.
type core struct {
	stack  *transport.Client
	http   *http.Client
	v1, v2 root // v2.u nil: unknown, v2 calls fail before sending
}

// NewClient returns a client for the Production environment's v1 and v2
// roots unless options say otherwise. It checks its configuration but sends
// nothing: the first call fetches the token.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	if strings.TrimSpace(creds.ClientID) == "" {
		return nil, apierror.Invalid(vendor, "Credentials.ClientID", "must not be empty")
	}
	if creds.ClientSecret == "" {
		return nil, apierror.Invalid(vendor, "Credentials.ClientSecret", "must not be empty")
	}
	s := clientopt.Apply(opts)
	env, ok := clientopt.VendorValue[Environment](s, keyEnvironment)
	if !ok {
		env = Production
	}
	if err := env.valid(); err != nil {
		return nil, apierror.Invalid(vendor, "WithEnvironment", "%v", err)
	}
	v1, v2, err := roots(env, s)
	if err != nil {
		return nil, err
	}
	legacy, _ := clientopt.VendorValue[bool](s, keyLegacyAuth)
	tokenURL := s.TokenURL
	if tokenURL == "" {
		tokenURL = joinPath(v1, "oauth/token")
		if legacy {
			tokenURL = joinPath(v1, "auth")
		}
	}
	if err := checkTokenURL(tokenURL, s.AllowInsecureHTTP); err != nil {
		return nil, err
	}

	tokenHTTP := transport.NewTokenClient(vendor, s)
	var src auth.Source
	if legacy {
		src = auth.NewCachedSource(legacyGrant(tokenHTTP, tokenURL, creds), auth.CacheOptions{Store: s.TokenStore, Logger: s.Logger})
	} else {
		src = auth.ClientCredentials(auth.Config{
			TokenURL:     tokenURL,
			ClientID:     creds.ClientID,
			ClientSecret: creds.ClientSecret,
			// Quirk: the vendor's reference says HTTP Basic, its newer docs say
			// form fields; both together satisfy either reading.
			ClientAuth:        auth.InBoth,
			HTTPClient:        tokenHTTP,
			Store:             s.TokenStore,
			Logger:            s.Logger,
			AllowInsecureHTTP: s.AllowInsecureHTTP,
		})
	}
	src = quotaSource{src}

	hosts := []string{v1.Host}
	if v2 != nil && v2.Host != v1.Host {
		hosts = append(hosts, v2.Host)
	}
	stack, err := transport.New(transport.Config{
		Vendor:   vendor,
		Settings: s,
		Auth: func(next http.RoundTripper) http.RoundTripper {
			for _, h := range hosts {
				next = auth.NewTransportWithOptions(src, next, auth.TransportOptions{Host: h, AllowInsecureHTTP: s.AllowInsecureHTTP})
			}
			return next
		},
		DecodeError: decodeError,
		Header:      http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	c := &core{stack: stack, http: stack.HTTPClient(), v1: newRoot(v1), v2: newRoot(v2)}
	return &Client{
		Schema:           &SchemaService{c: c},
		CreationIntents:  &CreationIntentService{c: c},
		ChangeIntents:    &ChangeIntentService{c: c},
		ExtensionIntents: &ExtensionIntentService{c: c},
		Materials:        &MaterialService{c: c},
		MaterialsV2:      &MaterialV2Service{c: c},
		IntentsV2:        &IntentV2Service{c: c},
		core:             c,
	}, nil
}

// RateLimit is the rate-limit state as of the last response.
func (c *Client) RateLimit() RateLimit { return c.core.stack.RateLimit() }

// BaseURL is the v1 root the client calls.
func (c *Client) BaseURL() string { return c.core.v1.u.String() }

// BaseURLV2 is the v2 root the client calls, "" when it is unknown (a custom
// v1 root not ending in /v1, and no WithBaseURLV2).
func (c *Client) BaseURLV2() string {
	if c.core.v2.u == nil {
		return ""
	}
	return c.core.v2.u.String()
}

// roots resolves the v1 and v2 roots from the environment and the options.
func roots(env Environment, s *clientopt.Settings) (v1, v2 *url.URL, err error) {
	v1raw, v2raw := env.BaseURL(), env.BaseURLV2()
	if s.BaseURL != "" {
		v1raw = s.BaseURL
		v2raw = ""
		if base, ok := strings.CutSuffix(strings.TrimRight(s.BaseURL, "/"), "/v1"); ok {
			v2raw = base + "/v2"
		}
	}
	if u, ok := clientopt.VendorValue[string](s, keyBaseURLV2); ok {
		v2raw = u
	}
	if v1, err = parseRoot("WithBaseURL", v1raw); err != nil {
		return nil, nil, err
	}
	if v2raw != "" {
		if v2, err = parseRoot("WithBaseURLV2", v2raw); err != nil {
			return nil, nil, err
		}
	}
	return v1, v2, nil
}

func parseRoot(field, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, apierror.Invalid(vendor, field, "%q is not an absolute http(s) URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, apierror.Invalid(vendor, field, "%q must not have a query or fragment", raw)
	}
	return u, nil
}

// checkTokenURL refuses to send the client secret over plain http to a
// host that is not this machine, unless WithInsecureHTTP says so.
func checkTokenURL(raw string, allowInsecure bool) error {
	u, err := parseRoot("WithTokenURL", raw)
	if err != nil {
		return err
	}
	if u.Scheme == "http" && !allowInsecure && !hostmatch.Loopback(u.Hostname()) {
		return apierror.Invalid(vendor, "WithTokenURL", "%q is plain http to a non-loopback host: the client secret would travel unencrypted (WithInsecureHTTP allows it)", raw)
	}
	return nil
}

func joinPath(root *url.URL, p string) string {
	u := *root
	u.Path = strings.TrimRight(u.Path, "/") + "/" + p
	u.RawPath = ""
	return u.String()
}

// docServer is the server of our openapi.yaml; its paths carry the /v1 or
// /v2 prefix. The legacy token request is built for it and then sent to the
// configured token URL.
const docServer = "https://sync.sparetech.io"
