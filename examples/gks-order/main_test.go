package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRunAgainstTheFake(t *testing.T) {
	for _, k := range []string{"GKS_CLIENT_ID", "GKS_CLIENT_SECRET", "GKS_BASE_URL", "GKS_TOKEN_URL"} {
		t.Setenv(k, "")
	}
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		`GKS4 API: in-process fake`,
		`customer K100421 created \(Acme Industri AB\)`,
		`sales order SO500001 placed for K100421: 2 rows, total 3445\.25 SEK \(HTTP 200\)`,
		`A-100 +qty 10 +price +99\.50 discount 5%  deliveries 2`,
		`B-200 +qty 2 +price +1250\.00 discount 0%  deliveries 0`,
	} {
		if !regexp.MustCompile(want).MatchString(out.String()) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunRejectsPartialConfiguration(t *testing.T) {
	t.Setenv("GKS_CLIENT_ID", "id")
	t.Setenv("GKS_CLIENT_SECRET", "")
	t.Setenv("GKS_BASE_URL", "")
	var out bytes.Buffer
	err := run(context.Background(), nil, &out)
	if err == nil || !regexp.MustCompile(`GKS_CLIENT_SECRET`).MatchString(err.Error()) {
		t.Fatalf("err = %v, want a message naming the missing variables", err)
	}
}
