package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// noEnv hides the caller's environment, so a developer's real credentials
// never turn a test into a call to a real API.
func noEnv(string) string { return "" }

// fakes collects the fake servers one run starts.
type fakes struct {
	mu  sync.Mutex
	all map[string]any
}

func (f *fakes) hook(system string, srv any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.all == nil {
		f.all = map[string]any{}
	}
	f.all[system] = srv
}

func (f *fakes) get(system string) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.all[system]
}

type result struct {
	code           int
	stdout, stderr string
}

// runAdapter runs the program's main path in-process.
func runAdapter(t *testing.T, h hooks, args ...string) result {
	t.Helper()
	if h.getenv == nil {
		h.getenv = noEnv
	}
	var out, errOut bytes.Buffer
	code := runWith(context.Background(), args, &out, &errOut, h)
	return result{code, out.String(), errOut.String()}
}

func readERP(t *testing.T, path string) Data {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d Data
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("ERP file is not valid JSON: %v", err)
	}
	return d
}

func material(t *testing.T, d Data, number string) *Material {
	t.Helper()
	m := d.Material(number)
	if m == nil {
		t.Fatalf("material %s is not in the ERP", number)
	}
	return m
}

func salesOrder(t *testing.T, d Data, number string) *SalesOrder {
	t.Helper()
	for _, o := range d.SalesOrders {
		if o.Number == number {
			return o
		}
	}
	t.Fatalf("sales order %s is not in the ERP", number)
	return nil
}

func countRequests[R any](reqs []R, match func(R) bool) int {
	n := 0
	for _, r := range reqs {
		if match(r) {
			n++
		}
	}
	return n
}
