package sprtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partsync/partsync-go/spr"
)

// The fake's API credentials and default web user.
const (
	ClientID       = "partsync-fake-client"
	ClientSecret   = "fake-client-secret"
	DefaultUser    = "demo"
	DefaultPass    = "fake-password"
	DefaultLocale  = "es_MX"
	DefaultTTL     = 43200 * time.Second // the vendor's usual expires_in
	productsPage   = 30
	inventoryPage  = 100
	defaultCatalog = 300
)

// Server is a stateful in-memory SPR Automotive API on 127.0.0.1.
type Server struct {
	srv *httptest.Server

	mu        sync.Mutex
	now       func() time.Time
	ttl       time.Duration
	appsKey   string
	totals    bool
	strNums   bool
	throttle  int
	window    time.Time
	windowN   int
	users     map[string]*User // by login name without region
	products  []spr.Product
	byCode    map[string]int
	inventory map[string][]spr.InventoryRecord
	access    map[string]*session
	refresh   map[string]*session
	requests  []Request
	grants    []TokenGrant
	faults    []pending
}

// session is one issued access and refresh token pair.
type session struct {
	user           *User
	access         string
	refresh        string
	expires        time.Time
	accessRevoked  bool
	refreshRevoked bool
}

// User is a web user of the fake.
type User struct {
	// Username is the web login without the region ("demo"); clients log in
	// as Username+"@"+Locale.
	Username string
	Password string
	// Locale is the user's region; API paths must carry it.
	Locale string
	// Permissions decide which product fields the user sees.
	Permissions Permissions
	// Branches are the branch ids whose stock the user sees; nil means all.
	Branches []int
}

// Permissions are the vendor's read permissions; a field the user may not
// read is left out of the response, as the vendor does.
type Permissions struct {
	ListPrice     bool // price_00 (price read and a telemarketing account)
	CustomerPrice bool // price_01 (price read)
	Stock         bool // stock
	Apps          bool // apps (application read)
	Props         bool // props (attribute read)
	OEMs          bool // oems
	Interchanges  bool // interchanges (conversion read)
}

// AllPermissions grants every read permission.
func AllPermissions() Permissions {
	return Permissions{true, true, true, true, true, true, true}
}

// Request is one request the fake received. Header and Form hold what was
// sent, secrets included: do not log them.
type Request struct {
	Method string
	// Path is the unescaped path; RawPath the path as sent (escapes kept).
	Path, RawPath string
	Query         url.Values
	Header        http.Header
	// Form is the token request's form (token requests only).
	Form url.Values
	// Status is the status the fake answered with (0: connection dropped).
	Status int
	At     time.Time
}

// TokenGrant is one token request as the fake judged it.
type TokenGrant struct {
	// Grant is the grant_type sent: "password" or "refresh_token".
	Grant string
	// Username is the login name of a password grant, or the user a refresh
	// token belonged to.
	Username string
	Status   int
	// Error is the OAuth error code of a rejected request ("invalid_grant").
	Error string
	At    time.Time
}

// ServerOption configures NewServer.
type ServerOption func(*Server)

// WithTokenLifetime sets expires_in of issued access tokens (default 12 h).
func WithTokenLifetime(d time.Duration) ServerOption { return func(s *Server) { s.ttl = d } }

// WithClock replaces time.Now for token expiry and throttling.
func WithClock(now func() time.Time) ServerOption { return func(s *Server) { s.now = now } }

// WithLocale sets the default user's region (default es_MX; es_GT for the
// inventory).
func WithLocale(locale string) ServerOption {
	return func(s *Server) { s.users[DefaultUser].Locale = locale }
}

// WithPermissions sets the default user's permissions (default all).
func WithPermissions(p Permissions) ServerOption {
	return func(s *Server) { s.users[DefaultUser].Permissions = p }
}

// WithUser adds a web user.
func WithUser(u User) ServerOption { return func(s *Server) { s.addUser(u) } }

// WithApplicationsKey sends the vehicle tree under "applications", as the
// vendor's older document does, instead of "apps".
func WithApplicationsKey() ServerOption { return func(s *Server) { s.appsKey = "applications" } }

// WithPaginationTotals adds last_page and total to every page, as the
// vendor's older document shows.
func WithPaginationTotals() ServerOption { return func(s *Server) { s.totals = true } }

// WithStringNumbers sends pagination meta, prices and stock numbers as JSON
// strings, as the vendor's older document types them.
func WithStringNumbers() ServerOption { return func(s *Server) { s.strNums = true } }

// WithThrottle limits API requests to perMinute in a fixed one-minute window,
// with Laravel's throttle headers and 429 "Too Many Attempts.".
func WithThrottle(perMinute int) ServerOption { return func(s *Server) { s.throttle = perMinute } }

// WithCatalog replaces the generated catalog of a few hundred products with
// n products generated from seed (n 0: an empty catalog).
func WithCatalog(n int, seed uint64) ServerOption {
	return func(s *Server) {
		s.products, s.byCode = nil, map[string]int{}
		for _, p := range generateCatalog(n, seed) {
			s.putProduct(p)
		}
	}
}

// NewServer starts a fake with one user (Credentials), a deterministic
// catalog of 300 products across makes, models and years, and inventory for
// rodatech, partech and shark.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		now:       time.Now,
		ttl:       DefaultTTL,
		appsKey:   "apps",
		users:     map[string]*User{},
		byCode:    map[string]int{},
		inventory: generateInventory(),
		access:    map[string]*session{},
		refresh:   map[string]*session{},
	}
	s.addUser(User{Username: DefaultUser, Password: DefaultPass, Locale: DefaultLocale, Permissions: AllPermissions()})
	for _, p := range generateCatalog(defaultCatalog, 1) {
		s.putProduct(p)
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(s.Handler())
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// URL is the site root to pass to spr.WithBaseURL.
func (s *Server) URL() string { return s.srv.URL }

// TokenURL is the OAuth token endpoint (URL()+"/oauth/token").
func (s *Server) TokenURL() string { return s.srv.URL + "/oauth/token" }

// Client is an *http.Client for the server (a plain one, for tests that
// speak to the fake directly).
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Credentials are the default user's credentials with the fake's API
// credentials.
func (s *Server) Credentials() spr.Credentials { return s.CredentialsFor(DefaultUser) }

// CredentialsFor returns the credentials of the user added under username
// (empty fields when there is no such user).
func (s *Server) CredentialsFor(username string) spr.Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := spr.Credentials{ClientID: ClientID, ClientSecret: ClientSecret}
	if u, ok := s.users[username]; ok {
		c.Username, c.Password, c.Locale = u.Username, u.Password, u.Locale
	}
	return c
}

// AddUser adds or replaces a web user.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addUser(u)
}

func (s *Server) addUser(u User) {
	if u.Locale == "" {
		u.Locale = DefaultLocale
	}
	u.Branches = slices.Clone(u.Branches)
	s.users[u.Username] = &u
}

// AddProduct adds a product, or replaces the one with the same code.
func (s *Server) AddProduct(p spr.Product) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putProduct(p)
}

func (s *Server) putProduct(p spr.Product) {
	if i, ok := s.byCode[strings.ToUpper(p.Code)]; ok {
		s.products[i] = p
		return
	}
	s.byCode[strings.ToUpper(p.Code)] = len(s.products)
	s.products = append(s.products, p)
}

// Product returns the stored product with every field, whatever the
// permissions.
func (s *Server) Product(code string) (spr.Product, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.byCode[strings.ToUpper(code)]
	if !ok {
		return spr.Product{}, false
	}
	return s.products[i], true
}

// Products returns every stored product in catalog order.
func (s *Server) Products() []spr.Product {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.products)
}

// CatalogCodes returns the codes the catalog query matches, in the order
// the server lists them (what a complete walk should yield).
func (s *Server) CatalogCodes(q spr.CatalogQuery) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var codes []string
	for _, i := range s.catalogMatches(q.Year, q.Make, q.Model, q.Category) {
		codes = append(codes, s.products[i].Code)
	}
	return codes
}

// SearchCodes returns the codes a search for terms matches, in order.
func (s *Server) SearchCodes(terms string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var codes []string
	for _, i := range s.searchMatches(terms) {
		codes = append(codes, s.products[i].Code)
	}
	return codes
}

// AddInventory appends records to an enterprise's inventory.
func (s *Server) AddInventory(enterprise string, recs ...spr.InventoryRecord) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range recs {
		s.inventory[enterprise] = append(s.inventory[enterprise], cloneRecord(r))
	}
}

// SetInventory replaces an enterprise's inventory.
func (s *Server) SetInventory(enterprise string, recs []spr.InventoryRecord) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inventory[enterprise] = nil
	for _, r := range recs {
		s.inventory[enterprise] = append(s.inventory[enterprise], cloneRecord(r))
	}
}

// Inventory returns an enterprise's records.
func (s *Server) Inventory(enterprise string) []spr.InventoryRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]spr.InventoryRecord, 0, len(s.inventory[enterprise]))
	for _, r := range s.inventory[enterprise] {
		out = append(out, cloneRecord(r))
	}
	return out
}

func cloneRecord(r spr.InventoryRecord) spr.InventoryRecord {
	c := make(spr.InventoryRecord, len(r))
	for k, v := range r {
		c[k] = v
	}
	return c
}

// Requests returns copies of every request received, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Query = cloneValues(r.Query)
		r.Form = cloneValues(r.Form)
		r.Header = r.Header.Clone()
		out[i] = r
	}
	return out
}

// APIRequests returns the requests that were not token requests.
func (s *Server) APIRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Path != "/oauth/token" {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests and token grants.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.grants = nil, nil
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = slices.Clone(vs)
	}
	return c
}

// TokenRequests counts the token requests with grant_type grant ("password",
// "refresh_token"); "" counts them all.
func (s *Server) TokenRequests(grant string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, g := range s.grants {
		if grant == "" || g.Grant == grant {
			n++
		}
	}
	return n
}

// TokenGrants returns every token request as the fake judged it, in order.
func (s *Server) TokenGrants() []TokenGrant {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.grants)
}

// ExpireAccessTokens makes every issued access token expired, as if its
// lifetime had passed; refresh tokens stay valid.
func (s *Server) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	past := s.now().Add(-time.Second)
	for _, se := range s.access {
		se.expires = past
	}
}

// RevokeRefreshTokens revokes every refresh token, so that the next refresh
// fails with invalid_grant and the client has to log in again.
func (s *Server) RevokeRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, se := range s.refresh {
		se.refreshRevoked = true
	}
}

// LiveSessions counts the token pairs whose refresh token is still valid.
func (s *Server) LiveSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, se := range s.refresh {
		if !se.refreshRevoked {
			n++
		}
	}
	return n
}
