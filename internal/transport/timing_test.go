package transport

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
)

// gaps returns the time between consecutive attempts.
func gaps(reqs []seen) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(reqs); i++ {
		out = append(out, reqs[i].At.Sub(reqs[i-1].At))
	}
	return out
}

func TestRetryAfterHonouredAndClamped(t *testing.T) {
	cases := []struct {
		name       string
		retryAfter func(now time.Time) string
		want       time.Duration
	}{
		{"seconds", func(time.Time) string { return "7" }, 7 * time.Second},
		{"zero", func(time.Time) string { return "0" }, 0},
		{"above max", func(time.Time) string { return "45" }, 20 * time.Second},
		{"negative ignored, jitter used", func(time.Time) string { return "-5" }, -1},
		{"http date", func(now time.Time) string { return now.Add(12 * time.Second).UTC().Format(http.TimeFormat) }, 12 * time.Second},
		{"date in the past", func(now time.Time) string { return now.Add(-time.Hour).UTC().Format(http.TimeFormat) }, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(1, time.Second, 20*time.Second))},
					func(*http.Request) (*http.Response, error) {
						return reply(429, "slow down", "Retry-After", tc.retryAfter(time.Now()))(nil)
					},
					reply(200, "{}"))
				resp, err := get(t, c, context.Background(), "https://api.example.com/x")
				if err != nil {
					t.Fatal(err)
				}
				Discard(resp)
				g := gaps(sc.requests())
				if len(g) != 1 {
					t.Fatalf("%d retries", len(g))
				}
				if tc.want < 0 {
					if g[0] < 0 || g[0] > time.Second {
						t.Fatalf("waited %v, want jitter within [0, 1s]", g[0])
					}
					return
				}
				// The HTTP date has one-second resolution.
				if d := g[0] - tc.want; d < -time.Second || d > 0 {
					t.Fatalf("waited %v, want %v", g[0], tc.want)
				}
			})
		})
	}
}

func TestBackoffBounds(t *testing.T) {
	// Full jitter: attempt i waits in [0, min(max, min*2^i)].
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(6, time.Second, 10*time.Second))}, reply(503, ""))
		start := time.Now()
		_, err := get(t, c, context.Background(), "https://api.example.com/x")
		if e := apiErr(t, err); e.Attempts != 7 {
			t.Fatalf("attempts %d", e.Attempts)
		}
		caps := []time.Duration{1, 2, 4, 8, 10, 10}
		var total time.Duration
		for i, g := range gaps(sc.requests()) {
			if g < 0 || g > caps[i]*time.Second {
				t.Errorf("wait %d = %v, outside [0, %v]", i+1, g, caps[i]*time.Second)
			}
			total += g
		}
		if time.Since(start) != total {
			t.Errorf("elapsed %v, sum of waits %v", time.Since(start), total)
		}
	})
}

func TestJitterDistribution(t *testing.T) {
	for attempt, ceiling := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second} {
		var lo, hi bool
		for range 2000 {
			d := Jitter(time.Second, 5*time.Second, attempt)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: %v outside [0, %v]", attempt, d, ceiling)
			}
			lo = lo || d < ceiling/4
			hi = hi || d > ceiling*3/4
		}
		if !lo || !hi {
			t.Errorf("attempt %d: waits do not spread over [0, %v]", attempt, ceiling)
		}
	}
	if d := Jitter(time.Second, 30*time.Second, 200); d < 0 || d > 30*time.Second {
		t.Fatalf("huge attempt number: %v", d)
	}
	if d := Jitter(0, 0, 3); d != 0 {
		t.Fatalf("zero waits: %v", d)
	}
}

func TestContextEndsBackoffSleep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, reply(503, "maintenance", "Retry-After", "25"))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(5*time.Second, cancel)
		start := time.Now()
		_, err := get(t, c, ctx, "https://api.example.com/x")
		if time.Since(start) != 5*time.Second {
			t.Errorf("returned after %v, want 5s (when the ctx ended)", time.Since(start))
		}
		e := apiErr(t, err)
		if !errors.Is(err, context.Canceled) || e.StatusCode != 503 || e.Message != "maintenance" || e.RetryAfter != 25*time.Second {
			t.Fatalf("got %+v", e)
		}
		if len(sc.requests()) != 1 || e.Attempts != 1 {
			t.Fatalf("attempts %d", len(sc.requests()))
		}
	})
}

func TestWaitBeyondDeadlineFailsAtOnce(t *testing.T) {
	// Sleeping until the deadline only to fail would waste the caller's
	// time: the server's answer comes back at once.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, reply(429, `{"error":"slow down"}`, "Retry-After", "25"), reply(200, "{}"))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, err := get(t, c, ctx, "https://api.example.com/x")
		if time.Since(start) != 0 {
			t.Errorf("returned after %v, want at once", time.Since(start))
		}
		e := apiErr(t, err)
		if !errors.Is(err, apierror.ErrRateLimited) || e.RetryAfter != 25*time.Second || e.Message != `{"error":"slow down"}` || e.Err != nil {
			t.Fatalf("got %+v", e)
		}
		if len(sc.requests()) != 1 || e.Attempts != 1 {
			t.Fatalf("attempts %d", len(sc.requests()))
		}
		// A caller who can wait is held at the gate until the Retry-After
		// has passed, then sent.
		ctx2, cancel2 := context.WithTimeout(context.Background(), time.Minute)
		defer cancel2()
		start = time.Now()
		Discard(must(get(t, c, ctx2, "https://api.example.com/x")))
		if el := time.Since(start); el != 25*time.Second || len(sc.requests()) != 2 {
			t.Fatalf("second call after %v, %d requests", el, len(sc.requests()))
		}
	})
}

func TestContextCanceledDuringBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newMockStack(t, Config{Settings: settings()}, fail(errConnReset))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := get(t, c, ctx, "https://api.example.com/x")
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestGateWaitsForReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		reset := func() string { return strconv.FormatInt(time.Now().Add(10*time.Second).Unix(), 10) }
		c, sc := newMockStack(t, Config{Settings: settings()},
			func(*http.Request) (*http.Response, error) {
				return reply(200, "{}", "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset())(nil)
			},
			reply(200, "{}", "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "4"))
		for range 2 {
			resp, err := get(t, c, context.Background(), "https://api.example.com/x")
			if err != nil {
				t.Fatal(err)
			}
			Discard(resp)
		}
		if g := gaps(sc.requests()); g[0] != 10*time.Second {
			t.Fatalf("second request after %v, want 10s (the reset)", g[0])
		}
		if rl := c.RateLimit(); rl.Remaining != 4 || rl.Limit != 5 {
			t.Fatalf("RateLimit %+v", rl)
		}
	})
}

func TestGateFailsFastBeyondMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithMaxRateLimitWait(5 * time.Second))},
			func(*http.Request) (*http.Response, error) {
				return reply(200, "{}", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "30")(nil)
			})
		resp, err := get(t, c, context.Background(), "https://api.example.com/x")
		if err != nil {
			t.Fatal(err)
		}
		Discard(resp)
		start := time.Now()
		_, err = get(t, c, context.Background(), "https://api.example.com/x")
		if time.Since(start) != 0 {
			t.Errorf("waited %v before failing", time.Since(start))
		}
		e := apiErr(t, err)
		if !errors.Is(err, apierror.ErrRateLimited) || errors.Is(err, apierror.ErrNetwork) {
			t.Fatalf("got %v", err)
		}
		if want := start.Add(30 * time.Second); !e.RateLimit.Reset.Equal(want) || e.RetryAfter != 30*time.Second {
			t.Fatalf("reset %v retry-after %v, want %v", e.RateLimit.Reset, e.RetryAfter, want)
		}
		if len(sc.requests()) != 1 || e.Attempts != 1 {
			t.Fatalf("the held-back request was sent (%d requests, attempts %d)", len(sc.requests()), e.Attempts)
		}
	})
}

func TestGateFailsFastBeyondDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()},
			reply(200, "{}", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "20"))
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		start := time.Now()
		_, err := get(t, c, ctx, "https://api.example.com/x")
		if !errors.Is(err, apierror.ErrRateLimited) || time.Since(start) != 0 || len(sc.requests()) != 1 {
			t.Fatalf("err %v after %v, %d requests", err, time.Since(start), len(sc.requests()))
		}
	})
}

func TestClientSideLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRateLimit(2, 1))}, reply(200, "{}"))
		start := time.Now()
		for range 5 {
			Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		}
		if el := time.Since(start); el != 2*time.Second {
			t.Fatalf("5 requests at 2/s took %v, want 2s", el)
		}
		if len(sc.requests()) != 5 {
			t.Fatal("requests lost")
		}
	})
}

func TestDecoderRetryAfterAndRateLimitUsed(t *testing.T) {
	// A vendor that puts its wait in the body (Eryxon's rateLimitInfo).
	synctest.Test(t, func(t *testing.T) {
		var reset time.Time
		decoder := func(e *apierror.Error, _ *http.Response, body []byte) {
			if string(body) == "quota" {
				e.RetryAfter = 9 * time.Second
				reset = time.Now().Add(9 * time.Second)
				e.RateLimit = apierror.RateLimit{Limit: 10, Remaining: 0, HasRemaining: true, Reset: reset}
			}
		}
		c, sc := newMockStack(t, Config{Settings: settings(), DecodeError: decoder}, reply(429, "quota"), reply(200, "{}"))
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		if g := gaps(sc.requests()); g[0] != 9*time.Second {
			t.Fatalf("retried after %v, want the decoded 9s", g[0])
		}
		if rl := c.RateLimit(); rl.Limit != 10 || !rl.Reset.Equal(reset) {
			t.Fatalf("decoded rate limit not recorded: %+v", rl)
		}
	})
}

func must(resp *http.Response, err error) *http.Response {
	if err != nil {
		panic(err)
	}
	return resp
}

func TestNoteRateLimitDrivesGate(t *testing.T) {
	// A vendor that reports its quota in a 2xx body calls NoteRateLimit.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, reply(200, "{}"))
		c.NoteRateLimit(apierror.RateLimit{Limit: 10, HasRemaining: true, Reset: time.Now().Add(4 * time.Second)})
		c.NoteRateLimit(apierror.RateLimit{}) // nothing known: ignored
		start := time.Now()
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		if el := time.Since(start); el != 4*time.Second || len(sc.requests()) != 1 {
			t.Fatalf("waited %v", el)
		}
		if rl := c.RateLimit(); rl.Limit != 10 {
			t.Fatalf("%+v", rl)
		}
	})
}

func TestRetryAfter429HoldsOtherRequests(t *testing.T) {
	// A 429 with only Retry-After: the POST that got it is not retried, but
	// the next request waits for the (clamped) Retry-After at the gate.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(3, time.Second, 8*time.Second))},
			reply(429, "slow", "Retry-After", "10000000000"), reply(200, "{}"))
		_, err := do(t, c, context.Background(), "POST", "https://api.example.com/x", "b")
		if !errors.Is(err, apierror.ErrRateLimited) {
			t.Fatal(err)
		}
		if rl := c.RateLimit(); !rl.HasRemaining || rl.Remaining != 0 {
			t.Fatalf("%+v", rl)
		}
		start := time.Now()
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		if el := time.Since(start); el != 8*time.Second || len(sc.requests()) != 2 {
			t.Fatalf("next request waited %v, want the clamped 8s", el)
		}
	})
}

func TestGateDefaultMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()},
			reply(200, "{}", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "90"))
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		_, err := get(t, c, context.Background(), "https://api.example.com/x")
		if !errors.Is(err, apierror.ErrRateLimited) || len(sc.requests()) != 1 {
			t.Fatalf("a 90 s reset beyond the 1 min default: %v, %d requests", err, len(sc.requests()))
		}
	})
}

func TestLimiterRefusesBeyondDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRateLimit(0.5, 1))}, reply(200, "{}"))
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := get(t, c, ctx, "https://api.example.com/x")
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 0 || len(sc.requests()) != 1 {
			t.Fatalf("err %v after %v, %d requests", err, time.Since(start), len(sc.requests()))
		}
	})
}

func TestRetryAfterBeyondMaxRateLimitWaitFailsAtOnce(t *testing.T) {
	// go-retryablehttp overflows on a huge Retry-After; here any wait longer
	// than MaxRateLimitWait (default 1 min) ends the call without sleeping.
	for _, ra := range []string{"10000000000", "90"} {
		t.Run(ra, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(3, time.Second, 20*time.Second))},
					reply(429, "slow down", "Retry-After", ra), reply(200, "{}"))
				start := time.Now()
				_, err := get(t, c, context.Background(), "https://api.example.com/x")
				if !errors.Is(err, apierror.ErrRateLimited) {
					t.Fatalf("err = %v, want ErrRateLimited", err)
				}
				var ae *apierror.Error
				if !errors.As(err, &ae) || ae.RetryAfter <= time.Minute || ae.Attempts != 1 {
					t.Fatalf("error %+v: want RetryAfter above 1 min and 1 attempt", ae)
				}
				if el := time.Since(start); el != 0 || len(sc.requests()) != 1 {
					t.Fatalf("waited %v and sent %d requests, want no wait and 1 request", el, len(sc.requests()))
				}
			})
		})
	}
}

func TestPOSTRetriedAfter429(t *testing.T) {
	// A 429 is a refusal before any work: even a non-idempotent write is
	// sent again after the wait the server asked for.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(2, time.Second, 20*time.Second))},
			reply(429, "slow down", "Retry-After", "3"), reply(201, "{}"))
		resp, err := do(t, c, context.Background(), "POST", "https://api.example.com/orders", `{"n":1}`)
		if err != nil {
			t.Fatal(err)
		}
		Discard(resp)
		reqs := sc.requests()
		if len(reqs) != 2 || resp.StatusCode != 201 {
			t.Fatalf("%d requests, status %d; want 2 and 201", len(reqs), resp.StatusCode)
		}
		if g := gaps(reqs); g[0] != 3*time.Second {
			t.Fatalf("waited %v, want the 3 s Retry-After", g[0])
		}
	})
}

func TestNoRetryStillResendsAfter429Only(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings(clientopt.WithRetry(2, time.Second, 20*time.Second))},
			reply(429, "slow down", "Retry-After", "2"), reply(502, "bad gateway"), reply(200, "{}"))
		req, _ := http.NewRequestWithContext(NoRetry(context.Background()), http.MethodPut, "https://api.example.com/x", strings.NewReader("b"))
		_, err := c.HTTPClient().Do(req)
		if !errors.Is(err, apierror.ErrServer) || len(sc.requests()) != 2 {
			t.Fatalf("err %v after %d requests: want the 502 after a resend of the 429 only", err, len(sc.requests()))
		}
	})
}
