package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/servicemobility"
	"github.com/partsync/partsync-go/servicemobility/servicemobilitytest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestDemo(t *testing.T) {
	for _, args := range [][]string{{"-demo"}, nil} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
		got := out.String()
		for _, want := range []string{
			"login tech01 with a wrong password: servicemobility: ",
			"401: login at Create JWT failed: Invalid Logon.",
			`order 1, everything in stock: WO-1001 [2 x FLT-100, 1.0 x GSK-140]`,
			`-> 200, Status "1000": 2 lines ordered in 1 delivery`,
			"1.0 x GSK-140 (Door gasket) Shipped from stock",
			"4 x BRG-510 (Drum bearing) Shipped from stock",
			"2 x BRG-510 (Drum bearing) Back-ordered",
			"1 x PMP-300 (Drain pump) Back-ordered",
			"3 lines ordered in 3 deliveries",
			"2 x BLT-221 (Drive belt) Shipped from stock, replaces BLT-220",
			`"SupersededParts":[{"ProdNum":"BLT-220"`,
			`Status "1001": 1 of 2 lines ordered; not ordered: line 1 (XYZ-999): unknown part`,
			"Content-Type: application/json",
			`{"AccountNum":"ACC-2001","Command":1002,`,
			"Create JWT calls: 2 (the refused one, then one for all 4 orders",
			"conformance check of the endpoint: Parts Ordering endpoint conforms: 19 checks passed, 0 skipped",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, got)
			}
		}
		// No JWT (they start with "eyJ") and no password is printed.
		if strings.Contains(got, "eyJ") || strings.Contains(got, "demo-") {
			t.Errorf("a secret was printed:\n%s", got)
		}
	}
}

// The example endpoint conforms to the Parts Ordering REST API Interface.
func TestEndpointConforms(t *testing.T) {
	secret := randomSecret()
	ep := newEndpoint(secret, servicemobility.StaticUsers(), nil)
	servicemobilitytest.RequireConformance(t, ep.parts, servicemobilitytest.CheckConfig{JWTSecret: secret})
}

func TestServe(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", "127.0.0.1:0"}, &out); err == nil || !strings.Contains(err.Error(), "SERVICEMOBILITY_JWT_SECRET") {
		t.Errorf("without a secret: %v", err)
	}
	t.Setenv("SERVICEMOBILITY_JWT_SECRET", strings.Repeat("k", 32))
	t.Setenv("SERVICEMOBILITY_ENDPOINT_USER", "tech01")
	t.Setenv("SERVICEMOBILITY_ENDPOINT_PASSWORD", "pw")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := run(ctx, []string{"-addr", "127.0.0.1:0"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "/servicemobility/parts-ordering") || !strings.Contains(out.String(), "/servicemobility/authenticate (1 user(s))") ||
		!strings.Contains(out.String(), "shutting down") {
		t.Errorf("%s", out.String())
	}
	if err := run(context.Background(), []string{"extra"}, &out); err == nil {
		t.Error("extra argument accepted")
	}
}
