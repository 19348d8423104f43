package gkstest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// Server is a fake GKS4: the API on one httptest server and Simutek's token
// endpoint on another (as id.simutek.se is a host of its own). It is safe for
// concurrent use. Close it when done.
type Server struct {
	api, idp *httptest.Server
	creds    gks.Credentials
	tokenTTL time.Duration
	done     chan struct{}
	once     sync.Once

	mu           sync.Mutex
	customers    map[string]oapi.Customer // by customer number
	orders       []Order
	tokens       map[string]time.Time // access token -> expiry
	requests     []Request
	tokenReqs    []TokenRequest
	faults       []*faultSlot
	tokenFaults  []*faultSlot
	nextCustomer int
	nextOrder    int
}

// ServerOption configures NewServer.
type ServerOption func(*Server)

// WithCredentials sets the client id and secret the token endpoint accepts.
// The default is Credentials{"gkstest-client", "gkstest-secret"}.
func WithCredentials(c gks.Credentials) ServerOption {
	return func(s *Server) { s.creds = c }
}

// WithTokenLifetime sets expires_in of issued tokens (default one hour);
// the API refuses a token after it with 401.
func WithTokenLifetime(d time.Duration) ServerOption {
	return func(s *Server) { s.tokenTTL = d }
}

// WithCustomers seeds customers, as AddCustomer does.
func WithCustomers(cs ...gks.Customer) ServerOption {
	return func(s *Server) {
		for _, c := range cs {
			s.AddCustomer(c)
		}
	}
}

// NewServer starts a fake GKS4 on 127.0.0.1.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		creds:        gks.Credentials{ClientID: "gkstest-client", ClientSecret: "gkstest-secret"},
		tokenTTL:     time.Hour,
		done:         make(chan struct{}),
		customers:    make(map[string]oapi.Customer),
		tokens:       make(map[string]time.Time),
		nextCustomer: 100001,
		nextOrder:    500001,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	api := oapi.HandlerWithOptions(&handler{s: s}, oapi.StdHTTPServerOptions{
		BaseRouter:       http.NewServeMux(),
		ErrorHandlerFunc: paramError,
	})
	s.api = httptest.NewServer(s.apiMiddleware(api))
	s.idp = httptest.NewServer(s.tokenMiddleware(http.HandlerFunc(s.serveToken)))
	return s
}

// URL is the API root, for gks.WithBaseURL.
func (s *Server) URL() string { return s.api.URL }

// TokenURL is the token endpoint, for gks.WithTokenURL.
func (s *Server) TokenURL() string { return s.idp.URL + "/connect/token" }

// Credentials are the client id and secret the fake accepts.
func (s *Server) Credentials() gks.Credentials { return s.creds }

// ClientOptions are the options that point a gks.Client at this fake:
// WithBaseURL and WithTokenURL.
func (s *Server) ClientOptions() []gks.Option {
	return []gks.Option{gks.WithBaseURL(s.URL()), gks.WithTokenURL(s.TokenURL())}
}

// NewClient returns a gks.Client for this fake with its credentials; opts
// are applied after the fake's own.
func (s *Server) NewClient(opts ...gks.Option) (*gks.Client, error) {
	return gks.NewClient(s.creds, append(s.ClientOptions(), opts...)...)
}

// Close stops both servers, cutting injected delays short.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.api.CloseClientConnections()
		s.api.Close()
		s.idp.CloseClientConnections()
		s.idp.Close()
	})
}

// ExpireTokens makes every token issued so far invalid, so that the next API
// call gets a 401 and the client has to fetch a new one.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
