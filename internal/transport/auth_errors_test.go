package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// tokenFailure stands for an auth-layer error such as *auth.RetrieveError:
// not an *apierror.Error and not a network error of the API request.
type tokenFailure struct{}

func (tokenFailure) Error() string { return "oauth2: invalid_client" }

// failingAuth fails every attempt before the request reaches the wire.
func failingAuth(calls *atomic.Int32, err error) func(http.RoundTripper) http.RoundTripper {
	return func(http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls.Add(1)
			return nil, err
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTokenFailureIsNotRetried(t *testing.T) {
	var calls atomic.Int32
	c, sc := newMockStack(t, Config{Auth: failingAuth(&calls, tokenFailure{})}, reply(200, "{}"))
	_, err := get(t, c, context.Background(), "https://api.example.com/x")
	if !errors.As(err, new(tokenFailure)) {
		t.Fatalf("err = %v, want the token failure", err)
	}
	if calls.Load() != 1 || len(sc.requests()) != 0 {
		t.Fatalf("auth layer asked %d times, %d requests on the wire; want 1 and 0", calls.Load(), len(sc.requests()))
	}
}

func TestTokenFailureKeepsItsOwnOp(t *testing.T) {
	var calls atomic.Int32
	login := &apierror.Error{Op: "createjwt", Method: "POST", URL: "https://sm.example.com/createjwt", StatusCode: 401, Message: "login refused"}
	c, _ := newMockStack(t, Config{Vendor: "acme", Auth: failingAuth(&calls, login)}, reply(200, "{}"))
	req, _ := http.NewRequestWithContext(WithOp(context.Background(), "orders.submit"), http.MethodGet, "https://api.example.com/x", nil)
	_, err := c.HTTPClient().Do(req)
	var ae *apierror.Error
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want *apierror.Error", err)
	}
	if ae.Op != "createjwt" || ae.Method != "POST" || !strings.HasSuffix(ae.URL, "/createjwt") || ae.Vendor != "acme" {
		t.Fatalf("error %+v: want the login's op, method and URL with the vendor set", ae)
	}
	if !errors.Is(err, apierror.ErrUnauthorized) || calls.Load() != 1 {
		t.Fatalf("err %v after %d token attempts: want ErrUnauthorized after 1", err, calls.Load())
	}
}

func TestTokenClientNeverFollowsRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()
	token := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	defer token.Close()
	// Even a user client that follows every redirect does not change that.
	user := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	hc := NewTokenClient("acme", settings(clientopt.WithHTTPClient(user)))
	resp, err := hc.Post(token.URL+"/token", "application/x-www-form-urlencoded", strings.NewReader("client_secret=s3cr3t-value"))
	if err != nil {
		t.Fatal(err)
	}
	Discard(resp)
	if resp.StatusCode != http.StatusTemporaryRedirect || elsewhere.Load() != 0 {
		t.Fatalf("status %d, %d requests at the other host; want the 307 back and none sent on", resp.StatusCode, elsewhere.Load())
	}
}
