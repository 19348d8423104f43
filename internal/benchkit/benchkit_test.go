package benchkit

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestMedian(t *testing.T) {
	if got := Median([]time.Duration{5, 1, 4, 2, 3}); got != 3 {
		t.Errorf("Median = %d, want 3", got)
	}
	if got := Median(nil); got != 0 {
		t.Errorf("Median(nil) = %d, want 0", got)
	}
}

// TestRecordAndReplay records an exchange with a server and replays it: the
// replay answers with the recorded status, headers and body, and only to a
// request with the recorded credential.
func TestRecordAndReplay(t *testing.T) {
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Remaining", "9")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(append([]byte(`{"echo":`), append(body, '}')...))
	}))
	defer origin.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	rec := &Recorder{Base: tr}
	hc := &http.Client{Transport: rec}
	req, _ := http.NewRequest(http.MethodPost, origin.URL+"/v1/items?x=1", strings.NewReader(`"a"`))
	req.Header.Set("Authorization", "Bearer t1")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if string(got) != `{"echo":"a"}` {
		t.Fatalf("the recorder changed the body the client reads: %q", got)
	}
	ex, ok := rec.Last(http.MethodPost, "/v1/items")
	if !ok || ex.RawQuery != "x=1" || string(ex.Body) != `"a"` || ex.Status != 201 || string(ex.RespBody) != `{"echo":"a"}` {
		t.Fatalf("recorded %+v", ex)
	}

	rp := NewReplay(t, rec.Exchanges()...)
	plain := PlainClient(t)
	var v struct{ Echo string }
	if err := PlainJSON(context.Background(), plain, http.MethodPost, rp.URL()+"/v1/items", []byte(`"b"`), &v, "Authorization", "Bearer t1"); err != nil || v.Echo != "a" {
		t.Fatalf("replay: %+v, %v", v, err)
	}
	resp, err = plain.Post(rp.URL()+"/v1/items", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without the credential: status %d, want 401", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodPost, rp.URL()+"/v1/items", nil)
	req.Header.Set("Authorization", "Bearer t1")
	resp, err = plain.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 201 || resp.Header.Get("X-RateLimit-Remaining") != "9" {
		t.Errorf("replayed status %d, headers %v", resp.StatusCode, resp.Header)
	}
	if err := PlainJSON(context.Background(), plain, http.MethodGet, rp.URL()+"/other", nil, nil); err == nil {
		t.Error("an unrecorded path answered")
	}
}

func TestHeapProbe(t *testing.T) {
	p := StartHeapProbe(10)
	keep := make([][]byte, 0, 64)
	for range 64 {
		keep = append(keep, make([]byte, 64<<10))
	}
	for range 200 {
		_ = make([]byte, 64<<10)
	}
	h := p.Stop()
	if h.PeakInuse < 3<<20 {
		t.Errorf("peak in use %d B, want about the 4 MiB kept", h.PeakInuse)
	}
	_ = keep
}
