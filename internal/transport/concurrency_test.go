package transport

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
)

func TestConcurrentCallsRetryIndependently(t *testing.T) {
	// Each call fails once with 503, then succeeds: every call makes exactly
	// two attempts under its own request id.
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		perID := map[string]int{}
		c, _ := newMockStack(t, Config{Settings: settings()}, func(req *http.Request) (*http.Response, error) {
			id := req.Header.Get("X-Request-Id")
			mu.Lock()
			perID[id]++
			n := perID[id]
			mu.Unlock()
			if n == 1 {
				return httpmock.NewStringResponse(503, "again"), nil
			}
			return httpmock.NewStringResponse(200, "{}"), nil
		})
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for range 20 {
			wg.Go(func() {
				resp, err := get(t, c, context.Background(), "https://api.example.com/x")
				if err != nil {
					errs <- err
					return
				}
				Discard(resp)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if len(perID) != 20 {
			t.Fatalf("%d distinct request ids, want 20", len(perID))
		}
		for id, n := range perID {
			if n != 2 {
				t.Errorf("call %s made %d attempts, want 2", id, n)
			}
		}
	})
}
