package clientopt

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/partsync/partsync-go/auth"
)

type vendorKey struct{}

func TestApply(t *testing.T) {
	hc := &http.Client{Timeout: time.Second}
	l := slog.New(slog.DiscardHandler)
	var st auth.Store
	s := Apply([]Option{
		WithBaseURL("https://api.example.com/v1"),
		WithTokenURL("https://auth.example.com/token"),
		WithHTTPClient(hc),
		nil,
		WithRetry(5, time.Second, time.Minute),
		WithRateLimit(2.5, 4),
		WithMaxRateLimitWait(10 * time.Second),
		WithLogger(l),
		WithUserAgent("erp/1"),
		WithInsecureHTTP(),
		WithTokenStore(st),
		func(s *Settings) { s.SetVendor(vendorKey{}, "plant-1000") },
	})
	if s.BaseURL != "https://api.example.com/v1" || s.TokenURL != "https://auth.example.com/token" || s.HTTPClient != hc {
		t.Errorf("urls/client %+v", s)
	}
	if !s.RetrySet || s.MaxRetries != 5 || s.MinWait != time.Second || s.MaxWait != time.Minute {
		t.Errorf("retry %+v", s)
	}
	if s.RatePerSecond != 2.5 || s.RateBurst != 4 || s.MaxRateLimitWait != 10*time.Second {
		t.Errorf("rate %+v", s)
	}
	if s.Logger != l || s.UserAgent != "erp/1" || !s.AllowInsecureHTTP {
		t.Errorf("misc %+v", s)
	}
	if v, ok := VendorValue[string](s, vendorKey{}); !ok || v != "plant-1000" {
		t.Errorf("vendor value %q %v", v, ok)
	}
	if _, ok := VendorValue[int](s, vendorKey{}); ok {
		t.Error("wrong type matched")
	}
	if _, ok := VendorValue[string](Apply(nil), vendorKey{}); ok {
		t.Error("empty settings returned a vendor value")
	}
}

func TestRetryZeroIsExplicit(t *testing.T) {
	s := Apply([]Option{WithRetry(0, 0, 0)})
	if !s.RetrySet || s.MaxRetries != 0 {
		t.Fatalf("%+v", s)
	}
	if Apply(nil).RetrySet {
		t.Fatal("defaults marked as set")
	}
}
