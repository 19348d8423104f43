package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/partsync/partsync-go/internal/clientopt"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func debugLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func logLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestLogsAttemptsWithoutSecrets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var buf syncBuffer
		c, sc := newMockStack(t, Config{
			Vendor:   "servicemobility",
			Settings: settings(clientopt.WithLogger(debugLogger(&buf))),
			Auth: func(next http.RoundTripper) http.RoundTripper {
				return &headerAuth{next: next, key: "X-Access-Token", value: "jwt-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig"}
			},
		}, reply(503, `{"error":"busy","token":"tok-in-body"}`), reply(200, "{}"))
		req, _ := http.NewRequestWithContext(WithOp(context.Background(), "orders.submit"), "GET",
			"https://sm.example.com/api/orders?api_key=KEY-123&password=PW-456&client_secret=CS-789", nil)
		req.Header.Set("Authorization", "Bearer BEARER-000")
		Discard(must(c.HTTPClient().Do(req)))

		out := buf.String()
		for _, secret := range []string{"KEY-123", "PW-456", "CS-789", "BEARER-000", "eyJhbGci", "tok-in-body", "api_key", "?"} {
			if strings.Contains(out, secret) {
				t.Errorf("log contains %q:\n%s", secret, out)
			}
		}
		lines := logLines(t, out)
		if len(lines) != 3 {
			t.Fatalf("%d log lines, want 3 (failed attempt, retry, success):\n%s", len(lines), out)
		}
		first, retry, last := lines[0], lines[1], lines[2]
		id := sc.requests()[0].Header.Get("X-Request-Id")
		if first["level"] != "WARN" || first["status"] != float64(503) || first["attempt"] != float64(1) ||
			first["method"] != "GET" || first["host"] != "sm.example.com" || first["path"] != "/api/orders" ||
			first["request_id"] != id || first["op"] != "orders.submit" || first["vendor"] != "servicemobility" {
			t.Errorf("first attempt log %v", first)
		}
		if _, ok := first["duration"]; !ok {
			t.Errorf("no duration in %v", first)
		}
		if retry["msg"] != "partsync: retrying" || retry["next_attempt"] != float64(2) {
			t.Errorf("retry log %v", retry)
		}
		if last["level"] != "DEBUG" || last["status"] != float64(200) || last["attempt"] != float64(2) || last["request_id"] != id {
			t.Errorf("second attempt log %v", last)
		}
	})
}

func TestLogsNetworkFailureAtWarn(t *testing.T) {
	var buf syncBuffer
	c, _ := newMockStack(t, Config{Settings: settings(clientopt.WithLogger(debugLogger(&buf)), clientopt.WithRetry(0, 0, 0))},
		fail(&secretError{}))
	_, err := get(t, c, context.Background(), "https://api.example.com/x?token=QS-1")
	if err == nil {
		t.Fatal("want error")
	}
	lines := logLines(t, buf.String())
	if len(lines) != 1 || lines[0]["level"] != "WARN" || !strings.Contains(lines[0]["error"].(string), "[REDACTED]") {
		t.Fatalf("%v", lines)
	}
	if strings.Contains(buf.String(), "QS-1") || strings.Contains(buf.String(), "leaky-pass") {
		t.Fatalf("secret logged: %s", buf.String())
	}
}

// secretError is a cause whose text carries a secret (a badly written
// proxy error echoing the request).
type secretError struct{}

func (*secretError) Error() string { return "proxy said: password=leaky-pass rejected" }

func TestSilentWithoutLogger(t *testing.T) {
	// Nothing to capture: the point is that a nil logger costs nothing and
	// does not panic on any path.
	synctest.Test(t, func(t *testing.T) {
		c, sc := newMockStack(t, Config{Settings: settings()}, reply(503, ""), fail(errConnReset), reply(200, "{}"))
		Discard(must(get(t, c, context.Background(), "https://api.example.com/x")))
		if len(sc.requests()) != 3 {
			t.Fatalf("%d attempts", len(sc.requests()))
		}
	})
}
