package servicemobilitytest

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/partsync/partsync-go/servicemobility"
)

// Paths the fake serves, as ServiceMobility does.
const (
	CreateJWTPath     = "/createjwt"
	PartsOrderingPath = "/seiapi/v3/mobile/PartsOrdering"
)

// Server is a fake ServiceMobility: Create JWT and the Parts Ordering REST
// API, which relays orders to the configured EntityServiceURI. It is safe
// for concurrent use.
type Server struct {
	srv    *httptest.Server
	key    []byte
	ttl    time.Duration
	client *http.Client

	mu        sync.Mutex
	users     map[string]user
	login     servicemobility.Login // the default user
	entityURI string
	extAuth   string
	cctID     string
	cctCode   string
	issued    map[string]time.Time // token -> exp, for every token handed out
	revoked   map[string]bool
	requests  []Request
	relays    []Relay
	logins    int
	faults    []Fault
}

type user struct {
	password string
	id       servicemobility.Identity
}

// Request is a request the fake received. It holds the credentials as sent
// (password, token, customer code): do not log it.
type Request struct {
	Method, Path string
	// Query is the raw query string.
	Query  string
	Header http.Header
	Body   []byte
}

// Relay is one parts order the fake passed on to the EntityServiceURI.
type Relay struct {
	// Header is what the fake sent: Content-Type and x-access-token.
	Header http.Header
	// Body is the order as sent.
	Body []byte
	// StatusCode and ResponseBody are the endpoint's answer (0 when it
	// could not be reached).
	StatusCode   int
	ResponseBody []byte
}

// Fault is an injected failure for the next requests (FailNext).
type Fault struct {
	// Path limits the fault to one path ("" for every path).
	Path string
	// Status and Body are the answer; Status 0 with Reset false is 500.
	Status int
	Body   string
	// RetryAfter is sent as the Retry-After header when set.
	RetryAfter string
	// Reset drops the connection without an answer.
	Reset bool
	// Delay holds the answer back this long (or until the client gives up).
	Delay time.Duration
	// Truncate sends a 200 that announces Body (default a JSON fragment)
	// but ends halfway through it.
	Truncate bool
}

// ServerOption configures NewServer.
type ServerOption func(*Server)

// WithUser adds a user who can log in at /createjwt; the identity becomes
// the token's name and email claims. Without any WithUser, the fake has one
// user with a random password (Credentials).
func WithUser(login servicemobility.Login, id servicemobility.Identity) ServerOption {
	return func(s *Server) {
		s.users[login.Username] = user{password: login.Password, id: id}
		if s.login.Username == "" {
			s.login = login
		}
	}
}

// WithEntityServiceURI sets PartsOrdering.EntityServiceURI, the customer
// endpoint parts orders are relayed to (also SetEntityServiceURI).
func WithEntityServiceURI(uri string) ServerOption {
	return func(s *Server) { s.entityURI = uri }
}

// WithExternalAuth enables ExtUserAuth with AuthEndpoint uri: /createjwt
// passes the username and password through to the customer's
// Authentication REST API Interface at uri and returns its token. The fake
// then accepts the tokens it handed out until their exp (it cannot verify
// them: it does not hold the customer's key).
func WithExternalAuth(uri string) ServerOption {
	return func(s *Server) { s.extAuth = uri }
}

// WithSigningKey sets the key of the fake's own HS256 JWTs (default random).
func WithSigningKey(key []byte) ServerOption {
	return func(s *Server) { s.key = append([]byte(nil), key...) }
}

// WithTokenTTL sets the lifetime of the fake's own JWTs (default one hour).
func WithTokenTTL(d time.Duration) ServerOption {
	return func(s *Server) { s.ttl = d }
}

// WithCustomerCode enables the legacy CCT authentication: requests with
// customerid=id and customercode=code in the query are accepted without a
// JWT. Relayed orders then carry no x-access-token (there is no JWT to pass on).
func WithCustomerCode(id, code string) ServerOption {
	return func(s *Server) { s.cctID, s.cctCode = id, code }
}

// WithEntityHTTPClient sets the client that relays orders (default: a
// client with a 30 s timeout).
func WithEntityHTTPClient(c *http.Client) ServerOption {
	return func(s *Server) { s.client = c }
}

// NewServer starts a fake ServiceMobility on 127.0.0.1. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		ttl:     time.Hour,
		client:  &http.Client{Timeout: 30 * time.Second},
		users:   map[string]user{},
		issued:  map[string]time.Time{},
		revoked: map[string]bool{},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if len(s.key) == 0 {
		s.key = []byte(randomHex(32))
	}
	if len(s.users) == 0 {
		s.login = servicemobility.Login{Username: "tech01", Password: "fake-" + randomHex(12)}
		s.users[s.login.Username] = user{password: s.login.Password, id: servicemobility.Identity{Name: "Test Technician", Email: "tech01@example.com"}}
	}
	mux := http.NewServeMux()
	mux.HandleFunc(CreateJWTPath, s.createJWT)
	mux.HandleFunc(PartsOrderingPath, s.partsOrdering)
	s.srv = httptest.NewServer(s.record(mux))
	return s
}

// URL is the fake's base URL, for servicemobility.NewClient.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Credentials is the first configured user's login (or the default user's).
func (s *Server) Credentials() servicemobility.Login {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.login
}

// SigningKey is the key of the fake's own JWTs: give it to
// servicemobility.WithJWTSecret when the handler should verify them.
func (s *Server) SigningKey() []byte { return append([]byte(nil), s.key...) }

// SetEntityServiceURI changes PartsOrdering.EntityServiceURI.
func (s *Server) SetEntityServiceURI(uri string) {
	s.mu.Lock()
	s.entityURI = uri
	s.mu.Unlock()
}

// IssueToken returns a JWT for username as /createjwt would, without a login.
func (s *Server) IssueToken(username string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, _ := s.issueLocked(s.users[username].id)
	return tok
}

// RevokeTokens makes every token issued so far invalid, as an expiry or a
// password change on the real service would: the next call with one gets 401.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.issued {
		s.revoked[t] = true
	}
}

// LoginRequests counts the calls to /createjwt.
func (s *Server) LoginRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// Requests returns a copy of every request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = Request{Method: r.Method, Path: r.Path, Query: r.Query, Header: r.Header.Clone(), Body: bytes.Clone(r.Body)}
	}
	return out
}

// Relays returns a copy of every order relayed to the EntityServiceURI.
func (s *Server) Relays() []Relay {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Relay, len(s.relays))
	for i, r := range s.relays {
		out[i] = Relay{Header: r.Header.Clone(), Body: bytes.Clone(r.Body), StatusCode: r.StatusCode, ResponseBody: bytes.Clone(r.ResponseBody)}
	}
	return out
}

// FailNext makes the next n requests (to f.Path, or to any path) fail as f says.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// record logs every request and applies injected faults.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		var fault *Fault
		for i, f := range s.faults {
			if f.Path == "" || f.Path == r.URL.Path {
				fault = &f
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
				break
			}
		}
		s.mu.Unlock()
		if fault == nil {
			next.ServeHTTP(w, r)
			return
		}
		if fault.Delay > 0 {
			t := time.NewTimer(fault.Delay)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		if fault.Truncate {
			body := fault.Body
			if body == "" {
				body = `{"Orders":[{"PartOrderNum":"SO-1","Parts":[]}],"Status":"1000"}`
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, body[:len(body)/2])
			if hj, ok := w.(http.Hijacker); ok {
				if conn, buf, err := hj.Hijack(); err == nil {
					_ = buf.Flush()
					_ = conn.Close()
				}
			}
			return
		}
		if fault.Reset {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
		}
		if fault.RetryAfter != "" {
			w.Header().Set("Retry-After", fault.RetryAfter)
		}
		status := fault.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		text(w, status, fault.Body)
	})
}

func text(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const invalidLogon = "Invalid Logon."

// createJWT is Create JWT: {"username","password"} -> {"token"}.
func (s *Server) createJWT(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.logins++
	ext := s.extAuth
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		text(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	body, _ := io.ReadAll(r.Body)
	var in struct{ Username, Password string }
	if err := json.Unmarshal(body, &in); err != nil {
		text(w, http.StatusInternalServerError, "invalid Authentication Object: "+err.Error())
		return
	}
	if ext != "" {
		s.passThroughLogin(w, r, ext, body)
		return
	}
	s.mu.Lock()
	u, ok := s.users[in.Username]
	okPassword := subtle.ConstantTimeCompare([]byte(u.password), []byte(in.Password)) == 1
	var token string
	var err error
	if ok && okPassword && in.Password != "" {
		token, err = s.issueLocked(u.id)
	}
	s.mu.Unlock()
	switch {
	case err != nil:
		text(w, http.StatusInternalServerError, "could not create the token")
	case token == "":
		text(w, http.StatusUnauthorized, invalidLogon)
	default:
		writeToken(w, token)
	}
}

// passThroughLogin is ExtUserAuth: the customer's Authentication endpoint decides.
func (s *Server) passThroughLogin(w http.ResponseWriter, r *http.Request, uri string, body []byte) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, uri, bytes.NewReader(body))
	if err != nil {
		text(w, http.StatusInternalServerError, "ExtUserAuth.AuthEndpoint is not a valid URL")
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		text(w, http.StatusInternalServerError, "ExtUserAuth.AuthEndpoint could not be reached")
		return
	}
	defer resp.Body.Close()
	respBody, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusUnauthorized:
		text(w, http.StatusUnauthorized, invalidLogon)
		return
	default:
		text(w, http.StatusInternalServerError, "ExtUserAuth.AuthEndpoint failed: "+strings.TrimSpace(string(respBody)))
		return
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(respBody, &out); err != nil || out.Token == "" {
		text(w, http.StatusInternalServerError, "ExtUserAuth.AuthEndpoint answered without a token")
		return
	}
	s.mu.Lock()
	s.issued[out.Token] = unverifiedExpiry(out.Token)
	s.mu.Unlock()
	writeToken(w, out.Token)
}

func writeToken(w http.ResponseWriter, token string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"token": token})
}

func (s *Server) issueLocked(id servicemobility.Identity) (string, error) {
	// As the Authentication interface specifies (HS256, exp and iat in epoch
	// seconds, name and email), plus a jti so that every token is distinct.
	now := time.Now()
	claims := jwt.MapClaims{"iat": now.Unix(), "exp": now.Add(s.ttl).Unix(), "jti": randomHex(8)}
	if id.Name != "" {
		claims["name"] = id.Name
	}
	if id.Email != "" {
		claims["email"] = id.Email
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.key)
	if err != nil {
		return "", err
	}
	s.issued[tok] = unverifiedExpiry(tok)
	return tok, nil
}

// authorized reports whether r carries a live token or the CCT parameters,
// and returns the token to pass on.
func (s *Server) authorized(r *http.Request) (token string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	if s.cctID != "" && q.Has("customerid") {
		return "", subtle.ConstantTimeCompare([]byte(q.Get("customerid")), []byte(s.cctID)) == 1 &&
			subtle.ConstantTimeCompare([]byte(q.Get("customercode")), []byte(s.cctCode)) == 1
	}
	token = r.Header.Get("x-access-token")
	if token == "" || s.revoked[token] {
		return "", false
	}
	if exp, issued := s.issued[token]; issued && (exp.IsZero() || time.Now().Before(exp)) {
		return token, true
	}
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired()).
		Parse(token, func(*jwt.Token) (any, error) { return s.key, nil })
	return token, err == nil
}

// partsOrdering is the Parts Ordering REST API: it relays the order to the
// EntityServiceURI with Content-Type and x-access-token, and relays the
// answer back.
func (s *Server) partsOrdering(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		text(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	token, ok := s.authorized(r)
	if !ok {
		text(w, http.StatusUnauthorized, invalidLogon)
		return
	}
	s.mu.Lock()
	uri := s.entityURI
	s.mu.Unlock()
	if uri == "" {
		// Not published: the text and status when the URI is missing are the fake's choice.
		text(w, http.StatusInternalServerError, "PartsOrdering.EntityServiceURI is not configured for this entity")
		return
	}
	body, _ := io.ReadAll(r.Body)
	var order servicemobility.PartsOrder
	if err := json.Unmarshal(body, &order); err != nil {
		// Not published: ServiceMobility's answer to a malformed order; the fake uses 400 with a reason.
		text(w, http.StatusBadRequest, "invalid Parts Ordering Object: "+err.Error())
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, uri, bytes.NewReader(body))
	if err != nil {
		text(w, http.StatusInternalServerError, "PartsOrdering.EntityServiceURI is not a valid URL")
		return
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("x-access-token", token)
	}
	relay := Relay{Header: req.Header.Clone(), Body: body}
	resp, err := s.client.Do(req)
	if err != nil {
		s.addRelay(relay)
		text(w, http.StatusInternalServerError, "PartsOrdering.EntityServiceURI could not be reached")
		return
	}
	defer resp.Body.Close()
	respBody, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	relay.StatusCode, relay.ResponseBody = resp.StatusCode, respBody
	s.addRelay(relay)
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(respBody)
}

func (s *Server) addRelay(r Relay) {
	s.mu.Lock()
	s.relays = append(s.relays, r)
	s.mu.Unlock()
}

func unverifiedExpiry(token string) time.Time {
	mc := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, mc); err != nil {
		return time.Time{}
	}
	exp, err := mc.GetExpirationTime()
	if err != nil || exp == nil {
		return time.Time{}
	}
	return exp.Time
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
