package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func unsetEnv(t *testing.T) {
	for _, name := range append(envNames, "SPR_BASE_URL", "SPR_TOKEN_FILE") {
		t.Setenv(name, "")
	}
}

func TestRunAgainstTheFake(t *testing.T) {
	unsetEnv(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-search", "balatas aveo", "-year", "2011", "-make", "FORD", "-model", "FIESTA", "-show", "3"}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{
		"SPR Automotive: in-process fake",
		`Search "balatas aveo": 5 products`,
		"PC11214    PASTILLAS DE FRENOS TRAS. 4WD CHEVROLET AVEO 10-24",
		"  list price  $372.44 MXN",
		"  your price  $369.79 MXN",
		"  CDMX                    61",
		"  total                  348",
		"Catalog for 2011 FORD FIESTA:",
		"  ... and 12 more",
		"15 products, 5599 pieces in stock",
		"  Mazas de Rueda            4",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n%s", want, got)
		}
	}
}

func TestRunRejectsPartialConfiguration(t *testing.T) {
	unsetEnv(t)
	t.Setenv("SPR_CLIENT_ID", "25")
	err := run(context.Background(), nil, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "SPR_PASSWORD") {
		t.Fatalf("err = %v, want the missing variables named", err)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	unsetEnv(t)
	if err := run(context.Background(), []string{"-year", "soon"}, &bytes.Buffer{}); err == nil {
		t.Fatal("a bad flag was accepted")
	}
}
