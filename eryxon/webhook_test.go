package eryxon_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func sign(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return hex.EncodeToString(m.Sum(nil))
}

func TestVerifyWebhook(t *testing.T) {
	body := `{"event":"job.created","timestamp":"2026-11-22T10:00:00.000Z","data":{"id":"1"}}`
	sig := sign("k", body)
	for name, tc := range map[string]struct {
		header string
		ok     bool
	}{
		"prefixed":    {"sha256=" + sig, true},
		"bare hex":    {sig, true},
		"upper case":  {"SHA256=" + strings.ToUpper(sig), true},
		"other key":   {"sha256=" + sign("other", body), false},
		"empty":       {"", false},
		"not hex":     {"sha256=zz", false},
		"short":       {"sha256=" + sig[:10], false},
		"other body":  {"sha256=" + sign("k", body+" "), false},
		"other algo":  {"sha1=" + sig, false},
		"whitespace":  {"  sha256=" + sig + " ", true},
		"double pref": {"sha256=sha256=" + sig, false},
	} {
		err := eryxon.VerifyWebhook([]byte("k"), []byte(body), tc.header)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, eryxon.ErrBadSignature)) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := eryxon.VerifyWebhook(nil, []byte(body), sig); err == nil {
		t.Error("empty secret accepted")
	}
}

func TestWebhookHandler(t *testing.T) {
	var got []eryxon.WebhookEvent
	fail := false
	h := eryxon.NewWebhookHandler([]byte("k"), func(ctx context.Context, e eryxon.WebhookEvent) error {
		if fail {
			return errors.New("database down")
		}
		got = append(got, e)
		return nil
	})
	send := func(method, body, sig string) int {
		r := httptest.NewRequest(method, "/hooks/eryxon", strings.NewReader(body))
		if sig != "" {
			r.Header.Set("X-Eryxon-Signature", sig)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	server := `{"event":"job.completed","timestamp":"2026-11-22T10:00:00.000Z","data":{"job_id":"j1"}}`
	docs := `{"event_type":"part.created","tenant_id":"t1","timestamp":"2026-11-22T11:00:00Z","data":{"part_id":"p1"}}`
	if c := send("POST", server, "sha256="+sign("k", server)); c != 200 {
		t.Fatalf("server variant: %d", c)
	}
	if c := send("POST", docs, sign("k", docs)); c != 200 {
		t.Fatalf("documented variant: %d", c)
	}
	if len(got) != 2 || got[0].Event != "job.completed" || !got[0].Timestamp.Equal(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)) ||
		string(got[0].Data) != `{"job_id":"j1"}` || got[1].Event != "part.created" || got[1].TenantID != "t1" {
		t.Fatalf("events %+v", got)
	}
	if c := send("POST", server, "sha256="+sign("x", server)); c != 401 {
		t.Fatalf("bad signature: %d", c)
	}
	if c := send("GET", "", ""); c != 405 {
		t.Fatalf("GET: %d", c)
	}
	big := `{"event":"x","data":"` + strings.Repeat("a", eryxon.MaxWebhookBody) + `"}`
	if c := send("POST", big, sign("k", big)); c != 413 {
		t.Fatalf("too large: %d", c)
	}
	if c := send("POST", `{"data":{}}`, sign("k", `{"data":{}}`)); c != 400 {
		t.Fatalf("no event: %d", c)
	}
	fail = true
	if c := send("POST", server, sign("k", server)); c != 500 {
		t.Fatalf("fn failed: %d", c)
	}
	if len(got) != 2 {
		t.Fatal("a rejected delivery reached fn")
	}
}

func TestWebhookFromTheFake(t *testing.T) {
	var mu sync.Mutex
	var events []eryxon.WebhookEvent
	calls := 0
	h := eryxon.NewWebhookHandler([]byte("hook-secret"), func(ctx context.Context, e eryxon.WebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			return errors.New("try again") // 500: the fake retries
		}
		events = append(events, e)
		return nil
	})
	receiver := httptest.NewServer(h)
	defer receiver.Close()
	srv, c := newFake(t, eryxontest.WithWebhookBackoff(0))
	srv.RegisterWebhook(receiver.URL, "hook-secret", "sync.jobs.completed")
	_, err := c.ERPSync.Sync(context.Background(), eryxon.ERPSyncRequest{Jobs: []eryxon.Job{{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1"}}})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitDeliveries()
	mu.Lock()
	defer mu.Unlock()
	ds := srv.Deliveries()
	if len(events) != 1 || events[0].Event != "sync.jobs.completed" || len(ds) != 1 || ds[0].Attempts != 2 || !ds[0].Delivered {
		t.Fatalf("events %+v deliveries %+v", events, ds)
	}
	if !strings.Contains(string(events[0].Data), `"created":1`) {
		t.Fatalf("data %s", events[0].Data)
	}
}
