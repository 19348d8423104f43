package main

import (
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRunAgainstTheFake(t *testing.T) {
	t.Setenv("ERYXON_API_KEY", "")
	t.Setenv("ERYXON_BASE_URL", "")
	var out strings.Builder
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"target: in-process Eryxon fake",
		"export: 6 cells, 8 resources, 200 jobs, 600 parts, 2400 operations",
		"stage cells      done: 6 items",
		"stage operations done: 2400 items",
		"jobs       total   200  created   200  updated     0  failed     0",
		"parts      total   600  created   600  updated     0  failed     0",
		"operations total  2400  created  2400  updated     0  failed     0",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "stage cells") > strings.Index(s, "stage resources") ||
		strings.Index(s, "stage jobs") > strings.Index(s, "stage parts") ||
		strings.Index(s, "stage parts") > strings.Index(s, "stage operations") {
		t.Errorf("stages out of order:\n%s", s)
	}
}

func TestRunBadFlag(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"-nope"}, &out); err == nil {
		t.Fatal("accepted an unknown flag")
	}
}
