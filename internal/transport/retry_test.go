package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

func TestRetriedStatuses(t *testing.T) {
	for _, code := range []int{429, 502, 503, 504} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, sc := newMockStack(t, Config{Settings: settings()}, reply(code, "busy"), reply(200, `{"ok":true}`))
				resp, err := get(t, c, context.Background(), "https://api.example.com/x")
				if err != nil {
					t.Fatal(err)
				}
				Discard(resp)
				reqs := sc.requests()
				if len(reqs) != 2 {
					t.Fatalf("%d attempts, want 2", len(reqs))
				}
				if a, b := reqs[0].Header.Get("X-Request-Id"), reqs[1].Header.Get("X-Request-Id"); a != b || a == "" {
					t.Errorf("request id changed across retries: %q %q", a, b)
				}
			})
		})
	}
}

func TestNotRetriedStatuses(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 409, 422, 500, 501} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			c, sc := newMockStack(t, Config{Settings: settings()}, reply(code, "no"), reply(200, "{}"))
			_, err := get(t, c, context.Background(), "https://api.example.com/x")
			if e := apiErr(t, err); e.StatusCode != code || e.Attempts != 1 {
				t.Fatalf("status %d attempts %d", e.StatusCode, e.Attempts)
			}
			if n := len(sc.requests()); n != 1 {
				t.Fatalf("%d attempts, want 1", n)
			}
		})
	}
}

func TestRetryByMethod(t *testing.T) {
	cases := []struct {
		method string
		mark   func(context.Context) context.Context
		want   int
	}{
		{"GET", nil, 4},
		{"HEAD", nil, 4},
		{"PUT", nil, 4},
		{"DELETE", nil, 4},
		{"OPTIONS", nil, 4},
		{"POST", nil, 1},
		{"PATCH", nil, 1},
		{"POST", Idempotent, 4},
		{"PUT", NoRetry, 1},
		{"GET", NoRetry, 1},
		{"POST", func(ctx context.Context) context.Context { return NoRetry(Idempotent(ctx)) }, 1},
	}
	for _, tc := range cases {
		name := tc.method
		if tc.mark != nil {
			name += "-marked"
		}
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, sc := newMockStack(t, Config{Settings: settings()}, reply(503, "down"))
				ctx := context.Background()
				if tc.mark != nil {
					ctx = tc.mark(ctx)
				}
				body := ""
				if tc.method != "GET" && tc.method != "HEAD" {
					body = `{"qty":5}`
				}
				_, err := do(t, c, ctx, tc.method, "https://api.example.com/x", body)
				e := apiErr(t, err)
				reqs := sc.requests()
				if len(reqs) != tc.want || e.Attempts != tc.want || e.StatusCode != 503 {
					t.Fatalf("%d attempts (error says %d, status %d), want %d", len(reqs), e.Attempts, e.StatusCode, tc.want)
				}
				for i, r := range reqs {
					if r.Body != body {
						t.Errorf("attempt %d sent body %q, want %q", i+1, r.Body, body)
					}
				}
			})
		})
	}
}

func TestMaxZeroDisablesRetries(t *testing.T) {
	c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(0, time.Second, time.Second))}, reply(503, ""))
	_, err := get(t, c, context.Background(), "https://api.example.com/x")
	if e := apiErr(t, err); e.Attempts != 1 || len(sc.requests()) != 1 {
		t.Fatalf("attempts %d", e.Attempts)
	}
}

func TestRetriesExhaustedKeepLastResponse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(2, time.Millisecond, time.Second))},
			func(*http.Request) (*http.Response, error) {
				n++
				resp := httpmock503(fmt.Sprintf("attempt %d", n))
				resp.Header.Set("X-Request-Id", fmt.Sprintf("srv-%d", n))
				return resp, nil
			})
		_, err := get(t, c, context.Background(), "https://api.example.com/x")
		e := apiErr(t, err)
		if e.Attempts != 3 || len(sc.requests()) != 3 {
			t.Fatalf("attempts %d, sent %d; want 3", e.Attempts, len(sc.requests()))
		}
		if e.Message != "attempt 3" || e.RequestID != "srv-3" || !errors.Is(err, apierror.ErrServer) {
			t.Fatalf("last response not kept: %+v", e)
		}
	})
}

func httpmock503(body string) *http.Response {
	return &http.Response{StatusCode: 503, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
}

func TestConnectionErrorRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, fail(errConnReset), fail(errConnReset), reply(200, "{}"))
		resp, err := get(t, c, context.Background(), "https://api.example.com/x")
		if err != nil {
			t.Fatal(err)
		}
		Discard(resp)
		if n := len(sc.requests()); n != 3 {
			t.Fatalf("%d attempts, want 3", n)
		}
	})
}

func TestPostNotWrittenIsRetried(t *testing.T) {
	// The mock never writes to a wire, so the failure happened before the
	// request was sent: a retry cannot duplicate it.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, fail(errConnReset), reply(201, `{"id":"x"}`))
		resp, err := do(t, c, context.Background(), "POST", "https://api.example.com/orders", `{"a":1}`)
		if err != nil {
			t.Fatal(err)
		}
		Discard(resp)
		reqs := sc.requests()
		if len(reqs) != 2 || reqs[1].Body != `{"a":1}` {
			t.Fatalf("attempts %d, bodies %+v", len(reqs), reqs)
		}
	})
}

func TestUnreplayableBodyNotRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, reply(503, ""))
		req, _ := http.NewRequest("PUT", "https://api.example.com/x", io.NopCloser(strings.NewReader("once")))
		req.GetBody = nil
		_, err := c.HTTPClient().Do(req)
		if e := apiErr(t, err); e.Attempts != 1 || len(sc.requests()) != 1 {
			t.Fatalf("attempts %d", e.Attempts)
		}
	})
}
