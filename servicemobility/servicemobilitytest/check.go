package servicemobilitytest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partsync/partsync-go/servicemobility"
)

// CheckConfig configures the conformance check.
type CheckConfig struct {
	// JWTSecret is the key the endpoint verifies x-access-token with
	// (servicemobility.WithJWTSecret). When set, the check signs its valid
	// tokens with it and expects 401 for missing, forged, expired and
	// wrong-algorithm tokens. When nil, the endpoint is expected to accept
	// any token (ServiceMobility has validated it already) and those checks
	// are skipped.
	JWTSecret []byte
	// Identity goes into the valid token's name and email claims.
	Identity servicemobility.Identity
	// Order is the valid order sent, one your service can process (a 200,
	// whatever its Status); nil sends SampleOrder().
	Order *servicemobility.PartsOrder
	// OversizedBytes is the size of the oversized request; it must exceed
	// the endpoint's body limit. Default: twice servicemobility.DefaultMaxBodyBytes.
	OversizedBytes int
	// HTTPClient sends the requests of CheckPartsOrderingURL; nil means
	// http.DefaultClient.
	HTTPClient *http.Client
}

// Deviation is one way the endpoint differs from the interface.
type Deviation struct {
	// Check names the check ("expired token").
	Check string
	// Want is what the interface asks for; Got is what the endpoint did.
	Want, Got string
}

// String is the deviation on one line: check, what was wanted, what happened.
func (d Deviation) String() string {
	return fmt.Sprintf("%s: want %s; got %s", d.Check, d.Want, d.Got)
}

// Report is the outcome of a conformance check.
type Report struct {
	// Passed and Skipped name the checks that passed and that did not apply.
	Passed, Skipped []string
	// Deviations lists every failed check.
	Deviations []Deviation
}

// OK reports whether there were no deviations.
func (r *Report) OK() bool { return len(r.Deviations) == 0 }

// Err is nil when there were no deviations, and otherwise an error listing them.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	return errors.New(r.String())
}

// String summarises the report, one line per deviation.
func (r *Report) String() string {
	var b strings.Builder
	if r.OK() {
		fmt.Fprintf(&b, "Parts Ordering endpoint conforms: %d checks passed, %d skipped", len(r.Passed), len(r.Skipped))
		return b.String()
	}
	fmt.Fprintf(&b, "Parts Ordering endpoint deviates from the interface in %d of %d checks:",
		len(r.Deviations), len(r.Deviations)+len(r.Passed))
	for _, d := range r.Deviations {
		b.WriteString("\n  - ")
		b.WriteString(d.String())
	}
	return b.String()
}

// TB is the part of testing.TB that RequireConformance uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// RequireConformance runs CheckPartsOrderingHandler and fails t with the
// report when the handler deviates.
func RequireConformance(t TB, h http.Handler, cfg CheckConfig) *Report {
	t.Helper()
	r := CheckPartsOrderingHandler(h, cfg)
	if !r.OK() {
		t.Errorf("%s", r)
	}
	return r
}

// CheckPartsOrderingHandler checks h, in process, against the Parts
// Ordering REST API Interface as ServiceMobility calls it.
func CheckPartsOrderingHandler(h http.Handler, cfg CheckConfig) *Report {
	return runChecks(context.Background(), cfg, func(ctx context.Context, method string, header http.Header, body []byte) (*result, error) {
		req := httptest.NewRequestWithContext(ctx, method, "/", bytes.NewReader(body))
		req.Header = header
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return &result{status: w.Code, header: w.Header(), body: w.Body.Bytes()}, nil
	})
}

// CheckPartsOrderingURL checks the endpoint at url (a running server, such
// as your staging endpoint) the same way.
func CheckPartsOrderingURL(ctx context.Context, url string, cfg CheckConfig) *Report {
	client := cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	return runChecks(ctx, cfg, func(ctx context.Context, method string, header http.Header, body []byte) (*result, error) {
		req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header = header
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		got, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return &result{status: resp.StatusCode, header: resp.Header, body: got}, err
	})
}

// SampleOrder is a typical parts order: two parts for a work order.
func SampleOrder() *servicemobility.PartsOrder {
	return &servicemobility.PartsOrder{
		AccountNum: "ACC-1001",
		Command:    servicemobility.CommandPlaceOrder,
		Location: servicemobility.Location{
			LocationNum: "LOC-1", Name: "Main depot", LanguageID: "en",
			Address: servicemobility.Address{AddrLine1: "1 Main Street", City: "Springfield", Country: "US", Zip: "12345"},
		},
		Parts: []servicemobility.Part{
			{ProdNum: "P-100", Qty: servicemobility.MustDecimal("1"), ProdAttrs: servicemobility.ProdAttrs{Desc: "Filter"}},
			{ProdNum: "P-200", Qty: servicemobility.MustDecimal("2.0"), ShipToLocation: "VAN-7", Urgency: "Normal"},
		},
		UserName:  "tech01",
		WorkOrder: "WO-1",
	}
}

type result struct {
	status int
	header http.Header
	body   []byte
}

type sender func(ctx context.Context, method string, header http.Header, body []byte) (*result, error)

type checker struct {
	ctx    context.Context
	cfg    CheckConfig
	send   sender
	report *Report
	order  []byte
}

func runChecks(ctx context.Context, cfg CheckConfig, send sender) *Report {
	order := cfg.Order
	if order == nil {
		order = SampleOrder()
	}
	body, err := json.Marshal(order)
	c := &checker{ctx: ctx, cfg: cfg, send: send, report: &Report{}, order: body}
	if err != nil {
		c.deviate("valid order", "an encodable CheckConfig.Order", err.Error())
		return c.report
	}
	if cfg.OversizedBytes <= 0 {
		c.cfg.OversizedBytes = 2 * int(servicemobility.DefaultMaxBodyBytes)
	}
	c.checkValid()
	c.checkCommand1001()
	c.checkMethods()
	c.checkTokens()
	c.checkMalformed()
	c.checkOversized()
	return c.report
}

func (c *checker) pass(name string) { c.report.Passed = append(c.report.Passed, name) }

func (c *checker) deviate(name, want, got string) {
	c.report.Deviations = append(c.report.Deviations, Deviation{Check: name, Want: want, Got: got})
}

func (c *checker) do(method, token string, body []byte) (*result, error) {
	header := http.Header{"Content-Type": {"application/json"}}
	if token != "" {
		header.Set("x-access-token", token)
	}
	ctx, cancel := context.WithTimeout(c.ctx, 30*time.Second)
	defer cancel()
	return c.send(ctx, method, header, body)
}

// validToken is what ServiceMobility would pass on: a live HS256 JWT.
func (c *checker) validToken() string {
	key := c.cfg.JWTSecret
	if len(key) == 0 {
		key = []byte("servicemobilitytest: a key the endpoint does not know")
	}
	t, err := servicemobility.NewJWT(key, c.cfg.Identity, time.Hour)
	if err != nil {
		return ""
	}
	return t
}

// expect runs one request and records whether its status is one of want.
func (c *checker) expect(name, method, token string, body []byte, wantText string, ok func(*result) string) {
	res, err := c.do(method, token, body)
	if err != nil {
		c.deviate(name, wantText, "request failed: "+err.Error())
		return
	}
	if problem := ok(res); problem != "" {
		c.deviate(name, wantText, problem)
		return
	}
	c.pass(name)
}

func statusIs(codes ...int) func(*result) string {
	return func(r *result) string {
		for _, code := range codes {
			if r.status == code {
				return ""
			}
		}
		return describe(r)
	}
}

func describe(r *result) string {
	return fmt.Sprintf("%d %s", r.status, excerpt(r.body))
}

func excerpt(b []byte) string {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "(empty body)"
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// checkValid: 200 with a Parts Ordering Response Object.
func (c *checker) checkValid() {
	c.expect("valid order", http.MethodPost, c.validToken(), c.order,
		"200 with a JSON Parts Ordering Response Object", validResponse)
}

// checkCommand1001: the vendor's own example sends Command 1001; any integer must be accepted.
func (c *checker) checkCommand1001() {
	var m map[string]any
	_ = json.Unmarshal(c.order, &m)
	m["Command"] = 1001
	body, _ := json.Marshal(m)
	c.expect("order with Command 1001 (the vendor's own example)", http.MethodPost, c.validToken(), body,
		"200 with a JSON Parts Ordering Response Object (any Command is accepted)", validResponse)
}

func validResponse(r *result) string {
	if r.status != http.StatusOK {
		return describe(r)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Sprintf("200 with Content-Type %q", ct)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &raw); err != nil {
		return "200 whose body is not a JSON object: " + excerpt(r.body)
	}
	for k, v := range raw {
		if strings.EqualFold(k, "Orders") && len(v) > 0 && v[0] != '[' && string(v) != "null" {
			return "200 whose Orders is not an array: " + excerpt(v)
		}
	}
	var resp servicemobility.PartsOrderResponse
	if err := json.Unmarshal(r.body, &resp); err != nil {
		return "200 whose body is not a Parts Ordering Response Object: " + err.Error()
	}
	return ""
}

func (c *checker) checkMethods() {
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		c.expect(m+" instead of POST", m, c.validToken(), c.order, "405 Method Not Allowed (or another 4xx): only POST places orders",
			func(r *result) string {
				if r.status >= 400 && r.status < 500 {
					return ""
				}
				return describe(r)
			})
	}
}

func (c *checker) checkTokens() {
	names := []string{"missing token", "token that is not a JWT", "token signed with another key",
		"token with alg none", "RS256 token signed with the HMAC secret", "HS512 token", "expired token", "token without exp"}
	key := c.cfg.JWTSecret
	if len(key) == 0 {
		c.report.Skipped = append(c.report.Skipped, names...)
		return
	}
	now := time.Now()
	live := jwt.MapClaims{"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	tokens := []string{
		"",
		"not-a-jwt",
		sign("HS256", live, []byte("servicemobilitytest: not the endpoint's key")),
		unsignedNone(live),
		sign("RS256", live, key),
		hs512(live, key),
		sign("HS256", jwt.MapClaims{"iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}, key),
		sign("HS256", jwt.MapClaims{"iat": now.Unix()}, key),
	}
	for i, tok := range tokens {
		c.expect(names[i], http.MethodPost, tok, c.order, `401 "Invalid Logon."`, statusIs(http.StatusUnauthorized))
	}
}

func (c *checker) checkMalformed() {
	bodies := []struct{ name, body string }{
		{"empty body", ""},
		{"body that is not JSON", "AccountNum=ACC-1001&Command=1002"},
		{"JSON array instead of an object", "[" + string(c.order) + "]"},
		{"truncated JSON", string(c.order[:len(c.order)/2])},
		{"data after the JSON object", string(c.order) + `{"Parts":[]}`},
	}
	for _, b := range bodies {
		c.expect(b.name, http.MethodPost, c.validToken(), []byte(b.body), "500 with a text body describing the cause",
			func(r *result) string {
				if r.status != http.StatusInternalServerError {
					return describe(r)
				}
				if len(bytes.TrimSpace(r.body)) == 0 {
					return "500 with an empty body"
				}
				return ""
			})
	}
}

// checkOversized sends a valid order padded to OversizedBytes: an endpoint
// that reads it whole is open to memory exhaustion.
func (c *checker) checkOversized() {
	pad := c.cfg.OversizedBytes - len(c.order) - len(`,"Padding":""`)
	if pad < 0 {
		pad = 0
	}
	body := make([]byte, 0, len(c.order)+pad+16)
	body = append(body, c.order[:len(c.order)-1]...)
	body = append(body, `,"Padding":"`...)
	body = append(body, bytes.Repeat([]byte("x"), pad)...)
	body = append(body, `"}`...)
	c.expect(fmt.Sprintf("oversized body (%d bytes)", len(body)), http.MethodPost, c.validToken(), body,
		"500: the body exceeds a sane limit (servicemobility.WithMaxBodyBytes)", statusIs(http.StatusInternalServerError))
}

func sign(alg string, claims jwt.MapClaims, key []byte) string {
	h, _ := json.Marshal(map[string]string{"alg": alg, "typ": "JWT"})
	p, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding
	input := enc.EncodeToString(h) + "." + enc.EncodeToString(p)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(input))
	return input + "." + enc.EncodeToString(m.Sum(nil))
}

func unsignedNone(claims jwt.MapClaims) string {
	s, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	return s
}

func hs512(claims jwt.MapClaims, key []byte) string {
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString(key)
	return s
}
