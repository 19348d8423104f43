// Command servicemobility-endpoint serves the two interfaces a
// ServiceMobility customer implements, backed by an in-memory stock:
//
//   - POST /servicemobility/parts-ordering: the Parts Ordering REST API
//     Interface (configure it as PartsOrdering.EntityServiceURI). Orders are
//     filled from stock; what is short is back-ordered in a later delivery,
//     and superseded parts are replaced by their successors.
//   - POST /servicemobility/authenticate: the Authentication REST API
//     Interface (configure it as ExtUserAuth.AuthEndpoint). It issues HS256
//     JWTs, which the Parts Ordering endpoint then verifies.
//
// Without flags, or with -demo, it starts the endpoint and a fake
// ServiceMobility (servicemobilitytest) on 127.0.0.1, logs in and places a
// few orders through the fake exactly as a mobile worker would, prints the
// exchange and exits:
//
//	go run ./examples/servicemobility-endpoint -demo
//
// With -addr it serves until interrupted. The JWT key comes from
// SERVICEMOBILITY_JWT_SECRET and the one user from
// SERVICEMOBILITY_ENDPOINT_USER and SERVICEMOBILITY_ENDPOINT_PASSWORD:
//
//	SERVICEMOBILITY_JWT_SECRET=... go run ./examples/servicemobility-endpoint -addr :8080
//
// -debug logs every request the client sends and the endpoint handles, at
// debug level.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
)

// The endpoint's paths.
const (
	partsOrderingPath  = "/servicemobility/parts-ordering"
	authenticationPath = "/servicemobility/authenticate"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "servicemobility-endpoint:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("servicemobility-endpoint", flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", "", "serve the endpoint on this address (e.g. :8080) until interrupted")
	debug := fs.Bool("debug", false, "log every request the endpoint and the client handle, at debug level (secrets are never logged)")
	demo := fs.Bool("demo", false, "run the endpoint against a fake ServiceMobility, print the exchange and exit (the default without -addr)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	log := debugLogger(*debug, stdout)
	if *demo || *addr == "" {
		return runDemo(ctx, stdout, log)
	}
	return serve(ctx, *addr, stdout, log)
}

// endpoint is the customer side: both interfaces on one mux.
type endpoint struct {
	inventory *servicemobility.MemoryInventory
	parts     http.Handler // the Parts Ordering interface alone
	handler   http.Handler // both interfaces at their paths
}

func newEndpoint(secret []byte, users servicemobility.Authenticator, log *slog.Logger) *endpoint {
	inv := demoStock()
	svc := servicemobility.NewStockService(inv, servicemobility.StockConfig{})
	parts := servicemobility.NewPartsOrderingHandler(svc, servicemobility.WithJWTSecret(secret), servicemobility.WithHandlerLogger(log))
	mux := http.NewServeMux()
	mux.Handle(partsOrderingPath, parts)
	mux.Handle(authenticationPath, servicemobility.NewAuthenticationHandler(users, secret, time.Hour))
	return &endpoint{inventory: inv, parts: parts, handler: mux}
}

// listen serves h on addr until Close.
type server struct {
	srv  *http.Server
	done chan struct{}
	url  string
}

func listen(addr string, h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &server{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, done: make(chan struct{}), url: "http://" + ln.Addr().String()}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// Close shuts the server down gracefully.
func (s *server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
	<-s.done
}

func serve(ctx context.Context, addr string, stdout io.Writer, log *slog.Logger) error {
	secret := []byte(os.Getenv("SERVICEMOBILITY_JWT_SECRET"))
	if len(secret) < 32 {
		return errors.New("set SERVICEMOBILITY_JWT_SECRET to at least 32 bytes: it signs and verifies the JWTs")
	}
	var users []servicemobility.StaticUser
	if u, p := os.Getenv("SERVICEMOBILITY_ENDPOINT_USER"), os.Getenv("SERVICEMOBILITY_ENDPOINT_PASSWORD"); u != "" && p != "" {
		users = append(users, servicemobility.StaticUser{Username: u, Password: p, Identity: servicemobility.Identity{Name: u}})
	}
	ep := newEndpoint(secret, servicemobility.StaticUsers(users...), log)
	s, err := listen(addr, ep.handler)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(stdout, "Parts Ordering endpoint:  %s%s\n", s.url, partsOrderingPath)
	fmt.Fprintf(stdout, "Authentication endpoint:  %s%s (%d user(s))\n", s.url, authenticationPath, len(users))
	<-ctx.Done()
	fmt.Fprintln(stdout, "shutting down")
	return nil
}

func randomSecret() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}

// debugLogger returns the SDK's logger: nil (silent) unless -debug, then
// every HTTP attempt, token renewal and endpoint request at debug level,
// written to w with the program's output. The SDK never logs a secret.
func debugLogger(on bool, w io.Writer) *slog.Logger {
	if !on {
		return nil
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
