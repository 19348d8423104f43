package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyFiltering: -only runs the named systems and nothing else.
func TestOnlyFiltering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "erp.json")
	var f fakes
	res := runAdapter(t, hooks{onFake: f.hook}, "-once", "-only", "spr, GKS", "-erp", path)
	if res.code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, s := range systems {
		want := s == "spr" || s == "gks"
		if got := f.get(s) != nil; got != want {
			t.Errorf("fake for %s started: %v, want %v", s, got, want)
		}
		if got := strings.Contains(res.stdout, "\n  "+s+" "); got != want {
			t.Errorf("summary line for %s: %v, want %v\n%s", s, got, want, res.stdout)
		}
	}
	d := readERP(t, path)
	if m := material(t, d, "MAT-000104"); m.SPR == nil {
		t.Error("spr did not run")
	}
	if o := salesOrder(t, d, "SO-5001"); o.Status != OrderPlaced {
		t.Error("gks did not run")
	}
	for _, m := range d.Materials {
		if m.Sparetech != nil {
			t.Errorf("sparetech ran: %s has %+v", m.Number, m.Sparetech)
		}
	}
	if len(d.ServiceOrders) != 0 || !d.Sync.EryxonInitialSync.IsZero() {
		t.Error("servicemobility or eryxon ran")
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-once", "-only", "sap"},
		{"-interval", "0"},
		{"-once", "extra"},
	} {
		res := runAdapter(t, hooks{}, args...)
		if res.code != 2 || res.stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, res.code, res.stderr)
		}
	}
}

// TestPartialCredentials: some but not all of a system's variables set is a
// configuration mistake, reported by name; the secret values never appear.
func TestPartialCredentials(t *testing.T) {
	env := map[string]string{"SPR_CLIENT_ID": "id", "SPR_PASSWORD": "hunter2-secret"}
	res := runAdapter(t, hooks{getenv: func(k string) string { return env[k] }}, "-once", "-only", "spr", "-erp", filepath.Join(t.TempDir(), "erp.json"))
	if res.code != 1 {
		t.Fatalf("exit code %d, want 1", res.code)
	}
	for _, want := range []string{"SPR_CLIENT_SECRET", "SPR_USERNAME"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("error does not name %s: %q", want, res.stderr)
		}
	}
	if strings.Contains(res.stdout+res.stderr, "hunter2-secret") {
		t.Error("a secret was printed")
	}
}
