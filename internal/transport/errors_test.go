package transport

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

func TestErrorResponseBecomesAPIError(t *testing.T) {
	body := newTracked(`{"code":"not_found","message":"no such item","client_secret":"s3cr3t-value"}`)
	decoder := func(e *apierror.Error, resp *http.Response, b []byte) {
		if strings.Contains(string(b), `"code":"not_found"`) {
			e.Code = "not_found"
			e.Message = "no such item"
		}
	}
	c, sc := newMockStack(t, Config{Vendor: "acme", Settings: settings(), DecodeError: decoder},
		func(*http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 404, Header: http.Header{
				"X-Request-Id":          {"srv-77"},
				"X-Ratelimit-Limit":     {"100"},
				"X-Ratelimit-Remaining": {"42"},
			}, Body: body}, nil
		})
	ctx := WithOp(context.Background(), "items.get")
	resp, err := get(t, c, ctx, "https://api.example.com/v1/items/9?api_key=k-abcdef")
	if resp != nil {
		t.Fatalf("got a response with the error: %v", resp.Status)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("http.Client error is %T, want *url.Error around the API error", err)
	}
	e := apiErr(t, err)
	if e.StatusCode != 404 || e.Code != "not_found" || e.Message != "no such item" || e.Vendor != "acme" || e.Op != "items.get" {
		t.Errorf("error fields %+v", e)
	}
	if e.Method != "GET" || e.URL != "https://api.example.com/v1/items/9" {
		t.Errorf("method/url %s %s", e.Method, e.URL)
	}
	if e.RequestID != "srv-77" || e.Attempts != 1 {
		t.Errorf("request id %q attempts %d", e.RequestID, e.Attempts)
	}
	if e.RateLimit.Limit != 100 || e.RateLimit.Remaining != 42 || !e.RateLimit.HasRemaining {
		t.Errorf("rate limit %+v", e.RateLimit)
	}
	if !errors.Is(err, apierror.ErrNotFound) || errors.Is(err, apierror.ErrServer) {
		t.Errorf("errors.Is classes wrong for 404")
	}
	if strings.Contains(string(e.Body), "s3cr3t-value") || !strings.Contains(string(e.Body), `"client_secret":"[REDACTED]"`) {
		t.Errorf("body not redacted: %s", e.Body)
	}
	if s := AsError(err).Error(); strings.Contains(s, "k-abcdef") || strings.Contains(s, "s3cr3t") {
		t.Errorf("error string leaks a secret: %s", s)
	}
	if !body.eof.Load() || !body.closed.Load() {
		t.Errorf("error body not drained (%v) and closed (%v)", body.eof.Load(), body.closed.Load())
	}
	if len(sc.requests()) != 1 {
		t.Errorf("404 was retried")
	}
}

func TestErrorRequestIDFallsBackToSentOne(t *testing.T) {
	c, sc := newMockStack(t, Config{Settings: settings()}, reply(400, "bad field 'qty'"))
	_, err := get(t, c, context.Background(), "https://api.example.com/x")
	e := apiErr(t, err)
	if sent := sc.requests()[0].Header.Get("X-Request-Id"); e.RequestID != sent || sent == "" {
		t.Errorf("RequestID %q, sent %q", e.RequestID, sent)
	}
	if e.Message != "bad field 'qty'" {
		t.Errorf("Message %q, want the start of the body", e.Message)
	}
	if !errors.Is(err, apierror.ErrBadRequest) {
		t.Error("400 does not match ErrBadRequest")
	}
}

func TestNetworkErrorBecomesAPIError(t *testing.T) {
	c, _ := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(0, 0, 0))}, fail(errConnReset))
	_, err := get(t, c, context.Background(), "https://api.example.com/x?token=abc")
	e := apiErr(t, err)
	if e.StatusCode != 0 || !errors.Is(e, errConnReset) || !errors.Is(err, apierror.ErrNetwork) {
		t.Fatalf("got %#v", e)
	}
	if e.URL != "https://api.example.com/x" || strings.Contains(e.Error(), "abc") {
		t.Fatalf("URL %q / %q", e.URL, e.Error())
	}
	if errors.Is(err, apierror.ErrOutcomeUnknown) {
		t.Fatal("a GET is never outcome-unknown")
	}
}

func TestContextDeadlineMatches(t *testing.T) {
	c, _ := newMockStack(t, Config{Settings: settings()}, func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := get(t, c, ctx, "https://api.example.com/x")
	e := apiErr(t, err)
	if !errors.Is(err, context.DeadlineExceeded) || e.StatusCode != 0 || e.Attempts != 1 {
		t.Fatalf("got %v (attempts %d)", err, e.Attempts)
	}
}

func TestAsErrorLeavesOtherErrors(t *testing.T) {
	plain := errors.New("plain")
	if AsError(plain) != plain || AsError(nil) != nil {
		t.Fatal("AsError changed a non-url error")
	}
	ue := &url.Error{Op: "Get", URL: "https://h/p?password=x", Err: plain}
	e := apiErr(t, ue)
	if e.URL != "https://h/p" || !errors.Is(e, plain) {
		t.Fatalf("%+v", e)
	}
}

func TestHTTPMockBaseUnreachableRoute(t *testing.T) {
	// A base transport error that is not a network failure (no responder)
	// still comes back typed.
	mock := httpmock.NewMockTransport()
	c, err := New(Config{Vendor: "acme", Settings: settings(clientopt.WithHTTPClient(&http.Client{Transport: mock}), clientopt.WithRetry(0, 0, 0))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = get(t, c, context.Background(), "https://api.example.com/x")
	if e := apiErr(t, err); e.StatusCode != 0 || e.Err == nil || e.Vendor != "acme" {
		t.Fatalf("%+v", e)
	}
}
